import { ArgumentsHost } from '@nestjs/common';
import pino from 'pino';
import { EventTooLargeError } from '#event-store/port';
import { ErrorFilter } from './error.filter';

/** What the filter answers for an exception, as the HTTP response would carry it. */
function answerTo(exception: unknown): { status: number; body: Record<string, unknown> } {
  const sent: { status: number; body: Record<string, unknown> } = { status: 0, body: {} };
  const response = {
    status: (code: number) => {
      sent.status = code;
      return { json: (body: Record<string, unknown>) => (sent.body = body) };
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
  new ErrorFilter(pino({ level: 'silent' })).catch(exception, host);
  return sent;
}

describe('the error filter', () => {
  it('answers an append larger than the event store takes with 413 and why, not a 500', () => {
    expect(answerTo(new EventTooLargeError('action-1', 2_000_000))).toEqual({
      status: 413,
      body: expect.objectContaining({
        code: 'EVENTS_TOO_LARGE',
        message: expect.stringMatching(/take 2000000 bytes; a store takes at most 1048576 bytes/),
      }),
    });
  });

  it('answers what it does not know as a 500 that leaks nothing', () => {
    expect(answerTo(new Error('secret detail'))).toEqual({
      status: 500,
      body: expect.objectContaining({ message: 'The engine failed to handle this request; it is logged.' }),
    });
  });
});
