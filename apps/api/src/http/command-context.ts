import { CommandContext } from '#application/command-handling';
import { CommandGateway } from '#application/command-gateway';
import { Actor } from '#engine/actor';
import { BODYS_TODAY } from '#application/changes/body-today';
import { Engine } from '#engine/engine';
import { ENGINE } from '../engine.token';
import { awaitProjections } from './read-your-writes';

/** What the HTTP request adds to every command: who, and the ids that tie events to the request. */
export interface RequestContext {
  readonly actor: Actor;
  readonly requestId: string;
  readonly idempotencyKey?: string;
  readonly requestHash?: string;
}

/** The date a request gave for a step, or the record's body's today (filled in once its body is known). */
export function dateOrToday(date: string | undefined): string {
  return date ?? BODYS_TODAY;
}

/** The metadata side of a command: who, for which bodies, when, and the request's ids. */
export function contextOf(request: RequestContext, command: string, engine: Engine): CommandContext {
  return {
    actor: request.actor.user,
    actorRole: request.actor.role,
    bodies: request.actor.bodies,
    command,
    recordedAt: engine.clock(),
    correlationId: request.requestId || undefined,
    idempotencyKey: request.idempotencyKey,
    requestHash: request.requestHash,
  };
}

/** The gateway every HTTP command goes through (API and web pages): a write answers once the read models show it (or says which do not). */
export function httpCommandGateway(engine: Engine): CommandGateway {
  return new CommandGateway(engine.store, (position) => awaitProjections(engine, position));
}

export const commandGatewayProvider = {
  provide: CommandGateway,
  useFactory: httpCommandGateway,
  inject: [ENGINE],
};
