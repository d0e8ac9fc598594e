import { allTypesOf } from '../shared/event-types';
import { DomainEvent } from '../shared/event';
import { Role } from './roles';

/** Who a person is: the same in every body they work for. */
export interface PersonDetails {
  readonly name: string;
  /** Lower-cased; unique in the deployment (the directory refuses a second person with it). */
  readonly email: string;
  readonly jobTitle: string | null;
  /** The person their reminders escalate to. */
  readonly managerId: string | null;
}

export type PersonRegistered = DomainEvent<
  'PersonRegistered',
  1,
  PersonDetails & {
    /** The body whose admin registered them, and whose admins keep their details. */
    homeBodyId: string;
  }
>;
export type PersonDetailsChanged = DomainEvent<'PersonDetailsChanged', 1, PersonDetails>;
/** A disabled person cannot sign in, and their sessions and API tokens stop working. */
export type PersonDisabled = DomainEvent<'PersonDisabled', 1, { reason: string }>;
export type PersonEnabled = DomainEvent<'PersonEnabled', 1, { reason: string }>;
/**
 * The person's key was destroyed at their request (UK GDPR erasure): every word of theirs the log
 * sealed reads as "erased person" from now on. Holds nothing about them; who asked is the actor.
 */
export type PersonErased = DomainEvent<'PersonErased', 1, Record<string, never>>;

export type PersonEvent =
  PersonRegistered | PersonDetailsChanged | PersonDisabled | PersonEnabled | PersonErased;

export const PERSON_EVENT_TYPES = allTypesOf<PersonEvent['type']>()([
  'PersonRegistered',
  'PersonDetailsChanged',
  'PersonDisabled',
  'PersonEnabled',
  'PersonErased',
]);

/** A role in one body given to one person, or taken away: who, when and why is in the log. */
export type RoleGranted = DomainEvent<
  'RoleGranted',
  1,
  { bodyId: string; personId: string; role: Role; reason: string }
>;
export type RoleRemoved = DomainEvent<
  'RoleRemoved',
  1,
  { bodyId: string; personId: string; role: Role; reason: string }
>;

export type AppointmentEvent = RoleGranted | RoleRemoved;

export const APPOINTMENT_EVENT_TYPES = allTypesOf<AppointmentEvent['type']>()(['RoleGranted', 'RoleRemoved']);
