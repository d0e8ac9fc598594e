import { startTestApi, TestApi } from './test-engine';
import { DatabaseKind } from './test-engine';

export const plan = 'Police and Crime Plan 2016-18';
export const theme = 'Theme 7: Spending public money wisely';

/** Actions from seed 000 (Theme 7, Q2 2017/18). */
export const seedAction = (ref: string, overrides: Record<string, unknown> = {}) => ({
  ref,
  plan,
  theme,
  title: `Seed action ${ref}`,
  leadOfficers: ['CR'],
  dueDate: 'Mar-18',
  createdOn: '2017-04-01',
  ...overrides,
});

/**
 * The engine over HTTP with the people the action tests act as: a secretary and an officer of the
 * default body, an auditor, an admin of every body, and a secretary of another body.
 */
export async function actionApi(kind: DatabaseKind, clock?: () => Date) {
  const api: TestApi = await startTestApi(kind, undefined, undefined, clock);
  const admin = api.token('root', 'admin', 'all');
  await api
    .http()
    .post('/api/bodies')
    .set({ Authorization: `Bearer ${admin}` })
    .send({ id: 'other-body', name: 'Another PCC' })
    .expect(201);
  const secretary = api.token('sam.secretary', 'secretary');
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  return {
    api,
    admin,
    secretary,
    officer: api.token('CR', 'officer'),
    auditor: api.token('ada.auditor', 'auditor'),
    outsider: api.token('olly.other', 'secretary', ['other-body']),
    auth,
    eventCount: async () =>
      (await api.engine.db.query<{ count: number }>('SELECT count(*)::integer AS count FROM events'))[0]
        .count,
    create: async (body: object, token = secretary) => {
      const response = await api.http().post('/api/actions').set(auth(token)).send(body);
      expect(response.status).toBe(201);
      return response.body as { id: string; ref: string; version: number };
    },
  };
}

export const REPORT_PLAN = 'Report test plan';

/** Seed 000, Q2 2017/18: twenty actions R01-R20, 12 Green and 8 Amber at 30 September, set by officer CR. */
export async function seedReportPlan({ api, officer, auth, create }: Awaited<ReturnType<typeof actionApi>>) {
  const ids: string[] = [];
  for (let i = 1; i <= 20; i++) {
    ids.push((await create(seedAction(`R${String(i).padStart(2, '0')}`, { plan: REPORT_PLAN }))).id);
  }
  for (const [i, id] of ids.entries()) {
    const q1 = i < 6 ? 'GREEN' : 'AMBER';
    const q2 = i < 12 ? 'GREEN' : 'AMBER';
    for (const [status, effectiveDate, expectedVersion] of [
      [q1, '2017-06-30', 1],
      [q2, '2017-09-30', 2],
    ] as const) {
      await api
        .http()
        .post(`/api/actions/${id}/status`)
        .set(auth(officer))
        .send({ status, commentary: `Q status ${status}`, effectiveDate, expectedVersion })
        .expect(200);
    }
  }
  return ids;
}

/**
 * The secretary finds that the first action's Q2 Green (effective 30 September) was wrong, and
 * corrects it to Amber: a late correction, recorded at whatever the engine's clock says then.
 */
export async function correctFirstQ2ToAmber(
  { api, auth, secretary }: Awaited<ReturnType<typeof actionApi>>,
  ids: readonly string[],
): Promise<void> {
  const history = await api.http().get(`/api/actions/${ids[0]}/rag-history`).set(auth(secretary)).expect(200);
  const q2 = history.body.history.find(
    (entry: { effectiveOn: string }) => entry.effectiveOn === '2017-09-30',
  );
  await api
    .http()
    .post(`/api/actions/${ids[0]}/corrections`)
    .set(auth(secretary))
    .send({ correctsEventId: q2.eventId, status: 'AMBER', reason: 'Misread the return', expectedVersion: 3 })
    .expect(200);
}
