import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  readonly reminderId: string;
  readonly to: string[];
  readonly raw: string;
}

/** A real SMTP server in this process that keeps what it receives; it can go down and come back. */
export class TestSmtpServer {
  readonly received: ReceivedMail[] = [];
  private server: SMTPServer | null = null;
  port = 0;

  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const id = /^Message-ID:\s*<([^@>]+)@/im.exec(raw)?.[1] ?? '';
          this.received.push({ reminderId: id, to: session.envelope.rcptTo.map((r) => r.address), raw });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', () => resolve()));
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  countFor(reminderId: string): number {
    return this.received.filter((mail) => mail.reminderId === reminderId).length;
  }
}

/**
 * A received email's headers and text as a reader sees them: long headers unfolded onto one line,
 * quoted-printable soft breaks and escapes undone.
 */
export function readableMail(mail: ReceivedMail): string {
  const split = mail.raw.search(/\r?\n\r?\n/);
  const headers = mail.raw.slice(0, split).replace(/\r?\n[ \t]+/g, ' ');
  // Quoted-printable is undone in the body only: a header's `?s=4F...` is not an escape.
  const body = mail.raw
    .slice(split)
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_match, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  return Buffer.from(`${headers}${body}`, 'latin1').toString('utf8');
}

/** The first email (as a reader sees it) that satisfies `wanted`, once it arrives; throws if none does in time. */
export async function mailArriving(
  smtp: TestSmtpServer,
  wanted: (mail: string) => boolean,
  timeoutMs = 30_000,
): Promise<string> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;) {
    const found = smtp.received.map(readableMail).find(wanted);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the email expected did not arrive');
}
