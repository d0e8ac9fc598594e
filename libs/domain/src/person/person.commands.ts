import { PersonDetails } from './person.events';
import { IsoDate } from '../shared/event';
import { Role } from './roles';

export type PersonCommand =
  | ({ type: 'RegisterPerson'; personId: string; homeBodyId: string } & PersonDetails)
  | ({ type: 'ChangePersonDetails' } & PersonDetails)
  | { type: 'DisablePerson'; reason: string }
  | { type: 'EnablePerson'; reason: string }
  /**
   * Erase a disabled person, once their body's retention period for officers' personal data has
   * run from the day they were disabled (`disabledOn`, read from their record) to `today`.
   */
  | { type: 'ErasePerson'; disabledOn: IsoDate | null; today: IsoDate; erasableAfterMonths: number };

export type AppointmentCommand =
  | { type: 'GrantRole'; bodyId: string; personId: string; role: Role; reason: string }
  | { type: 'RemoveRole'; role: Role; reason: string };
