import { ForwardPlanQueryDto } from '../decisions/decision.dto';
import { forwardPlanWindow } from './forward-plan-window';

const query = (fields: Partial<ForwardPlanQueryDto>) => fields as ForwardPlanQueryDto;

describe('the forward plan’s window, on the body’s calendar', () => {
  it('starts today in the body’s zone: at 23:30 UTC in summer that is already tomorrow in London', () => {
    const now = new Date('2027-06-01T23:30:00Z');
    expect(forwardPlanWindow(query({}), now, 'Europe/London')).toMatchObject({
      from: '2027-06-02',
      to: '2027-10-02',
    });
    expect(forwardPlanWindow(query({}), now, 'America/New_York').from).toBe('2027-06-01');
  });

  it('reads an as-of date as the end of that day in the body’s zone', () => {
    const now = new Date('2027-06-01T12:00:00Z');
    const summer = forwardPlanWindow(query({ asOf: '2026-06-30' }), now, 'Europe/London');
    expect(summer.asOf?.toISOString()).toBe('2026-06-30T22:59:59.999Z');
    expect(summer.from).toBe('2026-06-30');
    const winter = forwardPlanWindow(query({ asOf: '2026-12-31' }), now, 'Europe/London');
    expect(winter.asOf?.toISOString()).toBe('2026-12-31T23:59:59.999Z');
  });
});
