import { DomainError, quoted } from '../shared/domain-error';
import { Decider, StoredDomainEvent } from '../shared/event';
import { requiredText } from '../shared/required-text';
import { unknownEventType } from '../shared/upcasting';
import { AppointmentCommand } from './person.commands';
import { AppointmentEvent } from './person.events';
import { Appointment, initialAppointment } from './person.state';
import { isRole } from './roles';

function checkedRole(role: string): void {
  if (!isRole(role))
    throw new DomainError(
      'INVALID_ROLE',
      `role ${quoted(role)} is not one of admin, secretary, officer, auditor`,
      'invalid',
      'role',
    );
}

/** The roles of one person in one body. Granting a role held already records nothing. */
export function decideAppointment(command: AppointmentCommand, state: Appointment): AppointmentEvent[] {
  checkedRole(command.role);
  const reason = requiredText(command.reason, 'reason');
  switch (command.type) {
    case 'GrantRole': {
      if (state.roles.includes(command.role)) return [];
      const bodyId = state.bodyId ?? command.bodyId;
      const personId = state.personId ?? command.personId;
      return [
        { type: 'RoleGranted', schemaVersion: 1, data: { bodyId, personId, role: command.role, reason } },
      ];
    }
    case 'RemoveRole':
      if (!state.roles.includes(command.role))
        throw new DomainError(
          'ROLE_NOT_HELD',
          `This person is not ${command.role === 'admin' || command.role === 'officer' ? 'an' : 'a'} ${command.role} here.`,
          'conflict',
          'role',
        );
      return [
        {
          type: 'RoleRemoved',
          schemaVersion: 1,
          data: { bodyId: state.bodyId!, personId: state.personId!, role: command.role, reason },
        },
      ];
  }
}

export function evolveAppointment(
  state: Appointment,
  event: StoredDomainEvent<AppointmentEvent>,
): Appointment {
  switch (event.type) {
    case 'RoleGranted':
      return {
        bodyId: event.data.bodyId,
        personId: event.data.personId,
        roles: [...state.roles, event.data.role],
      };
    case 'RoleRemoved':
      return { ...state, roles: state.roles.filter((role) => role !== event.data.role) };
    default:
      return unknownEventType(event);
  }
}

export const appointmentDecider: Decider<AppointmentCommand, AppointmentEvent, Appointment> = {
  initialState: initialAppointment,
  decide: decideAppointment,
  evolve: evolveAppointment,
};
