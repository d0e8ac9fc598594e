import { createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, LookupFunction } from 'node:net';
import nodemailer, { Transporter } from 'nodemailer';
import { ReminderChannel } from '#domain/reminder/reminder.events';
import { hostOf, isPublicAddress, publicOnlyLookup } from './webhook-address';

/** One message to one person; `id` lets the receiving end drop a repeat (Message-ID, Idempotency-Key). */
export interface Notice {
  readonly id: string;
  readonly address: string;
  readonly subject: string;
  readonly text: string;
  /** More email headers (List-Unsubscribe); other channels leave them. */
  readonly headers?: Readonly<Record<string, string>>;
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
      headers: notice.headers,
      messageId: `<${notice.id}@governance-engine>`,
    });
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}

/**
 * A POST signed with HMAC-SHA256 over the body (header `X-Signature: sha256=<hex>`), to a public
 * address only unless private networks are allowed (see webhook-address.ts); redirects are not
 * followed, so a receiver cannot bounce the request inwards either.
 */
export class WebhookNotifier implements Notifier {
  readonly channel = 'webhook' as const;

  constructor(
    private readonly secret: string,
    private readonly options: { readonly allowPrivate?: boolean; readonly timeoutMs?: number } = {},
  ) {}

  async send(notice: Notice): Promise<void> {
    const body = JSON.stringify({ id: notice.id, subject: notice.subject, text: notice.text });
    const signature = createHmac('sha256', this.secret).update(body).digest('hex');
    const url = new URL(notice.address);
    const host = hostOf(url);
    const allowPrivate = this.options.allowPrivate ?? false;
    // A literal address is never looked up, so it is checked here; a name is checked as it resolves.
    if (!allowPrivate && isIP(host) && !isPublicAddress(host))
      throw new Error(`webhook ${url.origin} is not a public address; refused`);
    const status = await post(url, body, {
      headers: {
        'content-type': 'application/json',
        'x-signature': `sha256=${signature}`,
        'idempotency-key': notice.id,
      },
      lookup: allowPrivate ? undefined : publicOnlyLookup,
      timeoutMs: this.options.timeoutMs ?? 10_000,
    });
    if (status < 200 || status > 299) throw new Error(`webhook ${notice.address} answered ${status}`);
  }
}

/** One POST; resolves with the status code once the answer has been read. */
function post(
  url: URL,
  body: string,
  options: { headers: Record<string, string>; lookup?: LookupFunction; timeoutMs: number },
): Promise<number> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = send(
      url,
      {
        method: 'POST',
        headers: { ...options.headers, 'content-length': Buffer.byteLength(body) },
        lookup: options.lookup,
        signal: AbortSignal.timeout(options.timeoutMs),
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** The log: for contacts with no address, and for the embedded default out of the box. */
export class LogNotifier implements Notifier {
  readonly channel = 'log' as const;

  constructor(private readonly log: { info(details: object, message: string): void }) {}

  async send(notice: Notice): Promise<void> {
    this.log.info({ reminder: notice.id, to: notice.address, subject: notice.subject }, notice.text);
  }
}
