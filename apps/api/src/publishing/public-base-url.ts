import { HttpAdapterHost } from '@nestjs/core';
import { AddressInfo } from 'node:net';
import { Engine } from '#engine/engine';

/**
 * The address published links start with: PUBLIC_BASE_URL, or in the embedded default (where it
 * may be unset) the address the API is listening on. Never the request's Host header.
 */
export function publicBaseUrl(engine: Engine, adapterHost: HttpAdapterHost): string {
  if (engine.config.publicBaseUrl) return engine.config.publicBaseUrl;
  const server = adapterHost.httpAdapter.getHttpServer() as { address(): AddressInfo | string | null };
  const address = server.address();
  if (address === null || typeof address === 'string') return `http://localhost:${engine.config.port}`;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host === '0.0.0.0' || host === '[::]' ? 'localhost' : host}:${address.port}`;
}
