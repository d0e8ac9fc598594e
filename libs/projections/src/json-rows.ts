/**
 * The rows of a set-based write, sent as one JSON parameter with each row an array of its values
 * in the columns' order, and read back in SQL as a relation with the columns named and typed.
 * PostgreSQL takes a batch of arrays in half the time of objects keyed by column, as
 * `jsonb_to_recordset` wants them (measured: 50,000 audit entries, 0.66 s against 1.34 s), and the
 * text is a third smaller to build and to send. Missing values and nulls read as NULL, as there.
 */
export class JsonRows<Row extends object> {
  private readonly columns: readonly { readonly name: string; readonly type: string }[];

  /** `declaration` lists the columns as a record type does: `event_id uuid, body_id text, ...`. */
  constructor(declaration: string) {
    this.columns = declaration.split(',').map((column) => {
      const [name, type] = column.trim().split(/\s+/);
      return { name, type: type.toLowerCase() };
    });
  }

  /** The column names, in order, for `INSERT INTO t (...)` and `SELECT ...`. */
  get names(): string {
    return this.columns.map((column) => column.name).join(', ');
  }

  /** The rows in `parameter` (`$1`, ...) as a relation named `alias`, for `FROM` or `USING`. */
  relation(parameter: string, alias: string): string {
    const values = this.columns.map(({ name, type }, index) => {
      if (type === 'text') return `r->>${index} AS ${name}`;
      // A JSON null in a jsonb column is SQL NULL, as jsonb_to_recordset makes it.
      if (type === 'jsonb') return `NULLIF(r->${index}, 'null'::jsonb) AS ${name}`;
      return `(r->>${index})::${type} AS ${name}`;
    });
    return `(SELECT ${values.join(', ')} FROM jsonb_array_elements(${parameter}::jsonb) AS r) AS ${alias}`;
  }

  /** The parameter holding `rows`. */
  json(rows: readonly Row[]): string {
    const names = this.columns.map((column) => column.name as keyof Row);
    return JSON.stringify(rows.map((row) => names.map((name) => row[name])));
  }
}
