import { boardDocumentOf } from '../board/board.document';
import { initialBoard } from '../board/board.state';
import { decisionDocumentOf } from '../decision/decision.document';
import { initialDecision } from '../decision/decision.state';
import { meetingDocumentOf } from '../meeting/meeting.document';
import { initialMeeting } from '../meeting/meeting.state';

/** A decider's state grown a field of its own, as a later decider might need. */
const grown = <S extends object>(state: S) => ({ ...state, lastCommandId: 'internal' });

describe('the documents read models store, apart from the deciders’ states', () => {
  it.each([
    ['board', () => boardDocumentOf(grown(initialBoard())), ['exists', 'bodyId']],
    ['meeting', () => meetingDocumentOf(grown(initialMeeting())), ['bodyId']],
    ['decision', () => decisionDocumentOf(grown(initialDecision())), ['bodyId']],
  ])('a %s’s document keeps none of its decider’s own fields, nor one it grows', (_, documentOf, own) => {
    const keys = Object.keys(documentOf());
    for (const key of [...own, 'lastCommandId']) expect(keys).not.toContain(key);
  });

  it('a document keeps every field of the record people read', () => {
    expect(Object.keys(boardDocumentOf(initialBoard())).sort()).toEqual(
      ['actionLogPlan', 'assuranceMatters', 'cadence', 'code', 'firstMinuteNumber', 'members', 'name'].sort(),
    );
    const meeting = { ...initialMeeting(), place: 'HQ', date: '2026-05-01' };
    expect(meetingDocumentOf(meeting)).toEqual(
      Object.fromEntries(Object.entries(meeting).filter(([key]) => key !== 'bodyId')),
    );
    const decision = { ...initialDecision(), subject: 'Contract award', number: 67 };
    expect(decisionDocumentOf(decision)).toEqual(
      Object.fromEntries(Object.entries(decision).filter(([key]) => key !== 'bodyId')),
    );
  });
});
