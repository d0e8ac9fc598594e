import { addDays } from '#domain/shared/iso-date';
import { localDateOf } from '#domain/shared/time-zone';

/** A word that is only ever in exempt parts: no public page, search or email may show it. */
export const SECRET = 'SECRETCUSTODYBID';

/** The HTTP API as a test drives it: a supertest agent factory and a secretary's token. */
export interface RecordApi {
  http(): import('supertest').Agent;
  token(user: string, role: 'secretary'): string;
}

/**
 * What a body has published, seeded through the API: a panel's June meeting (agenda with an exempt
 * item, held, minutes approved at July's and published), July's meeting (held, minutes drafted,
 * not published), a decision taken with exempt reasons and its record published, and a key decision
 * on the forward plan (notice published) beside one proposed but not yet published.
 */
export async function seedPublishedRecord(api: RecordApi, boardName = 'Police and Crime Panel') {
  const auth = { Authorization: `Bearer ${api.token('sam', 'secretary')}` };
  const post = async (path: string, body: object) => {
    const response = await api.http().post(`/api${path}`).set(auth).send(body);
    if (response.status >= 300)
      throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as { id: string; itemId: string; version: number };
  };
  const versionAt = async (path: string) =>
    ((await api.http().get(`/api${path}`).set(auth).expect(200)).body as { version: number }).version;
  /** A change to a record (a meeting, a decision) at its current version. */
  const step = async (record: string, change: string, body: object = {}) =>
    post(`${record}/${change}`, { ...body, expectedVersion: await versionAt(record) });
  // Decisions to come are on the forward plan from today: two months ahead.
  const today = localDateOf(new Date(), 'Europe/London');
  const board = await post('/boards', { name: boardName, code: 'PCP', members: [] });
  const meeting = async (date: string) =>
    `/boards/${board.id}/meetings/${(await post(`/boards/${board.id}/meetings`, { date, time: '10:00', place: 'County Hall' })).id}`;
  const item = async (at: string, body: object) => (await step(at, `agenda-items`, body)).itemId;

  const june = await meeting('2015-06-19');
  const strategy = await item(june, {
    title: 'Custody healthcare strategy',
    reportAuthor: 'Chief Finance Officer',
  });
  const tender = await item(june, {
    title: `${SECRET} tender`,
    exemption: { category: 3, reason: 'Commercial terms of a live tender.' },
  });
  await step(june, `agenda-issue`, { on: '2015-06-10' });
  await step(june, `holding`, { on: '2015-06-19' });
  await step(june, `agenda-items/${strategy}/outcome`, {
    outcome: { kind: 'resolved', parts: ['The Panel endorsed awarding the healthcare contracts.'] },
  });
  await step(june, `agenda-items/${tender}/outcome`, {
    outcome: { kind: 'noted', text: `${SECRET} bids noted.` },
  });
  await step(june, `minutes-draft`, { on: '2015-06-30' });

  const july = await meeting('2015-07-17');
  const minutesItem = await item(july, { title: 'Minutes of the last meeting' });
  await step(july, `agenda-issue`, { on: '2015-07-08' });
  await step(july, `holding`, { on: '2015-07-17' });
  await step(july, `agenda-items/${minutesItem}/outcome`, {
    outcome: { kind: 'noted', text: 'The minutes of 19 June were approved.' },
  });
  const julyMinute = (
    (await api.http().get(`/api${july}`).set(auth).expect(200)).body as {
      items: { minuteNumber: number }[];
    }
  ).items[0].minuteNumber;
  await step(june, `minutes-approval`, {
    approvedAtMeetingId: july.split('/').pop(),
    minuteNumber: julyMinute,
    on: '2015-07-17',
  });
  await step(june, `minutes-publication`, { on: '2015-07-20' });
  await step(july, `minutes-draft`, { on: '2015-07-20' });

  const decision = await post('/decisions', {
    subject: 'Award of the custody healthcare contract',
    decisionMaker: 'Police and Crime Commissioner',
    expectedOn: '2015-07-01',
    keyDecision: false,
    significantPublicInterest: true,
  });
  const decisionPath = `/decisions/${decision.id}`;
  await step(decisionPath, `exemption`, {
    exemption: { category: 3, reason: 'Prices tendered.', parts: ['reasons'] },
  });
  await step(decisionPath, `taking`, {
    decisionText: 'To award the custody healthcare contract to Healthcare Ltd.',
    reasons: `${SECRET} prices were the lowest.`,
    on: '2015-07-01',
    decidedBy: 'Police and Crime Commissioner',
  });
  await step(decisionPath, `record-publication`, { on: '2015-07-02' });

  const planned = await post('/decisions', {
    subject: 'Estates strategy for the police stations',
    decisionMaker: 'Police and Crime Commissioner',
    expectedOn: addDays(today, 60),
    keyDecision: true,
    significantPublicInterest: true,
  });
  await step(`/decisions/${planned.id}`, 'notice');
  const unpublished = await post('/decisions', {
    subject: 'Unannounced fleet replacement',
    decisionMaker: 'Police and Crime Commissioner',
    expectedOn: addDays(today, 61),
    keyDecision: true,
    significantPublicInterest: true,
  });
  return {
    boardId: board.id,
    june: june.split('/').pop() as string,
    july: july.split('/').pop() as string,
    decisionId: decision.id,
    plannedId: planned.id,
    unpublishedId: unpublished.id,
  };
}
