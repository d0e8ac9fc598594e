import { Aggregate } from '../shared/aggregate';
import { actionStream } from './action-ids';
import { ActionCommand } from './action.commands';
import { actionDecider } from './action.decider';
import { ActionEvent, effectiveDateOf } from './action.events';
import { Action } from './action.state';

export const ACTION: Aggregate<ActionCommand, ActionEvent, Action> = {
  decider: actionDecider,
  streamOf: actionStream,
  bodyOf: (action) => (action.exists ? action.bodyId : null),
  effectiveAt: (event) => effectiveDateOf(event as ActionEvent),
};
