import { actionApi, seedAction } from './action-api';

/** The records of the late-recording story, by id. */
export interface LateRecords {
  readonly registerAction: string;
  readonly boardAction: string;
  readonly boardId: string;
  readonly meetingId: string;
  readonly decisionId: string;
}

/** The quarter end the late records are for, and the instant an auditor read before they came. */
export const Q2_END = '2017-09-30';
export const KNOWN_ON_5_OCTOBER = '2017-10-05T12:00:00.000Z';

/**
 * An auditor's story of late records, told through the API with the engine's clock moved by `at`:
 * action T01 is Amber for Q1; on 1 August a panel and a key decision expected on 29 September are
 * recorded; the panel meets on 20 September and raises an action; `beforeLate` runs at noon on
 * 5 October; then on 10 October both actions' Q2 statuses (Green, for 30 September) and the
 * decision, taken on 29 September, are recorded late. The clock ends on 1 November.
 */
export async function recordLate(
  fixture: Awaited<ReturnType<typeof actionApi>>,
  at: (instant: string) => void,
  beforeLate: (records: LateRecords) => Promise<void> = async () => undefined,
): Promise<LateRecords> {
  const { api, auth, secretary, officer } = fixture;
  const call = async (method: 'get' | 'post', path: string, body?: object, token = secretary) => {
    const request = api.http()[method](`/api${path}`).set(auth(token));
    const response = await (body ? request.send(body) : request);
    if (response.status >= 300)
      throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const status = (id: string, value: string, effectiveDate: string, expectedVersion: number) =>
    call(
      'post',
      `/actions/${id}/status`,
      { status: value, commentary: `${value} at ${effectiveDate}`, effectiveDate, expectedVersion },
      officer,
    );

  const registerAction = (await fixture.create(seedAction('T01'))).id;
  await status(registerAction, 'AMBER', '2017-06-30', 1);

  at('2017-08-01T09:00:00Z');
  const boardId = (
    await call('post', '/boards', {
      name: 'Police and Crime Panel',
      code: 'PCP',
      members: [{ name: 'Cllr Orson', role: 'Chairman' }],
      firstMinuteNumber: 10,
    })
  ).id;
  const decisionId = (
    await call('post', '/decisions', {
      subject: 'Custody healthcare contract',
      decisionMaker: 'Police and Crime Commissioner',
      expectedOn: '2017-09-29',
      keyDecision: true,
      significantPublicInterest: false,
      documents: [],
    })
  ).id;
  await call('post', `/decisions/${decisionId}/notice`, { expectedVersion: 1, on: '2017-08-01' });
  const meetings = `/boards/${boardId}/meetings`;
  const meetingId = (
    await call('post', meetings, { date: '2017-09-20', time: '10:00', place: 'County Hall' })
  ).id;
  await call('post', meetings, { date: '2017-12-13', time: '10:00', place: 'County Hall' });
  const meetingStep = async (step: string, body: object = {}) => {
    const { version } = await call('get', `${meetings}/${meetingId}`);
    return call('post', `${meetings}/${meetingId}/${step}`, { expectedVersion: version, ...body });
  };
  const { itemId } = await meetingStep('agenda-items', {
    title: 'Delivery of the Police and Crime Plan',
    linkedActionIds: [registerAction],
    linkedDecisionIds: [decisionId],
  });

  at('2017-09-20T15:00:00Z');
  await meetingStep('holding', { on: '2017-09-20' });
  await meetingStep(`agenda-items/${itemId}/outcome`, {
    narrative: [],
    outcome: {
      kind: 'resolved',
      parts: ['That the report be noted;', 'That the custody audit be reported back.'],
    },
    actions: [{ part: 'b', title: 'Report back on the custody audit', owner: 'CR', dueAtNextMeeting: true }],
  });
  const boardAction = (await call('get', `/boards/${boardId}/action-log`))[0].actionId as string;
  const records = { registerAction, boardAction, boardId, meetingId, decisionId };

  at(KNOWN_ON_5_OCTOBER);
  await beforeLate(records);

  at('2017-10-10T16:00:00Z');
  await status(registerAction, 'GREEN', Q2_END, 2);
  await status(boardAction, 'GREEN', Q2_END, (await call('get', `/actions/${boardAction}`)).version);
  await call('post', `/decisions/${decisionId}/taking`, {
    expectedVersion: 2,
    on: '2017-09-29',
    decisionText: 'Award the contract.',
    reasons: 'Best value.',
    decidedBy: 'The Commissioner',
  });
  at('2017-11-01T09:00:00Z');
  return records;
}
