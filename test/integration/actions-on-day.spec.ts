import { ALL_MIGRATIONS } from '#projections';
import { standingOnDay } from '#projections/action-register/actions-on-day';
import { numberedId, numberedIdSql, rowsReadBy } from '../support/query-plans';
import { DATABASES, migratedDatabase } from '../support/test-engine';

const ACTIONS = 2000;

/**
 * A page of actions as at a day (the register, an action, a board's action log) looks up the
 * entries of those actions only: through rag_history's index by action and the audit trail's by
 * body and entity. A read of the whole table grows with the log (at 200,000 events, 160 ms a page).
 */
describe.each(DATABASES)("an action's standing on a day (%s)", (kind) => {
  const db = migratedDatabase(kind, ALL_MIGRATIONS);

  beforeAll(async () => {
    // Four status entries and two progress reports for each of ACTIONS actions.
    await db().query(
      `INSERT INTO rag_history (event_id, action_id, body_id, plan, kind, status, commentary, effective_on,
                                recorded_at, recorded_by)
       SELECT gen_random_uuid(), ${numberedIdSql('a')}::uuid, 'default', 'Plan',
              'status', 'GREEN', 'On track', date '2017-06-30' + 90 * q, now(), 'secretary'
         FROM generate_series(1, $1::int) AS a, generate_series(0, 3) AS q`,
      [ACTIONS],
    );
    await db().query(
      `INSERT INTO audit_trail (event_id, commit_position, prepare_position, body_id, stream_id, stream_revision,
                                entity_type, entity_id, event_type, schema_version, summary, actor, recorded_at,
                                data, chain_hash, body_seq)
       SELECT gen_random_uuid(), 2 * a + p, 2 * a + p, 'default', 'action-' || id, 5 + p, 'action', id,
              'ActionProgressRecorded', 1, 'Progress', 'secretary', now(),
              jsonb_build_object('note', 'Met the supplier', 'reportedOn', '2017-1' || p || '-10'), 'hash', 2 * a + p
         FROM generate_series(1, $1::int) AS a, generate_series(0, 1) AS p,
              LATERAL (SELECT ${numberedIdSql('a')} AS id) AS ids`,
      [ACTIONS],
    );
    await db().query('ANALYZE rag_history');
    await db().query('ANALYZE audit_trail');
  });

  it('reads the entries of the actions asked about, not the whole tables', async () => {
    const actions = [
      { id: numberedId(7), bodyId: 'default' },
      { id: numberedId(1500), bodyId: 'default' },
    ];
    // Two actions' four status entries and two reports each, read through an index.
    expect(await rowsReadBy(db(), (via) => standingOnDay(via, actions, '2018-03-31'))).toEqual([8, 4]);
  });
});
