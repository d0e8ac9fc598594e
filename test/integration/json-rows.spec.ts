import { SqlDatabase } from '#database/sql-database';
import { JsonRows } from '#projections/json-rows';
import { DATABASES, openTestDatabase } from '../support/test-engine';

const COLUMNS = `id uuid, name text, note text, count integer, big bigint, flag boolean, on_date date,
  at timestamptz, doc jsonb, absent text`;

interface Row {
  id: string;
  name: string;
  note: string | null;
  count: number | null;
  big: number;
  flag: boolean;
  on_date: string | null;
  at: string | Date;
  doc: unknown;
  absent?: string;
}

const rows: Row[] = [
  {
    id: '0b6f0c52-8a8e-4d3c-9d5e-1f2a3b4c5d6e',
    name: 'Quotes " and \\ backslashes, \u2019 and 😀, a\nnew line',
    note: null,
    count: 3,
    big: 9007199254740991,
    flag: true,
    on_date: '2026-03-31',
    at: '2026-07-01T10:15:00.123Z',
    doc: { nested: [1, 'two', null, { deep: true }], empty: {} },
  },
  {
    id: '7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f',
    name: '',
    note: 'A note',
    count: null,
    big: 0,
    flag: false,
    on_date: null,
    at: new Date('2026-12-03T00:00:00.000Z'),
    doc: null,
    absent: 'given',
  },
  {
    id: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
    name: '42',
    note: '',
    count: 0,
    big: -1,
    flag: false,
    on_date: '2024-02-29',
    at: '2026-03-29T01:00:00.000Z',
    doc: ['a', 'list'],
  },
];

/**
 * Set-based writes send their rows as JSON arrays read back by `JsonRows`; they must read exactly
 * as the objects `jsonb_to_recordset` read before: every type, nulls, missing values, and text
 * that needs escaping.
 */
describe.each(DATABASES)('rows sent as JSON arrays (%s)', (kind) => {
  let db: SqlDatabase;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ db, dispose } = await openTestDatabase(kind));
  });
  afterAll(() => dispose());

  it('read back as jsonb_to_recordset reads the same rows as objects', async () => {
    const sent = new JsonRows<Row>(COLUMNS);
    const asArrays = await db.query(`SELECT ${sent.names} FROM ${sent.relation('$1', 'r')} ORDER BY id`, [
      sent.json(rows),
    ]);
    const asObjects = await db.query(
      `SELECT ${sent.names} FROM jsonb_to_recordset($1::jsonb) AS r(${COLUMNS}) ORDER BY id`,
      [JSON.stringify(rows)],
    );
    expect(asArrays).toEqual(asObjects);
    expect(asArrays).toHaveLength(3);
    expect(asArrays[0]).toMatchObject({ name: rows[0].name, note: null, doc: rows[0].doc, absent: null });
    expect(asArrays[1]).toMatchObject({ doc: null, on_date: null, count: null, absent: 'given' });
  });

  it('name their columns in order, for INSERT and SELECT lists', () => {
    expect(new JsonRows<Row>(COLUMNS).names).toBe(
      'id, name, note, count, big, flag, on_date, at, doc, absent',
    );
  });
});
