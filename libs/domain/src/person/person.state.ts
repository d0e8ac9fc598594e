import { PersonDetails } from './person.events';
import { Role } from './roles';

/** What the person decider knows of one person, folded from their events. */
export interface Person extends PersonDetails {
  readonly exists: boolean;
  readonly homeBodyId: string | null;
  readonly disabled: boolean;
  /** Erased: their key destroyed, their words in the log unreadable; nothing more is recorded of them. */
  readonly erased: boolean;
}

export const initialPerson = (): Person => ({
  exists: false,
  homeBodyId: null,
  name: '',
  email: '',
  jobTitle: null,
  managerId: null,
  disabled: false,
  erased: false,
});

/** The roles one person holds in one body. */
export interface Appointment {
  readonly bodyId: string | null;
  readonly personId: string | null;
  readonly roles: readonly Role[];
}

export const initialAppointment = (): Appointment => ({ bodyId: null, personId: null, roles: [] });
