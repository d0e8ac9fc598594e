import { createHash } from 'node:crypto';
import { Client, Pool, PoolConfig, QueryConfig, types } from 'pg';
import { SqlDatabase, SqlSession, SqlTransaction } from './sql-database';

const INT8 = 20;
const DATE = 1082;

/** Same shapes as PGlite: int8 as a number, date as its YYYY-MM-DD text (never a local-midnight Date). */
const typeParsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8) return (value: string) => Number(value);
    if (oid === DATE) return (value: string) => value;
    return types.getTypeParser(oid, format);
  },
};

const PREPARABLE = /^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b/i;

/**
 * Our statements are few and fixed, so each is prepared once per connection (named by a hash of its
 * text): PostgreSQL then skips parsing and planning, which under many concurrent appenders on few
 * cores is a large share of the work.
 */
function statement(text: string, params: readonly unknown[]): QueryConfig {
  const name = nameOf(text);
  return name ? { name, text, values: params as unknown[] } : { text, values: params as unknown[] };
}

/** Statement names by text, worked out once: hashing every statement's text showed in profiles. */
const names = new Map<string, string | null>();

function nameOf(text: string): string | null {
  let name = names.get(text);
  if (name === undefined) {
    name = PREPARABLE.test(text) ? `s${createHash('sha1').update(text).digest('hex').slice(0, 20)}` : null;
    // Texts are our fixed statements; a bound keeps a caller's dynamic SQL from growing it for ever.
    if (names.size < 10_000) names.set(text, name);
  }
  return name;
}

export interface PgDatabaseOptions {
  readonly connectionString: string;
  readonly schema?: string;
  readonly maxConnections?: number;
  readonly onError?: (error: Error) => void;
}

export class PgDatabase implements SqlDatabase {
  readonly kind = 'postgres' as const;
  private readonly pool: Pool;
  private readonly config: PoolConfig;

  constructor(options: PgDatabaseOptions) {
    const settings = [
      '-c statement_timeout=30000',
      // An idle transaction holds back every reader of the global log.
      '-c idle_in_transaction_session_timeout=10000',
      ...(options.schema ? [`-c search_path=${options.schema}`] : []),
    ];
    const config: PoolConfig = {
      connectionString: options.connectionString,
      max: options.maxConnections ?? 10,
      connectionTimeoutMillis: 5000,
      options: settings.join(' '),
      types: typeParsers,
    };
    this.config = config;
    this.pool = new Pool(config);
    this.pool.on('error', (error) => options.onError?.(error));
  }

  async query<Row>(text: string, params: readonly unknown[] = []): Promise<Row[]> {
    const result = await this.pool.query(statement(text, params));
    return result.rows as Row[];
  }

  async transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const tx: SqlTransaction = {
        query: async <Row>(text: string, params: readonly unknown[] = []) =>
          (await client.query(statement(text, params))).rows as Row[],
        execScript: async (sql: string) => {
          await client.query(sql);
        },
      };
      const result = await work(tx);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async execScript(sql: string): Promise<void> {
    await this.pool.query(sql);
  }

  async session(onLost: (error: Error) => void): Promise<SqlSession> {
    const client = new Client(this.config);
    client.on('error', onLost);
    await client.connect();
    return {
      query: async <Row>(text: string, params: readonly unknown[] = []) =>
        (await client.query(statement(text, params))).rows as Row[],
      release: () => client.end(),
    };
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
