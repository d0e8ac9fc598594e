import { CommandGateway } from '#application/command-gateway';
import { CommandContext } from '#application/command-handling';
import { BODY } from '#domain/body/body.aggregate';
import { BodyCommand } from '#domain/body/body.commands';
import { LogPosition } from '#event-store/port';
import { PostgresEventStore } from '#event-store/postgres/postgres-event-store';
import { openTestPglite, TestDatabase } from '../support/databases';

const context = (bodies: string[] | 'all' = 'all'): CommandContext => ({
  actor: 'sam.secretary',
  actorRole: 'admin',
  bodies,
  command: 'test',
  recordedAt: new Date('2026-10-10T09:00:00Z'),
});

describe('the command gateway', () => {
  let database: TestDatabase;
  let gateway: CommandGateway;
  const waitedFor: (LogPosition | null)[] = [];

  beforeAll(async () => {
    database = await openTestPglite();
    gateway = new CommandGateway(new PostgresEventStore(database.db), async (position) => {
      waitedFor.push(position);
    });
  });
  afterAll(() => database?.dispose());

  it('runs a command of any registered aggregate on the stream its id names, and waits for the read models', async () => {
    const registered = await gateway.execute(BODY, {
      id: 'gateway-body',
      context: context(),
      command: { type: 'RegisterBody', bodyId: 'gateway-body', name: 'Gateway Panel' },
    });
    expect(registered).toMatchObject({ id: 'gateway-body', version: 1, state: { name: 'Gateway Panel' } });
    expect(waitedFor.at(-1)).toEqual(registered.position);
    const stored = await new PostgresEventStore(database.db).readStream('body-gateway-body');
    expect(stored.map((event) => [event.type, event.metadata.actor])).toEqual([
      ['BodyRegistered', 'sam.secretary'],
    ]);
  });

  it('completes a command from the current state, and skips the wait when a later step will wait', async () => {
    const before = waitedFor.length;
    const changed = await gateway.execute(BODY, {
      id: 'gateway-body',
      context: context(),
      expectedVersion: 1,
      awaitReadModels: false,
      command: async (body): Promise<BodyCommand> => ({
        type: 'ChangeBodySettings',
        change: { yearStartMonth: body.exists ? 1 : 4 },
      }),
    });
    expect(changed.version).toBe(2);
    expect(changed.state.settings.yearStartMonth).toBe(1);
    expect(waitedFor).toHaveLength(before);
  });

  it('answers a record of a body the actor does not act for as one that does not exist', async () => {
    await expect(
      gateway.execute(BODY, {
        id: 'gateway-body',
        context: context(['another-body']),
        command: { type: 'ChangeBodySettings', change: { yearStartMonth: 4 } },
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', kind: 'not_found' });
  });

  it('refuses a stale version, naming the version it found, and writes nothing', async () => {
    await expect(
      gateway.execute(BODY, {
        id: 'gateway-body',
        context: context(),
        expectedVersion: 1,
        command: { type: 'ChangeBodySettings', change: { yearStartMonth: 7 } },
      }),
    ).rejects.toMatchObject({ name: 'StaleVersionError', expectedVersion: 1, actualVersion: 2 });
    expect(await new PostgresEventStore(database.db).readStream('body-gateway-body')).toHaveLength(2);
  });
});
