import { Aggregate } from '../shared/aggregate';
import { appointmentStream, personStream } from '../shared/record-ids';
import { appointmentDecider } from './appointment.decider';
import { AppointmentCommand, PersonCommand } from './person.commands';
import { personDecider } from './person.decider';
import { AppointmentEvent, PersonEvent } from './person.events';
import { Appointment, Person } from './person.state';

/** A person's details are kept by the admins of the body that registered them. */
export const PERSON: Aggregate<PersonCommand, PersonEvent, Person> = {
  decider: personDecider,
  streamOf: personStream,
  bodyOf: (person) => (person.exists ? person.homeBodyId : null),
};

/** A person's roles in one body are that body's record: its admins grant them, and see them. */
export const APPOINTMENT: Aggregate<AppointmentCommand, AppointmentEvent, Appointment> = {
  decider: appointmentDecider,
  streamOf: appointmentStream,
  bodyOf: (appointment) => appointment.bodyId,
};
