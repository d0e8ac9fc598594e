import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Upload } from './upload';

/** Where a file waits between its preview and its import: the machine's temporary directory. */
const KEPT = join(tmpdir(), 'governance-imports');
/** A preview left this long is not imported from: the file is gone and must be uploaded again. */
const KEPT_FOR_MS = 60 * 60 * 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Owner {
  readonly personId: string;
  readonly bodyId: string;
}

/**
 * Keeps an uploaded file for the person who previewed it, so that confirming the import does not
 * ask for the file again; files older than an hour are swept away as another is kept.
 */
export async function keepUpload(upload: Upload, owner: Owner, now: Date): Promise<string> {
  await sweep();
  const id = randomUUID();
  const directory = join(KEPT, id);
  await mkdir(directory, { recursive: true });
  await rename(upload.path, join(directory, upload.name));
  await writeFile(
    join(directory, 'owner.json'),
    JSON.stringify({ ...owner, name: upload.name, keptAt: now.getTime() }),
  );
  return id;
}

/** The kept file, only for the person and body that kept it, within the hour; null otherwise. */
export async function keptUpload(
  id: string,
  owner: Owner,
  now: Date,
): Promise<{ path: string; name: string } | null> {
  if (!UUID.test(id)) return null;
  try {
    const kept = JSON.parse(await readFile(join(KEPT, id, 'owner.json'), 'utf8')) as Owner & {
      name: string;
      keptAt: number;
    };
    if (kept.personId !== owner.personId || kept.bodyId !== owner.bodyId) return null;
    if (now.getTime() - kept.keptAt > KEPT_FOR_MS) return null;
    return { path: join(KEPT, id, kept.name), name: kept.name };
  } catch {
    return null;
  }
}

export async function discardKept(id: string): Promise<void> {
  if (UUID.test(id)) await rm(join(KEPT, id), { recursive: true, force: true });
}

/** By the files' own age on disk (the engine's clock may be set elsewhere, as in tests). */
async function sweep(): Promise<void> {
  const ids = await readdir(KEPT).catch(() => [] as string[]);
  for (const id of ids) {
    const { mtimeMs } = await stat(join(KEPT, id)).catch(() => ({ mtimeMs: Date.now() }));
    if (Date.now() - mtimeMs > KEPT_FOR_MS) await rm(join(KEPT, id), { recursive: true, force: true });
  }
}
