import { SqlQueryable } from '#database/sql-database';
import { DecisionCommand } from '#domain/decision/decision.commands';
import { Decision } from '#domain/decision/decision.state';
import { DomainError } from '#domain/shared/domain-error';
import { BodyCalendar } from './body-today';
import { OmitEach } from './omit-each';
import { findDecision } from '#projections/decisions/decisions.queries';

/** A change to a decision as a request states it; periods, today and numbers are the engine's to fill in. */
export type DecisionChange = OmitEach<
  Exclude<DecisionCommand, { type: 'ProposeDecision' | 'NumberDecision' }>,
  'periods' | 'today' | 'supersededByNumber' | 'subjectToCallIn'
>;

/** Fills in what the engine knows and the request does not: periods, today, the superseding number. */
export async function completeDecisionChange(
  db: SqlQueryable,
  decisionId: string,
  change: DecisionChange,
  decision: Decision,
  calendar: BodyCalendar,
): Promise<DecisionCommand> {
  const bodyId = decision.bodyId as string;
  switch (change.type) {
    case 'TakeDecision':
      return { ...change, periods: (await calendar.settings()).statutoryPeriods };
    case 'PublishRecord': {
      const settings = await calendar.settings();
      return {
        ...change,
        periods: settings.statutoryPeriods,
        subjectToCallIn: settings.decisions.subjectToCallIn,
      };
    }
    case 'CloseCallInWindow':
      return { ...change, today: await calendar.today() };
    case 'SupersedeDecision': {
      // Only a decision of the same body can supersede it; another body's does not exist here.
      const successor = await findDecision(db, change.supersededBy, [bodyId]);
      const number = successor?.decision.number ?? null;
      if (!successor)
        throw new DomainError(
          'DECISION_NOT_FOUND',
          `decision ${change.supersededBy} not found`,
          'invalid',
          'supersededBy',
        );
      if (successor.id === decisionId || number === null)
        throw new DomainError(
          'NOT_A_SUCCESSOR',
          'supersededBy must be another decision of the same body that has been taken and numbered',
          'invalid',
          'supersededBy',
        );
      return { ...change, supersededByNumber: number };
    }
    default:
      return change;
  }
}
