import { DomainError, quoted } from '../shared/domain-error';
import { Decider, StoredDomainEvent } from '../shared/event';
import { addMonths } from '../shared/iso-date';
import { requiredText } from '../shared/required-text';
import { unknownEventType } from '../shared/upcasting';
import { PersonCommand } from './person.commands';
import { PersonDetails, PersonEvent } from './person.events';
import { initialPerson, Person } from './person.state';

/** One @, something before it, a dot after it, no spaces: what a mail server will take, roughly. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The details as the person record keeps them: trimmed, the email lower-cased, blanks as null. */
export function personDetailsOf(details: PersonDetails, personId: string): PersonDetails {
  const email = requiredText(details.email, 'email').toLowerCase();
  if (!EMAIL.test(email) || email.length > 254)
    throw new DomainError(
      'INVALID_EMAIL',
      `email ${quoted(email)} is not an email address`,
      'invalid',
      'email',
    );
  if (details.managerId === personId)
    throw new DomainError('OWN_MANAGER', 'A person cannot be their own manager.', 'invalid', 'managerId');
  return {
    name: requiredText(details.name, 'name'),
    email,
    jobTitle: details.jobTitle?.trim() || null,
    managerId: details.managerId || null,
  };
}

export function decidePerson(command: PersonCommand, state: Person): PersonEvent[] {
  if (command.type === 'RegisterPerson') {
    if (state.exists)
      throw new DomainError('PERSON_EXISTS', 'This person is already registered.', 'conflict');
    const { personId, homeBodyId, ...details } = command;
    return [
      {
        type: 'PersonRegistered',
        schemaVersion: 1,
        data: { ...personDetailsOf(details, personId), homeBodyId },
      },
    ];
  }
  if (!state.exists) throw new DomainError('PERSON_NOT_FOUND', 'No such person.', 'not_found');
  if (state.erased)
    throw new DomainError(
      'PERSON_ERASED',
      'This person was erased: nothing more is recorded of them.',
      'conflict',
    );
  switch (command.type) {
    case 'ChangePersonDetails': {
      const { type, ...details } = command;
      const changed = personDetailsOf(details, '');
      const same = (Object.keys(changed) as (keyof PersonDetails)[]).every(
        (key) => changed[key] === state[key],
      );
      return same ? [] : [{ type: 'PersonDetailsChanged', schemaVersion: 1, data: changed }];
    }
    case 'DisablePerson':
      if (state.disabled)
        throw new DomainError('PERSON_DISABLED', `${state.name} is already disabled.`, 'conflict');
      return [
        {
          type: 'PersonDisabled',
          schemaVersion: 1,
          data: { reason: requiredText(command.reason, 'reason') },
        },
      ];
    case 'EnablePerson':
      if (!state.disabled)
        throw new DomainError('PERSON_ENABLED', `${state.name} is not disabled.`, 'conflict');
      return [
        { type: 'PersonEnabled', schemaVersion: 1, data: { reason: requiredText(command.reason, 'reason') } },
      ];
    case 'ErasePerson':
      return erasure(command, state);
  }
}

/** Erasure comes after disabling, and after the body's retention period for officers' data. */
function erasure(command: Extract<PersonCommand, { type: 'ErasePerson' }>, state: Person): PersonEvent[] {
  if (!state.disabled || command.disabledOn === null)
    throw new DomainError(
      'PERSON_NOT_DISABLED',
      `Disable ${state.name} first: a person is erased only once they no longer work here.`,
      'conflict',
    );
  const erasableOn = addMonths(command.disabledOn, command.erasableAfterMonths);
  if (command.today < erasableOn)
    throw new DomainError(
      'RETENTION_NOT_OVER',
      `${state.name}'s personal data is kept until ${erasableOn} (${command.erasableAfterMonths} months ` +
        `after they were disabled on ${command.disabledOn}, the body's retention setting).`,
      'conflict',
    );
  return [{ type: 'PersonErased', schemaVersion: 1, data: {} }];
}

export function evolvePerson(state: Person, event: StoredDomainEvent<PersonEvent>): Person {
  switch (event.type) {
    case 'PersonRegistered':
      return { ...state, exists: true, ...event.data };
    case 'PersonDetailsChanged':
      return { ...state, ...event.data };
    case 'PersonDisabled':
      return { ...state, disabled: true };
    case 'PersonEnabled':
      return { ...state, disabled: false };
    case 'PersonErased':
      return { ...state, disabled: true, erased: true };
    default:
      return unknownEventType(event);
  }
}

export const personDecider: Decider<PersonCommand, PersonEvent, Person> = {
  initialState: initialPerson,
  decide: decidePerson,
  evolve: evolvePerson,
};
