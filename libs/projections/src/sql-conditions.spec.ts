import { PagePerBody } from './page-per-body';
import { SqlConditions } from './sql-conditions';

describe('the conditions of a read', () => {
  it('holds only the filters asked for, each with a parameter of its own, in order', () => {
    const conditions = new SqlConditions()
      .add('a.plan = $', 'plan-1')
      .add('a.theme = $', undefined)
      .add('a.lead = $', 'lead-1');
    expect(conditions.where).toBe('a.plan = $1 AND a.lead = $2');
    expect(conditions.params).toEqual(['plan-1', 'lead-1']);
  });

  it('reads everything when no filter is asked for', () => {
    const conditions = new SqlConditions().add('a.plan = $', undefined);
    expect(conditions.where).toBe('true');
    expect(conditions.params).toEqual([]);
  });

  it('gives every "$" of a condition its one value', () => {
    const conditions = new SqlConditions(['body-1']).add('(a.due >= $ OR a.completed >= $)', '2026-04-01');
    expect(conditions.where).toBe('(a.due >= $2 OR a.completed >= $2)');
    expect(conditions.params).toEqual(['body-1', '2026-04-01']);
  });

  it('keeps a value that is null or false, which are filters too', () => {
    const conditions = new SqlConditions()
      .add('a.overdue = $', false)
      .add('a.closed_at IS NOT DISTINCT FROM $', null);
    expect(conditions.params).toEqual([false, null]);
    expect(conditions.where).toBe('a.overdue = $1 AND a.closed_at IS NOT DISTINCT FROM $2');
  });

  it('adds a condition with no value only when it applies, and names parameters used elsewhere', () => {
    const conditions = new SqlConditions().addWhen(true, 'a.key').addWhen(undefined, 'a.exempt');
    const limit = conditions.param(21);
    conditions.and(`a.rank <= ${limit}`);
    expect(conditions.where).toBe('a.key AND a.rank <= $1');
    expect(conditions.params).toEqual([21]);
  });
});

describe('a page per body', () => {
  it('reads each body once, however often it is named, and numbers the filters after the page', () => {
    const page = new PagePerBody(['body-1', 'body-2', 'body-1'], 21, 'a').add('a.plan = $', 'plan-1');
    expect(page.params).toEqual([['body-1', 'body-2'], 21, 'plan-1']);
    expect(page.where).toBe('a.body_id = b.body AND a.plan = $3');
    const statement = page.statement({ columns: 'id', from: 'actions a', order: 'a.id', merged: 'id' });
    expect(statement).toContain('WHERE a.body_id = b.body AND a.plan = $3');
    expect(statement.match(/LIMIT \$2/g)).toHaveLength(2);
  });
});
