import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importCommand } from '../../apps/cli/src/commands/import';
import { DATABASES, startTestApi, TestApi, testConfig } from '../support/test-engine';
import { addPerson, signedInAgent, asBytes } from '../support/web-session';

const SCHEDULE = join(__dirname, '..', 'fixtures', 'import', 'panel-meetings-2015-16.csv');

describe.each(DATABASES)('importing a schedule of meetings (%s)', (kind) => {
  let api: TestApi;
  let dir: string;
  let boardId: string;
  const config = testConfig();
  const run = (...args: string[]) => importCommand(['meetings', ...args], config, { engine: api.engine });
  const bearer = () => ({ Authorization: `Bearer ${api.token('sam', 'secretary')}` });

  beforeAll(async () => {
    api = await startTestApi(kind);
    dir = mkdtempSync(join(tmpdir(), 'governance-meetings-'));
    const board = await api
      .http()
      .post('/api/boards')
      .set(bearer())
      .send({ name: 'Police and Crime Panel', code: 'PCP', members: [] })
      .expect(201);
    boardId = board.body.id;
  });
  afterAll(async () => {
    await api?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('schedules seed 002’s panel meetings on the board named, times and places as written, once', async () => {
    const { report, refused } = await run(SCHEDULE);
    expect(refused).toBe(0);
    expect(report).toContain('4 rows read (4 new, 0 changed, 0 unchanged)');
    expect(report).toContain(
      'row 2: Police and Crime Panel on 2015-07-17 at 13:00, Sparkenhoe Committee Room, County Hall, Glenfield (public) → new, 1 event',
    );
    expect(report).toContain(
      'row 5: Police and Crime Panel on 2016-02-03 at 10:00, Sparkenhoe Committee Room, County Hall, Glenfield (private)',
    );
    const meetings = await api.http().get(`/api/boards/${boardId}/meetings`).set(bearer()).expect(200);
    const listed = (meetings.body.items ?? meetings.body) as { meeting?: { date: string }; date?: string }[];
    expect(listed.map((each) => each.meeting?.date ?? each.date).sort()).toEqual([
      '2015-07-17',
      '2015-09-16',
      '2015-12-16',
      '2016-02-03',
    ]);
    expect((await run(SCHEDULE)).report).toContain('0 new, 0 changed, 4 unchanged');
  });

  it('re-imports the board’s own schedule download, CSV and Excel, as the same meetings', async () => {
    await api
      .http()
      .post(`/api/boards/${boardId}/meetings`)
      .set(bearer())
      .send({ date: '2016-04-20', time: '14:00', place: 'Room 1, County Hall', access: 'public' })
      .expect(201);
    await addPerson(
      api,
      { name: 'Sam Weston', email: 'sam@panel.example', roles: ['secretary'] },
      'correct horse battery staple',
    );
    const secretary = await signedInAgent(api.app, 'sam@panel.example', 'correct horse battery staple');
    for (const format of ['csv', 'xlsx']) {
      const answer = await secretary
        .get(`/boards/${boardId}/meetings.${format}`)
        .buffer(true)
        .parse(asBytes)
        .expect(200);
      const file = join(dir, `meetings.${format}`);
      writeFileSync(file, answer.body as Buffer);
      const { report, refused } = await run(file, '--dry-run');
      expect(refused).toBe(0);
      expect(report).toContain('5 rows read (0 new, 0 changed, 5 unchanged)');
    }
  });

  it('moves a meeting to the place the schedule now gives, and refuses a board it does not know', async () => {
    const changed = join(dir, 'changed.csv');
    writeFileSync(
      changed,
      `${readFileSync(SCHEDULE, 'utf8').replace('03/02/2016,10:00,"Sparkenhoe Committee Room, County Hall, Glenfield"', '03/02/2016,10:00,Council Chamber')}` +
        'Audit Committee,10/03/2016,10am,County Hall,Public\nPolice and Crime Panel,someday,noon,,maybe\n',
    );
    const { report, refused } = await run(changed, '--partial');
    expect(refused).toBe(2);
    expect(report).toContain('0 new, 1 changed, 3 unchanged');
    expect(report).toContain(
      'row 5: Police and Crime Panel on 2016-02-03 at 10:00, Council Chamber (private) → changed, 1 event',
    );
    expect(report).toContain(
      'row 6: A6 no board is named "Audit Committee"; the body\'s boards are "Police and Crime Panel"',
    );
    expect(report).toMatch(
      /row 7: B7 "someday" is not a date.*; C7 "noon" is not a time.*; D7 no place.*; E7 "maybe" is neither public nor private/,
    );
  });
});
