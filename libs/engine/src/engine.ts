import pino, { Logger } from 'pino';
import { KnownAtReadModels } from './known-at';
import { SealingEventStore } from '#event-store/sealing/sealing-event-store';
import { handleCommand, StaleVersionError } from '#application/command-handling';
import { bodyStream } from '#domain/action/action-ids';
import { boardOutcomeProcess } from '#application/board-outcomes';
import { NumberSequence } from '#application/number-sequence';
import { numberingProcess } from '#application/numbering';
import { EventProcess, processFollower } from '#application/process-follower';
import { publicNoticesProcess } from '#application/subscriptions/public-notices';
import { DECISION_NUMBERS, MINUTE_NUMBERS } from '#application/sequences';
import { applyMigrations } from '#database/migrations';
import { PgDatabase } from '#database/pg-database';
import { PgliteDatabase } from '#database/pglite-database';
import { SqlDatabase } from '#database/sql-database';
import { bodyDecider } from '#domain/body/body.decider';
import { EventStore, LogPosition } from '#event-store/port';
import { EventChains } from '#event-store/postgres/event-chain';
import { ALL_PROJECTIONS } from '#projections';
import { ENGINE_MIGRATIONS } from './engine-migrations';
import { Projection } from '#projections/projection';
import { Projector } from '#projections/projector';
import { ReminderChannel } from '#domain/reminder/reminder.events';
import { InProcessReminders } from '#reminders/in-process-reminders';
import { EmailNotifier, LogNotifier, Notifier, WebhookNotifier } from '#reminders/notifiers';
import { ReminderDelivery } from '#reminders/reminder-delivery';
import { TokenService } from './token.service';
import { EngineConfig } from './config';
import { awaitEventStore, eventLogKindOf, GivenEventLog, holdToOneEventLog, openEventLog } from './event-log';

/** The running parts of the engine, outside Nest: what the HTTP app, the CLI and tests share. */
export interface Engine {
  readonly config: EngineConfig;
  readonly db: SqlDatabase;
  readonly store: EventStore;
  readonly projector: Projector;
  /** Each body's decision numbers (one per process: it remembers what it has read). */
  readonly decisionNumbers: NumberSequence;
  /** Each board's minute numbers. */
  readonly minuteNumbers: NumberSequence;
  /** Turns board outcomes into actions and proposed decisions; also run in the background. */
  readonly boardOutcomes: EventProcess;
  /** Sends due reminders (claimed one at a time, recorded once). */
  readonly reminders: ReminderDelivery;
  readonly tokens: TokenService;
  /** The store's hash chains, checked and signed; null on EventStoreDB, which keeps none. */
  readonly chains: EventChains | null;
  /** The read models as known at an instant (replayed), for every read that asks `knownAt`. */
  readonly knownAt: KnownAtReadModels;
  /** The sealing of personal data in the log: an erasure makes this process forget a key at once. */
  readonly sealing: SealingEventStore;
  readonly log: Logger;
  readonly clock: () => Date;
  close(): Promise<void>;
}

export interface EngineParts {
  /** An already open database (tests); otherwise opened from the config. */
  readonly db?: SqlDatabase;
  readonly log?: Logger;
  readonly clock?: () => Date;
  readonly projectorIdleMs?: number;
  /** Which projections this process keeps (all by default); benchmarks and workers may keep fewer. */
  readonly projections?: readonly Projection[];
  /** Run the process managers in the background (default true); benchmarks may not want them. */
  readonly runProcesses?: boolean;
  /** An event store opened elsewhere (tests: the EventStoreDB adapter over the client's stand-in). */
  readonly eventLog?: GivenEventLog;
}

export async function openDatabase(config: EngineConfig, log: Logger): Promise<SqlDatabase> {
  if (config.databaseUrl) {
    return new PgDatabase({
      connectionString: config.databaseUrl,
      onError: (error) => log.error({ err: error }, 'idle PostgreSQL connection failed'),
    });
  }
  return PgliteDatabase.open(config.dataDir);
}

export async function openEngine(config: EngineConfig, parts: EngineParts = {}): Promise<Engine> {
  // Bearer tokens never reach the logs.
  const log = parts.log ?? pino({ level: config.logLevel, redact: ['req.headers.authorization'] });
  const db = parts.db ?? (await openDatabase(config, log));
  const applied = await applyMigrations(db, ENGINE_MIGRATIONS);
  if (applied.length > 0) log.info({ migrations: applied }, 'migrations applied');
  const kind = eventLogKindOf(config, parts.eventLog);
  await holdToOneEventLog(db, kind);
  const { store, sealing } = openEventLog(config, db, parts.eventLog);
  await awaitEventStore(store, kind, log);
  const clock = parts.clock ?? (() => new Date());
  const boardOutcomes = boardOutcomeProcess({ store, db, clock });
  const decisionNumbers = new NumberSequence(store, DECISION_NUMBERS);
  const minuteNumbers = new NumberSequence(store, MINUTE_NUMBERS);
  const numbering = numberingProcess({ store, db, decisionNumbers, minuteNumbers, clock });
  // One reader of the log for the read models and the processes that react to events.
  const projector = new Projector(
    db,
    store,
    parts.projections ?? ALL_PROJECTIONS,
    log,
    parts.projectorIdleMs,
    parts.runProcesses === false
      ? []
      : [boardOutcomes, numbering, publicNoticesProcess(db)].map((each) => processFollower(db, each)),
  );
  const registered = await ensureDefaultBody(store, config, clock);
  await projector.start();
  const reminders = new ReminderDelivery(db, store, clock, notifiersFor(config, log), log);
  const reminderLoop = config.remindersInProcess
    ? new InProcessReminders(reminders, log, config.reminderIntervalMs)
    : null;
  reminderLoop?.start();
  const chains = kind === 'eventstoredb' ? null : new EventChains(db, store, config.chainSigningKey, clock);
  const chainSigning = chains ? signHeadsEvery(chains, config.chainSignIntervalMs, log) : null;
  const knownAt = new KnownAtReadModels(db, store, log, clock);
  await knownAt.dropAbandoned();
  // The first request may name the default body: have it in the read model before serving.
  if (registered) await projector.waitFor(registered);
  log.info(
    { database: db.kind, eventStore: config.eventStoreUrl ? 'eventstoredb' : db.kind },
    'engine ready',
  );
  return {
    config,
    db,
    store,
    projector,
    decisionNumbers,
    minuteNumbers,
    boardOutcomes,
    reminders,
    tokens: new TokenService(config.jwtSecret),
    chains,
    knownAt,
    sealing,
    log,
    clock,
    async close() {
      if (chainSigning) clearInterval(chainSigning);
      await knownAt.close();
      await reminderLoop?.stop();
      await projector.stop();
      await store.close();
      if (!parts.db) await db.close();
    },
  };
}

/** Signs the heads that moved, now and then, so a copy of the table rewritten later shows it. */
function signHeadsEvery(chains: EventChains, intervalMs: number, log: Logger): NodeJS.Timeout | null {
  if (intervalMs === 0) return null;
  const timer = setInterval(() => {
    chains
      .signMovedHeads()
      .then((signed) => signed.length > 0 && log.info({ heads: signed.length }, 'chain heads signed'))
      .catch((error: unknown) => log.error({ err: error }, 'chain heads not signed'));
  }, intervalMs);
  timer.unref();
  return timer;
}

/** Where reminders can go: always the log; email and webhooks when configured. */
export function notifiersFor(
  config: EngineConfig,
  log: Logger,
): { log: Notifier } & Partial<Record<ReminderChannel, Notifier>> {
  return {
    log: new LogNotifier(log),
    ...(config.smtpUrl ? { email: new EmailNotifier(config.smtpUrl, config.mailFrom) } : {}),
    ...(config.webhookSecret
      ? {
          webhook: new WebhookNotifier(config.webhookSecret, {
            allowPrivate: config.webhookAllowPrivateNetworks,
          }),
        }
      : {}),
  };
}

/** A newcomer's first token works at once: the default body exists from the first start. */
async function ensureDefaultBody(
  store: EventStore,
  config: EngineConfig,
  clock: () => Date,
): Promise<LogPosition | null> {
  const { id, name } = config.defaultBody;
  if ((await store.readStream(bodyStream(id), { maxCount: 1 })).length > 0) return null;
  const context = {
    actor: 'system',
    actorRole: 'admin',
    bodies: 'all' as const,
    command: 'RegisterBody',
    recordedAt: clock(),
  };
  try {
    const outcome = await handleCommand(
      store,
      bodyDecider,
      { type: 'RegisterBody', bodyId: id, name },
      context,
      {
        streamId: bodyStream(id),
        bodyOf: (body) => (body.exists ? body.bodyId : null),
      },
    );
    return outcome.position;
  } catch (error) {
    // Another instance starting at the same moment registered it first.
    if (!(error instanceof StaleVersionError)) throw error;
    return null;
  }
}
