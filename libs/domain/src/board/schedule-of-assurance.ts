import { IsoDate } from '../shared/event';
import { isoDateOf } from '../shared/iso-date';
import { Meeting } from '../meeting/meeting.decider';
import { AssuranceMatter } from './board.decider';

export type AssuranceStatus = 'not due' | 'due' | 'overdue';

export interface AssuranceCheck {
  readonly matter: AssuranceMatter;
  readonly lastHeardOn: IsoDate | null;
  /** When it must next be heard: the first meeting on or after this date should hear it. */
  readonly dueOn: IsoDate;
  readonly status: AssuranceStatus;
  /** The board's next meeting, if one is scheduled. */
  readonly nextMeeting: { readonly meetingId: string; readonly date: IsoDate } | null;
  readonly onNextAgenda: boolean;
  /** Due or overdue by the next meeting, and not on its agenda. */
  readonly missingFromNextAgenda: boolean;
}

function monthsAfter(date: IsoDate, months: number): IsoDate {
  const day = new Date(`${date}T00:00:00Z`);
  // Every meeting (0 months): due again from the day after it was last heard.
  if (months === 0) day.setUTCDate(day.getUTCDate() + 1);
  else day.setUTCMonth(day.getUTCMonth() + months);
  return isoDateOf(day);
}

const hears = (meeting: Meeting, matterId: string) =>
  meeting.items.some((item) => !item.withdrawn && item.assuranceMatterId === matterId);

/** Where each matter on the schedule of assurance stands on `today`, from the board's meetings. */
export function scheduleOfAssurance(
  matters: readonly AssuranceMatter[],
  meetings: readonly { readonly id: string; readonly meeting: Meeting }[],
  today: IsoDate,
): AssuranceCheck[] {
  const byDate = [...meetings].sort((a, b) => a.meeting.date.localeCompare(b.meeting.date));
  const next = byDate.find((m) => m.meeting.stage === 'scheduled' && m.meeting.date >= today) ?? null;
  return matters.map((matter) => {
    const heard = byDate.filter((m) => m.meeting.stage === 'held' && hears(m.meeting, matter.matterId));
    const lastHeardOn = heard.length > 0 ? heard[heard.length - 1].meeting.date : null;
    const dueOn = lastHeardOn ? monthsAfter(lastHeardOn, matter.frequencyMonths) : matter.firstDueOn;
    const status: AssuranceStatus =
      dueOn < today ? 'overdue' : next && dueOn <= next.meeting.date ? 'due' : 'not due';
    const onNextAgenda = next !== null && hears(next.meeting, matter.matterId);
    return {
      matter,
      lastHeardOn,
      dueOn,
      status,
      nextMeeting: next && { meetingId: next.id, date: next.meeting.date },
      onNextAgenda,
      missingFromNextAgenda: status !== 'not due' && next !== null && !onNextAgenda,
    };
  });
}
