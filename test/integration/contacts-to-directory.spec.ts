import { CommandGateway } from '#application/command-gateway';
import { systemContext } from '#application/command-handling';
import { moveContactsToDirectory } from '#application/contacts-to-directory';
import { findPerson, personIdByEmail } from '#projections/people/people.queries';
import { DATABASES } from '../support/test-engine';
import { Harness, reminderHarness } from '../support/reminder-harness';

describe.each(DATABASES)('moving the reminder contact list into the directory (%s)', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await reminderHarness(kind); // contacts CR (managed by DCC), DCC and Secretary
  });
  afterAll(() => h?.close());

  const move = () => {
    const { engine } = h.api;
    const gateway = new CommandGateway(engine.store, async (position) => {
      if (position) await engine.projector.waitFor(position);
    });
    return moveContactsToDirectory(
      gateway,
      engine.store,
      engine.db,
      'default',
      systemContext('ImportContacts', engine.clock()),
    );
  };

  it('makes each contact a person with the manager the list gave, and identifies the actions they lead', async () => {
    const actionId = await h.createAction('MC1', '2026-03-20'); // led by CR, written as text
    const moved = await move();
    expect(moved).toMatchObject({
      registered: ['CR', 'DCC', 'Secretary'],
      alreadyThere: [],
      managersSet: ['CR'],
      actionsMatched: 1,
    });
    const { db } = h.api.engine;
    const cr = await findPerson(db, (await personIdByEmail(db, 'cr@force.example'))!, ['default']);
    expect(cr).toMatchObject({ name: 'CR', managerId: await personIdByEmail(db, 'dcc@force.example') });
    expect(cr?.bodies).toEqual([expect.objectContaining({ bodyId: 'default', roles: ['officer'] })]);
    const { body } = await h.api
      .http()
      .get(`/api/actions/${actionId}`)
      .set({ Authorization: `Bearer ${h.api.token('ada', 'auditor')}` })
      .expect(200);
    expect(body).toMatchObject({ leadOfficers: ['CR'], leadPersonIds: [cr!.id] });
  });

  it('changes nothing when run again', async () => {
    const before = (await h.api.engine.store.readAll()).length;
    expect(await move()).toMatchObject({
      registered: [],
      alreadyThere: ['CR', 'DCC', 'Secretary'],
      managersSet: [],
      actionsMatched: 0,
    });
    expect((await h.api.engine.store.readAll()).length).toBe(before);
  });
});
