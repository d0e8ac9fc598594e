import { createHmac } from 'node:crypto';
import nodemailer, { Transporter } from 'nodemailer';
import { ReminderChannel } from '../../domain/src/reminder/reminder.events';

/** One message to one person; `id` lets the receiving end drop a repeat (Message-ID, Idempotency-Key). */
export interface Notice {
  readonly id: string;
  readonly address: string;
  readonly subject: string;
  readonly text: string;
}

export interface Notifier {
  readonly channel: ReminderChannel;
  send(notice: Notice): Promise<void>;
  close?(): Promise<void>;
}

/** Email over SMTP (nodemailer). */
export class EmailNotifier implements Notifier {
  readonly channel = 'email' as const;
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    const url = new URL(smtpUrl);
    this.transport = nodemailer.createTransport({
      host: url.hostname,
      port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 587)),
      secure: url.protocol === 'smtps:',
      auth: url.username
        ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
        : undefined,
      // A dead server must fail the attempt quickly so it is retried, not hang a worker.
      connectionTimeout: 5000,
      greetingTimeout: 5000,
      socketTimeout: 10000,
    });
  }

  async send(notice: Notice): Promise<void> {
    await this.transport.sendMail({
      from: this.from,
      to: notice.address,
      subject: notice.subject,
      text: notice.text,
      messageId: `<${notice.id}@governance-engine>`,
    });
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}

/** A POST signed with HMAC-SHA256 over the body (header `X-Signature: sha256=<hex>`). */
export class WebhookNotifier implements Notifier {
  readonly channel = 'webhook' as const;

  constructor(
    private readonly secret: string,
    private readonly timeoutMs = 10_000,
  ) {}

  async send(notice: Notice): Promise<void> {
    const body = JSON.stringify({ id: notice.id, subject: notice.subject, text: notice.text });
    const signature = createHmac('sha256', this.secret).update(body).digest('hex');
    const response = await fetch(notice.address, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-signature': `sha256=${signature}`,
        'idempotency-key': notice.id,
      },
      body,
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!response.ok) throw new Error(`webhook ${notice.address} answered ${response.status}`);
  }
}

/** The log: for contacts with no address, and for the embedded default out of the box. */
export class LogNotifier implements Notifier {
  readonly channel = 'log' as const;

  constructor(private readonly log: { info(details: object, message: string): void }) {}

  async send(notice: Notice): Promise<void> {
    this.log.info({ reminder: notice.id, to: notice.address, subject: notice.subject }, notice.text);
  }
}
