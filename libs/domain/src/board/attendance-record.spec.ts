import { upcastToCurrent } from '../upcasters';
import { AttendanceRecorded } from '../meeting/meeting.events';
import { initialMeeting, Meeting } from '../meeting/meeting.state';
import { attendanceRecord } from './attendance-record';
import { BoardMember } from './board.events';

const members: BoardMember[] = [
  { name: 'Mr. J. T. Orson', role: 'Chairman', personId: 'p-orson' },
  { name: 'Cllr. Begy', role: 'Member', personId: 'p-begy' },
  { name: 'Mrs H. Carter', role: 'Independent member', personId: null },
];

const heldWith = (attendance: Omit<AttendanceRecorded['data'], 'people'>, people = {}): Meeting => ({
  ...initialMeeting(),
  stage: 'held',
  attendance: { ...attendance, people },
});

describe('the attendance record of a board', () => {
  it('counts each member against every held meeting with attendance, the chair as present', () => {
    const record = attendanceRecord(members, [
      heldWith(
        {
          chair: 'Mr. J. T. Orson',
          present: ['Mr. J. T. Orson', 'Cllr. Begy'],
          apologies: ['Mrs H. Carter'],
          inAttendance: ['Paul Stock'],
        },
        { 'Mr. J. T. Orson': 'p-orson', 'Cllr. Begy': 'p-begy' },
      ),
      heldWith(
        { chair: 'Mr. J. T. Orson', present: ['mrs h. carter'], apologies: [], inAttendance: [] },
        { 'Mr. J. T. Orson': 'p-orson' },
      ),
      { ...initialMeeting(), stage: 'scheduled' },
      heldWith(
        { chair: 'Mr. J. T. Orson', present: [], apologies: [], inAttendance: [] },
        { 'Mr. J. T. Orson': 'p-orson' },
      ),
    ]);
    expect(record.meetings).toBe(3);
    expect(record.lines).toEqual([
      {
        name: 'Mr. J. T. Orson',
        personId: 'p-orson',
        role: 'Chairman',
        expected: 3,
        present: 3,
        apologies: 0,
        absent: 0,
        percentPresent: 100,
      },
      {
        name: 'Cllr. Begy',
        personId: 'p-begy',
        role: 'Member',
        expected: 3,
        present: 1,
        apologies: 0,
        absent: 2,
        percentPresent: 33,
      },
      {
        name: 'Mrs H. Carter',
        personId: null,
        role: 'Independent member',
        expected: 3,
        present: 1,
        apologies: 1,
        absent: 1,
        percentPresent: 33,
      },
    ]);
  });

  it('knows a person by the directory whatever the minutes called them, and by name before it', () => {
    const record = attendanceRecord(members.slice(1, 2), [
      heldWith(
        { chair: 'Someone Else', present: ['Councillor Begy'], apologies: [], inAttendance: [] },
        { 'Councillor Begy': 'p-begy' },
      ),
      heldWith({ chair: 'Someone Else', present: ['Cllr. Begy'], apologies: [], inAttendance: [] }),
      // Another person of the directory with the same name is not the member.
      heldWith(
        { chair: 'Someone Else', present: ['Cllr. Begy'], apologies: [], inAttendance: [] },
        { 'Cllr. Begy': 'p-other' },
      ),
    ]);
    expect(record.lines[0]).toMatchObject({ name: 'Cllr. Begy', expected: 3, present: 2, absent: 1 });
  });

  it('lists anyone else present or apologising after the members, against the meetings naming them', () => {
    const record = attendanceRecord(members.slice(0, 1), [
      heldWith({ chair: 'Mr. J. T. Orson', present: ['Cllr. Bray'], apologies: [], inAttendance: [] }),
      heldWith({
        chair: 'Mr. J. T. Orson',
        present: [],
        apologies: ['Cllr. Bray', 'Cllr. Adams'],
        inAttendance: [],
      }),
    ]);
    expect(
      record.lines.map(({ name, role, expected, present, apologies, absent }) => [
        name,
        role,
        expected,
        present,
        apologies,
        absent,
      ]),
    ).toEqual([
      ['Mr. J. T. Orson', 'Chairman', 2, 2, 0, 0],
      ['Cllr. Adams', null, 1, 0, 1, 0],
      ['Cllr. Bray', null, 2, 1, 1, 0],
    ]);
  });

  it('has no percentage for a board with no meetings counted', () => {
    expect(attendanceRecord(members, []).lines[0]).toMatchObject({ expected: 0, percentPresent: null });
  });
});

describe('records of boards and meetings from before the directory', () => {
  it('read back with no one identified', () => {
    const established = upcastToCurrent({
      type: 'BoardEstablished',
      schemaVersion: 1,
      data: { name: 'Panel', members: [{ name: 'Cllr. Begy', role: 'Member' }] },
    });
    expect(established).toMatchObject({
      schemaVersion: 2,
      data: { members: [{ name: 'Cllr. Begy', personId: null }] },
    });
    expect(
      upcastToCurrent({
        type: 'BoardMembersChanged',
        schemaVersion: 1,
        data: { members: [{ name: 'A', role: 'B' }] },
      }).data,
    ).toEqual({ members: [{ name: 'A', role: 'B', personId: null }] });
    expect(
      upcastToCurrent({
        type: 'AttendanceRecorded',
        schemaVersion: 1,
        data: { chair: 'A', present: [], apologies: [], inAttendance: [] },
      }),
    ).toMatchObject({ schemaVersion: 2, data: { chair: 'A', people: {} } });
    expect(
      upcastToCurrent({
        type: 'InterestDeclared',
        schemaVersion: 1,
        data: { member: 'A', itemId: null, nature: 'x' },
      }).data,
    ).toEqual({ member: 'A', memberPersonId: null, itemId: null, nature: 'x' });
    expect(
      upcastToCurrent({ type: 'BoardDecisionRequested', schemaVersion: 1, data: { decisionMaker: 'PCC' } })
        .data,
    ).toEqual({ decisionMaker: 'PCC', decisionMakerPersonId: null });
    expect(
      upcastToCurrent({ type: 'DecisionProposed', schemaVersion: 1, data: { decisionMaker: 'PCC' } }),
    ).toEqual({
      type: 'DecisionProposed',
      schemaVersion: 2,
      data: { decisionMaker: 'PCC', decisionMakerPersonId: null },
    });
  });
});
