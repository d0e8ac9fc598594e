/** What a column of an action register can hold, as the importer reads it. */
export const REGISTER_FIELDS = [
  'ref',
  'leadOfficer',
  'title',
  'theme',
  'objective',
  'deliverable',
  'dueDate',
  'status',
  'lastUpdate',
  'updateDate',
] as const;
export type RegisterField = (typeof REGISTER_FIELDS)[number];

/** Headers as bodies write them, normalised (lower case, letters and digits, single spaces). */
const HEADERS: Record<RegisterField, readonly string[]> = {
  ref: ['ref', 'reference', 'ref no', 'action ref', 'action no', 'no'],
  leadOfficer: ['lead officer', 'lead', 'owner', 'responsible officer', 'action owner', 'lead officer st'],
  title: ['strategic activity', 'activity', 'actions', 'action', 'title', 'description'],
  theme: ['theme', 'strategic theme', 'priority theme'],
  objective: ['objective', 'priority'],
  deliverable: ['specific deliverable', 'deliverable', 'deliverables'],
  dueDate: ['due date', 'due', 'deadline', 'target date', 'completion date'],
  status: ['ragb status', 'brag status', 'rag status', 'rag', 'brag', 'status'],
  lastUpdate: ['last update', 'update', 'progress', 'progress update', 'comments', 'commentary'],
  updateDate: ['update date', 'date of update', 'date updated', 'updated', 'status effective on', 'as at'],
};

const normalisedHeader = (header: string) =>
  header
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

export interface ColumnMatch<Field extends string = RegisterField> {
  /** Each field and the column (0-based) it is read from. */
  readonly columns: Partial<Record<Field, number>>;
  /** Headers read as nothing: reported, never guessed at. */
  readonly unmatched: readonly string[];
  /** What stops the import: a `--map` naming no header or no field, a field in two columns. */
  readonly problems: readonly string[];
}

/** Which column of an action register holds what (see `matchColumnsOf`). */
export const matchColumns = (headers: readonly string[], maps: readonly string[] = []): ColumnMatch =>
  matchColumnsOf(REGISTER_FIELDS, HEADERS, headers, maps);

/**
 * Which column holds what, by its header, with `maps` (`Header=field`, as `--map` gives them) for
 * odd headers; a map wins over a header. A field mapped to two columns is a problem to report,
 * not a guess, and a header read as nothing is reported.
 */
export function matchColumnsOf<Field extends string>(
  fields: readonly Field[],
  headersOf: Readonly<Record<Field, readonly string[]>>,
  headers: readonly string[],
  maps: readonly string[] = [],
): ColumnMatch<Field> {
  const problems: string[] = [];
  const columns: Partial<Record<Field, number>> = {};
  const taken = new Set<number>();
  const assign = (field: Field, index: number, why: string) => {
    if (columns[field] !== undefined && columns[field] !== index)
      problems.push(
        `${field} is in two columns: "${headers[columns[field]!]}" and "${headers[index]}" (${why})`,
      );
    else {
      columns[field] = index;
      taken.add(index);
    }
  };
  for (const map of maps) {
    const [header, field] = map.split('=').map((part) => part.trim());
    const index = headers.findIndex((each) => normalisedHeader(each) === normalisedHeader(header ?? ''));
    if (!fields.includes(field as Field))
      problems.push(`--map ${map}: "${field}" is not a field (${fields.join(', ')})`);
    else if (index < 0) problems.push(`--map ${map}: no column is headed "${header}"`);
    else assign(field as Field, index, `--map ${map}`);
  }
  headers.forEach((header, index) => {
    if (taken.has(index)) return;
    const field = fields.find(
      (each) => columns[each] === undefined && headersOf[each].includes(normalisedHeader(header)),
    );
    if (field) assign(field, index, 'by its header');
  });
  return {
    columns,
    unmatched: headers.filter((header, index) => !taken.has(index) && normalisedHeader(header) !== ''),
    problems,
  };
}
