/**
 * The WHERE of a read built from the filters asked for, each with a parameter of its own, so the
 * statement's plan is made for those filters: with every filter optional (`$2 IS NULL OR plan =
 * $2`) one plan served all, and it used no filter's index.
 */
export class SqlConditions {
  constructor(
    /** The statement's parameters, in order. */
    readonly params: unknown[] = [],
    private readonly conditions: string[] = [],
  ) {}

  /** Adds `condition`, where each `$` stands for `value`; nothing when `value` is undefined. */
  add(condition: string, value: unknown): this {
    if (value === undefined) return this;
    this.conditions.push(condition.replaceAll('$', this.param(value)));
    return this;
  }

  /** Adds a condition with no value of its own, or with its parameters already named (`param`). */
  and(condition: string): this {
    this.conditions.push(condition);
    return this;
  }

  /** Adds a condition with no value of its own, when `applies`. */
  addWhen(applies: boolean | undefined, condition: string): this {
    return applies ? this.and(condition) : this;
  }

  /** A parameter for elsewhere in the statement (a limit, a value several parts use): its `$n`. */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  /** The conditions joined, for after `WHERE`. */
  get where(): string {
    return this.conditions.length > 0 ? this.conditions.join(' AND ') : 'true';
  }
}
