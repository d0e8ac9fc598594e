import { NextFunction, Request, Response } from 'express';
import { AsyncLocalStorage } from 'node:async_hooks';
import { ServerResponse } from 'node:http';
import { LogPosition } from '#event-store/port';
import { Engine } from '#engine/engine';

/** The header that names the read models a write's answer could not wait for. */
export const PENDING_HEADER = 'Projections-Pending';

const pendingOfRequest = new AsyncLocalStorage<Set<string>>();

/**
 * A write answers once the read models show it. When some do not (a projection parked the event,
 * or did not catch up in time), the write still happened, and the answer says so: 202 instead of
 * 200/201, and a header naming the projections that do not show it yet.
 */
export function readYourWrites(_request: Request, response: Response, next: NextFunction): void {
  const pending = new Set<string>();
  const writeHead = response.writeHead;
  response.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    const status = typeof args[0] === 'number' ? args[0] : this.statusCode;
    if (pending.size > 0 && (status === 200 || status === 201)) {
      this.statusCode = 202;
      if (typeof args[0] === 'number') args[0] = 202;
      this.setHeader(PENDING_HEADER, [...pending].join(', '));
    }
    return writeHead.apply(this, args as Parameters<typeof writeHead>);
  } as typeof response.writeHead;
  pendingOfRequest.run(pending, next);
}

/** Waits for the read models to show an append; what they do not show goes into the answer. */
export async function awaitProjections(engine: Engine, position: LogPosition | null): Promise<void> {
  if (!position) return;
  const lagging = await engine.projector.waitFor(position);
  for (const name of lagging) pendingOfRequest.getStore()?.add(name);
}
