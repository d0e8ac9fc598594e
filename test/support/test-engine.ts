import { INestApplication } from '@nestjs/common';
import pino from 'pino';
import request from 'supertest';
import { Actor, Role } from '#engine/actor';
import { EngineConfig } from '#engine/config';
import { Engine, openEngine } from '#engine/engine';
import { GivenEventLog } from '#engine/event-log';
import { createHttpApp } from '../../apps/api/src/http-app';
import { applyMigrations, Migration } from '#database/migrations';
import { SqlDatabase } from '#database/sql-database';
import { newChainSigningKey } from '#event-store/chain/chain-checkpoint';
import { openTestPglite, openTestPostgres, postgresAvailable, TestDatabase } from './databases';

export type DatabaseKind = 'pglite' | 'postgres';

/** The databases an integration suite runs on: PGlite always, PostgreSQL when reachable (always under CI). */
export const DATABASES: DatabaseKind[] = postgresAvailable ? ['pglite', 'postgres'] : ['pglite'];
/**
 * The database a page suite runs on: one, to keep the suite within its 30 minutes. PostgreSQL when
 * reachable; the pages run the same application and SQL as the API, whose suites run on both, and
 * the browser journeys run on the embedded default.
 */
export const WEB_DATABASES: DatabaseKind[] = postgresAvailable ? ['postgres'] : ['pglite'];
if (!postgresAvailable) {
  console.warn('PostgreSQL not reachable: integration suites run on PGlite only (CI requires PostgreSQL).');
}

/** One signing key for the chain heads of every engine a test process starts. */
export const TEST_CHAIN_SIGNING_KEY = newChainSigningKey();

export const testConfig = (overrides: Partial<EngineConfig> = {}): EngineConfig => ({
  port: 0,
  host: '127.0.0.1',
  publicBaseUrl: 'http://engine.test',
  oidc: null,
  corsOrigins: [],
  shutdownGraceMs: 2_000,
  dataDir: '/nonexistent',
  databaseUrl: null,
  eventStoreUrl: null,
  jwtSecret: 'test-secret-of-at-least-32-characters!!',
  defaultBody: { id: 'default', name: 'Default body' },
  logLevel: 'silent',
  redisUrl: null,
  smtpUrl: null,
  mailFrom: 'test@localhost',
  accessibilityContact: null,
  webhookSecret: null,
  webhookAllowPrivateNetworks: false,
  // Tests that send reminders drive them with their own clock.
  remindersInProcess: false,
  reminderIntervalMs: 50,
  importLimits: { maxBytes: 50 * 1024 * 1024, maxRows: 250_000 },
  chainSigningKey: TEST_CHAIN_SIGNING_KEY,
  chainSignIntervalMs: 0,
  ...overrides,
});

export interface TestApi {
  readonly engine: Engine;
  readonly app: INestApplication;
  readonly database: TestDatabase;
  readonly http: () => ReturnType<typeof request>;
  /** A bearer token for a user of the given role acting for the given bodies. */
  token(user: string, role: Role, bodies?: Actor['bodies']): string;
  /** Stops the app and engine but keeps the database (to start again on it). */
  stop(): Promise<void>;
  close(): Promise<void>;
}

export async function openTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  return kind === 'postgres' ? openTestPostgres() : openTestPglite();
}

/**
 * A test database of `kind` for the tests of one `describe`, with `migrations` applied: opened
 * before them, closed after. Answers a getter for the database, valid once they run.
 */
export function migratedDatabase(kind: DatabaseKind, migrations: readonly Migration[]): () => SqlDatabase {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await applyMigrations(database.db, migrations);
  });
  afterAll(() => database?.dispose());
  return () => {
    if (!database) throw new Error('the test database is opened before the tests run');
    return database.db;
  };
}

/** The whole engine on a test database, served over real HTTP on an ephemeral port. */
export async function startTestApi(
  kind: DatabaseKind,
  existing?: TestDatabase,
  db?: SqlDatabase,
  /** The engine's clock, for tests that move time (reminders). */
  clock?: () => Date,
  config: Partial<EngineConfig> = {},
  /** An event store of the test's own (the EventStoreDB adapter over the client's stand-in). */
  eventLog?: GivenEventLog,
): Promise<TestApi> {
  const database = existing ?? (await openTestDatabase(kind));
  const engine = await openEngine(testConfig(config), {
    db: db ?? database.db,
    log: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    clock,
    eventLog,
  });
  const app = await createHttpApp(engine);
  await app.listen(0, '127.0.0.1');
  const server = app.getHttpServer();
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await app.close();
    await engine.close();
  };
  return {
    engine,
    app,
    database,
    http: () => request(server),
    token: (user, role, bodies = ['default']) => engine.tokens.issue({ user, role, bodies }),
    stop,
    close: async () => {
      await stop();
      if (!existing) await database.dispose();
    },
  };
}

/** How many events the store holds: a refused request must leave it unchanged. */
export async function eventCountOf(api: TestApi): Promise<number> {
  return (await api.engine.db.query<{ n: number }>('SELECT count(*)::integer AS n FROM events'))[0].n;
}
