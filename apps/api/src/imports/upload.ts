import busboy from 'busboy';
import { Request } from 'express';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { RequestRefusal, unstorableText } from '../http/request-guards';

/** A file received into a directory of its own, and the form's other fields. */
export interface Upload {
  readonly path: string;
  /** The file's name as the sender gave it (no directories). */
  readonly name: string;
  readonly fields: Readonly<Record<string, string[]>>;
  /** Removes the file and its directory: call it whatever happens. */
  readonly discard: () => Promise<void>;
}

const FIELD_LIMITS = { fields: 50, fieldSize: 4096, parts: 60 } as const;

/**
 * Receives one file of a multipart/form-data request onto disk as it arrives (never whole in
 * memory), refusing with 413 the moment it passes `maxBytes`, and 400 for a request that is not a
 * form with one file. Parsed only inside a route, so only after the caller's token is checked.
 */
export async function receiveUpload(request: Request, maxBytes: number, fileField = 'file'): Promise<Upload> {
  if (!request.is('multipart/form-data'))
    throw new RequestRefusal(415, `send the file as multipart/form-data, in a field named "${fileField}"`);
  const directory = await mkdtemp(join(tmpdir(), 'governance-upload-'));
  const discard = () => rm(directory, { recursive: true, force: true });
  try {
    return await new Promise<Upload>((resolve, reject) => {
      const fields: Record<string, string[]> = {};
      let received: Promise<{ path: string; name: string }> | null = null;
      let parser: busboy.Busboy;
      try {
        parser = busboy({
          headers: request.headers,
          limits: { ...FIELD_LIMITS, files: 1, fileSize: maxBytes },
        });
      } catch (error) {
        return reject(new RequestRefusal(400, `the form cannot be read: ${(error as Error).message}`));
      }
      parser.on('field', (name, value) => {
        const problem = unstorableText(value) ?? unstorableText(name);
        if (problem) return reject(new RequestRefusal(400, `the form field ${name} ${problem}`, name));
        (fields[name] ??= []).push(value);
      });
      parser.on('file', (name, stream, info) => {
        if (name !== fileField) {
          stream.resume();
          return reject(
            new RequestRefusal(400, `the file is in a field named "${name}"; name it "${fileField}"`),
          );
        }
        const fileName = basename(info.filename ?? '').replace(/[^\w .()-]/g, '_') || 'upload';
        const path = join(directory, fileName);
        stream.on('limit', () =>
          reject(
            new RequestRefusal(
              413,
              `${fileName} is larger than an import takes (${maxBytes} bytes, IMPORT_MAX_BYTES)`,
              fileField,
            ),
          ),
        );
        received = pipeline(stream, createWriteStream(path)).then(() => ({ path, name: fileName }));
        received.catch(reject);
      });
      parser.on('filesLimit', () => reject(new RequestRefusal(400, 'send one file at a time')));
      parser.on('fieldsLimit', () =>
        reject(new RequestRefusal(400, `a form takes at most ${FIELD_LIMITS.fields} fields`)),
      );
      parser.on('error', (error) =>
        reject(new RequestRefusal(400, `the form cannot be read: ${(error as Error).message}`)),
      );
      parser.on('close', () => {
        if (!received)
          return reject(
            new RequestRefusal(400, `no file was sent: attach it in a field named "${fileField}"`, fileField),
          );
        received.then((file) => resolve({ ...file, fields, discard }), reject);
      });
      request.pipe(parser);
    });
  } catch (error) {
    await discard();
    throw error;
  }
}
