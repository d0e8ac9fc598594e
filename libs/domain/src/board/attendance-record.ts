import { MeetingDocument } from '../meeting/meeting.document';
import { BoardMember } from './board.events';

/** One person's attendance at a board's meetings over a period. */
export interface AttendanceLine {
  readonly name: string;
  readonly personId: string | null;
  /** Their role on the board now; null for someone listed who is not (or no longer) a member. */
  readonly role: string | null;
  /** The meetings they were expected at: all of them for a member, those listing them otherwise. */
  readonly expected: number;
  readonly present: number;
  readonly apologies: number;
  /** Expected, and neither present nor sending apologies. */
  readonly absent: number;
  /** Present at this share of the meetings they were expected at, in whole percent; null for none. */
  readonly percentPresent: number | null;
}

export interface AttendanceRecord {
  /** Held meetings whose attendance was recorded: what the lines count. */
  readonly meetings: number;
  readonly lines: readonly AttendanceLine[];
}

interface Someone {
  readonly name: string;
  readonly personId: string | null;
}

/**
 * The same person: by the directory's id when both have one; by name (ignoring case) when either
 * was recorded as written, as minutes from before the directory were.
 */
function same(a: Someone, b: Someone): boolean {
  if (a.personId && b.personId) return a.personId === b.personId;
  return a.name.toLowerCase() === b.name.toLowerCase();
}

/**
 * Who attended a board's meetings: each current member against every held meeting with recorded
 * attendance (the chair counts as present), then anyone else listed present or apologising, against
 * the meetings that list them. Those "in attendance" (officers, guests) are not members and are left
 * out.
 */
export function attendanceRecord(
  members: readonly BoardMember[],
  meetings: readonly MeetingDocument[],
): AttendanceRecord {
  const counted = meetings.filter((meeting) => meeting.stage === 'held' && meeting.attendance);
  const lines: (Someone & { role: string | null; expected: number; present: number; apologies: number })[] =
    members.map((member) => ({ ...member, expected: counted.length, present: 0, apologies: 0 }));
  for (const meeting of counted) {
    const attendance = meeting.attendance!;
    const someone = (name: string): Someone => ({ name, personId: attendance.people[name] ?? null });
    const present = [attendance.chair, ...attendance.present.filter((name) => name !== attendance.chair)];
    const listed = [
      ...present.map((name) => ({ ...someone(name), present: 1, apologies: 0 })),
      ...attendance.apologies.map((name) => ({ ...someone(name), present: 0, apologies: 1 })),
    ];
    for (const entry of listed) {
      const line = lines.find((each) => same(each, entry));
      if (line) {
        line.present += entry.present;
        line.apologies += entry.apologies;
        if (line.role === null) line.expected += 1;
      } else lines.push({ ...entry, role: null, expected: 1 });
    }
  }
  const nonMembers = lines.slice(members.length).sort((a, b) => a.name.localeCompare(b.name));
  return {
    meetings: counted.length,
    lines: [...lines.slice(0, members.length), ...nonMembers].map((line) => ({
      name: line.name,
      personId: line.personId,
      role: line.role,
      expected: line.expected,
      present: line.present,
      apologies: line.apologies,
      absent: Math.max(0, line.expected - line.present - line.apologies),
      percentPresent: line.expected === 0 ? null : Math.round((100 * line.present) / line.expected),
    })),
  };
}
