import jwt from 'jsonwebtoken';
import { createSecretKey, KeyObject } from 'node:crypto';
import { Actor, ROLES, Role } from './actor';

const ISSUER = 'governance-engine';

export class InvalidTokenError extends Error {}

/** Signs and checks bearer tokens (HS256) with the engine's secret. */
export class TokenService {
  /**
   * The secret as a key object, made once: given a string, jsonwebtoken first tries to read it as
   * a public key on every call, which cost more than the rest of a request's checks together.
   */
  private readonly secret: KeyObject;

  constructor(secret: string) {
    this.secret = createSecretKey(Buffer.from(secret, 'utf8'));
  }

  issue(actor: Actor, expiresInSeconds = 12 * 3600): string {
    return jwt.sign(
      { role: actor.role, bodies: actor.bodies === 'all' ? ['*'] : actor.bodies },
      this.secret,
      {
        algorithm: 'HS256',
        subject: actor.user,
        issuer: ISSUER,
        expiresIn: expiresInSeconds,
      },
    );
  }

  /**
   * The actor of an Authorization header, or null when it carries no token this engine accepts.
   * Read once per request, before any body is parsed; the guard explains a refusal.
   */
  actorOf(header: string | undefined): Actor | null {
    const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    if (!match) return null;
    try {
      return this.verify(match[1]);
    } catch {
      return null;
    }
  }

  verify(token: string): Actor {
    let claims: jwt.JwtPayload;
    try {
      claims = jwt.verify(token, this.secret, { algorithms: ['HS256'], issuer: ISSUER }) as jwt.JwtPayload;
    } catch (error) {
      throw new InvalidTokenError(`bearer token rejected: ${(error as Error).message}`);
    }
    const { sub, role, bodies } = claims;
    if (typeof sub !== 'string' || sub === '') throw new InvalidTokenError('bearer token names no user');
    if (!ROLES.includes(role as Role))
      throw new InvalidTokenError(`bearer token role "${String(role)}" is not a role`);
    if (!Array.isArray(bodies) || bodies.some((b) => typeof b !== 'string')) {
      throw new InvalidTokenError('bearer token names no bodies');
    }
    const all = bodies.includes('*');
    if (all && role !== 'admin') throw new InvalidTokenError('only an admin token may name every body');
    return { user: sub, role: role as Role, bodies: all ? 'all' : bodies };
  }
}
