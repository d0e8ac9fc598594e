import { scenario } from '../testing/decider-scenario';
import { appointmentDecider } from './appointment.decider';
import { personDecider } from './person.decider';
import { PersonEvent, RoleGranted } from './person.events';

const person = scenario(personDecider);
const appointment = scenario(appointmentDecider);

const registered: PersonEvent = {
  type: 'PersonRegistered',
  schemaVersion: 1,
  data: {
    homeBodyId: 'leics-opcc',
    name: 'Carol Reid',
    email: 'carol.reid@leics.pcc.police.uk',
    jobTitle: 'Chief Finance Officer',
    managerId: null,
  },
};
const details = {
  name: 'Carol Reid',
  email: 'carol.reid@leics.pcc.police.uk',
  jobTitle: 'Chief Finance Officer',
  managerId: null,
};
const granted = (role: RoleGranted['data']['role']): RoleGranted => ({
  type: 'RoleGranted',
  schemaVersion: 1,
  data: { bodyId: 'leics-opcc', personId: 'p-1', role, reason: 'Appointed.' },
});

describe('a person in the directory', () => {
  it('is registered with their email lower-cased and blanks left out', () => {
    person
      .given()
      .when({
        type: 'RegisterPerson',
        personId: 'p-1',
        homeBodyId: 'leics-opcc',
        name: ' Carol Reid ',
        email: 'Carol.Reid@LEICS.pcc.police.uk',
        jobTitle: ' ',
        managerId: null,
      })
      .then({
        type: 'PersonRegistered',
        data: {
          name: 'Carol Reid',
          email: 'carol.reid@leics.pcc.police.uk',
          jobTitle: null,
          homeBodyId: 'leics-opcc',
        },
      });
  });

  it('refuses an email that is not one, naming the field', () => {
    person
      .given()
      .when({ type: 'RegisterPerson', personId: 'p-1', homeBodyId: 'b', ...details, email: 'carol at leics' })
      .thenRefuses('INVALID_EMAIL', 'email');
  });

  it('refuses to be their own manager', () => {
    person
      .given()
      .when({ type: 'RegisterPerson', personId: 'p-1', homeBodyId: 'b', ...details, managerId: 'p-1' })
      .thenRefuses('OWN_MANAGER', 'managerId');
  });

  it('records a change of details, and nothing when nothing changed', () => {
    person
      .given(registered)
      .when({ type: 'ChangePersonDetails', ...details, jobTitle: 'Treasurer' })
      .then({ type: 'PersonDetailsChanged', data: { ...details, jobTitle: 'Treasurer' } });
    person
      .given(registered)
      .when({ type: 'ChangePersonDetails', ...details })
      .thenNothing();
  });

  it('is disabled with a reason, once, and enabled again', () => {
    const disabled: PersonEvent = { type: 'PersonDisabled', schemaVersion: 1, data: { reason: 'Left.' } };
    person
      .given(registered)
      .when({ type: 'DisablePerson', reason: 'Left the organisation.' })
      .then({ type: 'PersonDisabled', data: { reason: 'Left the organisation.' } });
    person
      .given(registered, disabled)
      .when({ type: 'DisablePerson', reason: 'x' })
      .thenRefuses('PERSON_DISABLED');
    person
      .given(registered, disabled)
      .when({ type: 'EnablePerson', reason: 'Back.' })
      .then({ type: 'PersonEnabled' });
    expect(person.given(registered, disabled).state.disabled).toBe(true);
  });

  it('cannot be changed before it is registered', () => {
    person.given().when({ type: 'DisablePerson', reason: 'x' }).thenRefuses('PERSON_NOT_FOUND');
  });
});

describe("a person's roles in a body", () => {
  const grant = { type: 'GrantRole', bodyId: 'leics-opcc', personId: 'p-1', reason: 'Appointed.' } as const;

  it('are granted with the reason, in the body named', () => {
    appointment
      .given()
      .when({ ...grant, role: 'secretary' })
      .then({
        type: 'RoleGranted',
        data: { bodyId: 'leics-opcc', personId: 'p-1', role: 'secretary', reason: 'Appointed.' },
      });
  });

  it('record nothing for a role held already, and several roles may be held', () => {
    appointment
      .given(granted('officer'))
      .when({ ...grant, role: 'officer' })
      .thenNothing();
    expect(
      appointment
        .given(granted('officer'))
        .when({ ...grant, role: 'auditor' })
        .thenState().roles,
    ).toEqual(['officer', 'auditor']);
  });

  it('refuses a role the engine does not have', () => {
    appointment
      .given()
      .when({ ...grant, role: 'owner' as never })
      .thenRefuses('INVALID_ROLE', 'role');
  });

  it('are removed with a reason, and a role not held is refused', () => {
    appointment
      .given(granted('admin'))
      .when({ type: 'RemoveRole', role: 'admin', reason: 'Moved on.' })
      .then({ type: 'RoleRemoved', data: { bodyId: 'leics-opcc', personId: 'p-1', role: 'admin' } });
    appointment
      .given(granted('officer'))
      .when({ type: 'RemoveRole', role: 'admin', reason: 'x' })
      .thenRefuses('ROLE_NOT_HELD', 'role');
  });

  it('need a reason', () => {
    appointment
      .given()
      .when({ ...grant, role: 'admin', reason: ' ' })
      .thenRefuses('REQUIRED', 'reason');
  });
});

describe('erasing a person (UK GDPR)', () => {
  const disabled: PersonEvent = { type: 'PersonDisabled', schemaVersion: 1, data: { reason: 'Left.' } };
  const erasure = (disabledOn: string | null, today: string, erasableAfterMonths = 0) =>
    ({ type: 'ErasePerson', disabledOn, today, erasableAfterMonths }) as const;

  it('is recorded with nothing about them, once they are disabled', () => {
    person
      .given(registered, disabled)
      .when(erasure('2017-09-01', '2017-09-01'))
      .then({ type: 'PersonErased', data: {} });
  });

  it('is refused while they still work here', () => {
    person.given(registered).when(erasure(null, '2017-09-01')).thenRefuses('PERSON_NOT_DISABLED');
  });

  it("waits for the body's retention period, from the day they were disabled", () => {
    const refusal = person
      .given(registered, disabled)
      .when(erasure('2017-09-01', '2023-08-31', 72))
      .thenRefuses('RETENTION_NOT_OVER');
    expect(refusal.message).toContain('kept until 2023-09-01');
    person
      .given(registered, disabled)
      .when(erasure('2017-09-01', '2023-09-01', 72))
      .then({ type: 'PersonErased' });
  });

  it('leaves nothing more to record of them', () => {
    const erased: PersonEvent = { type: 'PersonErased', schemaVersion: 1, data: {} };
    person
      .given(registered, disabled, erased)
      .when({ type: 'EnablePerson', reason: 'Back.' })
      .thenRefuses('PERSON_ERASED');
    person
      .given(registered, disabled, erased)
      .when(erasure('2017-09-01', '2018-01-01'))
      .thenRefuses('PERSON_ERASED');
  });
});
