import JSZip from 'jszip';
import { addPerson, signedInAgent, asBytes, textOf } from '../support/web-session';
import { WEB_DATABASES, startTestApi, TestApi } from '../support/test-engine';

const password = 'correct horse battery staple';

describe.each(WEB_DATABASES)('the audit trail pages (%s)', (kind) => {
  let api: TestApi;
  const signedInAs = (email: string) => signedInAgent(api.app, email, password);

  beforeAll(async () => {
    api = await startTestApi(kind);
    await addPerson(api, { name: 'Ada Auditor', email: 'ada@audit.example', roles: ['auditor'] }, password);
    await addPerson(api, { name: 'Carol Reid', email: 'carol@opcc.example', roles: ['officer'] }, password);
    const secretary = { Authorization: `Bearer ${api.token('sam', 'secretary')}` };
    for (const ref of ['A1', 'A2', 'A3'])
      await api
        .http()
        .post('/api/actions')
        .set(secretary)
        .send({
          ref,
          plan: 'Audit plan',
          title: `Action ${ref}`,
          leadOfficers: ['carol@opcc.example'],
          dueDate: 'TBC',
        })
        .expect(201);
  });
  afterAll(() => api?.close());

  it('lists what was recorded, by whom, filtered by record and person', async () => {
    const auditor = await signedInAs('ada@audit.example');
    const all = await auditor.get('/audit').expect(200);
    expect(all.text).toContain('Carol Reid (carol@opcc.example) added to the directory');
    const actions = await auditor.get('/audit?entityType=action&actor=sam').expect(200);
    expect(actions.text.match(/Action A\d added/g)).toEqual([
      'Action A1 added',
      'Action A2 added',
      'Action A3 added',
    ]);
    expect(actions.text).not.toContain('added to the directory');
    expect(actions.text).toMatch(/href="\/actions\/[0-9a-f-]{36}">action</);
  });

  it('opens an entry in full from the trail: who, what, why, the event as recorded and its link', async () => {
    const auditor = await signedInAs('ada@audit.example');
    const trail = await auditor.get('/audit?entityType=action').expect(200);
    const href = /href="(\/audit\/events\/[0-9a-f-]{36})">Action A2 added/.exec(trail.text)![1];
    const entry = await auditor.get(href).expect(200);
    const text = textOf(entry.text);
    expect(text).toContain('Audit trail entry');
    // When, on the body's calendar, as the trail shows it: not an ISO instant.
    expect(text).toMatch(/Recorded \d{4}-\d{2}-\d{2} \d{2}:\d{2} (GMT|BST)/);
    expect(text).toMatch(/By sam \(secretary\) Everything they recorded/);
    expect(text).toMatch(/Event ActionCreated, schema version \d+, number 0 of its record/);
    expect(text).toMatch(/Chain hash [0-9a-f]{64}/);
    expect(entry.text).toContain('&quot;ref&quot;: &quot;A2&quot;');
    // Its links go to the record and to the trail filtered by it, its author and its type.
    const actionId = /href="\/actions\/([0-9a-f-]{36})"/.exec(entry.text)![1];
    expect(entry.text).toContain(`href="/audit?entityType=action&amp;entityId=${actionId}"`);
    expect(entry.text).toContain('href="/audit?actor=sam"');
    expect(entry.text).toContain('href="/audit?eventType=ActionCreated"');
  });

  it('links an entry to its record’s page where the record has one', async () => {
    const secretary = { Authorization: `Bearer ${api.token('sam', 'secretary')}` };
    const board = await api
      .http()
      .post('/api/boards')
      .set(secretary)
      .send({ name: 'Audit Committee', code: 'AC', members: [] })
      .expect(201);
    const auditor = await signedInAs('ada@audit.example');
    const trail = await auditor.get('/audit?entityType=board').expect(200);
    expect(trail.text).toContain(`href="/boards/${board.body.id}">board</a>`);
    const people = await auditor.get('/audit?entityType=person').expect(200);
    expect(people.text).not.toMatch(/href="\/[a-z]+\/[0-9a-f-]{36}">person</);
  });

  it('answers 404 for an entry that is no event of the body', async () => {
    const auditor = await signedInAs('ada@audit.example');
    await auditor.get('/audit/events/not-an-event').expect(404);
    await auditor.get('/audit/events/3f0c2a8e-5d0b-4c1e-9a7e-2b7c1d9e4f60').expect(404);
    const other = { Authorization: `Bearer ${api.token('root', 'admin', 'all')}` };
    await api
      .http()
      .post('/api/bodies')
      .set(other)
      .send({ id: 'other-body', name: 'Another PCC' })
      .expect(201);
    const [{ event_id }] = await api.engine.db.query<{ event_id: string }>(
      "SELECT event_id FROM audit_trail WHERE body_id = 'other-body' LIMIT 1",
    );
    await auditor.get(`/audit/events/${event_id}`).expect(404);
  });

  it('says which date it cannot read, and shows no entries', async () => {
    const auditor = await signedInAs('ada@audit.example');
    const page = await auditor.get('/audit?from=31/13/2017').expect(400);
    expect(page.text).toContain('Write the first day like 1/10/2017');
    expect(page.text).not.toContain('added to');
  });

  it('downloads the filtered trail as CSV', async () => {
    const auditor = await signedInAs('ada@audit.example');
    const csv = await auditor.get('/audit/trail.csv?entityType=action').expect(200);
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toBe(
      'seq,recordedAt,actor,role,eventType,entityType,entityId,summary,reason,effectiveAt,chainHash',
    );
    expect(lines.slice(1).map((line) => line.split(',')[4])).toEqual([
      'ActionCreated',
      'ActionCreated',
      'ActionCreated',
    ]);
  });

  it('downloads the auditor’s bundle, whose manifest names every file and whose events are the body’s', async () => {
    const auditor = await signedInAs('ada@audit.example');
    const zip = await auditor.get('/audit/bundle.zip').buffer(true).parse(asBytes).expect(200);
    expect(zip.headers['content-disposition']).toMatch(
      /^attachment; filename="auditors-bundle-default-\d{4}-\d{2}-\d{2}\.zip"$/,
    );
    const bundle = await JSZip.loadAsync(zip.body as Buffer);
    const manifest = JSON.parse(await bundle.file('manifest.json')!.async('string'));
    expect(manifest.files.map((file: { name: string }) => file.name)).toContain('verify-bundle.mjs');
    const events = (await bundle.file('events.jsonl')!.async('string')).trim().split('\n');
    expect(events.filter((line) => line.includes('"type":"ActionCreated"'))).toHaveLength(3);
    expect((await auditor.get('/audit/bundle.zip?from=1/4/2017')).status).toBe(400);
  });

  it('checks the hash chain, and finds the entry where someone altered it', async () => {
    const auditor = await signedInAs('ada@audit.example');
    const holds = await auditor.get('/audit/verify').expect(200);
    expect(holds.text).toContain('The record holds');
    await api.engine.db.query(
      "UPDATE audit_trail SET chain_hash = repeat('0', 64) WHERE body_id = 'default' AND body_seq = 2",
    );
    const broken = await auditor.get('/audit/verify').expect(200);
    expect(broken.text).toContain('The record does not hold');
    expect(broken.text).toContain('The trail breaks at entry 2');
    expect(broken.text).toContain('Signed heads checked');

    await api.engine.db.query('ALTER TABLE events DISABLE TRIGGER USER');
    await api.engine.db.query("DELETE FROM events WHERE body_id = 'default' AND body_seq = 3");
    await api.engine.db.query('ALTER TABLE events ENABLE TRIGGER USER');
    const deleted = textOf((await auditor.get('/audit/verify').expect(200)).text);
    expect(deleted).toMatch(/Breaks at event\s*3\s*What happened\s*Deleted/);
  });

  it('is not for officers', async () => {
    const officer = await signedInAs('carol@opcc.example');
    await officer.get('/audit').expect(403);
    await officer.get('/audit/trail.csv').expect(403);
    await officer.get('/audit/bundle.zip').expect(403);
    await officer.get('/audit/events/3f0c2a8e-5d0b-4c1e-9a7e-2b7c1d9e4f60').expect(403);
  });
});
