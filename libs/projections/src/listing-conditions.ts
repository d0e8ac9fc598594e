/**
 * The WHERE clause of a listing with only the filters asked for, so its plan is made for them: a
 * statement with every filter optional (`$2 IS NULL OR plan = $2`) is planned once for all, and
 * PostgreSQL then reads and sorts everything rather than use the index a filter would.
 */
export class ListingConditions {
  private readonly conditions: string[] = [];

  /** `params` are the statement's fixed parameters ($1, $2, ...), which `conditions` may name. */
  constructor(
    readonly params: unknown[],
    ...conditions: string[]
  ) {
    this.conditions.push(...conditions);
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

  get sql(): string {
    return this.conditions.join(' AND ');
  }
}
