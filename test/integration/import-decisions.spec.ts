import { readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importCommand } from '../../apps/cli/src/commands/import';
import { DATABASES, startTestApi, TestApi, testConfig } from '../support/test-engine';
import { addPerson, signedInAgent, asBytes } from '../support/web-session';

const DECISIONS = join(__dirname, '..', 'fixtures', 'import', 'decisions-2016-17.csv');

describe.each(DATABASES)('importing a decision log from its spreadsheet (%s)', (kind) => {
  let api: TestApi;
  let dir: string;
  const config = testConfig();
  const run = (...args: string[]) => importCommand(['decisions', ...args], config, { engine: api.engine });
  const bearer = () => ({ Authorization: `Bearer ${api.token('sam', 'secretary')}` });

  beforeAll(async () => {
    api = await startTestApi(kind, undefined, undefined, () => new Date('2017-04-20T09:00:00Z'));
    dir = mkdtempSync(join(tmpdir(), 'governance-decisions-'));
  });
  afterAll(async () => {
    await api?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads seed 003’s decisions 66–73 as the log writes them, series and numbers kept, and records them once', async () => {
    const dry = await run(DECISIONS, '--dry-run');
    expect(dry.refused).toBe(0);
    expect(dry.report).toContain(
      "8 rows read (8 new, 0 changed, 0 unchanged), 0 refused, 0 blank; the register's next number is 74",
    );
    expect(dry.report).toContain(
      'row 4: Executive Order 68 "Public Sector Audit Appointments – Appointment of External Auditors with Effect from 2018-19"; taken 2016-12-06 by PCC Stephen Mold (significant public interest); published 2016-12-13 → new',
    );
    expect(dry.report).toContain('row 3: Executive Decision 67 "Estates Strategy');
    expect(dry.report).toContain(
      'taken 2016-07-12 by Police and Crime Commissioner (significant public interest); published 2016-07-19',
    );

    const recorded = await run(DECISIONS);
    expect(recorded.report).toMatch(/recorded \d+ events/);
    const register = await api.http().get('/api/decisions').query({ limit: 20 }).set(bearer()).expect(200);
    const numbered = register.body.items.map((item: { title: string }) => item.title);
    expect(numbered).toEqual([
      'Executive Order 73',
      'Executive Order 72',
      'Executive Order 71',
      'Executive Order 70',
      'Executive Order 69',
      'Executive Order 68',
      'Executive Decision 67',
      'Executive Decision 66',
    ]);
    const again = await run(DECISIONS);
    expect(again.report).toContain('0 new, 0 changed, 8 unchanged');
    expect(again.report).toContain('recorded 0 events');
  });

  it('continues the body’s register after the log: the next decision taken here is 74', async () => {
    const proposed = await api.http().post('/api/decisions').set(bearer()).send({
      subject: 'Estates disposal',
      decisionMaker: 'Police and Crime Commissioner',
      expectedOn: '2017-04-20',
      keyDecision: false,
      significantPublicInterest: true,
      documents: [],
    });
    expect(proposed.status).toBe(201);
    const taken = await api.http().post(`/api/decisions/${proposed.body.id}/taking`).set(bearer()).send({
      expectedVersion: proposed.body.version,
      on: '2017-04-20',
      decisionText: 'Dispose of the site',
      reasons: 'Surplus',
      decidedBy: 'PCC',
    });
    expect([200, 202]).toContain(taken.status);
    expect(taken.body.number).toBe(74);
    const decision = await api.http().get(`/api/decisions/${proposed.body.id}`).set(bearer()).expect(200);
    expect(decision.body).toMatchObject({ number: 74, series: null, title: 'Executive Decision 74' });
  });

  it('re-imports the register’s own downloads, CSV and Excel, to the same records', async () => {
    await addPerson(
      api,
      { name: 'Sam Weston', email: 'sam@opcc.example', roles: ['secretary'] },
      'correct horse battery staple',
    );
    const secretary = await signedInAgent(api.app, 'sam@opcc.example', 'correct horse battery staple');
    for (const format of ['csv', 'xlsx']) {
      const answer = await secretary
        .get(`/decisions/register.${format}`)
        .buffer(true)
        .parse(asBytes)
        .expect(200);
      const file = join(dir, `register.${format}`);
      writeFileSync(file, answer.body as Buffer);
      if (format === 'csv')
        expect((answer.body as Buffer).toString()).toContain(
          'Executive Order 73,2017-03-27,Police and Crime Commissioner,Agreement for Community Grants',
        );
      const { report, refused } = await run(file, '--dry-run');
      expect(refused).toBe(0);
      expect(report).toContain('9 rows read (0 new, 0 changed, 9 unchanged)');
    }
  });

  it('re-imports the forward plan’s own downloads, CSV and Excel, to the same decisions to come; a day moved is a deferral', async () => {
    const propose = async (subject: string, expectedOn: string, keyDecision: boolean) => {
      const proposed = await api.http().post('/api/decisions').set(bearer()).send({
        subject,
        decisionMaker: 'Police and Crime Commissioner',
        expectedOn,
        keyDecision,
        significantPublicInterest: true,
        documents: [],
      });
      expect(proposed.status).toBe(201);
      return proposed.body as { id: string; version: number };
    };
    const fleet = await propose('Fleet replacement 2017-20', '2017-06-30', true);
    await api
      .http()
      .post(`/api/decisions/${fleet.id}/notice`)
      .set(bearer())
      .send({ expectedVersion: fleet.version, on: '2017-04-20' })
      .expect(200);
    const cctv = await propose('CCTV partnership', '2017-07-14', false);

    const files: Record<string, string> = {};
    for (const format of ['csv', 'xlsx']) {
      const answer = await api
        .http()
        .get(`/api/forward-plan.${format}`)
        .set(bearer())
        .buffer(true)
        .parse(asBytes)
        .expect(200);
      files[format] = join(dir, `forward-plan.${format}`);
      writeFileSync(files[format], answer.body as Buffer);
      const { report, refused } = await run(files[format], '--dry-run');
      expect(refused).toBe(0);
      expect(report).toMatch(/(\d+) rows read \(0 new, 0 changed, \1 unchanged\)/);
      expect(report).toContain(
        '"Fleet replacement 2017-20" to come, expected 2017-06-30 of Police and Crime Commissioner (key decision, significant public interest); notice published 2017-04-20 → unchanged',
      );
    }

    // The plan as a secretary edits it: the CCTV decision moved to August, and a new one added.
    const edited = join(dir, 'forward-plan-edited.csv');
    const [header, ...rows] = readFileSync(files.csv, 'utf8').trim().split('\n');
    writeFileSync(
      edited,
      [
        header,
        ...rows.map((row) => (row.startsWith(cctv.id) ? row.replace('2017-07-14', '2017-08-11') : row)),
        ',2017-07-28,Custody suite refurbishment,Police and Crime Commissioner,no,no,,,,,',
      ].join('\n'),
    );
    const { report } = await run(edited);
    expect(report).toMatch(/\(1 new, 1 changed, \d+ unchanged\)/);
    const moved = await api.http().get(`/api/decisions/${cctv.id}`).set(bearer()).expect(200);
    expect(moved.body).toMatchObject({
      expectedOn: '2017-08-11',
      deferrals: [expect.objectContaining({ expectedOn: '2017-08-11' })],
    });
    const plan = await api.http().get('/api/forward-plan').set(bearer()).expect(200);
    expect(plan.body.items.map((item: { subject: string }) => item.subject)).toEqual(
      expect.arrayContaining([
        'Fleet replacement 2017-20',
        'CCTV partnership',
        'Custody suite refurbishment',
      ]),
    );
    expect((await run(edited)).report).toMatch(/\(0 new, 0 changed, \d+ unchanged\)/);
  });

  it('refuses a log whose numbers do not continue the register, or a key decision with no notice, naming the cell', async () => {
    const later = join(dir, 'later.csv');
    writeFileSync(
      later,
      [
        readFileSync(DECISIONS, 'utf8').split('\n')[0],
        'Executive Order 75,03/04/2017,Police and Crime Commissioner,Fleet replacement,Y,Y,',
        'Executive Order 60,03/04/2017,Police and Crime Commissioner,A late sixty,N,N,',
        'Executive Order 70,20/02/2017,Police and Crime Commissioner,Forensic Services,N,Y,27/02/2017',
        'Order 76,Someday,,Estates,maybe,Y,',
      ].join('\n'),
    );
    const { report, refused } = await run(later, '--dry-run');
    expect(refused).toBe(3);
    expect(report).toMatch(/row 2: E2 a key decision needs a notice on the forward plan/);
    expect(report).toMatch(/row 3: A3 number 60 does not continue the register, which has given 74/);
    expect(report).toContain(
      'row 4: Executive Order 70 "Forensic Services"; taken 2017-02-20 by Police and Crime Commissioner (significant public interest); published 2017-02-27 → unchanged, 0 events\n  kept: subject now "Forensic Services": kept as recorded',
    );
    expect(report).toMatch(
      /row 5: B5 "Someday" is not a date.*; C5 no decision maker.*; E5 "maybe" is neither yes nor no/,
    );
  });
});
