import { ActionEvent } from '#domain/action/action.events';
import { RecordedEvent } from '#event-store/port';

/** An entry as the batch writes it; its action's plan, theme and creation come from `rag_actions`. */
export interface NewEntry {
  event_id: string;
  action_id: string;
  kind: 'status' | 'completed' | 'reopened' | 'cancelled';
  status: string | null;
  commentary: string;
  effective_on: string;
  recorded_at: string;
  recorded_by: string;
  corrects_event_id: string | null;
  correction_reason: string | null;
  reporting_period: string | null;
  superseded_by: string | null;
  superseded_at: string | null;
}

/** What a correction copies from the entry it replaces, and how to find that entry. */
export interface CurrentEntry {
  event_id: string;
  corrects_event_id: string | null;
  kind: NewEntry['kind'];
  status: string | null;
  commentary: string;
  effective_on: string;
  reporting_period: string | null;
}

/**
 * The entries one batch adds to the RAG history, folded in memory: a status, a completion, a
 * reopening or a cancellation adds one; a correction of a status replaces the latest version of
 * the entry it names (stored, or added earlier in the batch), its own fields filling the gaps.
 */
export class RagEntries {
  readonly added: NewEntry[] = [];
  /** Stored entries this batch replaced. */
  readonly superseded: { event_id: string; superseded_by: string; superseded_at: string }[] = [];
  /** The actions whose entries changed, whose dates in effect are recomputed. */
  readonly touched = new Set<string>();

  /** `stored`: the current versions of the entries the batch's corrections name. */
  constructor(private readonly stored: CurrentEntry[]) {}

  add(recorded: RecordedEvent, actionId: string): void {
    const event = recorded as unknown as RecordedEvent & ActionEvent;
    const entry = (
      kind: NewEntry['kind'],
      status: string | null,
      commentary: string,
      effectiveOn: string,
      reportingPeriod: string | null = null,
    ) => {
      this.touched.add(actionId);
      this.added.push({
        event_id: recorded.id,
        action_id: actionId,
        kind,
        status,
        commentary,
        effective_on: effectiveOn,
        recorded_at: recorded.metadata.recordedAt,
        recorded_by: recorded.metadata.actor,
        corrects_event_id: null,
        correction_reason: null,
        reporting_period: reportingPeriod,
        superseded_by: null,
        superseded_at: null,
      });
    };
    switch (event.type) {
      case 'ActionStatusSet':
        return entry(
          'status',
          event.data.status,
          event.data.commentary,
          event.data.effectiveOn,
          event.data.reportingPeriod,
        );
      case 'ActionCompleted':
        return entry('completed', 'BLUE', event.data.commentary, event.data.completedOn);
      case 'ActionReopened':
        return entry('reopened', event.data.status, event.data.reason, event.data.reopenedOn);
      case 'ActionCancelled':
        return entry('cancelled', null, event.data.reason, event.data.cancelledOn);
      case 'ActionEntryCorrected':
        if (event.data.correctsEventType === 'ActionStatusSet') this.correct(recorded, event, actionId);
        return;
      default:
        return;
    }
  }

  private correct(
    recorded: RecordedEvent,
    event: RecordedEvent & Extract<ActionEvent, { type: 'ActionEntryCorrected' }>,
    actionId: string,
  ): void {
    this.touched.add(actionId);
    const named = event.data.correctsEventId;
    const at = recorded.metadata.recordedAt;
    const names = (entry: CurrentEntry) => entry.event_id === named || entry.corrects_event_id === named;
    const replaced: CurrentEntry[] = [];
    for (const entry of this.added)
      if (entry.superseded_by === null && names(entry)) {
        entry.superseded_by = recorded.id;
        entry.superseded_at = at;
        replaced.push(entry);
      }
    const replacedIds = new Set(this.superseded.map((entry) => entry.event_id));
    for (const entry of this.stored)
      if (!replacedIds.has(entry.event_id) && names(entry)) {
        this.superseded.push({ event_id: entry.event_id, superseded_by: recorded.id, superseded_at: at });
        replaced.push(entry);
      }
    const [latest] = replaced;
    if (!latest) return;
    const { status, commentary, effectiveOn } = event.data;
    this.added.push({
      event_id: recorded.id,
      action_id: actionId,
      kind: latest.kind,
      status: status ?? latest.status,
      commentary: commentary ?? latest.commentary,
      effective_on: effectiveOn ?? latest.effective_on,
      recorded_at: at,
      recorded_by: recorded.metadata.actor,
      corrects_event_id: named,
      correction_reason: event.data.reason,
      // a corrected date may fall in another quarter, which the correction does not name
      reporting_period:
        effectiveOn == null || effectiveOn === latest.effective_on ? latest.reporting_period : null,
      superseded_by: null,
      superseded_at: null,
    });
  }
}
