import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Actor, Role } from '#engine/actor';
import { ALLOWED_ROLES, AuthenticatedRequest, PUBLIC_ROUTE } from './auth.decorators';
import { InvalidTokenError, TokenService } from '#engine/token.service';
import { API_TOKEN_PREFIX } from '#access/api-tokens';

/** Every route needs a valid bearer token unless marked @Public(); @Roles() narrows who may call it. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    // Identified before the body was parsed (see createHttpApp); otherwise say why not.
    if (!request.actor) this.identify(request);
    const actor = request.actor as Actor;
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    if (allowed && !allowed.includes(actor.role)) {
      throw new ForbiddenException(
        `role ${actor.role} may not do this; it needs one of: ${allowed.join(', ')}`,
      );
    }
    return true;
  }

  private identify(request: AuthenticatedRequest): void {
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match)
      throw new UnauthorizedException(
        'Authorization header must be "Bearer <token>"; issue one with: npm run cli -- token',
      );
    if (match[1].startsWith(API_TOKEN_PREFIX))
      throw new UnauthorizedException(
        'this API token is unknown, revoked or out of date, or its person no longer holds a role in its body; make a new one on your account page',
      );
    try {
      request.actor = this.tokens.verify(match[1]);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw new UnauthorizedException(error.message);
      throw error;
    }
  }
}
