/**
 * The rows of a set-based write, sent as one JSON parameter with each row an array of its values
 * in the columns' order, and read back in SQL as a relation with the columns named and typed.
 * PostgreSQL takes a batch of arrays in half the time of objects keyed by column, as
 * `jsonb_to_recordset` wants them (measured: 50,000 audit entries, 0.66 s against 1.34 s), and the
 * text is a third smaller to build and to send. Missing values and nulls read as NULL, as there.
 */
export class JsonRows<Row extends object> {
  /** The column names, in order, for `INSERT INTO t (...)` and `SELECT ...`. */
  readonly names: string;
  readonly columnNames: readonly string[];
  private readonly values: string;

  /** `declaration` lists the columns as a record type does: `event_id uuid, body_id text, ...`. */
  constructor(declaration: string) {
    const columns = declaration.split(',').map((column) => {
      const [name, type] = column.trim().split(/\s+/);
      return { name, type: type.toLowerCase() };
    });
    this.columnNames = columns.map((column) => column.name);
    this.names = this.columnNames.join(', ');
    this.values = columns
      .map(({ name, type }, index) => {
        if (type === 'text') return `r->>${index} AS ${name}`;
        // A JSON null in a jsonb column is SQL NULL, as jsonb_to_recordset makes it.
        if (type === 'jsonb') return `NULLIF(r->${index}, 'null'::jsonb) AS ${name}`;
        return `(r->>${index})::${type} AS ${name}`;
      })
      .join(', ');
  }

  /** The rows in `parameter` (`$1`, ...) as a relation named `alias`, for `FROM` or `USING`. */
  relation(parameter: string, alias: string): string {
    return `(SELECT ${this.values} FROM jsonb_array_elements(${parameter}::jsonb) AS r) AS ${alias}`;
  }

  /** The parameter holding `rows`. */
  json(rows: readonly Row[]): string {
    const names = this.columnNames as readonly (keyof Row)[];
    return JSON.stringify(rows.map((row) => names.map((name) => row[name])));
  }
}
