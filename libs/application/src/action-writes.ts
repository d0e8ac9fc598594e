import { ACTION } from '#domain/action/action.aggregate';
import { actionIdFor } from '#domain/action/action-ids';
import { assertMayReportOn } from '#domain/action/lead-officer-rule';
import { DomainError } from '#domain/shared/domain-error';
import { localDateOf } from '#domain/shared/time-zone';
import { SqlQueryable } from '#database/sql-database';
import { findBody } from '#projections/bodies/bodies.queries';
import { leadsFromDirectory } from './action-leads';
import { ActionChange, completeActionChange } from './changes/action-changes';
import { bodyCalendar } from './changes/body-today';
import { CommandGateway } from './command-gateway';
import { CommandContext, StaleVersionError } from './command-handling';

export interface ActionWritten {
  id: string;
  ref: string;
  version: number;
}

/** A new action as a person describes it (the API's body, the web page's form). */
export interface NewAction {
  readonly ref: string;
  readonly plan: string;
  readonly theme?: string | null;
  readonly title: string;
  /** People of the directory by email or name, or leads as the plan writes them. */
  readonly leadOfficers?: string[];
  readonly deliverable?: string | null;
  readonly objective?: string | null;
  readonly dueDate?: string;
  readonly createdOn?: string;
}

/** Who acts, as the lead officer rule asks: their role, and the person they are, if one. */
export interface ActionActor {
  readonly user: string;
  readonly role: string;
  readonly personId?: string;
}

/** Adds an action to a body's plan, its leads found in the directory where they are people. */
export async function createAction(
  gateway: CommandGateway,
  db: SqlQueryable,
  bodyId: string,
  input: NewAction,
  context: CommandContext,
): Promise<ActionWritten> {
  const body = await findBody(db, bodyId);
  if (!body) throw new DomainError('BODY_NOT_FOUND', `body "${bodyId}" not found`, 'not_found', 'bodyId');
  const leads = await leadsFromDirectory(db, bodyId, input.leadOfficers ?? []);
  try {
    const written = await gateway.execute(ACTION, {
      id: actionIdFor(bodyId, input.plan, input.ref),
      context,
      command: {
        type: 'CreateAction',
        bodyId,
        ref: input.ref,
        plan: input.plan,
        theme: input.theme,
        title: input.title,
        ...leads,
        deliverable: input.deliverable,
        objective: input.objective,
        dueDate: input.dueDate ?? '',
        createdOn: input.createdOn,
        yearStartMonth: body.settings.yearStartMonth,
        today: localDateOf(context.recordedAt, body.settings.timeZone),
      },
    });
    return { id: written.id, ref: written.state.ref, version: written.version };
  } catch (error) {
    if (error instanceof StaleVersionError) {
      // Another request created the same ref between our read and our append.
      throw new DomainError(
        'ACTION_REF_TAKEN',
        `ref "${input.ref}" already exists in plan "${input.plan}"`,
        'conflict',
        'ref',
      );
    }
    throw error;
  }
}

/** Changes an action as it stood at `expectedVersion`: officers only the actions they lead. */
export async function changeAction(
  gateway: CommandGateway,
  db: SqlQueryable,
  actionId: string,
  change: ActionChange,
  expectedVersion: number,
  context: CommandContext,
  actor: ActionActor,
): Promise<ActionWritten> {
  const written = await gateway.execute(ACTION, {
    id: actionId,
    context,
    expectedVersion,
    command: async (action) => {
      if (!action.exists) return completeActionChange(change, bodyCalendar(db, null, context.recordedAt));
      assertMayReportOn(action, actor);
      if (change.type === 'ReassignLead')
        return { ...change, ...(await leadsFromDirectory(db, action.bodyId, change.leadOfficers)) };
      return completeActionChange(change, bodyCalendar(db, action.bodyId, context.recordedAt));
    },
  });
  return { id: actionId, ref: written.state.ref, version: written.version };
}
