import { NextFunction, Response } from 'express';
import { ServerResponse } from 'node:http';
import { Logger } from 'pino';
import { PhaseClock, withPhaseClock } from '#application/phase-clock';
import { AuthenticatedRequest } from '../auth/auth.decorators';

/**
 * Where each request's time went (load, decide, append, wait for read models, total): in a debug
 * log line per request, and to signed-in callers in a `Server-Timing` header (browsers' developer
 * tools and `bench:api` read it). The public are not told how long the engine's insides take.
 */
export function phaseTiming(log: Logger) {
  return (request: AuthenticatedRequest, response: Response, next: NextFunction): void => {
    const clock = new PhaseClock();
    const writeHead = response.writeHead;
    response.writeHead = function (this: ServerResponse, ...args: unknown[]) {
      if (request.actor) this.setHeader('Server-Timing', serverTiming(clock.phases()));
      return writeHead.apply(this, args as Parameters<typeof writeHead>);
    } as typeof response.writeHead;
    if (log.isLevelEnabled('debug'))
      response.once('finish', () =>
        log.debug(
          { method: request.method, url: request.originalUrl, phases: clock.phases() },
          'request phases',
        ),
      );
    withPhaseClock(clock, next);
  };
}

/** `load;dur=1.2, append;dur=3.4, total;dur=9.9` (W3C Server Timing). */
function serverTiming(phases: Record<string, number>): string {
  return Object.entries(phases)
    .map(([phase, ms]) => `${phase};dur=${ms}`)
    .join(', ');
}
