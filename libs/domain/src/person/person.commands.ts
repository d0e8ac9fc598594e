import { PersonDetails } from './person.events';
import { Role } from './roles';

export type PersonCommand =
  | ({ type: 'RegisterPerson'; personId: string; homeBodyId: string } & PersonDetails)
  | ({ type: 'ChangePersonDetails' } & PersonDetails)
  | { type: 'DisablePerson'; reason: string }
  | { type: 'EnablePerson'; reason: string };

export type AppointmentCommand =
  | { type: 'GrantRole'; bodyId: string; personId: string; role: Role; reason: string }
  | { type: 'RemoveRole'; role: Role; reason: string };
