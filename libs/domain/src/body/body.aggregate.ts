import { Aggregate } from '../shared/aggregate';
import { bodyStream } from '../action/action-ids';
import { BodyCommand } from './body.commands';
import { bodyDecider } from './body.decider';
import { BodyEvent } from './body.events';
import { Body } from './body.state';

export const BODY: Aggregate<BodyCommand, BodyEvent, Body> = {
  decider: bodyDecider,
  streamOf: bodyStream,
  bodyOf: (body) => (body.exists ? body.bodyId : null),
};
