import pino from 'pino';
import { parseArgs } from 'node:util';
import { createAdmin } from '#engine/admins';
import { EngineConfig } from '#engine/config';
import { openEngine } from '#engine/engine';

export const adminUsage = `admin create --email EMAIL [--name NAME] [--body ID]
  Makes a person an admin of a body (the default body unless --body), registering them if need
  be, and prints a one-time link (valid 7 days) for them to choose a password and sign in.
  On the embedded database, stop the server first: one process at a time opens its data.`;

export async function adminCommand(args: string[], config: EngineConfig): Promise<string> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { email: { type: 'string' }, name: { type: 'string' }, body: { type: 'string' } },
  });
  if (positionals[0] !== 'create') throw new Error(`say create\n${adminUsage}`);
  if (!values.email) throw new Error(`--email is required\n${adminUsage}`);
  const engine = await openEngine(
    { ...config, remindersInProcess: false },
    { log: pino({ level: 'silent' }), runProcesses: false },
  );
  try {
    const { link } = await createAdmin(engine, {
      email: values.email,
      name: values.name ?? values.email.split('@')[0],
      bodyId: values.body ?? config.defaultBody.id,
    });
    return `${values.email} is an admin of ${values.body ?? config.defaultBody.id}.\nSign-in link (once, within 7 days): ${link}`;
  } finally {
    await engine.close();
  }
}
