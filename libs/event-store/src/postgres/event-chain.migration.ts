import { Migration } from '#database/migrations';
import { SqlTransaction } from '#database/sql-database';
import { CHAIN_START, chainBodyOf, contentHashOf, linkHash } from '../chain/event-chain';
import { EventMetadata } from '../port';

/**
 * Each event row carries its content hash (computed by the engine) and its link in its body's
 * chain (computed here, under the body's `event_chains` row lock, so a body's events are numbered
 * one at a time in the order their appends take that lock). `event_link` is `linkHash`.
 */
const CHAIN_SQL = `
  ALTER TABLE events
    ADD COLUMN body_id text,
    ADD COLUMN body_seq bigint,
    ADD COLUMN content_hash text,
    ADD COLUMN previous_hash text,
    ADD COLUMN chain_hash text;
  CREATE UNIQUE INDEX events_body_chain ON events (body_id, body_seq);
  CREATE INDEX events_chain_checkpoints ON events (body_id, body_seq) WHERE event_type = 'ChainHeadSigned';

  -- One row per body: the head of its chain. Its lock serialises the numbering of a body's events.
  CREATE TABLE event_chains (
    body_id text PRIMARY KEY,
    seq bigint NOT NULL,
    head text NOT NULL,
    previous text NOT NULL
  );

  CREATE FUNCTION event_link(previous text, seq bigint, revision bigint, content text)
    RETURNS text LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT encode(sha256(convert_to(
      previous || E'\\n' || seq::text || E'\\n' || revision::text || E'\\n' || content, 'UTF8')), 'hex')
  $$;

  CREATE FUNCTION events_chain_link() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    link record;
  BEGIN
    IF NEW.content_hash IS NULL THEN
      RAISE EXCEPTION 'event % is appended without its content hash', NEW.event_id;
    END IF;
    NEW.body_id := coalesce(NEW.metadata->>'bodyId', '');
    INSERT INTO event_chains AS c (body_id, seq, head, previous)
    VALUES (NEW.body_id, 1, event_link('${CHAIN_START}', 1, NEW.stream_revision, NEW.content_hash),
            '${CHAIN_START}')
    ON CONFLICT (body_id) DO UPDATE
      SET seq = c.seq + 1, previous = c.head,
          head = event_link(c.head, c.seq + 1, NEW.stream_revision, NEW.content_hash)
    RETURNING seq, head, previous INTO link;
    NEW.body_seq := link.seq;
    NEW.previous_hash := link.previous;
    NEW.chain_hash := link.head;
    RETURN NEW;
  END;
  $$;
  CREATE TRIGGER events_chained BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION events_chain_link();
`;

interface StoredRow {
  global_position: string;
  event_id: string;
  stream_id: string;
  stream_revision: number;
  event_type: string;
  schema_version: number;
  data: unknown;
  metadata: EventMetadata;
}

const PAGE = 2000;

/**
 * Events stored before the chain existed are chained in log order, as they were read, before any
 * new append can take a number: the migration's transaction holds the events table meanwhile.
 */
async function chainEarlierEvents(tx: SqlTransaction): Promise<void> {
  await tx.query('ALTER TABLE events DISABLE TRIGGER events_no_update_or_delete');
  const heads = new Map<string, { seq: number; head: string; previous: string }>();
  let after = { transaction: '0', position: '0' };
  for (;;) {
    const rows = await tx.query<StoredRow & { transaction_text: string }>(
      `SELECT global_position::text, transaction_id::text AS transaction_text, event_id, stream_id,
              stream_revision, event_type, schema_version, data, metadata
         FROM events WHERE (transaction_id, global_position) > ($1::text::xid8, $2::bigint)
        ORDER BY transaction_id, global_position LIMIT ${PAGE}`,
      [after.transaction, after.position],
    );
    if (rows.length === 0) break;
    const links = rows.map((row) => {
      const bodyId = chainBodyOf(row);
      const previous = heads.get(bodyId) ?? { seq: 0, head: CHAIN_START, previous: CHAIN_START };
      const contentHash = contentHashOf({
        id: row.event_id,
        streamId: row.stream_id,
        type: row.event_type,
        schemaVersion: row.schema_version,
        data: row.data,
        metadata: row.metadata,
      });
      const seq = previous.seq + 1;
      const head = linkHash(previous.head, seq, Number(row.stream_revision), contentHash);
      heads.set(bodyId, { seq, head, previous: previous.head });
      return {
        global_position: row.global_position,
        body_id: bodyId,
        body_seq: seq,
        content_hash: contentHash,
        previous_hash: previous.head,
        chain_hash: head,
      };
    });
    await tx.query(
      `UPDATE events e SET body_id = x.body_id, body_seq = x.body_seq, content_hash = x.content_hash,
              previous_hash = x.previous_hash, chain_hash = x.chain_hash
         FROM jsonb_to_recordset($1::jsonb) AS x(global_position bigint, body_id text, body_seq bigint,
              content_hash text, previous_hash text, chain_hash text)
        WHERE e.global_position = x.global_position`,
      [JSON.stringify(links)],
    );
    const last = rows[rows.length - 1];
    after = { transaction: last.transaction_text, position: last.global_position };
  }
  const chains = [...heads].map(([body_id, link]) => ({ body_id, ...link }));
  await tx.query(
    `INSERT INTO event_chains (body_id, seq, head, previous)
     SELECT body_id, seq, head, previous
       FROM jsonb_to_recordset($1::jsonb) AS x(body_id text, seq bigint, head text, previous text)`,
    [JSON.stringify(chains)],
  );
  await tx.query('ALTER TABLE events ENABLE TRIGGER events_no_update_or_delete');
  await tx.execScript(`
    ALTER TABLE events
      ALTER COLUMN body_id SET NOT NULL, ALTER COLUMN body_seq SET NOT NULL,
      ALTER COLUMN content_hash SET NOT NULL, ALTER COLUMN previous_hash SET NOT NULL,
      ALTER COLUMN chain_hash SET NOT NULL;
  `);
}

export const eventChainMigration: Migration = {
  id: '0003_event_chain',
  sql: CHAIN_SQL,
  then: chainEarlierEvents,
};
