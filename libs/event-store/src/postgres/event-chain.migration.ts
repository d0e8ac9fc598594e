import { Migration } from '#database/migrations';
import { SqlTransaction } from '#database/sql-database';
import { CHAIN_START, chainBodyOf, linkHash } from '../chain/event-chain';
import { contentHashOfRow, STORED_EVENT_COLUMNS, StoredEventRow } from './stored-event-row';

/**
 * Each event row carries its content hash (computed by the engine) and its link in its body's
 * chain, computed here by `chain_links` as the append inserts it, under the lock of the body's
 * `event_chains` row: a body's events are numbered one at a time, in the order their appends take
 * that lock. The link is `linkHash`'s sum.
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
    head text NOT NULL
  );

  -- The links of an append's events ([{ body, revision, content }] in insertion order): each body's
  -- chain locked (in body order), its events numbered and linked on from its head, the head moved once.
  CREATE FUNCTION chain_links(items jsonb)
    RETURNS TABLE (ord bigint, body_seq bigint, previous_hash text, chain_hash text)
    LANGUAGE plpgsql AS $$
  DECLARE
    chain text;
    n bigint;
    h text;
    item record;
  BEGIN
    FOR chain IN SELECT DISTINCT i->>'body' FROM jsonb_array_elements(items) AS i ORDER BY 1 LOOP
      SELECT c.seq, c.head INTO n, h FROM event_chains c WHERE c.body_id = chain FOR UPDATE;
      IF NOT FOUND THEN
        INSERT INTO event_chains (body_id, seq, head) VALUES (chain, 0, '${CHAIN_START}')
        ON CONFLICT (body_id) DO NOTHING;
        SELECT c.seq, c.head INTO n, h FROM event_chains c WHERE c.body_id = chain FOR UPDATE;
      END IF;
      FOR item IN SELECT e.ord AS k, (e.i->>'revision')::bigint AS revision, e.i->>'content' AS content
                    FROM jsonb_array_elements(items) WITH ORDINALITY AS e(i, ord)
                   WHERE e.i->>'body' = chain ORDER BY e.ord LOOP
        IF item.content IS NULL THEN
          RAISE EXCEPTION 'an event is appended without its content hash';
        END IF;
        n := n + 1;
        ord := item.k;
        body_seq := n;
        previous_hash := h;
        h := encode(sha256(convert_to(
          h || E'\\n' || n::text || E'\\n' || item.revision::text || E'\\n' || item.content, 'UTF8')), 'hex');
        chain_hash := h;
        RETURN NEXT;
      END LOOP;
      UPDATE event_chains c SET seq = n, head = h WHERE c.body_id = chain;
    END LOOP;
  END;
  $$;
`;

interface StoredRow extends StoredEventRow {
  global_position: string;
  transaction_text: string;
}

const PAGE = 2000;

/**
 * Events stored before the chain existed are chained in log order, as they were read, before any
 * new append can take a number: the migration's transaction holds the events table meanwhile.
 */
async function chainEarlierEvents(tx: SqlTransaction): Promise<void> {
  await tx.query('ALTER TABLE events DISABLE TRIGGER events_no_update_or_delete');
  const heads = new Map<string, { seq: number; head: string }>();
  let after = { transaction: '0', position: '0' };
  for (;;) {
    const rows = await tx.query<StoredRow>(
      `SELECT global_position::text, transaction_id::text AS transaction_text, ${STORED_EVENT_COLUMNS}
         FROM events WHERE (transaction_id, global_position) > ($1::text::xid8, $2::bigint)
        ORDER BY transaction_id, global_position LIMIT ${PAGE}`,
      [after.transaction, after.position],
    );
    if (rows.length === 0) break;
    const links = rows.map((row) => {
      const bodyId = chainBodyOf(row);
      const previous = heads.get(bodyId) ?? { seq: 0, head: CHAIN_START };
      const contentHash = contentHashOfRow(row);
      const seq = previous.seq + 1;
      const head = linkHash(previous.head, seq, Number(row.stream_revision), contentHash);
      heads.set(bodyId, { seq, head });
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
    `INSERT INTO event_chains (body_id, seq, head)
     SELECT body_id, seq, head FROM jsonb_to_recordset($1::jsonb) AS x(body_id text, seq bigint, head text)`,
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
