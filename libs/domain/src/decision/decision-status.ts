import { IsoDate } from '../shared/event';
import { CallInState, DecisionDocument } from './decision.document';

export type DecisionStatus =
  | 'proposed'
  | 'notice published'
  | 'withdrawn'
  | 'taken'
  | 'in call-in'
  | 'called in'
  | 'referred'
  | 'awaiting implementation'
  | 'implemented'
  | 'revoked'
  | 'superseded';

/**
 * Where call-in stands on `today`. A window that has run out is over whether or not anyone
 * recorded its closing (a decision of 2016 entered now is not "open until 2016-07-28"); the
 * stored state stays open so that a call-in made in time can still be entered late.
 */
export function callInAsOf(decision: DecisionDocument, today: IsoDate): CallInState {
  if (decision.callIn === 'open' && decision.callInClosesOn !== null && today > decision.callInClosesOn)
    return 'cleared';
  return decision.callIn;
}

/** The one word a register shows for where a decision stands on `today`. */
export function decisionStatusOf(decision: DecisionDocument, today: IsoDate): DecisionStatus {
  switch (decision.stage) {
    case 'none':
    case 'proposed':
      return decision.noticePublishedOn ? 'notice published' : 'proposed';
    case 'withdrawn':
    case 'revoked':
    case 'superseded':
      return decision.stage;
    case 'taken':
      if (decision.implementedOn) return 'implemented';
      switch (callInAsOf(decision, today)) {
        case 'record not published':
          return 'taken';
        case 'open':
          return 'in call-in';
        case 'called in':
          return 'called in';
        case 'referred':
          return 'referred';
        default:
          return 'awaiting implementation';
      }
  }
}
