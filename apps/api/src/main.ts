import 'reflect-metadata';
import { configFromEnvironment } from './config';
import { numberUnnumberedMeetings } from './boards/board-commands';
import { numberUnnumberedDecisions } from './decisions/decision-commands';
import { openEngine } from './engine';
import { createHttpApp } from './http-app';

async function main(): Promise<void> {
  const config = configFromEnvironment();
  const engine = await openEngine(config);
  const app = await createHttpApp(engine);
  // A crash between taking a decision and numbering it leaves it unnumbered: finish the job.
  const numbered = await numberUnnumberedDecisions(engine);
  if (numbered > 0) engine.log.info({ numbered }, 'numbered decisions a previous run left unnumbered');
  const minuted = await numberUnnumberedMeetings(engine);
  if (minuted > 0) engine.log.info({ meetings: minuted }, 'numbered minutes a previous run left unnumbered');
  // Nest closes the HTTP server (finishing in-flight requests) first; then the projector stores its checkpoints.
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    engine.log.info({ signal }, 'shutting down');
    await app.close();
    await engine.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen(config.port);
  engine.log.info({ port: config.port, docs: `http://localhost:${config.port}/api/docs` }, 'listening');
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
