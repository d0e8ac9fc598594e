import { actionStream, bodyStream } from '../action/action-ids';
import {
  appointmentStream,
  boardStream,
  decisionNumbersStream,
  decisionStream,
  ENGINE_STREAM_PREFIXES,
  meetingStream,
  minuteNumbersStream,
  personStream,
  reminderStream,
} from './record-ids';

describe('the engine’s streams', () => {
  it('each begin with one of the prefixes a shared log is read for', () => {
    const streams = [
      actionStream('a'),
      bodyStream('b'),
      decisionStream('d'),
      boardStream('b'),
      meetingStream('m'),
      decisionNumbersStream('b'),
      minuteNumbersStream('b'),
      reminderStream('r'),
      personStream('p'),
      appointmentStream('a'),
    ];
    expect(
      streams.filter((stream) => !ENGINE_STREAM_PREFIXES.some((prefix) => stream.startsWith(prefix))),
    ).toEqual([]);
    expect(new Set(streams.map((stream) => stream.slice(0, stream.indexOf('-') + 1))).size).toBe(
      ENGINE_STREAM_PREFIXES.length,
    );
  });
});
