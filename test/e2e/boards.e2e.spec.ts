import { boardsProjection } from '#projections/boards/boards.projection';
import { remindersProjection } from '#projections/reminders/reminders.projection';
import { expectRebuildsAsLive } from '../support/rebuilt-tables';
import { DATABASES, startTestApi, TestApi } from '../support/test-engine';

/** The Police and Crime Panel meeting of 17 July 2015, from seed 002_70faacd6aadf61ef.txt. */
const PANEL = 'Leicester, Leicestershire and Rutland Police and Crime Panel';
const CHAIR = 'Mr. J. T. Orson JP CC';
const PRESENT = [
  'Cllr. Roger Begy, OBE',
  'Cllr. John Boyce',
  'Cllr. Lee Breckon',
  'Mrs. Helen Carter',
  'Cllr. Ratilal Govind',
  'Cllr. Malise Graham',
  'Cllr. Jonathan Morgan',
  "Cllr. Ozzy O'Shea",
  'Cllr. Rosita Page',
  'Cllr. Trevor Pendleton',
  'Cllr. Manjula Sood, MBE',
];
const APOLOGIES = ['Col. Robert Martin OBE, DL', 'Cllr. Kirk Master', 'Cllr. Lynn Senior'];
const IN_ATTENDANCE = [
  'Sir Clive Loader, Police and Crime Commissioner',
  'Roger Bannister, Assistant Chief Constable',
  'Paul Stock, Chief Executive (OPCC)',
  'Helen King, Chief Finance Officer (OPCC)',
];
const JULY_ITEMS = [
  "Chairman's Announcement.",
  'Minutes.',
  'Public Question Time.',
  'Urgent Items.',
  'Declarations of Interest.',
  "PCC's Annual Report 2014/15.",
  'Ethics, Integrity and Complaints Committee.',
  'Medium Term Financial Strategy - Update.',
  'Date of next meeting.',
];
const MTFS_UPDATE =
  "That a further update on the MTFS position be reported to the Panel's meeting in September.";

describe.each(DATABASES)('board meetings and their outcomes (%s)', (kind) => {
  let api: TestApi;
  let secretary: string;
  let auditor: string;
  let boardId: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const post = async (path: string, body: object, status = 200, headers: Record<string, string> = {}) => {
    const response = await api.http().post(`/api${path}`).set(auth(secretary)).set(headers).send(body);
    expect({ path, status: response.status, body: response.body }).toMatchObject({ path, status });
    return response.body;
  };
  const get = async (path: string) =>
    (await api.http().get(`/api${path}`).set(auth(auditor)).expect(200)).body;
  const versionOf = async (meetingId: string) =>
    (await get(`/boards/${boardId}/meetings/${meetingId}`)).version as number;
  const meetingStep = async (meetingId: string, step: string, body: object = {}, status = 200) =>
    post(
      `/boards/${boardId}/meetings/${meetingId}/${step}`,
      { expectedVersion: await versionOf(meetingId), ...body },
      status,
    );

  const scheduleMeeting = async (date: string, time: string, place: string, access = 'public') =>
    (await post(`/boards/${boardId}/meetings`, { date, time, place, access }, 201)).id as string;
  const addItems = async (meetingId: string, titles: string[]) => {
    const ids: string[] = [];
    for (const title of titles) {
      const author = /Report|Committee|Strategy/.test(title) ? 'Police and Crime Commissioner' : undefined;
      ids.push((await meetingStep(meetingId, 'agenda-items', { title, reportAuthor: author })).itemId);
    }
    return ids;
  };
  const noted = (text: string, narrative: string[] = []) => ({ narrative, outcome: { kind: 'noted', text } });

  let june: string;
  let july: string;
  let september: string;
  let julyItems: string[];

  beforeAll(async () => {
    api = await startTestApi(kind);
    secretary = api.token('sam.weston', 'secretary');
    auditor = api.token('ada.auditor', 'auditor');
    boardId = (
      await post(
        '/boards',
        {
          name: PANEL,
          code: 'PCP',
          members: [
            { name: CHAIR, role: 'Chairman' },
            ...[...PRESENT, ...APOLOGIES].map((name) => ({ name, role: 'Member' })),
          ],
          firstMinuteNumber: 140,
        },
        201,
      )
    ).id;

    // 25 June 2015: minutes 140-144, approved at the July meeting (minute 146).
    june = await scheduleMeeting('2015-06-25', '13:00', 'County Hall, Glenfield');
    const juneItems = await addItems(june, [
      'Minutes.',
      'Public Question Time.',
      'Urgent Items.',
      'Declarations of Interest.',
      'Appointment of an Acting Commissioner.',
    ]);
    await meetingStep(june, 'holding', { on: '2015-06-25' });
    for (const itemId of juneItems)
      await meetingStep(june, `agenda-items/${itemId}/outcome`, noted('Noted.'));
    await meetingStep(june, 'minutes-draft', { on: '2015-06-30' });

    july = await scheduleMeeting('2015-07-17', '12:30', 'County Hall, Glenfield');
    september = await scheduleMeeting(
      '2015-09-16',
      '13:00',
      'Sparkenhoe Committee Room, County Hall, Glenfield',
    );
    julyItems = await addItems(july, JULY_ITEMS);
  });
  afterAll(() => api?.close());

  it('reproduces the meeting of 17 July 2015: attendance, declarations, minutes 145-153 and their outcomes', async () => {
    await meetingStep(july, 'attendance', {
      chair: CHAIR,
      present: PRESENT,
      apologies: APOLOGIES,
      inAttendance: IN_ATTENDANCE,
    });
    const [announcement, minutes, questions, urgent, declarations, annualReport, ethics, mtfs, nextMeeting] =
      julyItems;
    await meetingStep(july, 'declarations', {
      member: "Cllr. O. O' Shea",
      nature:
        'a personal interest in respect of all substantive items as a civilian at Leicestershire Police',
    });
    await meetingStep(july, 'declarations', {
      member: 'Cllr. M. Sood',
      nature:
        "a personal interest in respect of all substantive items as a member of the Police's Independent Advisory Panel, as the Chairman of the Leicester Council of Faiths and a member of the Bishop's Faith Forum",
    });
    await meetingStep(july, 'declarations', {
      member: 'Cllr. M. Graham',
      itemId: annualReport,
      nature:
        'a personal interest in respect of item 5 ("PCC\'s Annual Report 2014/15") as he had made a contribution to the Report as Chairman of Melton\'s Community Safety Partnership',
    });
    await meetingStep(july, 'holding', { on: '2015-07-17', startTime: '12:30', endTime: '14:15' });

    const held = await get(`/boards/${boardId}/meetings/${july}`);
    expect(held.items.map((i: { minuteNumber: number }) => i.minuteNumber)).toEqual([
      145, 146, 147, 148, 149, 150, 151, 152, 153,
    ]);

    const outcome = (itemId: string, body: object) =>
      meetingStep(july, `agenda-items/${itemId}/outcome`, body);
    await outcome(
      announcement,
      noted(
        'The Commissioner informed the Panel that he did not intend to stand at the Police and Crime Commissioner elections in May 2016.',
        ["Prior to commencing the Panel's business, the Chairman read out a statement."],
      ),
    );
    await outcome(
      minutes,
      noted('The minutes of the meeting held on 25 June were taken as read, confirmed and signed.'),
    );
    await outcome(questions, noted('No public questions had been received.'));
    await outcome(urgent, noted('There were no urgent items for consideration.'));
    await outcome(
      declarations,
      noted(
        'The Chairman invited members who wished to do so to declare any interest in respect of items on the agenda for the meeting.',
      ),
    );
    await outcome(annualReport, {
      narrative: [
        'The Panel considered a report of the Police and Crime Commissioner concerning his Annual Report covering the period 1 April 2014 to 31 March 2015.',
      ],
      discussion: [
        'The document was praised for its ease of reading and its focus around the partnership work the PCC had been engaged in during the past year;',
      ],
      outcome: {
        kind: 'resolved',
        parts: [
          "That the PCC's Annual Report be approved, subject to the comments made by the Panel;",
          'That the comments made by the Panel (as set out above) form a report to be submitted to the Commissioner for his information;',
          'That the PCC and the Force be congratulated for the 2.7% reduction in all crime.',
        ],
      },
    });
    await outcome(ethics, {
      narrative: [
        'The Panel considered a report of the Police and Crime Commissioner concerning the steps taken to convene an Ethics, Integrity and Complaints Committee.',
      ],
      discussion: ['The gender and race balance of the Committee was not presently as would be liked.'],
      outcome: { kind: 'resolved', parts: ['That the report be noted.'] },
    });
    await outcome(mtfs, {
      narrative: [
        'The Panel considered a report of the Police and Crime Commissioner concerning an update on the Medium Term Financial Strategy (MTFS).',
      ],
      discussion: [
        'Assumptions for Council Tax were based on an increase of 1.99% over each of the next four years;',
      ],
      outcome: { kind: 'resolved', parts: ['That the report be noted;', MTFS_UPDATE] },
      actions: [
        {
          part: 'b',
          title: 'Further update on the MTFS position',
          owner: 'Helen King, Chief Finance Officer (OPCC)',
          dueAtNextMeeting: true,
        },
      ],
    });
    await outcome(
      nextMeeting,
      noted('It was NOTED that the next meeting of the Panel would be held on 16 September at 1.00pm.'),
    );
    await meetingStep(july, 'minutes-draft', { on: '2015-07-20' });
    await meetingStep(june, 'minutes-approval', {
      approvedAtMeetingId: july,
      minuteNumber: 146,
      on: '2015-07-17',
    });

    const markdown = (
      await api
        .http()
        .get(`/api/boards/${boardId}/meetings/${july}/minutes.md`)
        .set(auth(auditor))
        .expect(200)
    ).text;
    const plain = markdown.replace(/\\/g, '');
    expect(plain).toContain(
      `Minutes of a meeting of the ${PANEL} held at County Hall, Glenfield on Friday, 17 July 2015.`,
    );
    expect(plain).toContain(`${CHAIR} (in the Chair)`);
    for (const name of [...PRESENT, ...APOLOGIES, ...IN_ATTENDANCE]) expect(plain).toContain(name);
    JULY_ITEMS.forEach((title, i) => expect(plain).toContain(`## ${145 + i}. ${title}`));
    expect(plain).toContain(
      "Cllr. O. O' Shea declared a personal interest in respect of all substantive items as a civilian at Leicestershire Police.",
    );
    expect(plain).toContain('Community Safety Partnership (Minute 150 refers).');
    expect(plain).toContain(
      "(a) That the PCC's Annual Report be approved, subject to the comments made by the Panel;",
    );
    expect(plain).toContain(
      '(c) That the PCC and the Force be congratulated for the 2.7% reduction in all crime.',
    );
    expect(plain).toContain(`(b) ${MTFS_UPDATE}`);
    expect(plain).toContain(
      'It was NOTED that the next meeting of the Panel would be held on 16 September at 1.00pm.',
    );
    expect(plain).toContain(
      'The minutes of the meeting held on 25 June were taken as read, confirmed and signed.',
    );
    expect(plain).toContain('Action PCP-2015-07/152: Further update on the MTFS position');
    expect(plain).toContain('12:30 - 14:15, 17 July 2015');
    // Each minute sits in order, and its RESOLVED parts under it.
    expect(plain.indexOf('## 152.')).toBeLessThan(plain.indexOf(`(b) ${MTFS_UPDATE}`));
    expect(plain.indexOf(`(b) ${MTFS_UPDATE}`)).toBeLessThan(plain.indexOf('## 153.'));

    const html = await api
      .http()
      .get(`/api/boards/${boardId}/meetings/${july}/minutes.html`)
      .set(auth(auditor))
      .expect(200);
    expect(html.text).toContain(
      '<h2 class="govuk-heading-m" id="minute-152">152. Medium Term Financial Strategy - Update.</h2>',
    );
    expect(html.text).toContain('RESOLVED:');

    expect(await get(`/boards/${boardId}/meetings/${june}`)).toMatchObject({
      minutes: 'approved',
      approval: { approvedAtMeetingId: july, minuteNumber: 146 },
    });
  });

  it('turns "reported to the Panel\'s meeting in September" into an action due on that meeting\'s date, caused by the outcome', async () => {
    const log = await get(`/boards/${boardId}/action-log`);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      ref: 'PCP-2015-07/152',
      title: 'Further update on the MTFS position',
      leadOfficers: ['Helen King, Chief Finance Officer (OPCC)'],
      dueDate: { date: '2015-09-16' },
      raisedAt: { meetingId: july, date: '2015-07-17', minuteNumber: 152, part: 'b' },
    });
    const action = await get(`/actions/${log[0].actionId}`);
    expect(action).toMatchObject({
      plan: `${PANEL} action log`,
      dueDate: { written: '2015-09-16', date: '2015-09-16' },
    });

    const raised = (await get(`/audit?entityId=${july}&eventType=BoardActionRaised`)).items[0];
    const created = (await get(`/audit?entityId=${log[0].actionId}`)).items[0];
    expect(created).toMatchObject({
      eventType: 'ActionCreated',
      causationId: raised.eventId,
      correlationId: raised.correlationId,
    });
  });

  it('never raises a second action for a retried or replayed outcome', async () => {
    const [, , , , , , , mtfs] = julyItems;
    const again = await post(
      `/boards/${boardId}/meetings/${july}/agenda-items/${mtfs}/outcome`,
      { expectedVersion: await versionOf(july), outcome: { kind: 'noted', text: 'Again.' } },
      409,
    );
    expect(again.code).toBe('OUTCOME_RECORDED');
    const count = async () =>
      (
        await api.engine.db.query<{ n: number }>(
          "SELECT count(*)::integer AS n FROM events WHERE event_type = 'ActionCreated'",
        )
      )[0].n;
    const before = await count();
    const events = await api.engine.store.readStream(`meeting-${july}`);
    for (const event of events) expect(await api.engine.boardOutcomes.handle(event)).toBeNull();
    expect(await count()).toBe(before);
  });

  it('keeps the action log, pack and schedule of assurance for the next meeting', async () => {
    const { matterId } = await post(`/boards/${boardId}/assurance-matters`, {
      expectedVersion: (await get(`/boards/${boardId}`)).version,
      title: 'Medium Term Financial Strategy',
      owner: 'Chief Finance Officer (OPCC)',
      frequencyMonths: 3,
      firstDueOn: '2015-09-01',
    });
    const schedule = await get(`/boards/${boardId}/schedule-of-assurance`);
    const check = schedule.find((c: { matter: { matterId: string } }) => c.matter.matterId === matterId);
    // Today (2026) is long after 1 September 2015 and no held meeting heard it.
    expect(check).toMatchObject({ status: 'overdue', lastHeardOn: null });

    const log = await get(`/boards/${boardId}/action-log`);
    const { itemId } = await meetingStep(september, 'agenda-items', {
      title: 'Medium Term Financial Strategy Update.',
      questions: ['What savings are now required for 2016/17?'],
      responseForm: 'written',
      linkedActionIds: [log[0].actionId],
      assuranceMatterId: matterId,
    });
    await post(`/actions/${log[0].actionId}/status`, {
      expectedVersion: 1,
      status: 'AMBER',
      commentary: 'Awaiting the settlement.',
      effectiveDate: '2015-08-31',
    });
    const pack = await get(`/boards/${boardId}/meetings/${september}/pack`);
    expect(pack.since).toBe('2015-07-17');
    const item = pack.items.find((i: { itemId: string }) => i.itemId === itemId);
    expect(item).toMatchObject({
      questions: ['What savings are now required for 2016/17?'],
      responseForm: 'written',
    });
    expect(item.actions[0]).toMatchObject({
      action: { ref: 'PCP-2015-07/152', status: 'AMBER' },
      updates: [{ status: 'AMBER' }],
    });
    const bad = await meetingStep(
      september,
      'agenda-items',
      { title: 'x', linkedActionIds: ['00000000-0000-4000-8000-000000000000'] },
      400,
    );
    expect(bad.field).toBe('linkedActionIds[0]');
  });

  it('records votes with a casting vote, hides exempt items from published minutes, and refuses bad input', async () => {
    const october = await scheduleMeeting('2015-10-20', '13:00', 'County Hall, Glenfield');
    const [precept, exempt] = await addItems(october, ['Proposed precept.', 'Exempt: staffing matter.']);
    await meetingStep(october, `agenda-items/${exempt}/withdrawal`, { reason: 'Re-added as exempt.' });
    const { itemId: exemptItem } = await meetingStep(october, 'agenda-items', {
      title: 'SECRET-staffing of the Chief Constable',
      exemption: { category: 1, reason: 'Information relating to an individual.' },
    });
    await meetingStep(october, 'agenda-issue', { on: '2015-10-12' });
    const { body: schedule } = await api
      .http()
      .get(`/api/public/bodies/default/boards/${boardId}/meetings`)
      .expect(200);
    const octoberPublic = schedule.find((m: { id: string }) => m.id === october);
    expect(octoberPublic.agenda.map((i: { title: string }) => i.title)).toEqual([
      'Proposed precept.',
      'Exempt item (Local Government Act 1972, Schedule 12A, paragraph 1)',
    ]);
    expect(schedule.find((m: { id: string }) => m.id === september).agenda).toEqual([]); // not issued yet
    const agenda = await api
      .http()
      .get(`/api/public/bodies/default/boards/${boardId}/meetings/${october}/agenda.html`)
      .expect(200);
    expect(agenda.text).toContain('Proposed precept.');
    expect(agenda.text).not.toContain('SECRET');
    await api
      .http()
      .get(`/api/public/bodies/default/boards/${boardId}/meetings/${september}/agenda.html`)
      .expect(404);
    await meetingStep(october, 'holding', { on: '2015-10-20' });
    const tie = await meetingStep(
      october,
      `agenda-items/${precept}/outcome`,
      {
        outcome: {
          kind: 'resolved',
          parts: ['That the precept be vetoed.'],
          vote: { for: 5, against: 4, abstained: 0, castingVote: { by: CHAIR, vote: 'for' } },
        },
      },
      400,
    );
    expect(tie).toMatchObject({ code: 'CASTING_VOTE_WITHOUT_TIE', field: 'outcome.vote.castingVote' });
    await meetingStep(october, `agenda-items/${precept}/outcome`, {
      outcome: {
        kind: 'resolved',
        parts: ['That the precept be vetoed.'],
        vote: { for: 5, against: 5, abstained: 1, castingVote: { by: CHAIR, vote: 'against' } },
      },
    });
    await meetingStep(october, `agenda-items/${exemptItem}/outcome`, {
      narrative: ['SECRET-the Panel discussed the staffing matter.'],
      outcome: { kind: 'noted', text: 'SECRET-noted.' },
    });
    await meetingStep(october, 'minutes-draft');
    const early = `/api/public/bodies/default/boards/${boardId}/meetings/${october}/minutes.md`;
    await api.http().get(early).expect(404);
    await meetingStep(october, 'minutes-approval', { approvedAtMeetingId: september, minuteNumber: 1 }, 400);

    const members = (
      await api.http().get(`/api/boards/${boardId}/meetings/${october}/minutes.md`).set(auth(auditor))
    ).text;
    expect(members).toContain('The motion was lost.');
    expect(members).toContain('casting vote against');
    expect(members).toContain('SECRET');

    // Approve at the September meeting: hold it first so it has minute numbers.
    await meetingStep(september, 'holding', { on: '2015-09-16' });
    const minuteNumbers = (await get(`/boards/${boardId}/meetings/${september}`)).items
      .map((i: { minuteNumber: number | null }) => i.minuteNumber)
      .filter((n: number | null) => n !== null);
    // September was held after October was scheduled; approval must come at a later meeting.
    await meetingStep(
      october,
      'minutes-approval',
      { approvedAtMeetingId: september, minuteNumber: minuteNumbers[0] },
      400,
    );
    const november = await scheduleMeeting('2015-11-20', '13:00', 'County Hall, Glenfield');
    await addItems(november, ['Minutes.']);
    await meetingStep(november, 'holding', { on: '2015-11-20' });
    const novemberMinute = (await get(`/boards/${boardId}/meetings/${november}`)).items[0].minuteNumber;
    await meetingStep(october, 'minutes-approval', {
      approvedAtMeetingId: november,
      minuteNumber: novemberMinute,
    });
    await meetingStep(october, 'minutes-publication');
    const published = await api.http().get(early).expect(200);
    expect(published.text).not.toContain('SECRET');
    expect(published.text).toContain('Exempt item');
    expect(published.text).toContain('Schedule 12A, paragraph 1');
    const publishedHtml = await api.http().get(early.replace('.md', '.html')).expect(200);
    expect(publishedHtml.text).not.toContain('SECRET');
  });

  it('answers another body as if the board did not exist, and officers may not write', async () => {
    const outsider = api.token('olly', 'secretary', ['other']);
    await api.http().get(`/api/boards/${boardId}`).set(auth(outsider)).expect(404);
    await api
      .http()
      .post(`/api/boards/${boardId}/meetings`)
      .set(auth(outsider))
      .send({ date: '2016-01-25', place: 'x' })
      .expect(404);
    const officer = api.token('cr', 'officer');
    await api
      .http()
      .post(`/api/boards/${boardId}/meetings`)
      .set(auth(officer))
      .send({ date: '2016-01-25', place: 'x' })
      .expect(403);
    await api.http().get(`/api/boards/${boardId}/meetings/${july}`).set(auth(officer)).expect(200);
    const stale = await api
      .http()
      .post(`/api/boards/${boardId}/meetings/${september}/agenda-items`)
      .set(auth(secretary))
      .send({ expectedVersion: 1, title: 'Late item' });
    expect(stale.status).toBe(409);
  });

  it('leaves the same read models when rebuilt from the log in batches as applied live', async () => {
    await expectRebuildsAsLive(api.engine.db, api.engine.store, [boardsProjection, remindersProjection]);
  });
});
