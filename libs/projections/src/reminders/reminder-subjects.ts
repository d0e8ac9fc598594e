import { SqlQueryable } from '#database/sql-database';
import { actionDecider } from '#domain/action/action.decider';
import { Action } from '#domain/action/action.state';
import { boardDecider } from '#domain/board/board.decider';
import { BodySettings, withDefaultSettings } from '#domain/body/body-settings';
import { decisionDecider } from '#domain/decision/decision.decider';
import { meetingDecider } from '#domain/meeting/meeting.decider';
import { StoredDomainEvent } from '#domain/shared/event';
import { JsonRows } from '../json-rows';

export type SubjectType = 'action' | 'decision' | 'meeting' | 'board';
const DECIDERS = {
  action: actionDecider,
  decision: decisionDecider,
  meeting: meetingDecider,
  board: boardDecider,
} as unknown as Record<
  SubjectType,
  { initialState: () => unknown; evolve: (state: unknown, event: StoredDomainEvent) => unknown }
>;

const SETTINGS = new JsonRows<{ body_id: string; settings: BodySettings | undefined }>(
  'body_id text, settings jsonb',
);
const SUBJECTS = new JsonRows<{
  subject_id: string;
  subject_type: SubjectType;
  body_id: string;
  state: unknown;
  version: number;
}>('subject_id uuid, subject_type text, body_id text, state jsonb, version integer');

/**
 * What a subject's row keeps of its state: an action's without the entries a correction may name,
 * which only deciding a correction reads. The map grew by one at every status and progress entry,
 * and was copied at each (a twentieth of a rebuild's time went on folding it); a batch folds on
 * from an empty one.
 */
function storedStateOf(subject: Subject): unknown {
  if (subject.type !== 'action') return subject.state;
  const { correctable: _, ...planned } = subject.state as Action;
  return planned;
}

export const isSubjectType = (entityType: string): entityType is SubjectType => entityType in DECIDERS;

export interface Subject {
  readonly id: string;
  readonly type: SubjectType;
  readonly bodyId: string;
  state: unknown;
  version: number;
}

/**
 * What the reminder policy needs of each action, decision, meeting and board, and each body's
 * settings, as far as one batch touches them: loaded once, folded in memory, written back once.
 */
export class ReminderSubjects {
  private readonly subjects = new Map<string, Subject>();
  private readonly settings = new Map<string, BodySettings>();
  private readonly changedSubjects = new Set<string>();
  private readonly changedSettings = new Set<string>();

  /** Loads the subjects named, and every subject of the bodies named (their settings changed). */
  async load(tx: SqlQueryable, ids: readonly string[], wholeBodies: readonly string[] = []): Promise<void> {
    const missing = ids.filter((id) => !this.subjects.has(id));
    if (missing.length === 0 && wholeBodies.length === 0) return;
    const rows = await tx.query<{
      subject_id: string;
      subject_type: SubjectType;
      body_id: string;
      state: unknown;
      version: number;
    }>(
      `SELECT subject_id, subject_type, body_id, state, version FROM reminder_subjects
        WHERE subject_id = ANY($1::uuid[]) OR body_id = ANY($2::text[])`,
      [missing, wholeBodies],
    );
    for (const row of rows)
      if (!this.subjects.has(row.subject_id))
        this.subjects.set(row.subject_id, {
          id: row.subject_id,
          type: row.subject_type,
          bodyId: row.body_id,
          // A batch folds on from no entries (see storedStateOf); rows stored before they were left
          // out hold them as an object, dropped here.
          state:
            row.subject_type === 'action' ? { ...(row.state as object), correctable: new Map() } : row.state,
          version: row.version,
        });
  }

  async loadSettings(tx: SqlQueryable, bodyIds: readonly string[]): Promise<void> {
    const rows = await tx.query<{ body_id: string; settings: BodySettings }>(
      'SELECT body_id, settings FROM reminder_settings WHERE body_id = ANY($1::text[])',
      [bodyIds],
    );
    const stored = new Map(rows.map((row) => [row.body_id, row.settings]));
    for (const bodyId of bodyIds)
      if (!this.settings.has(bodyId))
        this.settings.set(bodyId, withDefaultSettings(stored.get(bodyId) ?? {}));
  }

  /** The boards the meetings held refer to that are not held yet. */
  boardsMissing(): string[] {
    const boards = [...this.subjects.values()]
      .filter((subject) => subject.type === 'meeting')
      .map((subject) => (subject.state as { boardId?: string }).boardId)
      .filter((id): id is string => typeof id === 'string');
    return [...new Set(boards)].filter((id) => !this.subjects.has(id));
  }

  get(id: string): Subject | undefined {
    return this.subjects.get(id);
  }

  /** The subjects of a body the policy plans for (boards only name meetings). */
  plannedOf(bodyId: string): Subject[] {
    return [...this.subjects.values()].filter(
      (subject) => subject.bodyId === bodyId && subject.type !== 'board',
    );
  }

  settingsOf(bodyId: string): BodySettings {
    return this.settings.get(bodyId) ?? withDefaultSettings({});
  }

  changeSettings(bodyId: string, settings: BodySettings): void {
    this.settings.set(bodyId, withDefaultSettings(settings));
    this.changedSettings.add(bodyId);
  }

  /** Folds one event of a subject's stream; undefined when the subject already holds it. */
  fold(
    type: SubjectType,
    id: string,
    bodyId: string,
    event: StoredDomainEvent,
    revision: number,
  ): Subject | undefined {
    const version = revision + 1;
    const held = this.subjects.get(id);
    if (held && held.version >= version) return undefined;
    const decider = DECIDERS[type];
    const subject: Subject = held ?? { id, type, bodyId, state: decider.initialState(), version: 0 };
    subject.state = decider.evolve(subject.state, event);
    subject.version = version;
    this.subjects.set(id, subject);
    this.changedSubjects.add(id);
    return subject;
  }

  async write(tx: SqlQueryable): Promise<void> {
    if (this.changedSettings.size > 0)
      await tx.query(
        `INSERT INTO reminder_settings (body_id, settings)
         SELECT body_id, settings FROM ${SETTINGS.relation('$1', 's')}
         ON CONFLICT (body_id) DO UPDATE SET settings = EXCLUDED.settings`,
        [
          SETTINGS.json(
            [...this.changedSettings].map((bodyId) => ({
              body_id: bodyId,
              settings: this.settings.get(bodyId),
            })),
          ),
        ],
      );
    if (this.changedSubjects.size > 0)
      await tx.query(
        `INSERT INTO reminder_subjects (subject_id, subject_type, body_id, state, version)
         SELECT subject_id, subject_type, body_id, state, version FROM ${SUBJECTS.relation('$1', 's')}
         ON CONFLICT (subject_id) DO UPDATE SET state = EXCLUDED.state, version = EXCLUDED.version`,
        [
          SUBJECTS.json(
            [...this.changedSubjects].map((id) => {
              const subject = this.subjects.get(id)!;
              return {
                subject_id: id,
                subject_type: subject.type,
                body_id: subject.bodyId,
                state: storedStateOf(subject),
                version: subject.version,
              };
            }),
          ),
        ],
      );
  }
}
