import { MeetingChange } from '#application/changes/meeting-changes';
import { BoardMember } from '#domain/board/board.events';
import { MeetingDocument } from '#domain/meeting/meeting.document';
import { FieldError, linesOf } from '../../page';

export type Presence = 'present' | 'apologies' | 'absent';
export const PRESENCES: readonly Presence[] = ['present', 'apologies', 'absent'];

/** The form as the meeting's record fills it: each member's presence, the chair, the others. */
export function attendanceValues(
  members: readonly BoardMember[],
  meeting: MeetingDocument,
): Record<string, string> {
  const recorded = meeting.attendance;
  if (!recorded) return Object.fromEntries(members.map((_, i) => [`member${i}`, 'present']));
  const named = (name: string) => members.some((member) => member.name === name);
  const values: Record<string, string> = Object.fromEntries(
    members.map((member, i) => [
      `member${i}`,
      recorded.present.includes(member.name) || recorded.chair === member.name
        ? 'present'
        : recorded.apologies.includes(member.name)
          ? 'apologies'
          : 'absent',
    ]),
  );
  const chair = members.findIndex((member) => member.name === recorded.chair);
  return {
    ...values,
    chair: chair >= 0 ? String(chair) : '',
    othersPresent: recorded.present.filter((name) => !named(name)).join('\n'),
    othersApologies: recorded.apologies.filter((name) => !named(name)).join('\n'),
    inAttendance: recorded.inAttendance.join('\n'),
  };
}

/**
 * The attendance the form asks to record. Members who are people of the directory are written by
 * their email, so the engine finds the very person even where two share a name.
 */
export function attendanceOf(
  members: readonly BoardMember[],
  values: Record<string, string>,
  emails: ReadonlyMap<string, string>,
): { change?: MeetingChange; errors: FieldError[] } {
  const written = (member: BoardMember) => (member.personId && emails.get(member.personId)) || member.name;
  const errors: FieldError[] = [];
  const chair = members[Number(values.chair)];
  if (values.chair === '' || !chair) errors.push({ field: 'chair', text: 'Choose who chaired the meeting' });
  else if (values[`member${values.chair}`] !== 'present')
    errors.push({ field: 'chair', text: `${chair.name} chaired the meeting, so was present` });
  members.forEach((_, i) => {
    if (!(PRESENCES as readonly string[]).includes(values[`member${i}`]))
      errors.push({
        field: `member${i}`,
        text: 'Say whether they were present, sent apologies or were absent',
      });
  });
  if (errors.length > 0) return { errors };
  const by = (presence: Presence) =>
    members.filter((_, i) => values[`member${i}`] === presence && members[i] !== chair).map(written);
  return {
    errors,
    change: {
      type: 'RecordAttendance',
      chair: written(chair),
      present: [...by('present'), ...linesOf(values.othersPresent)],
      apologies: [...by('apologies'), ...linesOf(values.othersApologies)],
      inAttendance: linesOf(values.inAttendance),
    },
  };
}
