/**
 * The statement of a listing over one or more bodies, a page at a time: each body's page is read
 * apart (`unnest(bodies) CROSS JOIN LATERAL (... LIMIT n)`), through the index that leads with the
 * body, and the pages merged in the same order. One statement over `body_id = ANY(...)` read and
 * sorted each body's whole table, as no index gives that order across several bodies. Only the
 * filters asked for are in the statement, so its plan is made for them: with every filter optional
 * (`$2 IS NULL OR plan = $2`) one plan served all, and it used no filter's index.
 */
export class PagePerBody {
  /** $1 the bodies, $2 the rows to read (a page and one more, to know whether another follows). */
  readonly params: unknown[];
  private readonly conditions: string[];

  /** `alias` names the listed table in the conditions: `a.plan = $`. */
  constructor(bodyIds: readonly string[], rows: number, alias: string) {
    // A body named twice would list its rows twice.
    this.params = [[...new Set(bodyIds)], rows];
    this.conditions = [`${alias}.body_id = b.body`];
  }

  /** Adds `condition`, where each `$` stands for `value`; nothing when `value` is undefined. */
  add(condition: string, value: unknown): void {
    if (value === undefined) return;
    this.params.push(value);
    this.conditions.push(condition.replaceAll('$', `$${this.params.length}`));
  }

  /** Adds a condition with no value of its own, when `applies`. */
  addWhen(applies: boolean | undefined, condition: string): void {
    if (applies) this.conditions.push(condition);
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
          WHERE ${this.conditions.join(' AND ')}
          ORDER BY ${listing.order}
          LIMIT $2) AS page
      ORDER BY ${listing.merged}
      LIMIT $2`;
  }
}
