import { NextFunction, Response } from 'express';
import { API_TOKEN_PREFIX } from '#access/api-tokens';
import { Engine } from '#engine/engine';
import { actorOfApiToken } from '#engine/person-actor';
import { AuthenticatedRequest } from './auth.decorators';

const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * Who is calling the API: a person's own API token (`gep_...`, looked up: it stops working the
 * moment it is revoked or their role goes) or a token the engine signed (`cli token`). Unknown
 * callers go on unidentified, and the guard answers 401 with why.
 */
export function identifyCaller(engine: Engine) {
  return (request: AuthenticatedRequest, _response: Response, next: NextFunction): void => {
    const header = request.headers.authorization;
    const token = header ? BEARER.exec(header)?.[1] : undefined;
    if (!token?.startsWith(API_TOKEN_PREFIX)) {
      request.actor = engine.tokens.actorOf(header) ?? undefined;
      return next();
    }
    actorOfApiToken(engine, token).then((actor) => {
      request.actor = actor ?? undefined;
      next();
    }, next);
  };
}
