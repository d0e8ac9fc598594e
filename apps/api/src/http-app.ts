import { webAssets } from './web/setup/web-assets';
import { INestApplication, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SwaggerModule } from '@nestjs/swagger';
import { static as serveStatic } from 'express';
import helmet from 'helmet';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Logger } from 'pino';
import pinoHttp from 'pino-http';
import { AppModule } from './app.module';
import { AuthenticatedRequest } from './auth/auth.decorators';
import { Engine } from '#engine/engine';
import { openApiDocument } from './http/openapi';
import { phaseTiming } from './http/phase-timing';
import { readYourWrites } from './http/read-your-writes';
import { checkUrl, jsonBody } from './http/request-guards';
import { identifyCaller } from './auth/identify-caller';
import { withGracefulShutdown } from './http/shutdown';
import { validationPipe } from './http/validation';
import { GOVUK_FRONTEND_DIST } from './publishing/html-pages';
import { webApp } from './web/web-app';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

const NEST_STARTUP_CONTEXTS = new Set([
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestApplication',
]);

/** Nest's own log lines go through the engine's pino logger, as JSON. */
function nestLogger(log: Logger): LoggerService {
  return {
    // Nest's start-up chatter (a line per module and per route) is for debugging, not for operators.
    log: (message: unknown, context?: string) =>
      NEST_STARTUP_CONTEXTS.has(context ?? '')
        ? log.debug({ context }, String(message))
        : log.info({ context }, String(message)),
    error: (message: unknown, trace?: string, context?: string) =>
      log.error({ context, trace }, String(message)),
    warn: (message: unknown, context?: string) => log.warn({ context }, String(message)),
    debug: (message: unknown, context?: string) => log.debug({ context }, String(message)),
    verbose: (message: unknown, context?: string) => log.trace({ context }, String(message)),
  };
}

/** The HTTP API under /api, with OpenAPI at /api/docs and /api/docs-json. */
export async function createHttpApp(engine: Engine): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.register(engine), {
    logger: nestLogger(engine.log),
    bodyParser: false,
  });
  app.setGlobalPrefix('api');
  const express = app.getHttpAdapter().getInstance() as { disable(setting: string): void };
  express.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // Swagger UI at /api/docs runs its own inline script and styles; nothing else does.
          'script-src': ["'self'", "'unsafe-inline'"],
          'frame-ancestors': ["'none'"],
          'upgrade-insecure-requests': null,
        },
      },
      // HSTS only where the engine is reached over TLS (a public base URL on https).
      strictTransportSecurity: engine.config.publicBaseUrl?.startsWith('https:') ?? false,
      referrerPolicy: { policy: 'same-origin' },
    }),
  );
  if (engine.config.corsOrigins.length > 0) app.enableCors({ origin: [...engine.config.corsOrigins] });
  withGracefulShutdown(app, engine.config.shutdownGraceMs);
  app.use(checkUrl);
  app.use(phaseTiming(engine.log));
  app.use(readYourWrites(engine));
  // The token is read once, here; the body is parsed only for a caller it identifies.
  app.use(identifyCaller(engine));
  app.use(jsonBody((request: AuthenticatedRequest) => request.actor !== undefined));
  app.use(
    pinoHttp({
      logger: engine.log,
      // A caller's own request id is kept (and becomes the events' correlation id); otherwise one is made.
      genReqId: (request, response) => {
        const given = request.headers['x-request-id'];
        const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
        response.setHeader('x-request-id', id);
        return id;
      },
      autoLogging: { ignore: (request) => request.url === '/api/health' },
    }),
  );
  // The staff web application at /, beside the API at /api.
  app.use(webApp(engine));
  app.useGlobalPipes(validationPipe());
  // The web pages' stylesheet, scripts and images, one folder per build: cached for good.
  const assets = webAssets();
  app.use(assets.path, serveStatic(assets.dir, { maxAge: '1y', immutable: true }));
  // The GOV.UK Design System's stylesheet, fonts and images for the published pages.
  app.use('/govuk', serveStatic(join(GOVUK_FRONTEND_DIST, 'govuk'), { maxAge: '1d' }));
  app.use('/assets', serveStatic(join(GOVUK_FRONTEND_DIST, 'govuk', 'assets'), { maxAge: '1d' }));

  const document = openApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
