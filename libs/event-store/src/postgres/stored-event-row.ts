import { contentHashOf } from '../chain/event-chain';
import { EventMetadata } from '../port';

/** An event as its row in `events` holds it: what a content hash covers, as stored. */
export interface StoredEventRow {
  event_id: string;
  stream_id: string;
  stream_revision: number;
  event_type: string;
  schema_version: number;
  data: unknown;
  metadata: EventMetadata;
}

/** The columns of a `StoredEventRow`, for a SELECT. */
export const STORED_EVENT_COLUMNS =
  'event_id, stream_id, stream_revision, event_type, schema_version, data, metadata';

export const contentHashOfRow = (row: StoredEventRow): string =>
  contentHashOf({
    id: row.event_id,
    streamId: row.stream_id,
    type: row.event_type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
  });
