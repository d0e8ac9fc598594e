import { SqlConditions } from './sql-conditions';

/**
 * The statement of a listing over one or more bodies, a page at a time: each body's page is read
 * apart (`unnest(bodies) CROSS JOIN LATERAL (... LIMIT n)`), through the index that leads with the
 * body, and the pages merged in the same order. One statement over `body_id = ANY(...)` read and
 * sorted each body's whole table, as no index gives that order across several bodies. Only the
 * filters asked for are in the statement (see SqlConditions).
 */
export class PagePerBody extends SqlConditions {
  /**
   * $1 the bodies, $2 the rows to read (a page and one more, to know whether another follows);
   * `alias` names the listed table in the conditions: `a.plan = $`.
   */
  constructor(bodyIds: readonly string[], rows: number, alias: string) {
    // A body named twice would list its rows twice.
    super([[...new Set(bodyIds)], rows], [`${alias}.body_id = b.body`]);
  }

  /**
   * The statement: `select` from `from` (each body's rows, in `order`), merged in `merged` (the
   * same order, in the names of `columns`, the columns the statement answers).
   */
  statement(listing: {
    columns: string;
    select?: string;
    from: string;
    order: string;
    merged: string;
  }): string {
    return `SELECT ${listing.columns} FROM unnest($1::text[]) AS b(body)
       CROSS JOIN LATERAL (
         SELECT ${listing.select ?? listing.columns} FROM ${listing.from}
          WHERE ${this.where}
          ORDER BY ${listing.order}
          LIMIT $2) AS page
      ORDER BY ${listing.merged}
      LIMIT $2`;
  }
}
