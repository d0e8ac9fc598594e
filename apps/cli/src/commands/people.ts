import pino from 'pino';
import { parseArgs } from 'node:util';
import { CommandGateway } from '#application/command-gateway';
import { systemContext } from '#application/command-handling';
import { moveContactsToDirectory } from '#application/contacts-to-directory';
import { EngineConfig } from '#engine/config';
import { openEngine } from '#engine/engine';

export const peopleUsage = `people import-contacts [--body ID]
  Moves the body's reminder contact list into the directory: each contact with an email becomes a
  person (an officer of the body), the list's managers their managers, and open actions whose
  lead is written as a person's name or email are identified as that person. Safe to run again.`;

export async function peopleCommand(args: string[], config: EngineConfig): Promise<string> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { body: { type: 'string' } },
  });
  if (positionals[0] !== 'import-contacts') throw new Error(`say import-contacts\n${peopleUsage}`);
  const bodyId = values.body ?? config.defaultBody.id;
  const engine = await openEngine(
    { ...config, remindersInProcess: false },
    { log: pino({ level: 'silent' }), runProcesses: false },
  );
  try {
    // Each step waits for the directory to show it: the next reads it.
    const gateway = new CommandGateway(engine.store, async (position) => {
      if (position) await engine.projector.waitFor(position);
    });
    const moved = await moveContactsToDirectory(
      gateway,
      engine.store,
      engine.db,
      bodyId,
      systemContext('ImportContacts', engine.clock()),
    );
    const names = (list: string[]) => (list.length > 0 ? list.join(', ') : 'none');
    return [
      `Contacts of ${bodyId} in the directory:`,
      `  registered as officers: ${names(moved.registered)}`,
      `  already people: ${names(moved.alreadyThere)}`,
      `  without an email, left on the list: ${names(moved.withoutEmail)}`,
      `  managers set: ${names(moved.managersSet)}`,
      `Open actions whose leads are now people: ${moved.actionsMatched}` +
        (moved.actionsSkipped > 0 ? ` (${moved.actionsSkipped} changed meanwhile: run it again)` : ''),
    ].join('\n');
  } finally {
    await engine.close();
  }
}
