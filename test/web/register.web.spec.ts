import ExcelJS from 'exceljs';
import { addPerson, signedInAgent, asBytes } from '../support/web-session';
import { actionApi, correctFirstQ2ToAmber, REPORT_PLAN, seedReportPlan } from '../support/action-api';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importCommand } from '../../apps/cli/src/commands/import';
import { DATABASES, testConfig } from '../support/test-engine';

const password = 'correct horse battery staple';

describe.each(DATABASES)('the action register page (%s)', (kind) => {
  let now = new Date('2017-10-01T09:00:00Z');
  let given: Awaited<ReturnType<typeof actionApi>>;
  let ids: string[];
  const register = (query: Record<string, string>) =>
    `/actions?${new URLSearchParams({ plan: REPORT_PLAN, ...query })}`;
  const signedInAs = (email: string) => signedInAgent(given.api.app, email, password);

  beforeAll(async () => {
    given = await actionApi(kind, () => now);
    ids = await seedReportPlan(given);
    // On 10 October the secretary finds R01's Q2 status was wrong: Amber, not Green.
    now = new Date('2017-10-10T14:00:00Z');
    await correctFirstQ2ToAmber(given, ids);
    now = new Date('2017-10-20T09:00:00Z');
    await addPerson(
      given.api,
      { name: 'Ada Auditor', email: 'ada@audit.example', roles: ['auditor'] },
      password,
    );
    await addPerson(
      given.api,
      { name: 'Olly Other', email: 'olly@other.example', bodyId: 'other-body', roles: ['secretary'] },
      password,
    );
  });
  afterAll(() => given?.api.close());

  it('counts the statuses as at the quarter end with the late correction, and the movement since the quarter before', async () => {
    const auditor = await signedInAs('ada@audit.example');
    const page = await auditor.get(register({ asAt: '2017-09-30' })).expect(200);
    expect(page.text).toContain('You are viewing this as at 30 September 2017');
    expect(page.text).toContain('11/20 (55%)');
    expect(page.text).toContain('9/20 (45%)');
    expect(page.text).toContain('At 30 June 2017');
    expect(page.text).toContain('6/20 (30%)'); // Green at the end of Q1
    expect(page.text).toContain('+5'); // Green, 6 to 11
    expect(page.text.match(/href="\/actions\/[0-9a-f-]{36}\?asAt=2017-09-30"/g)).toHaveLength(20);
  });

  it('shows what was known on 5 October, before the correction, as known then', async () => {
    const auditor = await signedInAs('ada@audit.example');
    const page = await auditor.get(register({ asAt: '2017-09-30', knownAt: '5/10/2017' })).expect(200);
    expect(page.text).toContain(
      'You are viewing this as at 30 September 2017, as known at 11:59pm (UK time) on 5 October 2017',
    );
    expect(page.text).toContain('12/20 (60%)');
    expect(page.text).toContain('8/20 (40%)');
    const r01 = page.text.slice(page.text.indexOf('>R01<'), page.text.indexOf('>R02<'));
    expect(r01).toContain('Green');
  });

  it('shows an action as at a date and as known at an instant: its status and history then', async () => {
    const auditor = await signedInAs('ada@audit.example');
    const known = await auditor.get(`/actions/${ids[0]}?asAt=2017-09-30&knownAt=5%2F10%2F2017`).expect(200);
    expect(known.text).toContain('as known at 11:59pm (UK time) on 5 October 2017');
    expect(known.text).toMatch(/Status as at 30 September 2017[\s\S]*?>\s*Green\s*</);
    expect(known.text).not.toContain('Correction');
    const corrected = await auditor.get(`/actions/${ids[0]}?asAt=2017-09-30`).expect(200);
    expect(corrected.text).toMatch(/Status as at 30 September 2017[\s\S]*?>\s*Amber\s*</);
    expect(corrected.text).toContain('Correction: status Amber');
    const q1 = await auditor.get(`/actions/${ids[0]}?asAt=2017-07-01`).expect(200);
    expect(q1.text).toContain('Status: Green for Q1');
    expect(q1.text).not.toContain('for Q2');
    expect(q1.text).not.toContain('Update this action');
  });

  it('filters by status and says how many match', async () => {
    const auditor = await signedInAs('ada@audit.example');
    const page = await auditor.get(register({ asAt: '2017-09-30', status: 'AMBER' })).expect(200);
    expect(page.text).toContain('9 actions');
    expect(page.text).toContain('>R01<');
    expect(page.text).not.toContain('>R02<');
  });

  it('finds actions by ref, activity or update text, from the search in every page’s header', async () => {
    const auditor = await signedInAs('ada@audit.example');
    const home = await auditor.get('/').expect(200);
    expect(home.text).toContain('Search actions by ref or text');
    const byUpdate = await auditor.get('/actions?q=Q%20status%20AMBER').expect(200);
    expect(byUpdate.text).toContain('8 actions');
    const byRef = await auditor.get('/actions?q=R1').expect(200);
    expect(byRef.text).toContain('10 actions'); // R10 to R19
  });

  it('answers 400 and says how to write a date it cannot read', async () => {
    const auditor = await signedInAs('ada@audit.example');
    const page = await auditor.get(register({ asAt: '30th Sept', knownAt: '32/10/2017' })).expect(400);
    expect(page.text).toContain('The date must be written like 2017-09-30');
    expect(page.text).toContain('Write the date and time like 5/10/2017 12:00');
  });

  it('downloads the same lines as CSV and as an Excel workbook', async () => {
    const auditor = await signedInAs('ada@audit.example');
    const csv = await auditor
      .get(`/actions/register.csv?plan=${encodeURIComponent(REPORT_PLAN)}&asAt=2017-09-30`)
      .expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.text.trim().split('\n');
    expect(lines).toHaveLength(21);
    expect(lines[0]).toBe(
      'Plan,Theme,Ref,Lead officer,Strategic activity,Due,Status,Update,Status effective on',
    );
    expect(lines.filter((line) => line.includes(',Green,'))).toHaveLength(11);
    const xlsx = await auditor
      .get(`/actions/register.xlsx?plan=${encodeURIComponent(REPORT_PLAN)}&asAt=2017-09-30&status=GREEN`)
      .buffer(true)
      .parse(asBytes)
      .expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body);
    const sheet = book.getWorksheet('Register')!;
    expect(sheet.rowCount).toBe(12);
    expect(sheet.getRow(2).getCell(7).value).toBe('Green');
    expect(sheet.getRow(2).getCell(3).value).toBe('R02');
    // The RAG report as at the quarter end, beside the quarter before: the paper's status key.
    const key = book.getWorksheet('Status key')!;
    expect(key.getRow(1).values).toEqual([
      undefined,
      'Status',
      'Meaning',
      'As at 2017-09-30',
      'At 2017-06-30',
      'Change',
    ]);
    expect(key.getRow(2).values).toEqual([
      undefined,
      'Green',
      expect.any(String),
      '11/20 (55%)',
      '6/20 (30%)',
      '+5',
    ]);
  });

  it('re-imports its own downloads, CSV and Excel, to the same records: nothing changes', async () => {
    const auditor = await signedInAs('ada@audit.example');
    const dir = mkdtempSync(join(tmpdir(), 'register-round-trip-'));
    try {
      const download = async (format: 'csv' | 'xlsx') => {
        const file = join(dir, `register.${format}`);
        const answer = await auditor
          .get(`/actions/register.${format}?plan=${encodeURIComponent(REPORT_PLAN)}`)
          .buffer(true)
          .parse(asBytes)
          .expect(200);
        writeFileSync(file, answer.body as Buffer);
        return file;
      };
      for (const file of [await download('csv'), await download('xlsx')]) {
        const { report, refused } = await importCommand(
          ['actions', file, '--plan', REPORT_PLAN, '--dry-run'],
          testConfig(),
          { engine: given.api.engine },
        );
        expect(refused).toBe(0);
        expect(report).toContain('20 rows read (0 new, 0 changed, 20 unchanged)');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('shows nothing of another body, and sends someone signed out to sign in', async () => {
    const outsider = await signedInAs('olly@other.example');
    const page = await outsider.get(register({})).expect(200);
    expect(page.text).toContain('No actions match.');
    expect(page.text).not.toContain('>R01<');
    const csv = await outsider.get('/actions/register.csv').expect(200);
    expect(csv.text.trim().split('\n')).toHaveLength(1);
    const anonymous = await given.api.http().get('/actions').expect(303);
    expect(anonymous.headers.location).toBe('/sign-in?next=%2Factions');
  });
});
