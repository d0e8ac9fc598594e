import { upcastToCurrent } from '../upcasters';

describe('meeting events stored at an earlier schema', () => {
  it('reads a meeting scheduled before provisional ones existed as firm', () => {
    const data = {
      bodyId: 'b',
      boardId: 'x',
      date: '2015-06-25',
      time: null,
      place: 'County Hall',
      access: 'public',
    };
    expect(upcastToCurrent({ type: 'MeetingScheduled', schemaVersion: 1, data })).toEqual({
      type: 'MeetingScheduled',
      schemaVersion: 2,
      data: { ...data, provisional: false },
    });
  });

  it('leaves a current one as it is', () => {
    const event = { type: 'MeetingScheduled', schemaVersion: 2, data: { provisional: true } };
    expect(upcastToCurrent(event)).toBe(event);
  });
});
