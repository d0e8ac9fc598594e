import { SubscriptionTopic } from '#application/subscriptions/subscriptions';
import { linkTo } from '#engine/admins';
import { Engine } from '#engine/engine';
import { findBoard, findMeeting } from '#projections/boards/boards.queries';
import { findBody } from '#projections/bodies/bodies.queries';
import { findDecision } from '#projections/decisions/decisions.queries';
import { EmailNotifier } from '#reminders/notifiers';
import { decisionViewsOf, isPublished } from '../decisions/decision-queries';
import { publicMeetingOf } from './agenda';
import { decisionEmail, EmailWords, meetingEmail, membersAgendaEmail } from './publication-emails';

const BATCH = 50;
const MAX_ATTEMPTS = 6;
/** A claim longer than any send: a worker that died holding it lets it go after this. */
const LEASE_MS = 5 * 60_000;
/** How old an agenda's issue may be and still be emailed to the members. */
const AGENDA_NEWS_MS = 7 * 24 * 60 * 60_000;
const backoffMs = (attempt: number) => Math.min(60 * 60_000, 60_000 * 2 ** (attempt - 1));

interface ClaimedEmail {
  notice_id: string;
  recipient: string;
  address: string;
  attempts: number;
  body_id: string;
  topic: SubscriptionTopic;
  subject_id: string;
  person_id: string | null;
  topics: SubscriptionTopic[] | null;
  unsubscribe_secret: string | null;
  ended_at: Date | null;
}

/**
 * Emails what a body publishes: to subscribers of its topic confirmed before it, and an issued
 * agenda to the board's members who are people of the directory. Each notice is addressed once;
 * each email is claimed by one atomic update (two instances never both send it), marked sent once,
 * retried with backoff, and given up after its attempts. Subscribers' words come from the public
 * view, so exempt information cannot reach them.
 */
export class PublicationMail {
  private readonly mailer: EmailNotifier;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly engine: Engine,
    smtpUrl: string,
    private readonly intervalMs: number,
  ) {
    this.mailer = new EmailNotifier(smtpUrl, engine.config.mailFrom);
  }

  start(): void {
    this.schedule(0);
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
    await this.mailer.close();
  }

  /** One pass: address what was published, then send what is due; resolves with how many went. */
  async tick(): Promise<number> {
    await this.address();
    let sent = 0;
    for (;;) {
      const claimed = await this.claim();
      for (const email of claimed) if (await this.deliver(email)) sent++;
      if (claimed.length < BATCH) return sent;
    }
  }

  /** Each new notice to its subscribers, and an agenda to its board's members, once. */
  private async address(): Promise<void> {
    const [last] = await this.engine.db.query<{ commit_position: string; prepare_position: string }>(
      `SELECT commit_position, prepare_position FROM public_notices WHERE addressed_at IS NULL
        ORDER BY commit_position DESC, prepare_position DESC LIMIT 1`,
    );
    if (!last) return;
    // The board's members and their addresses as the read models hold them once the agenda is issued.
    await this.engine.projector.waitFor({
      commit: Number(last.commit_position),
      prepare: Number(last.prepare_position),
    });
    await this.engine.db.transaction(async (tx) => {
      const notices = await tx.query<{ notice_id: string }>(
        `SELECT notice_id FROM public_notices WHERE addressed_at IS NULL
          ORDER BY recorded_at LIMIT 500 FOR UPDATE SKIP LOCKED`,
      );
      if (notices.length === 0) return;
      const ids = notices.map((notice) => notice.notice_id);
      await tx.query(
        `INSERT INTO publication_emails (notice_id, recipient, subscription_id, address)
         SELECT n.notice_id, 'subscription:' || s.subscription_id, s.subscription_id, s.email FROM public_notices n
           JOIN public_subscriptions s ON s.body_id = n.body_id AND n.topic = ANY(s.topics)
            AND s.confirmed_at <= n.recorded_at AND s.ended_at IS NULL
          WHERE n.notice_id = ANY($1::uuid[])
         ON CONFLICT DO NOTHING`,
        [ids],
      );
      await tx.query(
        `INSERT INTO publication_emails (notice_id, recipient, person_id, address)
         SELECT n.notice_id, 'person:' || p.person_id, p.person_id, p.email FROM public_notices n
           JOIN meetings m ON m.meeting_id = n.subject_id
           JOIN boards b ON b.board_id = m.board_id
           CROSS JOIN LATERAL jsonb_array_elements(b.state->'members') AS member
           JOIN people p ON p.person_id = (member->>'personId')::uuid AND NOT p.disabled
          WHERE n.notice_id = ANY($1::uuid[]) AND n.topic = 'agendas' AND member->>'personId' IS NOT NULL
            -- Agendas of meetings still to be held, issued lately: email switched on later (or a
            -- replayed log) sends members no agenda of the past.
            AND m.stage = 'scheduled' AND n.recorded_at > $2
         ON CONFLICT DO NOTHING`,
        [ids, new Date(this.engine.clock().getTime() - AGENDA_NEWS_MS).toISOString()],
      );
      await tx.query('UPDATE public_notices SET addressed_at = now() WHERE notice_id = ANY($1::uuid[])', [
        ids,
      ]);
    });
  }

  private async claim(): Promise<ClaimedEmail[]> {
    const now = this.engine.clock();
    return this.engine.db.query<ClaimedEmail>(
      `WITH due AS (
         SELECT notice_id, recipient FROM publication_emails
          WHERE sent_at IS NULL AND failed_at IS NULL AND (claimed_until IS NULL OR claimed_until < $1)
          LIMIT $2 FOR UPDATE SKIP LOCKED),
       claimed AS (
         UPDATE publication_emails e SET claimed_until = $3, attempts = e.attempts + 1
           FROM due WHERE e.notice_id = due.notice_id AND e.recipient = due.recipient
         RETURNING e.notice_id, e.recipient, e.address, e.attempts, e.subscription_id, e.person_id)
       SELECT c.notice_id, c.recipient, c.address, c.attempts, n.body_id, n.topic, n.subject_id, c.person_id,
              s.topics, s.unsubscribe_secret, s.ended_at
         FROM claimed c JOIN public_notices n USING (notice_id)
         LEFT JOIN public_subscriptions s ON s.subscription_id = c.subscription_id`,
      [now.toISOString(), BATCH, new Date(now.getTime() + LEASE_MS).toISOString()],
    );
  }

  /** Sends one email; true when it went. */
  private async deliver(email: ClaimedEmail): Promise<boolean> {
    const key = [email.notice_id, email.recipient];
    const finish = (column: 'sent_at' | 'failed_at', why: string | null) =>
      this.engine.db.query(
        `UPDATE publication_emails SET ${column} = $3, last_error = $4, claimed_until = NULL
          WHERE notice_id = $1 AND recipient = $2`,
        [...key, this.engine.clock().toISOString(), why],
      );
    if (email.ended_at) return finish('failed_at', 'unsubscribed before it was sent').then(() => false);
    try {
      const words = await this.wordsOf(email);
      if (!words) return finish('failed_at', 'not published').then(() => false);
      await this.mailer.send({
        id: `${email.notice_id}.${email.recipient.replace(':', '.')}`,
        address: email.address,
        ...words,
        headers: email.unsubscribe_secret
          ? {
              'List-Unsubscribe': `<${this.unsubscribeLink(email.unsubscribe_secret)}>`,
              'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
            }
          : undefined,
      });
      await finish('sent_at', null);
      return true;
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      if (email.attempts >= MAX_ATTEMPTS) await finish('failed_at', why);
      else
        await this.engine.db.query(
          'UPDATE publication_emails SET claimed_until = $3, last_error = $4 WHERE notice_id = $1 AND recipient = $2',
          [...key, new Date(this.engine.clock().getTime() + backoffMs(email.attempts)).toISOString(), why],
        );
      this.engine.log.warn({ err: error, notice: email.notice_id }, 'publication email not sent; will retry');
      return false;
    }
  }

  private unsubscribeLink(secret: string): string {
    return linkTo(this.engine, `/public/subscriptions/unsubscribe?s=${secret}`);
  }

  /** What the email says; null when what it announces is not (or no longer) published. */
  private async wordsOf(email: ClaimedEmail): Promise<EmailWords | null> {
    const { db } = this.engine;
    const body = await findBody(db, email.body_id);
    if (!body) return null;
    const site = `/public/${encodeURIComponent(body.id)}`;
    const subscription = {
      topics: email.topics ?? [],
      unsubscribe: email.unsubscribe_secret ? this.unsubscribeLink(email.unsubscribe_secret) : '',
    };
    if (email.topic === 'decisions') {
      const stored = await findDecision(db, email.subject_id, [body.id]);
      if (!stored || !isPublished(stored.decision)) return null;
      const [decision] = await decisionViewsOf(db, [stored], 'public', this.engine.clock());
      return decisionEmail(
        body.name,
        decision,
        linkTo(this.engine, `${site}/decisions/${stored.id}`),
        subscription,
      );
    }
    const stored = await findMeeting(db, email.subject_id, [body.id]);
    const board = stored && (await findBoard(db, stored.meeting.boardId, [body.id]));
    if (!stored || !board) return null;
    const meeting = publicMeetingOf(stored.id, stored.meeting);
    if (email.person_id) {
      if (stored.meeting.agendaIssuedOn === null || stored.meeting.stage === 'cancelled') return null;
      // Members of a private meeting read its papers signed in; a public one's are on the public site.
      const papers =
        meeting.access === 'public'
          ? `${site}/meetings/${stored.id}`
          : `/boards/${board.id}/meetings/${stored.id}/pack`;
      return membersAgendaEmail(body.name, board.board.name, stored.meeting, linkTo(this.engine, papers));
    }
    if (email.topic === 'agendas' ? meeting.agendaIssuedOn === null : !meeting.minutesPublished) return null;
    const path = `${site}/meetings/${stored.id}${email.topic === 'minutes' ? '/minutes' : ''}`;
    return meetingEmail(
      email.topic,
      body.name,
      board.board.name,
      meeting,
      linkTo(this.engine, path),
      subscription,
    );
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.running = this.tick()
        .catch((error) =>
          this.engine.log.error({ err: error }, 'publication email pass failed; will try again'),
        )
        .finally(() => {
          if (this.timer) this.schedule(this.intervalMs);
        });
    }, delayMs);
  }
}
