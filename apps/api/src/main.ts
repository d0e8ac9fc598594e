import 'reflect-metadata';
import { configFromEnvironment } from '#engine/config';
import { openEngine } from '#engine/engine';
import { firstAdminLink } from '#engine/admins';
import { createHttpApp } from './http-app';
import { gracefulShutdownOf } from './http/shutdown';

async function main(): Promise<void> {
  const config = configFromEnvironment();
  if (config.databaseUrl && !config.publicBaseUrl)
    throw new Error(
      'PUBLIC_BASE_URL must be set (e.g. https://democracy.example.gov.uk): published pages and feeds link to it',
    );
  process.stderr.write(
    `Opening the engine on ${config.databaseUrl ? 'PostgreSQL' : `embedded PGlite in ${config.dataDir}`} (migrating and catching up) ...\n`,
  );
  const engine = await openEngine(config);
  const app = await createHttpApp(engine);
  // The HTTP server stops first (keep-alive connections closed, bounded wait), then the projector stores its checkpoints.
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    engine.log.info({ signal }, 'shutting down');
    await gracefulShutdownOf(app).close();
    await engine.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen(config.port, config.host);
  const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = `http://${shown}:${config.port}`;
  engine.log.info({ url, docs: `${url}/api/docs` }, 'listening');
  process.stderr.write(
    `\nGovernance engine ready: the web application at ${url}/, the API at ${url}/api/docs (OpenAPI).\n` +
      `Get an API token with:  npm run -s cli -- token --user YOUR.NAME --role secretary\n`,
  );
  const link = await firstAdminLink(engine);
  if (link)
    process.stderr.write(
      `\nNo admin has signed in yet. Open this link (once, within 7 days) to choose your password:\n  ${link}\n` +
        `Then give the first admin your own name and email (or make another admin with npm run cli -- admin create).\n`,
    );
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
