import { join } from 'node:path';
import { DATABASES, eventCountOf, startTestApi, TestApi } from '../support/test-engine';

const WORK_PLAN = join(__dirname, '..', 'fixtures', 'import', 'work-plan-2017-18.csv');
const PLAN = 'Work plan 2017-18';

describe.each(DATABASES)(
  'POST /api/imports: a register uploaded, as the command line takes it (%s)',
  (kind) => {
    let api: TestApi;
    const bearer = (role: 'secretary' | 'officer' | 'auditor' = 'secretary', bodies = ['default']) => ({
      Authorization: `Bearer ${api.token(`sam.${role}`, role, bodies)}`,
    });
    const upload = (fields: Record<string, string>, file = WORK_PLAN, headers = bearer()) => {
      const call = api.http().post('/api/imports').set(headers);
      for (const [name, value] of Object.entries(fields)) call.field(name, value);
      return call.attach('file', file);
    };

    beforeAll(async () => {
      api = await startTestApi(kind, undefined, undefined, undefined, {
        importLimits: { maxBytes: 4096, maxRows: 1000 },
      });
    });
    afterAll(async () => api?.close());

    it('answers a dry run with every row and every refusal, recording nothing', async () => {
      const before = await eventCountOf(api);
      const answer = await upload({ plan: PLAN, refPrefix: 'WP' });
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({
        file: 'work-plan-2017-18.csv',
        recorded: false,
        counts: { new: 5, refused: 1, blank: 1, refsMade: 5 },
        refused: [
          { rowNumber: 8, problems: expect.arrayContaining([expect.objectContaining({ cell: 'C8' })]) },
        ],
        rowsListed: 5,
      });
      expect(answer.body.rows[2]).toEqual({
        rowNumber: 4,
        ref: 'WP/003',
        refGenerated: true,
        title: 'Develop crime reduction campaign, / development of reduction materials',
        lead: null,
        dueDate: { written: 'Dec-17', date: '2017-12-31' },
        status: 'RED',
        updates: 2,
        outcome: 'new',
        events: ['ActionCreated', 'ActionProgressRecorded', 'ActionProgressRecorded', 'ActionStatusSet'],
        kept: [],
      });
      expect(await eventCountOf(api)).toBe(before);
    });

    it('records nothing when a row is refused (422), the rows it can with mode=partial (201), once', async () => {
      const before = await eventCountOf(api);
      const whole = await upload({ plan: PLAN, refPrefix: 'WP', mode: 'all' });
      expect(whole.status).toBe(422);
      expect(whole.body).toMatchObject({ recorded: false, eventsRecorded: 0, counts: { refused: 1 } });
      expect(await eventCountOf(api)).toBe(before);

      const partial = await upload({ plan: PLAN, refPrefix: 'WP', mode: 'partial' });
      expect(partial.status).toBe(201);
      expect(partial.body.eventsRecorded).toBeGreaterThan(5);
      const register = await api.http().get('/api/actions').query({ plan: PLAN }).set(bearer('auditor'));
      expect(register.body.items.map((item: { ref: string }) => item.ref).sort()).toEqual([
        'WP/001',
        'WP/002',
        'WP/003',
        'WP/004',
        'WP/005',
      ]);
      const again = await upload({ plan: PLAN, refPrefix: 'WP', mode: 'partial' });
      expect(again.body).toMatchObject({ eventsRecorded: 0, counts: { new: 0, unchanged: 5 } });
    });

    it('imports a decision log by kind, each row with its series and number', async () => {
      const log = join(__dirname, '..', 'fixtures', 'import', 'decisions-2016-17.csv');
      const answer = await upload({ kind: 'decisions' }, log);
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ counts: { new: 8, refused: 0 }, nextNumber: 74 });
      expect(answer.body.rows[0]).toMatchObject({
        rowNumber: 2,
        series: 'Executive Decision',
        number: 66,
        outcome: 'new',
        events: expect.arrayContaining(['DecisionProposed', 'DecisionTaken', 'DecisionNumbered']),
      });
      expect((await upload({ kind: 'minutes' }, log)).body).toMatchObject({ statusCode: 400, field: 'kind' });
    });

    it('refuses what is not an import: another role, another body, no file, not a form, too large', async () => {
      expect((await upload({ plan: PLAN }, WORK_PLAN, bearer('officer'))).status).toBe(403);
      const elsewhere = await upload({ plan: PLAN, body: 'elsewhere' });
      expect(elsewhere.status).toBe(404);
      const noFile = await api.http().post('/api/imports').set(bearer()).field('plan', PLAN);
      expect(noFile.status).toBe(400);
      expect(noFile.body.message).toBe('no file was sent: attach it in a field named "file"');
      const json = await api.http().post('/api/imports').set(bearer()).send({ plan: PLAN });
      expect(json.status).toBe(415);
      const noPlan = await upload({});
      expect(noPlan.body).toMatchObject({ statusCode: 400, field: 'plan' });
      const large = await api
        .http()
        .post('/api/imports')
        .set(bearer())
        .field('plan', PLAN)
        .attach('file', Buffer.alloc(10_000, 'a'), 'big.csv');
      expect(large.status).toBe(413);
      expect(large.body.message).toBe(
        'big.csv is larger than an import takes (4096 bytes, IMPORT_MAX_BYTES)',
      );
      const renamed = await api
        .http()
        .post('/api/imports')
        .set(bearer())
        .field('plan', PLAN)
        .attach('file', Buffer.from('MZ\u0090\u0090'), 'register.xlsx');
      expect(renamed.status).toBe(400);
      expect(renamed.body.message).toContain('register.xlsx is not an Excel workbook');
      // A zip's first bytes, then nothing: it passes the first look and is found damaged when opened.
      const cutShort = await api
        .http()
        .post('/api/imports')
        .set(bearer())
        .field('plan', PLAN)
        .attach('file', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(60)]), 'cut.xlsx');
      expect(cutShort.status).toBe(400);
      expect(cutShort.body).toMatchObject({ field: 'file', code: 'NOT_A_SPREADSHEET' });
      expect(cutShort.body.message).toMatch(/^cut\.xlsx is a damaged Excel workbook: it cannot be unpacked/);
    });
  },
);
