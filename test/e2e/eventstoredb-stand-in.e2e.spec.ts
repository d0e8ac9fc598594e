import { randomUUID } from 'node:crypto';
import { ANY, jsonEvent, WrongExpectedVersionError } from '@eventstore/db-client';
import { ENGINE_STREAM_PREFIXES } from '#domain/shared/record-ids';
import { esdbClientFor } from '#event-store/eventstoredb/eventstoredb-client';
import { EventStoreDbEventStore } from '#event-store/eventstoredb/eventstoredb-event-store';
import { WrongExpectedRevisionError } from '#event-store/port';
import { rebuildCommand } from '../../apps/cli/src/commands/rebuild';
import { join } from 'node:path';
import { importCommand } from '../../apps/cli/src/commands/import';
import { EventStoreDbStandIn } from '../support/eventstoredb-stand-in';
import { openTestPglite, TestDatabase } from '../support/databases';
import { startTestApi, testConfig, TestApi } from '../support/test-engine';

/**
 * The engine on the EventStoreDB adapter, over the client's in-process STAND-IN (no server can
 * run here): the projector, processes, a rebuild and the audit chain's verification read a log
 * that pages inclusively, holds the server's own events and another application's.
 */
const WORK_PLAN = join(__dirname, '..', 'fixtures', 'import', 'work-plan-2017-18.csv');

describe('the engine on the EventStoreDB adapter (client stand-in)', () => {
  let database: TestDatabase;
  let server: EventStoreDbStandIn;
  let api: TestApi;
  const auth = () => ({ Authorization: `Bearer ${api.token('sam.secretary', 'secretary')}` });
  const eventLog = () => ({
    store: new EventStoreDbEventStore(server, { ownStreams: ENGINE_STREAM_PREFIXES }),
    kind: 'eventstoredb' as const,
  });

  beforeAll(async () => {
    database = await openTestPglite();
    server = new EventStoreDbStandIn();
    api = await startTestApi('pglite', database, undefined, undefined, {}, eventLog());
  });
  afterAll(async () => {
    await api?.stop();
    await database?.dispose();
  });

  it('keeps the register and the audit trail, passes over another application’s events, and rebuilds', async () => {
    await server.foreign('otherapp-orders', 25); // not ours: no body, no projection may see it
    for (let n = 0; n < 12; n++) {
      const { id } = (
        await api
          .http()
          .post('/api/actions')
          .set(auth())
          .send({
            ref: `ES${n}`,
            plan: 'Stand-in plan',
            title: `Action ${n}`,
            leadOfficers: ['CR'],
            dueDate: 'Mar-27',
          })
          .expect(201)
      ).body;
      await api
        .http()
        .post(`/api/actions/${id}/status`)
        .set(auth())
        .send({ status: 'AMBER', commentary: 'At risk.', expectedVersion: 1 })
        .expect(200);
      if (n % 4 === 0) await server.foreign('otherapp-orders', 10);
    }
    const register = async () =>
      (await api.http().get('/api/actions?plan=Stand-in%20plan&limit=100').set(auth()).expect(200)).body
        .items;
    expect((await register()).map((action: { status: string }) => action.status)).toEqual(
      Array.from({ length: 12 }, () => 'AMBER'),
    );
    const verified = await api.http().get('/api/audit/verify').set(auth()).expect(200);
    expect(verified.body).toMatchObject({ verified: true, entriesChecked: 25 });
    expect(verified.body.store).toBeNull(); // EventStoreDB keeps no chain of its own
    const first = (await register())[0] as { id: string };
    const pack = await api.http().get(`/api/actions/${first.id}/evidence`).set(auth()).expect(200);
    expect(pack.body).toMatchObject({ eventsHold: true, verification: { verified: true, store: null } });
    expect(pack.body.events.map((event: { type: string; holds: null }) => [event.type, event.holds])).toEqual(
      [
        ['ActionCreated', null],
        ['ActionStatusSet', null],
      ],
    );
    expect((await api.http().get('/api/health').expect(200)).body).toMatchObject({ status: 'ok' });
    expect(server.openReads).toBe(0);

    // A rebuild replays the same log into fresh read models, with the same answers.
    const before = await register();
    await api.stop();
    const report = await rebuildCommand(testConfig({}), {
      db: database.db,
      eventLog: eventLog(),
    });
    expect(report).toMatch(/^rebuilt \d+ tables of every projection/);
    api = await startTestApi('pglite', database, undefined, undefined, {}, eventLog());
    expect(await register()).toEqual(before);
    expect(server.openReads).toBe(0);
  });

  it('refuses to start on another event store than the read models were built from', async () => {
    await expect(startTestApi('pglite', database)).rejects.toThrow(
      /built from the eventstoredb event store, but the engine is now configured for postgres/,
    );
  });

  it('takes an append the server refused without throwing as a concurrency conflict', async () => {
    const lenient = new EventStoreDbEventStore(new EventStoreDbStandIn({ throwOnAppendFailure: false }));
    const event = () => ({
      id: randomUUID(),
      type: 'ThingHappened',
      schemaVersion: 1,
      data: {},
      metadata: { actor: 't', bodyId: 'b', recordedAt: new Date().toISOString() },
    });
    await lenient.append('body-x', [event()], 'no_stream');
    await expect(lenient.append('body-x', [event()], 'no_stream')).rejects.toBeInstanceOf(
      WrongExpectedRevisionError,
    );
    // The strict stand-in throws the client's own error, which the adapter maps the same way.
    const strict = new EventStoreDbStandIn();
    const raw = () => [jsonEvent({ type: 'ThingHappened', data: {} })];
    await strict.appendToStream('body-y', raw(), { expectedRevision: ANY });
    await expect(strict.appendToStream('body-y', raw(), { expectedRevision: 5n })).rejects.toBeInstanceOf(
      WrongExpectedVersionError,
    );
  });

  it('accepts kurrentdb:// connection strings as well as esdb://', async () => {
    for (const url of ['kurrentdb://localhost:2113?tls=false', 'esdb://localhost:2113?tls=false']) {
      const client = esdbClientFor(url);
      await client.dispose();
    }
    expect(() => esdbClientFor('http://localhost:2113')).toThrow();
  });

  it('imports a register one stream at a time: a refused row stops the file before anything is written', async () => {
    const run = (...args: string[]) =>
      importCommand(['actions', WORK_PLAN, '--plan', 'Stand-in plan 2017-18', ...args], testConfig(), {
        engine: api.engine,
      });
    const imported = async () =>
      (await api.engine.store.readAll({ maxCount: 100_000 })).filter((event) => event.metadata.imported);
    const whole = await run();
    expect(whole.report).toContain('nothing recorded: a row was refused');
    expect(whole.report).toContain(
      'this event store writes one stream at a time: if the import stops part way, run it again',
    );
    expect(await imported()).toEqual([]);
    const partial = await run('--partial');
    expect(partial.report).toContain('5 rows read (5 new, 0 changed, 0 unchanged), 1 refused');
    const written = (await imported()).length;
    expect(written).toBeGreaterThan(5);
    expect((await run('--partial')).report).toContain('0 new, 0 changed, 5 unchanged');
    expect((await imported()).length).toBe(written);
  });
});
