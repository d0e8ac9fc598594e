import { upcasterFor } from './upcasting';
import { upcastToCurrent } from '../upcasters';

describe('upcasting stored events to the current schema', () => {
  const chain = upcasterFor([
    { type: 'Noted', fromVersion: 1, upcast: (data) => ({ ...(data as object), by: 'unknown' }) },
    { type: 'Noted', fromVersion: 2, upcast: (data) => ({ ...(data as object), on: null }) },
  ]);

  it('takes an old event through every step to the latest version', () => {
    expect(chain({ type: 'Noted', schemaVersion: 1, data: { text: 'x' } })).toEqual({
      type: 'Noted',
      schemaVersion: 3,
      data: { text: 'x', by: 'unknown', on: null },
    });
    expect(chain({ type: 'Noted', schemaVersion: 2, data: { text: 'x', by: 'CR' } }).data).toEqual({
      text: 'x',
      by: 'CR',
      on: null,
    });
  });

  it('hands back a current event, or one of another type, as the same object', () => {
    const current = { type: 'Noted', schemaVersion: 3, data: {} };
    const other = { type: 'Other', schemaVersion: 1, data: {} };
    expect(chain(current)).toBe(current);
    expect(chain(other)).toBe(other);
  });

  it('refuses two upcasters from the same version of a type', () => {
    const twice = { type: 'Noted', fromVersion: 1, upcast: (data: unknown) => data };
    expect(() => upcasterFor([twice, twice])).toThrow(/two upcasters from Noted v1/);
  });

  it('reads a status stored as v1 as v2 with no reporting period, keeping what it said', () => {
    const v1 = {
      type: 'ActionStatusSet',
      schemaVersion: 1,
      data: { status: 'AMBER', commentary: 'Savings at risk.', effectiveOn: '2017-09-30' },
    };
    expect(upcastToCurrent(v1)).toEqual({
      type: 'ActionStatusSet',
      schemaVersion: 2,
      data: {
        status: 'AMBER',
        commentary: 'Savings at risk.',
        effectiveOn: '2017-09-30',
        reportingPeriod: null,
      },
    });
  });

  it('reads a decision numbered before series were kept as numbered in the body’s one series', () => {
    expect(upcastToCurrent({ type: 'DecisionNumbered', schemaVersion: 1, data: { number: 66 } })).toEqual({
      type: 'DecisionNumbered',
      schemaVersion: 2,
      data: { number: 66, series: null },
    });
  });
});
