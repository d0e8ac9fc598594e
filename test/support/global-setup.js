// Probes the servers integration tests need, once per run. Under CI they must be there.
const { Client } = require('pg');

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

module.exports = async function globalSetup() {
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
