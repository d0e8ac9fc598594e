import { Migration } from '../../../database/src/migrations';
import { SqlQueryable } from '../../../database/src/sql-database';
import { withoutExemptInformation } from '../../../domain/src/decision/decision-exemption';
import { Decision, initialDecision } from '../../../domain/src/decision/decision.state';
import { evolveDecision } from '../../../domain/src/decision/decision.decider';
import { DECISION_EVENT_TYPES, DecisionEvent } from '../../../domain/src/decision/decision.events';
import { StoredDomainEvent } from '../../../domain/src/shared/event';
import { RecordedEvent } from '../../../event-store/src/port';
import { entityOfStream, Projection } from '../projection';

const migrations: Migration[] = [
  {
    id: '0108_decisions',
    sql: `
      -- Every decision as it stands now: the register, and each decision's page.
      CREATE TABLE decisions (
        decision_id uuid PRIMARY KEY,
        body_id text NOT NULL,
        stage text NOT NULL,
        number integer,
        expected_on date,
        taken_on date,
        key_decision boolean NOT NULL,
        significant_public_interest boolean NOT NULL,
        exempt boolean NOT NULL,
        state jsonb NOT NULL,
        search_text text NOT NULL,
        public_search_text text NOT NULL,
        version integer NOT NULL,
        updated_at timestamptz NOT NULL
      );
      -- A second decision with a body's number cannot even be projected.
      CREATE UNIQUE INDEX decisions_by_number ON decisions (body_id, number);
      CREATE INDEX decisions_by_expected_on ON decisions (body_id, expected_on, decision_id);

      -- Every version each decision has had, and the span of time the engine knew it so:
      -- the forward plan as it stood at any past instant.
      CREATE TABLE decision_history (
        decision_id uuid NOT NULL,
        version integer NOT NULL,
        body_id text NOT NULL,
        known_from timestamptz NOT NULL,
        known_until timestamptz,
        stage text NOT NULL,
        expected_on date,
        notice_published_on date,
        state jsonb NOT NULL,
        PRIMARY KEY (decision_id, version)
      );
      CREATE INDEX decision_history_by_expected_on ON decision_history (body_id, expected_on, decision_id);
    `,
  },
];

/** The text a search looks through: the full text for members, the public view's for everyone else. */
function searchTextOf(decision: Decision): string {
  return [
    decision.subject,
    decision.decisionMaker,
    decision.taken?.decisionText,
    decision.taken?.reasons,
    decision.taken?.decidedBy,
    decision.number === null ? null : `executive decision ${decision.number}`,
  ]
    .filter((part) => part)
    .join('\n')
    .toLowerCase();
}

/** Decisions: current state and full history, folded with the domain's own `evolve`. */
export const decisionsProjection: Projection = {
  name: 'decisions',
  migrations,
  handles: DECISION_EVENT_TYPES,

  async apply(tx: SqlQueryable, recorded: RecordedEvent): Promise<void> {
    const { entityType, entityId: decisionId } = entityOfStream(recorded.streamId);
    if (entityType !== 'decision') return;
    const version = recorded.revision + 1;
    const [row] = await tx.query<{ state: Decision; version: number }>(
      'SELECT state, version FROM decisions WHERE decision_id = $1',
      [decisionId],
    );
    if (row && row.version >= version) return;
    const decision = evolveDecision(
      row?.state ?? initialDecision(),
      recorded as unknown as StoredDomainEvent<DecisionEvent>,
    );
    const at = recorded.metadata.recordedAt;
    const state = JSON.stringify(decision);
    await tx.query(
      `INSERT INTO decisions (decision_id, body_id, stage, number, expected_on, taken_on, key_decision,
         significant_public_interest, exempt, state, search_text, public_search_text, version, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT (decision_id) DO UPDATE SET stage = $3, number = $4, expected_on = $5, taken_on = $6,
         key_decision = $7, significant_public_interest = $8, exempt = $9, state = $10, search_text = $11,
         public_search_text = $12, version = $13, updated_at = $14`,
      [
        decisionId,
        recorded.metadata.bodyId,
        decision.stage,
        decision.number,
        decision.expectedOn,
        decision.taken?.takenOn ?? null,
        decision.keyDecision,
        decision.significantPublicInterest,
        decision.exemption !== null,
        state,
        searchTextOf(decision),
        searchTextOf(withoutExemptInformation(decision)),
        version,
        at,
      ],
    );
    await tx.query(
      'UPDATE decision_history SET known_until = $2 WHERE decision_id = $1 AND known_until IS NULL',
      [decisionId, at],
    );
    await tx.query(
      `INSERT INTO decision_history (decision_id, version, body_id, known_from, stage, expected_on,
         notice_published_on, state)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        decisionId,
        version,
        recorded.metadata.bodyId,
        at,
        decision.stage,
        decision.expectedOn,
        decision.noticePublishedOn,
        state,
      ],
    );
  },

  async reset(tx: SqlQueryable): Promise<void> {
    await tx.query('DELETE FROM decisions');
    await tx.query('DELETE FROM decision_history');
  },
};
