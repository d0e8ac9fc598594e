import { NextFunction, Request, Response } from 'express';
import { AsyncLocalStorage } from 'node:async_hooks';
import { ServerResponse } from 'node:http';
import { LogPosition } from '#event-store/port';
import { Engine } from '#engine/engine';
import { timed } from '#application/phase-clock';

/** The header that names the read models a write's answer could not wait for. */
export const PENDING_HEADER = 'Projections-Pending';

/** What a request's answer must say of the read models, and how it tells the reader it arrived. */
interface Pending {
  readonly projections: Set<string>;
  arrived: () => void;
}

const pendingOfRequest = new AsyncLocalStorage<Pending>();

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A write answers once the read models show it. When some do not (a projection parked the event,
 * or did not catch up in time), the write still happened, and the answer says so: 202 instead of
 * 200/201, and a header naming the projections that do not show it yet. Until a write starts to
 * wait (or is answered), the reader knows it is on its way, and a live batch waits for it.
 */
export function readYourWrites(engine: Engine) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const pending: Pending = { projections: new Set(), arrived: () => undefined };
    if (!READS.has(request.method)) {
      pending.arrived = engine.projector.arriving.expect();
      response.once('close', pending.arrived);
    }
    const writeHead = response.writeHead;
    response.writeHead = function (this: ServerResponse, ...args: unknown[]) {
      const status = typeof args[0] === 'number' ? args[0] : this.statusCode;
      if (pending.projections.size > 0 && (status === 200 || status === 201)) {
        this.statusCode = 202;
        if (typeof args[0] === 'number') args[0] = 202;
        this.setHeader(PENDING_HEADER, [...pending.projections].join(', '));
      }
      return writeHead.apply(this, args as Parameters<typeof writeHead>);
    } as typeof response.writeHead;
    pendingOfRequest.run(pending, next);
  };
}

/** Waits for the read models to show an append; what they do not show goes into the answer. */
export async function awaitProjections(engine: Engine, position: LogPosition | null): Promise<void> {
  const pending = pendingOfRequest.getStore();
  pending?.arrived();
  if (!position) return;
  const lagging = await timed('wait', () => engine.projector.waitFor(position));
  for (const name of lagging) pending?.projections.add(name);
}
