import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Request } from 'express';
import { createHash } from 'node:crypto';
import { canonicalJson } from '#event-store/chain/canonical-json';
import { Actor, Role } from '#engine/actor';

export const PUBLIC_ROUTE = 'publicRoute';
export const ALLOWED_ROLES = 'allowedRoles';

/** Open to anyone without a token. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** Only these roles may call the route; the others get 403. */
export const Roles = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);

export interface AuthenticatedRequest extends Request {
  actor?: Actor;
}

/** The authenticated actor of the request. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new Error('CurrentActor used on a route without authentication');
  return actor;
});

/** What a command needs from its request: the actor, the request id (the events' correlation id), the idempotency key. */
export const CommandRequest = createParamDecorator(
  (
    _: unknown,
    context: ExecutionContext,
  ): { actor: Actor; requestId: string; idempotencyKey?: string; requestHash?: string } => {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!request.actor) throw new Error('CommandRequest used on a route without authentication');
    const key = request.headers['idempotency-key'];
    const idempotencyKey =
      typeof key === 'string' && key.trim() !== '' ? key.trim().slice(0, 200) : undefined;
    return {
      actor: request.actor,
      requestId: String(request.id ?? ''),
      idempotencyKey,
      // What the request asked for, so the key sent again with another request is noticed.
      requestHash: idempotencyKey
        ? createHash('sha256')
            .update(canonicalJson({ method: request.method, path: request.path, body: request.body ?? null }))
            .digest('hex')
        : undefined,
    };
  },
);
