import { initialMeeting, Meeting } from '../meeting/meeting.state';
import { MeetingItem } from '../meeting/meeting.document';
import { AssuranceMatter } from './board.events';
import { scheduleOfAssurance } from './schedule-of-assurance';

const matter: AssuranceMatter = {
  matterId: 'perf',
  title: 'Force performance',
  owner: 'DCC',
  frequencyMonths: 3,
  firstDueOn: '2026-01-01',
};

const item = (assuranceMatterId: string | null): MeetingItem => ({
  itemId: `i-${assuranceMatterId}`,
  title: 'x',
  reportAuthor: null,
  questions: [],
  responseForm: null,
  linkedActionIds: [],
  linkedDecisionIds: [],
  assuranceMatterId,
  exemption: null,
  withdrawn: null,
  minuteNumber: null,
  outcome: null,
  actions: [],
  decisions: [],
});

const meeting = (id: string, date: string, stage: Meeting['stage'], matters: (string | null)[]) => ({
  id,
  meeting: { ...initialMeeting(), stage, date, items: matters.map(item) },
});

describe('the schedule of assurance', () => {
  it('is due at the next meeting after its date, and missing when that agenda lacks it', () => {
    const [check] = scheduleOfAssurance(
      [matter],
      [meeting('m1', '2026-01-10', 'scheduled', [null])],
      '2025-12-20',
    );
    expect(check).toMatchObject({
      status: 'due',
      dueOn: '2026-01-01',
      onNextAgenda: false,
      missingFromNextAgenda: true,
    });
  });

  it('falls due again by its frequency after it is heard', () => {
    const [check] = scheduleOfAssurance(
      [matter],
      [meeting('m1', '2026-01-10', 'held', ['perf']), meeting('m2', '2026-02-20', 'scheduled', [])],
      '2026-02-01',
    );
    expect(check).toMatchObject({
      lastHeardOn: '2026-01-10',
      dueOn: '2026-04-10',
      status: 'not due',
      missingFromNextAgenda: false,
    });
  });

  it('is overdue once its date has passed unheard, and not missing when on the next agenda', () => {
    const [check] = scheduleOfAssurance(
      [matter],
      [meeting('m1', '2026-01-10', 'held', [null]), meeting('m2', '2026-02-20', 'scheduled', ['perf'])],
      '2026-02-01',
    );
    expect(check).toMatchObject({ status: 'overdue', onNextAgenda: true, missingFromNextAgenda: false });
  });
});
