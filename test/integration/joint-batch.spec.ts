import { randomUUID } from 'node:crypto';
import { applyMigrations } from '#database/migrations';
import { SqlDatabase } from '#database/sql-database';
import { LogPosition, RecordedEvent } from '#event-store/port';
import { ALL_MIGRATIONS } from '#projections';
import { storedCheckpoints } from '#projections/checkpoints';
import { applyJointly } from '#projections/joint-batch';
import { Projection } from '#projections/projection';
import { DATABASES, openTestDatabase } from '../support/test-engine';

/** A set-based read model of the notes it is handed; a note saying "fail" fails its batch. */
const notes: Projection = {
  name: 'notes',
  handles: ['NoteTaken'],
  migrations: [{ id: '9101_notes', sql: 'CREATE TABLE notes (event_id uuid PRIMARY KEY)' }],
  apply: (tx, event) => notes.applyBatch!(tx, [event]),
  async applyBatch(tx, events) {
    if (events.some((event) => (event.data as { note: string }).note === 'fail'))
      throw new Error('this note cannot be applied');
    await tx.query('INSERT INTO notes (event_id) SELECT unnest($1::uuid[])', [events.map((e) => e.id)]);
  },
};

const at = (commit: number): LogPosition => ({ commit, prepare: commit });
const noteAt = (commit: number, note = 'noted'): RecordedEvent => ({
  id: randomUUID(),
  streamId: 'note-1',
  revision: commit,
  type: 'NoteTaken',
  schemaVersion: 1,
  data: { note },
  metadata: { actor: 'tester', bodyId: 'default', recordedAt: new Date().toISOString() },
  position: at(commit),
  storedAt: new Date(),
});

describe.each(DATABASES)('a live batch applied jointly (%s)', (kind) => {
  let db: SqlDatabase;
  let dispose: () => Promise<void>;

  beforeEach(async () => {
    ({ db, dispose } = await openTestDatabase(kind));
    await applyMigrations(db, [...ALL_MIGRATIONS, ...notes.migrations]);
    await db.query(
      `INSERT INTO projection_checkpoints (projection, commit_position, prepare_position)
       VALUES ('notes', 10, 10), ('quiet process', 10, 10), ('rebuilt', 2, 2)`,
    );
  });
  afterEach(() => dispose());

  const checkpoint = async (name: string) => (await storedCheckpoints(db)).get(name);

  it('moves on, in the same transaction, a follower the batch held nothing for', async () => {
    const outcomes = await applyJointly(
      db,
      [
        { name: 'notes', projection: notes, events: [noteAt(11), noteAt(12)], from: at(10) },
        { name: 'quiet process', events: [], from: at(10) },
      ],
      at(13),
    );
    expect(outcomes.get('quiet process')).toEqual({ reached: at(13), parked: [] });
    expect(await checkpoint('notes')).toEqual(at(13));
    expect(await checkpoint('quiet process')).toEqual(at(13));
    expect(await db.query('SELECT event_id FROM notes')).toHaveLength(2);
  });

  it('does not jump a follower whose checkpoint a rebuild moved back past the stretch it skipped', async () => {
    const outcomes = await applyJointly(
      db,
      [
        { name: 'notes', projection: notes, events: [noteAt(11)], from: at(10) },
        { name: 'rebuilt', events: [], from: at(10) },
      ],
      at(11),
    );
    // It reads again from where the rebuild put it, rather than skip 3 to 10.
    expect(outcomes.get('rebuilt')).toEqual({ reached: at(2), parked: [] });
    expect(await checkpoint('rebuilt')).toEqual(at(2));
  });

  it('moves nothing when a read model fails, so that each can be applied apart', async () => {
    await expect(
      applyJointly(
        db,
        [
          { name: 'notes', projection: notes, events: [noteAt(11, 'fail')], from: at(10) },
          { name: 'quiet process', events: [], from: at(10) },
        ],
        at(11),
      ),
    ).rejects.toThrow('this note cannot be applied');
    expect(await checkpoint('notes')).toEqual(at(10));
    expect(await checkpoint('quiet process')).toEqual(at(10));
  });
});
