import { DATABASES, openTestDatabase, startTestApi } from '../support/test-engine';

describe.each(DATABASES)('restarting the engine mid-stream (%s)', (kind) => {
  it('loses no acknowledged change and the projections catch up exactly once', async () => {
    const database = await openTestDatabase(kind);
    const first = await startTestApi(kind, database);
    const token = first.token('sam.secretary', 'secretary');
    const auth = { Authorization: `Bearer ${token}` };

    const acknowledged: string[] = [];
    const writes = Array.from({ length: 60 }, async (_, i) => {
      await new Promise((resolve) => setTimeout(resolve, i * 3));
      try {
        const response = await first
          .http()
          .post('/api/actions')
          .set(auth)
          .send({
            ref: `RS${i}`,
            plan: 'Restart plan',
            title: `Action ${i}`,
            leadOfficers: ['CR'],
            dueDate: 'Ongoing',
          });
        if (response.status === 201) acknowledged.push(response.body.id);
      } catch {
        // refused while the server was stopping: never acknowledged, so it may or may not exist
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 60));
    const stopping = first.stop();
    await Promise.all(writes);
    await stopping;
    expect(acknowledged.length).toBeGreaterThan(0);

    // Same database, new process's worth of engine: its projectors resume from their checkpoints.
    const second = await startTestApi(kind, database, kind === 'postgres' ? database.open() : undefined);
    try {
      const [{ count: events }] = await second.engine.db.query<{ count: number }>(
        'SELECT count(*)::integer AS count FROM events',
      );
      await second.engine.projector.waitFor(
        (await second.engine.store.readAll({ maxCount: 100000 })).at(-1)!.position,
        10000,
      );
      const [audit] = await second.engine.db.query<{ rows: number; events: number }>(
        'SELECT count(*)::integer AS rows, count(DISTINCT event_id)::integer AS events FROM audit_trail',
      );
      expect(audit).toEqual({ rows: events, events });
      const listed = await second
        .http()
        .get('/api/actions')
        .query({ plan: 'Restart plan', limit: 500 })
        .set({ Authorization: `Bearer ${second.token('ada', 'auditor')}` })
        .expect(200);
      const ids = listed.body.items.map((a: { id: string }) => a.id);
      for (const id of acknowledged) expect(ids).toContain(id);
      expect(new Set(ids).size).toBe(ids.length);
      const [{ seqs, gaps }] = await second.engine.db.query<{ seqs: number; gaps: number }>(
        `SELECT sum(n)::integer AS seqs, sum(top - n)::integer AS gaps
           FROM (SELECT count(*) AS n, max(body_seq) AS top FROM audit_trail GROUP BY body_id) AS per_body`,
      );
      expect(seqs).toBe(events);
      expect(gaps).toBe(0);
    } finally {
      await second.stop();
      await database.dispose();
    }
  });
});
