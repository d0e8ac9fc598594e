import { DomainError, quoted } from '../shared/domain-error';
import { Decider, StoredDomainEvent } from '../shared/event';
import { BodyCommand } from './body.commands';
import { BodyEvent } from './body.events';
import { applySettingsChange, withDefaultSettings } from './body-settings';
import { unknownEventType } from '../shared/upcasting';
import { Body, initialBody } from './body.state';

/** A public body the deployment serves: every record belongs to exactly one. */
export const BODY_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;

export function decideBody(command: BodyCommand, state: Body): BodyEvent[] {
  switch (command.type) {
    case 'RegisterBody': {
      if (state.exists)
        throw new DomainError('BODY_EXISTS', `body "${state.bodyId}" already exists`, 'conflict', 'id');
      if (!BODY_ID_PATTERN.test(command.bodyId)) {
        throw new DomainError(
          'INVALID_BODY_ID',
          `id ${quoted(command.bodyId)} must be 2-63 lower-case letters, digits or hyphens`,
          'invalid',
          'id',
        );
      }
      const name = command.name.trim();
      if (name === '')
        throw new DomainError('REQUIRED', 'name is required and must not be blank', 'invalid', 'name');
      return [{ type: 'BodyRegistered', schemaVersion: 1, data: { bodyId: command.bodyId, name } }];
    }
    case 'ChangeBodySettings':
      if (!state.exists) throw new DomainError('BODY_NOT_FOUND', 'No such body.', 'not_found');
      return [
        {
          type: 'BodySettingsChanged',
          schemaVersion: 1,
          data: { settings: applySettingsChange(state.settings, command.change) },
        },
      ];
  }
}

export function evolveBody(state: Body, event: StoredDomainEvent<BodyEvent>): Body {
  switch (event.type) {
    case 'BodyRegistered':
      return { ...state, exists: true, bodyId: event.data.bodyId, name: event.data.name };
    case 'BodySettingsChanged':
      return { ...state, settings: withDefaultSettings(event.data.settings) };
    default:
      return unknownEventType(event);
  }
}

export const bodyDecider: Decider<BodyCommand, BodyEvent, Body> = {
  initialState: initialBody,
  decide: decideBody,
  evolve: evolveBody,
};
