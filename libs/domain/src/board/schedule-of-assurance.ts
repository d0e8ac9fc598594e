import { IsoDate } from '../shared/event';
import { addDays, addMonths } from '../shared/iso-date';
import { MeetingDocument } from '../meeting/meeting.document';
import { AssuranceMatter } from './board.events';

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

/** Every meeting (0 months): due again from the day after it was last heard. */
const nextDueAfter = (heardOn: IsoDate, months: number): IsoDate =>
  months === 0 ? addDays(heardOn, 1) : addMonths(heardOn, months);

const hears = (meeting: MeetingDocument, matterId: string) =>
  meeting.items.some((item) => !item.withdrawn && item.assuranceMatterId === matterId);

/** Where each matter on the schedule of assurance stands on `today`, from the board's meetings. */
export function scheduleOfAssurance(
  matters: readonly AssuranceMatter[],
  meetings: readonly { readonly id: string; readonly meeting: MeetingDocument }[],
  today: IsoDate,
): AssuranceCheck[] {
  const byDate = [...meetings].sort((a, b) => a.meeting.date.localeCompare(b.meeting.date));
  const next = byDate.find((m) => m.meeting.stage === 'scheduled' && m.meeting.date >= today) ?? null;
  return matters.map((matter) => {
    const heard = byDate.filter((m) => m.meeting.stage === 'held' && hears(m.meeting, matter.matterId));
    const lastHeardOn = heard.length > 0 ? heard[heard.length - 1].meeting.date : null;
    const dueOn = lastHeardOn ? nextDueAfter(lastHeardOn, matter.frequencyMonths) : matter.firstDueOn;
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
