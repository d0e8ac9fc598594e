import { INestApplication } from '@nestjs/common';
import { NextFunction, Request, Response } from 'express';
import { Server } from 'node:http';

/**
 * Stopping the API: no new requests, keep-alive connections told to close (an idle one at once, a
 * busy one after its answer, which says `Connection: close`), and a bounded wait for what is in
 * flight. Without this a client on keep-alive goes on being served after SIGTERM.
 */
export class GracefulShutdown {
  private stopping = false;

  constructor(
    private readonly app: INestApplication,
    private readonly graceMs: number,
  ) {}

  /** Middleware: once stopping, every answer closes its connection. */
  readonly middleware = (_request: Request, response: Response, next: NextFunction): void => {
    if (this.stopping) response.setHeader('Connection', 'close');
    next();
  };

  /**
   * Closes the app (Nest closes the server and waits for requests in flight); idle keep-alive
   * connections close at once, and whatever is still open after the grace period is cut off.
   */
  async close(): Promise<void> {
    this.stopping = true;
    const server = this.app.getHttpServer() as Server;
    server.closeIdleConnections();
    const cutOff = setTimeout(() => server.closeAllConnections(), this.graceMs);
    try {
      await this.app.close();
    } finally {
      clearTimeout(cutOff);
    }
  }
}

const shutdowns = new WeakMap<INestApplication, GracefulShutdown>();

/** Attaches graceful shutdown to an app: its middleware must run before the routes. */
export function withGracefulShutdown(app: INestApplication, graceMs: number): void {
  const shutdown = new GracefulShutdown(app, graceMs);
  shutdowns.set(app, shutdown);
  app.use(shutdown.middleware);
}

export function gracefulShutdownOf(app: INestApplication): GracefulShutdown {
  const shutdown = shutdowns.get(app);
  if (!shutdown) throw new Error('the app was not made by createHttpApp');
  return shutdown;
}
