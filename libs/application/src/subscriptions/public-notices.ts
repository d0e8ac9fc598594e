import { SqlDatabase } from '#database/sql-database';
import { RecordedEvent } from '#event-store/port';
import { entityOfStream } from '#projections/projection';
import { EventProcess } from '../process-follower';
import { SubscriptionTopic } from './subscriptions';

/** What subscribers hear of, by the event that publishes it. */
const TOPIC_OF: Record<string, SubscriptionTopic> = {
  DecisionRecordPublished: 'decisions',
  AgendaIssued: 'agendas',
  MinutesPublished: 'minutes',
};

/**
 * Notes each publication for the subscribers to hear of it: one row per event (a replayed batch
 * writes nothing new). Whether the public may read it (a private meeting) and what it says are
 * settled when the email is written, from the public view.
 */
export function publicNoticesProcess(db: SqlDatabase): EventProcess {
  return {
    name: 'public-notices',
    handles: Object.keys(TOPIC_OF),
    async handle(event: RecordedEvent) {
      await db.query(
        `INSERT INTO public_notices (notice_id, body_id, topic, subject_id, recorded_at, commit_position,
           prepare_position)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (notice_id) DO NOTHING`,
        [
          event.id,
          event.metadata.bodyId,
          TOPIC_OF[event.type],
          entityOfStream(event.streamId).entityId,
          event.metadata.recordedAt,
          event.position.commit,
          event.position.prepare,
        ],
      );
      return null;
    },
  };
}
