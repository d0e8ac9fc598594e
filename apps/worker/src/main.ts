import 'reflect-metadata';
import { BullmqReminders } from '#reminders/bullmq-reminders';
import { configFromEnvironment } from '#engine/config';
import { notifiersFor, openEngine } from '#engine/engine';
import { ReminderDelivery } from '#reminders/reminder-delivery';

/**
 * The worker: keeps BullMQ's delayed jobs in step with the planned reminders and sends them. The
 * API (or another worker) keeps the projections; any number of workers may run side by side.
 */
async function main(): Promise<void> {
  const config = configFromEnvironment();
  if (!config.redisUrl)
    throw new Error('REDIS_URL is required by the worker (without Redis, the API sends reminders itself)');
  // The worker keeps no projections of its own and runs no process managers: the API does.
  const engine = await openEngine(
    { ...config, remindersInProcess: false },
    { projections: [], runProcesses: false },
  );
  const delivery = new ReminderDelivery(
    engine.db,
    engine.store,
    engine.clock,
    notifiersFor(config, engine.log),
    engine.log,
  );
  const reminders = new BullmqReminders(
    engine.db,
    delivery,
    { url: config.redisUrl },
    engine.clock,
    engine.log,
    {
      syncIntervalMs: config.reminderIntervalMs,
    },
  );
  await reminders.start();
  engine.log.info({ redis: config.redisUrl.replace(/\/\/[^@]*@/, '//***@') }, 'reminder worker started');
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    engine.log.info({ signal }, 'worker shutting down');
    await reminders.stop();
    await engine.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
