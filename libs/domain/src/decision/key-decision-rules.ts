import { DomainError } from '../shared/domain-error';
import { IsoDate } from '../shared/event';
import { DecisionRoute } from './decision.events';
import { Decision } from './decision.state';
import { earliestDateAfterClearDays, StatutoryPeriods } from './statutory-clock';

/*
 * The Local Authorities (Executive Arrangements) (Meetings and Access to Information) (England)
 * Regulations 2012, and their PCC equivalents: when a key decision may lawfully be taken.
 */

/** Regs 9-11: a key decision waits 28 clear days after notice, unless an exception route is met. */
export function lawfulRoute(state: Decision, takenOn: IsoDate, periods: StatutoryPeriods): DecisionRoute {
  if (!state.keyDecision) return 'not a key decision';
  if (state.specialUrgency) {
    // Reg 11: the agreement that the decision cannot wait comes before the decision, not after.
    if (state.specialUrgency.agreedOn <= takenOn) return 'special urgency';
    throw new DomainError(
      'SPECIAL_URGENCY_AFTER_DECISION',
      `special urgency (reg 11) was agreed on ${state.specialUrgency.agreedOn}, after the decision date ${takenOn}; the agreement must come first`,
      'conflict',
      'takenOn',
    );
  }
  const notice = state.noticePublishedOn;
  if (notice && takenOn >= earliestDateAfterClearDays(notice, periods.keyDecisionNoticeClearDays))
    return 'notice';
  if (notice && state.generalException) {
    const earliest = generalExceptionEarliest(
      notice,
      state.generalException.scrutinyChairInformedOn,
      periods,
    );
    if (takenOn >= earliest) return 'general exception';
    throw new DomainError(
      'GENERAL_EXCEPTION_PERIOD',
      `general exception (reg 10) needs ${periods.generalExceptionClearDays} clear days after notice and the scrutiny chair being informed; earliest lawful date is ${earliest}`,
      'conflict',
      'takenOn',
    );
  }
  if (!notice) {
    throw new DomainError(
      'KEY_DECISION_NOTICE_MISSING',
      'a key decision needs a notice on the forward plan (reg 9), a general exception (reg 10) or special urgency (reg 11) before it is taken',
      'conflict',
      'takenOn',
    );
  }
  throw new DomainError(
    'KEY_DECISION_NOTICE_PERIOD',
    `key decision notice (reg 9) needs ${periods.keyDecisionNoticeClearDays} clear days; earliest lawful date is ${earliestDateAfterClearDays(notice, periods.keyDecisionNoticeClearDays)}`,
    'conflict',
    'takenOn',
  );
}

export function generalExceptionEarliest(
  noticePublishedOn: IsoDate,
  scrutinyChairInformedOn: IsoDate,
  periods: StatutoryPeriods,
): IsoDate {
  const from = scrutinyChairInformedOn > noticePublishedOn ? scrutinyChairInformedOn : noticePublishedOn;
  return earliestDateAfterClearDays(from, periods.generalExceptionClearDays);
}
