import { randomUUID } from 'node:crypto';
import { PostgresEventStore } from '#event-store/postgres/postgres-event-store';
import { BOARD_AND_MEETING_PEOPLE, PROVISIONAL_MEETINGS } from '#projections/boards/boards.projection';
import { startTestApi, TestApi } from '../support/test-engine';

/**
 * A board and a meeting recorded before members, attendance and declarations named people
 * (their events at schema version 1, and read-model states stored in the shape of then) must read,
 * count and change as those recorded today do, with no one identified.
 */
describe('board and meeting records from before the directory', () => {
  let api: TestApi;
  let auth: { Authorization: string };
  const boardId = randomUUID();
  const meetingId = randomUUID();

  beforeAll(async () => {
    api = await startTestApi('pglite');
    auth = { Authorization: `Bearer ${api.token('sam.secretary', 'secretary')}` };
    const store = new PostgresEventStore(api.engine.db);
    const metadata = { actor: 'sam.secretary', bodyId: 'default', recordedAt: '2015-06-01T09:00:00.000Z' };
    const event = (type: string, data: object) => ({
      id: randomUUID(),
      type,
      schemaVersion: 1,
      metadata,
      data,
    });
    await store.append(
      `board-${boardId}`,
      [
        event('BoardEstablished', {
          bodyId: 'default',
          name: 'Police and Crime Panel',
          code: 'PCP',
          members: [
            { name: 'Mr. J. T. Orson', role: 'Chairman' },
            { name: 'Cllr. Begy', role: 'Member' },
          ],
          cadence: null,
          actionLogPlan: 'Police and Crime Panel action log',
          firstMinuteNumber: 1,
        }),
      ],
      'no_stream',
    );
    const itemId = randomUUID();
    const { position } = await store.append(
      `meeting-${meetingId}`,
      [
        event('MeetingScheduled', {
          bodyId: 'default',
          boardId,
          date: '2015-06-25',
          time: null,
          place: 'County Hall',
          access: 'public',
        }),
        event('AgendaItemAdded', {
          itemId,
          title: 'Budget.',
          reportAuthor: null,
          questions: [],
          responseForm: null,
          linkedActionIds: [],
          linkedDecisionIds: [],
          assuranceMatterId: null,
          exemption: null,
        }),
        event('AttendanceRecorded', {
          chair: 'Mr. J. T. Orson',
          present: [],
          apologies: ['Cllr. Begy'],
          inAttendance: [],
        }),
        event('InterestDeclared', { member: 'Cllr. Begy', itemId, nature: 'a personal interest' }),
        event('MeetingHeld', { heldOn: '2015-06-25', startTime: null, endTime: null }),
      ],
      'no_stream',
    );
    await api.engine.projector.waitFor(position);
  });
  afterAll(() => api?.close());

  const get = async (path: string) => (await api.http().get(`/api${path}`).set(auth).expect(200)).body;

  it('reads members, attendance and declarations with no one identified, and counts them', async () => {
    expect((await get(`/boards/${boardId}`)).members).toEqual([
      { name: 'Mr. J. T. Orson', role: 'Chairman', personId: null },
      { name: 'Cllr. Begy', role: 'Member', personId: null },
    ]);
    const attendance = await get(`/boards/${boardId}/attendance`);
    expect(
      attendance.lines.map((l: { present: number; apologies: number }) => [l.present, l.apologies]),
    ).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect((await get('/interests')).items).toEqual([
      expect.objectContaining({ member: 'Cllr. Begy', memberPersonId: null, nature: 'a personal interest' }),
    ]);
  });

  it('brings states stored in the old shape to the new one, and changes nothing run twice', async () => {
    const stateOf = async () =>
      (
        await api.engine.db.query<{ board: object; meeting: object }>(
          `SELECT b.state AS board, m.state AS meeting FROM boards b JOIN meetings m ON m.board_id = b.board_id
            WHERE b.board_id = $1`,
          [boardId],
        )
      )[0];
    const current = await stateOf();
    // As an engine before v2 projected them: no person fields anywhere.
    await api.engine.db.query(
      `UPDATE boards SET state = jsonb_set(state, '{members}', '[{"name": "Mr. J. T. Orson", "role": "Chairman"},
                                                              {"name": "Cllr. Begy", "role": "Member"}]')
        WHERE board_id = $1`,
      [boardId],
    );
    await api.engine.db.query(
      `UPDATE meetings SET state = jsonb_set(jsonb_set(jsonb_set(state - 'provisional', '{attendance}', (state->'attendance') - 'people'),
                                                       '{declarations,0}', (state->'declarations'->0) - 'memberPersonId'),
                                             '{items,0,decisions}', '[{"decisionMaker": "PCC"}]')
        WHERE meeting_id = $1`,
      [meetingId],
    );
    expect(await stateOf()).not.toEqual(current);
    await api.engine.db.execScript(BOARD_AND_MEETING_PEOPLE);
    await api.engine.db.execScript(PROVISIONAL_MEETINGS);
    const migrated = await stateOf();
    expect(migrated.meeting).toMatchObject({ provisional: false });
    expect(migrated.meeting).toMatchObject({
      items: [{ decisions: [{ decisionMaker: 'PCC', decisionMakerPersonId: null }] }],
    });
    await api.engine.db.execScript(BOARD_AND_MEETING_PEOPLE);
    await api.engine.db.execScript(PROVISIONAL_MEETINGS);
    expect(await stateOf()).toEqual(migrated);
    const { items: _items, ...meeting } = migrated.meeting as { items: unknown };
    const { items: _currentItems, ...currentMeeting } = current.meeting as { items: unknown };
    expect({ board: migrated.board, meeting }).toEqual({ board: current.board, meeting: currentMeeting });
  });
});
