import { randomBytes } from 'node:crypto';
import { SqlQueryable } from '#database/sql-database';
import { isUuid } from '#domain/shared/uuid-text';

/**
 * The personal keys table: each person's key, made the first time words naming them are stored,
 * destroyed when they are erased (a destroyed key is never made again).
 */
export class PersonalKeyTable {
  constructor(private readonly db: SqlQueryable) {}

  async keysFor(
    personIds: readonly string[],
    make: boolean,
    via: SqlQueryable = this.db,
  ): Promise<Map<string, Buffer | null>> {
    if (make)
      await via.query(
        `INSERT INTO personal_keys (person_id, key, made_at)
         SELECT id::uuid, decode(k, 'hex'), now() FROM unnest($1::text[], $2::text[]) AS n(id, k)
         ON CONFLICT (person_id) DO NOTHING`,
        [personIds, personIds.map(() => randomBytes(32).toString('hex'))],
      );
    const rows = await via.query<{ person_id: string; key: Buffer | Uint8Array | null }>(
      'SELECT person_id::text AS person_id, key FROM personal_keys WHERE person_id = ANY($1::uuid[])',
      [personIds.filter(isUuid)],
    );
    return new Map(rows.map((row) => [row.person_id, row.key === null ? null : Buffer.from(row.key)]));
  }

  /** Destroys the person's key (made destroyed if it never was made, so it never will be). */
  async destroy(personId: string, at: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO personal_keys (person_id, key, made_at, destroyed_at) VALUES ($1, NULL, $2, $2)
       ON CONFLICT (person_id) DO UPDATE SET key = NULL, destroyed_at = coalesce(personal_keys.destroyed_at, $2)`,
      [personId, at.toISOString()],
    );
  }
}
