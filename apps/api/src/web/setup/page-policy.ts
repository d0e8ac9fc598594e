import { NextFunction, Request, Response } from 'express';
import { randomBytes } from 'node:crypto';

/**
 * The web pages' Content-Security-Policy, stricter than the API's (whose Swagger UI needs inline
 * script): scripts and styles from this site only, the template's one inline script by a nonce
 * made for this response, forms posting here only, no framing.
 */
export function pagePolicy(_request: Request, response: Response, next: NextFunction): void {
  const nonce = randomBytes(16).toString('base64');
  response.locals.cspNonce = nonce;
  response.setHeader(
    'Content-Security-Policy',
    [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'`,
      "style-src 'self'",
      "img-src 'self' data:",
      "font-src 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
      "base-uri 'self'",
      "object-src 'none'",
    ].join('; '),
  );
  next();
}
