import { Migration } from '#database/migrations';
import { eventStoreMigrations } from '#event-store/postgres/event-store.migrations';
import { actionRegisterProjection } from './action-register/action-register.projection';
import { auditTrailProjection } from './audit-trail/audit-trail.projection';
import { bodiesProjection } from './bodies/bodies.projection';
import { boardsProjection } from './boards/boards.projection';
import { decisionsProjection } from './decisions/decisions.projection';
import { parkedEventMigrations } from './parked-events';
import { peopleProjection } from './people/people.projection';
import { Projection } from './projection';
import { rebuildMigrations } from './rebuild-in-progress';
import { projectorMigrations } from './projector.migrations';
import { ragHistoryProjection } from './rag-history/rag-history.projection';
import { remindersProjection } from './reminders/reminders.projection';

export const ALL_PROJECTIONS: readonly Projection[] = [
  bodiesProjection,
  actionRegisterProjection,
  ragHistoryProjection,
  auditTrailProjection,
  decisionsProjection,
  boardsProjection,
  remindersProjection,
  peopleProjection,
];

/** The read models' schema changes alone: what a replay into a schema of its own applies there. */
export const READ_MODEL_MIGRATIONS: readonly Migration[] = [
  ...projectorMigrations,
  ...parkedEventMigrations,
  ...rebuildMigrations,
  ...ALL_PROJECTIONS.flatMap((projection) => projection.migrations),
];

/** Every schema change of the engine's PostgreSQL/PGlite database, in the order they apply. */
export const ALL_MIGRATIONS: readonly Migration[] = [...eventStoreMigrations, ...READ_MODEL_MIGRATIONS];
