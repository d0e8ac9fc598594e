import { Decision } from './decision.decider';

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

/** The one word a register shows for where a decision stands. */
export function decisionStatusOf(decision: Decision): DecisionStatus {
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
      switch (decision.callIn) {
        case 'record not published':
          return 'taken';
        case 'open':
          return 'in call-in';
        case 'called in':
        case 'referred':
          return decision.callIn;
        default:
          return 'awaiting implementation';
      }
  }
}
