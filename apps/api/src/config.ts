import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Everything the engine reads from its environment, with the embedded default's values. */
export interface EngineConfig {
  readonly port: number;
  readonly dataDir: string;
  /** PostgreSQL for events (unless eventStoreUrl) and projections; unset means embedded PGlite in dataDir. */
  readonly databaseUrl: string | null;
  /** EventStoreDB/KurrentDB for events; projections stay in PostgreSQL/PGlite. */
  readonly eventStoreUrl: string | null;
  readonly jwtSecret: string;
  readonly defaultBody: { readonly id: string; readonly name: string };
  readonly logLevel: string;
}

export function configFromEnvironment(env: NodeJS.ProcessEnv = process.env): EngineConfig {
  const dataDir = resolve(env.DATA_DIR ?? './data');
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT "${env.PORT}" is not a port number`);
  return {
    port,
    dataDir,
    databaseUrl: env.DATABASE_URL || null,
    eventStoreUrl: env.EVENTSTORE_URL || null,
    jwtSecret: env.JWT_SECRET || secretKeptIn(dataDir),
    defaultBody: { id: env.DEFAULT_BODY_ID ?? 'default', name: env.DEFAULT_BODY_NAME ?? 'Default body' },
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}

/** The embedded default makes its signing secret once and keeps it, so tokens survive restarts. */
function secretKeptIn(dataDir: string): string {
  const path = join(dataDir, 'jwt-secret');
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(path, secret, { mode: 0o600, flag: 'wx' });
  return secret;
}
