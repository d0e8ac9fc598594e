import { SqlQueryable } from '#database/sql-database';
import { IsoDate } from '#domain/shared/event';
import { SqlConditions } from '../sql-conditions';

export interface PublicSearchFilter {
  readonly bodyIds: readonly string[];
  /** Words as a person types them ("custody contract", "-draft", "\"care home\""); '' finds everything. */
  readonly words: string;
  /** Only this board's meetings (decisions belong to no board). */
  readonly boardId?: string;
  readonly from?: IsoDate;
  readonly to?: IsoDate;
  readonly limit: number;
  readonly offset: number;
}

export interface PublicSearchHit {
  readonly kind: 'decision' | 'meeting';
  readonly id: string;
  readonly bodyId: string;
  readonly date: IsoDate | null;
  /** A meeting's words around what matched, the matches between \u0001 and \u0002. */
  readonly excerpt: string | null;
}

/** Marks a match in an excerpt; no text the engine stores holds these characters. */
export const MATCH_START = '\u0001';
export const MATCH_END = '\u0002';

interface HitRow {
  kind: 'decision' | 'meeting';
  id: string;
  body_id: string;
  date: string | null;
  excerpt: string | null;
  total: string;
}

/**
 * What the public may read, found by its words with English stemming ("contracts awarded" finds
 * "award of the contract"): published decisions (their public text, never an exempt part) and the
 * agendas and published minutes of public meetings. Best matches first, then the newest.
 */
export async function searchPublished(
  db: SqlQueryable,
  filter: PublicSearchFilter,
): Promise<{ hits: PublicSearchHit[]; total: number }> {
  // The meetings' conditions and the dates' number their parameters in this one list.
  const params: unknown[] = [filter.words, filter.bodyIds];
  const meetings = new SqlConditions(params, [
    'body_id = ANY($2::text[])',
    "public_text <> ''",
    '(search.everything OR public_document @@ search.query)',
  ]).add('board_id = $::uuid', filter.boardId);
  const dates = new SqlConditions(params)
    .add('date >= $::date', filter.from)
    .add('date <= $::date', filter.to);
  // Decisions belong to no board: a search within one board finds its meetings alone.
  const decisions =
    filter.boardId === undefined
      ? `SELECT 'decision' AS kind, decision_id::text AS id, body_id, coalesce(taken_on, expected_on) AS date,
                NULL AS text,
                CASE WHEN search.everything THEN 0 ELSE ts_rank(public_document, search.query) END AS rank
           FROM decisions, search
          WHERE body_id = ANY($2::text[])
            AND (search.everything OR public_document @@ search.query)
            -- What the public may know of: the notice, the record, or an urgency route published.
            AND (state->>'noticePublishedOn' IS NOT NULL OR state->>'recordPublishedOn' IS NOT NULL
                 OR state->>'generalException' IS NOT NULL OR state->>'specialUrgency' IS NOT NULL)
         UNION ALL`
      : '';
  const rows = await db.query<HitRow>(
    `WITH search AS (SELECT websearch_to_tsquery('english', $1) AS query, $1 = '' AS everything),
     hits AS (
       ${decisions}
       SELECT 'meeting' AS kind, meeting_id::text AS id, body_id, date, public_text AS text,
              CASE WHEN search.everything THEN 0 ELSE ts_rank(public_document, search.query) END AS rank
         FROM meetings, search
        WHERE ${meetings.where}
     )
     -- Excerpts only for the page shown: PostgreSQL works out the select list after the LIMIT.
     SELECT kind, id, body_id, to_char(date, 'YYYY-MM-DD') AS date,
            CASE WHEN text IS NULL OR search.everything THEN NULL ELSE ts_headline('english', text, search.query,
              'StartSel=' || chr(1) || ',StopSel=' || chr(2) || ',MaxWords=30,MinWords=12,MaxFragments=2') END
              AS excerpt,
            count(*) OVER () AS total
       FROM hits, search
      WHERE ${dates.where}
      ORDER BY rank DESC, date DESC NULLS LAST, id
      LIMIT ${dates.param(filter.limit)} OFFSET ${dates.param(filter.offset)}`,
    params,
  );
  return {
    hits: rows.map((row) => ({
      kind: row.kind,
      id: row.id,
      bodyId: row.body_id,
      date: row.date,
      excerpt: row.excerpt,
    })),
    total: rows.length > 0 ? Number(rows[0].total) : 0,
  };
}
