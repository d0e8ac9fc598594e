import pino from 'pino';
import { Writable } from 'node:stream';
import { EventStore } from '#event-store/port';
import { awaitEventStore } from './event-log';

describe('starting on an event store that is not up yet', () => {
  it('tries again with growing pauses, saying so in the log, until it answers', async () => {
    let failures = 3;
    const store = {
      check: async () => {
        if (failures-- > 0) throw new Error('connect ECONNREFUSED 127.0.0.1:2113');
      },
    } as unknown as EventStore;
    const lines: { msg: string; retryInMs?: number }[] = [];
    const log = pino(
      { level: 'info' },
      new Writable({
        write(chunk, _encoding, done) {
          lines.push(JSON.parse(String(chunk)));
          done();
        },
      }),
    );
    const pauses: number[] = [];
    await awaitEventStore(store, 'eventstoredb', log, async (ms) => {
      pauses.push(ms);
    });
    expect(pauses).toEqual([1000, 2000, 4000]);
    expect(lines.map((line) => line.msg)).toEqual([
      'the eventstoredb event store does not answer; trying again in 1 s',
      'the eventstoredb event store does not answer; trying again in 2 s',
      'the eventstoredb event store does not answer; trying again in 4 s',
      'event store answers; starting',
    ]);
  });
});
