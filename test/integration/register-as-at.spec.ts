import {
  registerAsAt,
  registerChoices,
  RegisterQuery,
} from '#projections/action-register/register-as-at.queries';
import { actionApi, correctFirstQ2ToAmber, REPORT_PLAN, seedReportPlan } from '../support/action-api';
import { DATABASES } from '../support/test-engine';

/**
 * The register picks a page before looking up its lines' statuses when nothing needs every status
 * (no status filter, no search, not sorted by status), and looks them all up first otherwise: both
 * must give the same lines, statuses and totals, page by page, as at any date and as known at any
 * instant.
 */
describe.each(DATABASES)('the register as at a date, page by page (%s)', (kind) => {
  let given: Awaited<ReturnType<typeof actionApi>>;
  let now = new Date('2017-10-01T09:00:00Z');

  beforeAll(async () => {
    given = await actionApi(kind, () => now);
    const ids = await seedReportPlan(given);
    now = new Date('2017-10-10T14:00:00Z');
    await correctFirstQ2ToAmber(given, ids);
  });
  afterAll(() => given?.api.close());

  const read = (query: Partial<RegisterQuery>) =>
    registerAsAt(given.api.engine.db, {
      bodyId: 'default',
      plan: REPORT_PLAN,
      asOf: '2017-09-30',
      sort: 'ref',
      limit: 100,
      offset: 0,
      ...query,
    });
  const summary = (page: Awaited<ReturnType<typeof read>>) =>
    page.lines.map((line) => `${line.ref} ${line.status} ${line.update}`);

  it.each([
    ['as at 30 September', {}],
    ['as at 30 June', { asOf: '2017-06-30' }],
    ['as known on 5 October', { knownAt: '2017-10-05T12:00:00Z' }],
    ['before the plan began', { asOf: '2016-01-01' }],
  ])('gives the same lines picking the page first as looking every status up first, %s', async (_, at) => {
    const whole = await read({ ...at, sort: 'status' });
    const byRef = [...summary(whole)].sort();
    const pageFirst = await read(at);
    expect(summary(pageFirst)).toEqual(byRef);
    expect(pageFirst.total).toBe(whole.total);
    // Any status filter takes the other path, and must agree with it.
    const green = await read({ ...at, status: 'GREEN' });
    expect(summary(green)).toEqual(byRef.filter((line) => line.includes(' GREEN ')));
  });

  it('pages through the plan with the total on every page', async () => {
    const all = summary(await read({}));
    expect(all).toHaveLength(20);
    expect(all[0]).toBe('R01 AMBER Q status GREEN');
    const pages = [];
    for (let offset = 0; offset < 20; offset += 7) {
      const page = await read({ limit: 7, offset });
      expect(page.total).toBe(20);
      pages.push(...summary(page));
    }
    expect(pages).toEqual(all);
  });

  it('offers the plans and leads as the register has them, read again only once it changed', async () => {
    const db = given.api.engine.db;
    const first = await registerChoices(db, 'default');
    expect(first.plans.map((each) => each.plan)).toEqual([REPORT_PLAN]);
    expect(await registerChoices(db, 'default')).toBe(first);
    await given.create({
      ref: 'N1',
      plan: 'A newer plan',
      title: 'Something new',
      leadOfficers: ['Kay Hill'],
      dueDate: 'TBC',
    });
    const after = await registerChoices(db, 'default');
    expect(after.plans.map((each) => each.plan)).toEqual(['A newer plan', REPORT_PLAN]);
    expect(after.leads).toContain('Kay Hill');
  });
});
