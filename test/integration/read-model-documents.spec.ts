import { randomUUID } from 'node:crypto';
import { applyMigrations } from '#database/migrations';
import { boardDecider } from '#domain/board/board.decider';
import { decisionDecider } from '#domain/decision/decision.decider';
import { DEFAULT_STATUTORY_PERIODS } from '#domain/decision/statutory-clock';
import { meetingDecider } from '#domain/meeting/meeting.decider';
import { Decider, DomainEvent } from '#domain/shared/event';
import { meetingHistory } from '#domain/testing/meeting-history';
import { boardStream, decisionStream, meetingStream } from '#domain/shared/record-ids';
import { RecordedEvent } from '#event-store/port';
import { ALL_MIGRATIONS } from '#projections';
import { boardsProjection } from '#projections/boards/boards.projection';
import { decisionsProjection } from '#projections/decisions/decisions.projection';
import { DATABASES, migratedDatabase } from '../support/test-engine';

let position = 0;

/** The events a decider records for `commands`, as the log hands them to projections. */
function recorded<C, E extends DomainEvent, S>(
  decider: Decider<C, E, S>,
  streamId: string,
  commands: C[],
): RecordedEvent[] {
  let state = decider.initialState();
  const events: RecordedEvent[] = [];
  for (const command of commands)
    for (const event of decider.decide(command, state)) {
      const id = randomUUID();
      state = decider.evolve(state, { ...event, id });
      position += 1;
      events.push({
        ...event,
        id,
        streamId,
        revision: events.length,
        metadata: { actor: 'tester', bodyId: 'default', recordedAt: new Date().toISOString() },
        position: { commit: position, prepare: position },
        storedAt: new Date(),
      });
    }
  return events;
}

describe.each(DATABASES)('read models store documents, not the deciders’ states (%s)', (kind) => {
  const db = migratedDatabase(kind, ALL_MIGRATIONS);

  const storedKeys = async (table: string) =>
    (
      await db().query<{ keys: string[] }>(
        `SELECT array(SELECT jsonb_object_keys(state)) AS keys FROM ${table}`,
      )
    )
      .map((row) => row.keys)
      .flat();

  it('stores a board’s and a meeting’s document, and folds on from it in a later batch', async () => {
    const boardId = randomUUID();
    const board = recorded(boardDecider, boardStream(boardId), [
      {
        type: 'EstablishBoard',
        bodyId: 'default',
        name: 'Strategic Assurance Board',
        code: 'SAB',
        members: [],
        cadence: null,
        firstMinuteNumber: 1,
      },
    ]);
    const meeting = recorded(meetingDecider, meetingStream(randomUUID()), [
      {
        type: 'ScheduleMeeting',
        bodyId: 'default',
        boardId,
        date: '2026-05-01',
        time: '10:00',
        place: 'HQ',
        access: 'public',
      },
      meetingHistory.addItem('minutes'),
      meetingHistory.addItem('finance'),
    ]);
    // The meeting's last item comes in a batch of its own: folded on from the stored document.
    await db().transaction((tx) => boardsProjection.applyBatch!(tx, [...board, ...meeting.slice(0, 2)]));
    await db().transaction((tx) => boardsProjection.applyBatch!(tx, meeting.slice(2)));

    expect(await storedKeys('boards')).not.toContain('exists');
    expect(await storedKeys('boards')).not.toContain('bodyId');
    expect(await storedKeys('meetings')).not.toContain('bodyId');
    const [row] = await db().query<{ body_id: string; version: number; items: string[] }>(
      `SELECT body_id, version, array(SELECT i->>'title' FROM jsonb_array_elements(state->'items') i) AS items
         FROM meetings`,
    );
    expect(row).toEqual({ body_id: 'default', version: 3, items: ['Item minutes', 'Item finance'] });
  });

  it('stores a decision’s document, in its row and in every version of its history', async () => {
    const decision = recorded(decisionDecider, decisionStream(randomUUID()), [
      {
        type: 'ProposeDecision',
        bodyId: 'default',
        subject: 'Contract award',
        decisionMaker: 'Police and Crime Commissioner',
        expectedOn: '2026-05-01',
        keyDecision: false,
        significantPublicInterest: false,
        documents: [],
      },
      {
        type: 'TakeDecision',
        periods: DEFAULT_STATUTORY_PERIODS,
        decisionText: 'Awarded.',
        reasons: 'Best value.',
        alternativesRejected: [],
        conflictsOfInterest: [],
        dispensations: [],
        takenOn: '2026-05-01',
        decidedBy: 'PCC',
      },
    ]);
    await db().transaction((tx) => decisionsProjection.applyBatch!(tx, decision.slice(0, 1)));
    await db().transaction((tx) => decisionsProjection.applyBatch!(tx, decision.slice(1)));

    expect(await storedKeys('decisions')).not.toContain('bodyId');
    expect(await storedKeys('decision_history')).not.toContain('bodyId');
    const [row] = await db().query<{ stage: string; subject: string; body_id: string }>(
      `SELECT state->>'stage' AS stage, state->>'subject' AS subject, body_id FROM decisions`,
    );
    expect(row).toEqual({ stage: 'taken', subject: 'Contract award', body_id: 'default' });
  });

  it('strips the deciders’ own fields from rows stored before documents, when the engine migrates', async () => {
    // As before the migrations to documents: they have not run, and rows hold the states.
    await db().query(
      "DELETE FROM schema_migrations WHERE id IN ('0126_board_and_meeting_documents', '0127_decision_documents')",
    );
    for (const table of ['boards', 'meetings', 'decisions', 'decision_history'])
      await db().query(`DELETE FROM ${table}`);
    const [boardId, meetingId, decisionId] = [randomUUID(), randomUUID(), randomUUID()];
    await db().query(
      `INSERT INTO boards (board_id, body_id, name, state, version, updated_at)
       VALUES ($1, 'default', 'Panel', '{"name": "Panel", "exists": true, "bodyId": "default"}', 1, now())`,
      [boardId],
    );
    await db().query(
      `INSERT INTO meetings (meeting_id, body_id, board_id, date, stage, state, version, updated_at)
       VALUES ($1, 'default', $2, '2026-05-01', 'scheduled', '{"date": "2026-05-01", "bodyId": "default"}', 1, now())`,
      [meetingId, boardId],
    );
    await db().query(
      `INSERT INTO decisions (decision_id, body_id, stage, key_decision, significant_public_interest, exempt, state,
         search_text, public_search_text, version, updated_at)
       VALUES ($1, 'default', 'proposed', false, false, false, '{"subject": "Award", "bodyId": "default"}', '', '', 1,
         now())`,
      [decisionId],
    );
    await applyMigrations(db(), ALL_MIGRATIONS);
    const [rows] = await db().query<{ board: object; meeting: object; decision: object }>(
      `SELECT (SELECT state FROM boards) AS board, (SELECT state FROM meetings) AS meeting,
              (SELECT state FROM decisions) AS decision`,
    );
    expect(rows).toEqual({
      board: { name: 'Panel' },
      meeting: { date: '2026-05-01' },
      decision: { subject: 'Award' },
    });
  });
});
