// Probes the servers integration tests need, once per run. Under CI they must be there.
const { Client } = require('pg');
const net = require('node:net');
const { URL } = require('node:url');

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** Answers PONG to a PING within a second, or not at all. */
function redisAnswers(url) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379) });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

async function probeRedis() {
  const url = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
  process.env.TEST_REDIS_URL = url;
  if (await redisAnswers(url)) {
    process.env.TEST_REDIS_AVAILABLE = '1';
    return;
  }
  if (process.env.CI === 'true') throw new Error(`CI=true but Redis is not reachable at ${url}`);
  process.env.TEST_REDIS_AVAILABLE = '0';
  console.warn(`\nRedis not reachable at ${url}: BullMQ tests will be skipped.\n`);
}

/** Debian's Chromium, for the browser tests (never a downloaded browser). */
function probeChromium() {
  const path = process.env.TEST_CHROMIUM || '/usr/bin/chromium';
  process.env.TEST_CHROMIUM = path;
  if (require('node:fs').existsSync(path)) {
    process.env.TEST_CHROMIUM_AVAILABLE = '1';
    return;
  }
  if (process.env.CI === 'true')
    throw new Error(`CI=true but Chromium is not at ${path} (apt-get install -y chromium)`);
  process.env.TEST_CHROMIUM_AVAILABLE = '0';
  console.warn(
    `\nChromium not found at ${path}: browser tests will be skipped (apt-get install -y chromium).\n`,
  );
}

module.exports = async function globalSetup() {
  probeChromium();
  await probeRedis();
  const url = process.env.TEST_DATABASE_URL || DEFAULT_URL;
  process.env.TEST_DATABASE_URL = url;
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    process.env.TEST_POSTGRES_AVAILABLE = '1';
  } catch (error) {
    if (process.env.CI === 'true') {
      throw new Error(`CI=true but PostgreSQL is not reachable at ${url}: ${error.message}`, {
        cause: error,
      });
    }
    process.env.TEST_POSTGRES_AVAILABLE = '0';
    console.warn(
      `\nPostgreSQL not reachable at ${url} (${error.message}): PostgreSQL tests will be skipped.\n`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
};
