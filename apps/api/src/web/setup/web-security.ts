import cookieParser from 'cookie-parser';
import { doubleCsrf } from 'csrf-csrf';
import { Request, RequestHandler } from 'express';
import session from 'express-session';
import { createHash } from 'node:crypto';
import { Engine } from '#engine/engine';
import { DatabaseSessionStore } from './session-store';

/** Signed out after this long without a request, and after this long in all. */
export const IDLE_TIMEOUT_MS = 30 * 60_000;
export const ABSOLUTE_TIMEOUT_MS = 10 * 60 * 60_000;

declare module 'express-session' {
  interface SessionData {
    personId?: string;
    signedInAt?: number;
    /** What a page after a redirect should say (the GOV.UK success banner). */
    flash?: string;
    /** The body the pages act for, for a person with roles in several. */
    bodyId?: string;
    /** When a form was first shown: keeps a session before sign-in, so its CSRF token holds. */
    visitedAt?: number;
    /** A single sign-on begun here, until the provider sends the person back. */
    oidc?: import('../auth/oidc-sign-in').PendingOidcSignIn;
    /** A member of the public's request for email updates, for the page that says to check their email. */
    subscribing?: { email: string; topics: string };
  }
}

/** A secret for sessions and CSRF tokens from the engine's own, so none needs configuring. */
const derived = (engine: Engine, purpose: string) =>
  createHash('sha256').update(`${purpose}\u0000${engine.config.jwtSecret}`).digest('base64url');

/**
 * Sessions in an HttpOnly, SameSite=Lax cookie (Secure behind TLS) that lapses after 30 idle
 * minutes, and CSRF tokens (double submit, tied to the session) on every form post.
 */
export function webSecurity(engine: Engine): {
  session: RequestHandler[];
  csrf: ReturnType<typeof doubleCsrf>;
} {
  const secure = engine.config.publicBaseUrl?.startsWith('https:') ?? false;
  const sessions = session({
    name: secure ? '__Host-session' : 'session',
    secret: derived(engine, 'session'),
    store: new DatabaseSessionStore(engine.db, engine.clock),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: { httpOnly: true, sameSite: 'lax', secure, maxAge: IDLE_TIMEOUT_MS, path: '/' },
  });
  const csrf = doubleCsrf({
    getSecret: () => derived(engine, 'csrf'),
    getSessionIdentifier: (request: Request) => request.session.id,
    cookieName: secure ? '__Host-csrf' : 'csrf',
    cookieOptions: { sameSite: 'lax', secure, httpOnly: true, path: '/' },
    // A file upload's form is read only inside its route: its token comes in the form's action URL.
    getCsrfTokenFromRequest: (request: Request) =>
      request.is('multipart/form-data')
        ? (request.query as { _csrf?: string })._csrf
        : (request.body as { _csrf?: string } | undefined)?._csrf,
  });
  return { session: [sessions, cookieParser()], csrf };
}
