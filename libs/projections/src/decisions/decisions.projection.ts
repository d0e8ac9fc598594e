import { Migration } from '#database/migrations';
import { SqlQueryable } from '#database/sql-database';
import { withoutExemptInformation } from '#domain/decision/decision-exemption';
import { Decision, initialDecision } from '#domain/decision/decision.state';
import { DecisionDocument, decisionDocumentOf } from '#domain/decision/decision.document';
import { evolveDecision } from '#domain/decision/decision.decider';
import { DECISION_EVENT_TYPES, DecisionEvent } from '#domain/decision/decision.events';
import { StoredDomainEvent } from '#domain/shared/event';
import { RecordedEvent } from '#event-store/port';
import { JsonRows } from '../json-rows';
import { entityOfStream, Projection } from '../projection';
import { FoldedEvent, foldIntoRecords, latestOfEach, RecordFold } from '../stream-records';

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
  {
    id: '0118_decision_maker_people',
    // DecisionProposed v2 names the decision maker's person: states stored before have none.
    // (A default on the left of ||: a value already there wins.)
    sql: `
      UPDATE decisions SET state = '{"decisionMakerPersonId": null}'::jsonb || state;
      UPDATE decision_history SET state = '{"decisionMakerPersonId": null}'::jsonb || state;
    `,
  },
  {
    id: '0121_decisions_public_document',
    // The public site's search: what the public may read of each decision, English-stemmed.
    sql: `
      ALTER TABLE decisions ADD COLUMN public_document tsvector
        GENERATED ALWAYS AS (to_tsvector('english', public_search_text)) STORED;
      CREATE INDEX decisions_public_search ON decisions USING gin (public_document);
    `,
  },
  {
    id: '0127_decision_documents',
    // Rows keep the decisions' documents: the decider's own field (its body) goes.
    sql: `
      UPDATE decisions SET state = state - 'bodyId';
      UPDATE decision_history SET state = state - 'bodyId';
    `,
  },
  {
    id: '0129_decisions_in_register_order',
    // The register's order, so a page reads a page (it read and sorted a body's every decision).
    sql: `CREATE INDEX decisions_in_register_order
            ON decisions (body_id, (-coalesce(number, 0)), (decision_id::text));`,
  },
];

/** The text a search looks through: the full text for members, the public view's for everyone else. */
function searchTextOf(decision: DecisionDocument): string {
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
  apply: (tx, event) => applyEvents(tx, [event]),
  applyBatch: applyEvents,
};

const DECISION_FOLD: RecordFold<Decision, DecisionDocument> = {
  initial: initialDecision,
  evolve: (state, event) => evolveDecision(state, event as StoredDomainEvent<DecisionEvent>),
  revive: (document, bodyId) => ({ ...document, bodyId }),
};

/**
 * A batch in four statements: read the decisions it touches, fold its events, write each
 * decision's row once, close the versions that were current and add one version per event.
 */
async function applyEvents(tx: SqlQueryable, events: readonly RecordedEvent[]): Promise<void> {
  const folded = await foldIntoRecords(
    tx,
    'decisions',
    'decision_id',
    events.filter((event) => entityOfStream(event.streamId).entityType === 'decision'),
    DECISION_FOLD,
  );
  if (folded.length === 0) return;
  const rowOf = ({ id, state: decision, version, event }: FoldedEvent<Decision>) => ({
    decision_id: id,
    body_id: event.metadata.bodyId,
    stage: decision.stage,
    number: decision.number,
    expected_on: decision.expectedOn,
    taken_on: decision.taken?.takenOn ?? null,
    key_decision: decision.keyDecision,
    significant_public_interest: decision.significantPublicInterest,
    exempt: decision.exemption !== null,
    state: decisionDocumentOf(decision),
    search_text: searchTextOf(decision),
    public_search_text: searchTextOf(withoutExemptInformation(decision)),
    version,
    updated_at: event.metadata.recordedAt,
  });
  await tx.query(
    `INSERT INTO decisions (${DECISIONS.names})
     SELECT ${DECISIONS.names} FROM ${DECISIONS.relation('$1', 'd')}
     ON CONFLICT (decision_id) DO UPDATE SET stage = EXCLUDED.stage, number = EXCLUDED.number,
       expected_on = EXCLUDED.expected_on, taken_on = EXCLUDED.taken_on, key_decision = EXCLUDED.key_decision,
       significant_public_interest = EXCLUDED.significant_public_interest, exempt = EXCLUDED.exempt,
       state = EXCLUDED.state, search_text = EXCLUDED.search_text,
       public_search_text = EXCLUDED.public_search_text, version = EXCLUDED.version,
       updated_at = EXCLUDED.updated_at`,
    [DECISIONS.json(latestOfEach(folded).map(rowOf))],
  );
  // Each version is known from its recording until the next one's.
  const firsts = [...new Map([...folded].reverse().map((each) => [each.id, each])).values()];
  await tx.query(
    `UPDATE decision_history h SET known_until = c.at
       FROM ${CLOSED.relation('$1', 'c')}
      WHERE h.decision_id = c.decision_id AND h.known_until IS NULL`,
    [CLOSED.json(firsts.map(({ id, event }) => ({ decision_id: id, at: event.metadata.recordedAt })))],
  );
  const nextKnown = new Map<string, string>();
  const versions = folded
    .map(({ id, state, version, event }) => ({
      decision_id: id,
      version,
      body_id: event.metadata.bodyId,
      known_from: event.metadata.recordedAt,
      known_until: null as string | null,
      stage: state.stage,
      expected_on: state.expectedOn,
      notice_published_on: state.noticePublishedOn,
      state: decisionDocumentOf(state),
    }))
    .reverse()
    .map((each) => {
      each.known_until = nextKnown.get(each.decision_id) ?? null;
      nextKnown.set(each.decision_id, each.known_from);
      return each;
    });
  await tx.query(
    `INSERT INTO decision_history (${VERSIONS.names}) SELECT ${VERSIONS.names} FROM ${VERSIONS.relation('$1', 'v')}`,
    [VERSIONS.json(versions)],
  );
}

const DECISIONS = new JsonRows<Record<string, unknown>>(
  `decision_id uuid, body_id text, stage text, number integer, expected_on date, taken_on date,
   key_decision boolean, significant_public_interest boolean, exempt boolean, state jsonb, search_text text,
   public_search_text text, version integer, updated_at timestamptz`,
);
const CLOSED = new JsonRows<{ decision_id: string; at: string }>('decision_id uuid, at timestamptz');
const VERSIONS = new JsonRows<Record<string, unknown>>(
  `decision_id uuid, version integer, body_id text, known_from timestamptz, known_until timestamptz,
   stage text, expected_on date, notice_published_on date, state jsonb`,
);
