/** Something that runs one SQL statement with parameters: a pool, or the transaction handed to you. */
export interface SqlQueryable {
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<Row[]>;
}

/** The handle of one open transaction. */
export interface SqlTransaction extends SqlQueryable {
  /** Runs a script of several statements without parameters (migrations). */
  execScript(sql: string): Promise<void>;
}

/** A connection of its own, held until released: what a session-level lock lives on. */
export interface SqlSession extends SqlQueryable {
  release(): Promise<void>;
}

/**
 * The one door to PostgreSQL or embedded PGlite. The same SQL runs on both; code that needs
 * several statements to be atomic asks for `transaction` and uses only the `tx` it is given.
 */
export interface SqlDatabase extends SqlQueryable {
  readonly kind: 'postgres' | 'pglite';
  transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T>;
  /** Runs a script of several statements (migrations). */
  execScript(sql: string): Promise<void>;
  /** A connection outside the pool; `onLost` hears when it breaks (what it held is gone). */
  session(onLost: (error: Error) => void): Promise<SqlSession>;
  close(): Promise<void>;
}

/** PostgreSQL's SQLSTATE codes we act on. */
export const SQLSTATE = { uniqueViolation: '23505', serializationFailure: '40001' } as const;

export function sqlStateOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error
    ? String((error as { code: unknown }).code)
    : undefined;
}

/** SQL for a timestamptz column as an ISO 8601 instant in UTC (`2026-12-02T06:30:00.000Z`), the same on both drivers. */
export const utcIsoOf = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
