import { randomUUID } from 'node:crypto';
import { NewEvent } from '#event-store/port';

/** An event of `type` no domain knows, numbered `n`, for tests of the log itself. */
export const noted = (type: string, n: number, recordedAt = new Date().toISOString()): NewEvent => ({
  id: randomUUID(),
  type,
  schemaVersion: 1,
  data: { n },
  metadata: { actor: 'tester', bodyId: 'body-a', recordedAt },
});
