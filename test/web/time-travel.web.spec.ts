import { actionApi } from '../support/action-api';
import { LateRecords, recordLate } from '../support/late-records';
import { WEB_DATABASES } from '../support/test-engine';
import { addPerson, signedInAgent, textOf } from '../support/web-session';

const password = 'correct horse battery staple';

/**
 * The staff pages answer the auditor's two questions too: what stood on 30 September 2017, and
 * what had been recorded by 5 October, before the Q2 statuses and the decision of 29 September
 * were recorded late on 10 October.
 */
describe.each(WEB_DATABASES)('the pages as they stood at another time (%s)', (kind) => {
  let now = new Date('2017-07-05T09:00:00Z');
  let given: Awaited<ReturnType<typeof actionApi>>;
  let late: LateRecords;
  const asOf = 'asAt=2017-09-30';
  const known = 'asAt=2017-09-30&knownAt=5%2F10%2F2017+12%3A00';
  const auditor = () => signedInAgent(given.api.app, 'ada@audit.example', password);
  const secretary = () => signedInAgent(given.api.app, 'sam@office.example', password);
  const page = async (path: string) => textOf((await (await auditor()).get(path).expect(200)).text);

  beforeAll(async () => {
    given = await actionApi(kind, () => now);
    late = await recordLate(given, (instant) => (now = new Date(instant)));
    await addPerson(
      given.api,
      { name: 'Ada Auditor', email: 'ada@audit.example', roles: ['auditor'] },
      password,
    );
    await addPerson(
      given.api,
      { name: 'Sam Secretary', email: 'sam@office.example', roles: ['secretary'] },
      password,
    );
  });
  afterAll(() => given?.api.close());

  it('lists the decision as taken on 30 September, and as only noticed as known on 5 October', async () => {
    const then = await page(`/decisions?${asOf}`);
    expect(then).toContain('You are viewing this as at 30 September 2017.');
    expect(then).toMatch(/Custody healthcare contract.*taken/);
    const knownThen = await page(`/decisions?${known}`);
    expect(knownThen).toContain('as known at 12pm (UK time) on 5 October 2017');
    expect(knownThen).toMatch(/Custody healthcare contract.*notice published/);
    expect(await page(`/decisions?asAt=2017-07-31`)).not.toContain('Custody healthcare contract');
  });

  it("shows a decision's page as it stood, with no step to record, even to a secretary", async () => {
    const agent = await secretary();
    const now = await agent.get(`/decisions/${late.decisionId}`).expect(200);
    expect(now.text).toContain('data-step=');
    const then = await agent.get(`/decisions/${late.decisionId}?${known}`).expect(200);
    expect(textOf(then.text)).toContain('notice published');
    expect(then.text).not.toContain('data-step=');
    expect(then.text).not.toContain('Award the contract.');
    const taken = textOf((await agent.get(`/decisions/${late.decisionId}?${asOf}`).expect(200)).text);
    expect(taken).toContain('Award the contract.');
    const before = await agent.get(`/decisions/${late.decisionId}?asAt=2017-07-31`).expect(404);
    expect(textOf(before.text)).toContain('This decision did not exist yet at that time');
  });

  it('shows the forward plan as known on 5 October, with the decision still to be taken', async () => {
    const window = 'from=1%2F9%2F2017&to=31%2F12%2F2017';
    expect(await page(`/forward-plan?${window}&${known}`)).toContain('Custody healthcare contract');
    expect(await page(`/forward-plan?${window}`)).not.toContain('Custody healthcare contract');
  });

  it('shows the board and its meeting before they met, with no forms', async () => {
    const board = await page(`/boards/${late.boardId}?asAt=2017-09-19`);
    expect(board).toContain('You are viewing this as at 19 September 2017');
    expect(board).not.toContain('Held');
    expect(await page(`/boards/${late.boardId}`)).toContain('Held');
    const agent = await secretary();
    const meeting = await agent
      .get(`/boards/${late.boardId}/meetings/${late.meetingId}?asAt=2017-09-19`)
      .expect(200);
    // Only signing out is left to post.
    expect(meeting.text.match(/method="post" action="[^"]*"/g)).toEqual(['method="post" action="/sign-out"']);
    expect(textOf(meeting.text)).not.toContain('That the custody audit be reported back.');
    expect(meeting.text).toContain(`/pack?asAt=2017-09-19`);
    const held = await agent.get(`/boards/${late.boardId}/meetings/${late.meetingId}?${asOf}`).expect(200);
    expect(textOf(held.text)).toContain('That the custody audit be reported back.');
  });

  it("shows the pack's action as Green on 30 September, Amber as known on 5 October", async () => {
    const pack = (query: string) => page(`/boards/${late.boardId}/meetings/${late.meetingId}/pack?${query}`);
    expect(await pack(asOf)).toMatch(/T01 ?: Seed action T01 Green/);
    expect(await pack(known)).toMatch(/T01 ?: Seed action T01 Amber/);
  });

  it('has no minutes before the meeting was recorded as held', async () => {
    const minutes = `/boards/${late.boardId}/meetings/${late.meetingId}/minutes`;
    expect(await page(`${minutes}?${asOf}`)).toContain('That the custody audit be reported back.');
    const before = await (await auditor()).get(`${minutes}?knownAt=20%2F9%2F2017+14%3A00`).expect(404);
    expect(textOf(before.text)).toContain('did not exist yet at that time');
  });

  it('says what is wrong with a time it cannot read, beside the field', async () => {
    const refused = await (
      await auditor()
    )
      .get(`/decisions?asAt=30th+Sept&knownAt=32%2F10%2F2017`)
      .expect(400);
    expect(textOf(refused.text)).toContain('The date must be written like 2017-09-30');
    expect(textOf(refused.text)).toContain('Write the date and time like 5/10/2017 12:00');
  });
});
