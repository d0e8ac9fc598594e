import { allTypesOf } from '../shared/event-types';
import { DomainEvent, IsoDate } from '../shared/event';

/**
 * v2 of the board's events says which members are people of the directory: `personId` is the person
 * the name is, or null for a member kept as written (someone the directory does not have). v1 reads
 * back with no one identified (see board.upcasters.ts).
 */
export interface BoardMember {
  readonly name: string;
  /** Chair, vice-chair, member, minute-taker, ... as the board's terms of reference say. */
  readonly role: string;
  readonly personId: string | null;
}

/** How often the board meets, e.g. six-weekly: { every: 6, unit: 'weeks' }. */
export interface Cadence {
  readonly every: number;
  readonly unit: 'weeks' | 'months';
}

/** A matter the board must hear at a set frequency (the schedule of assurance). */
export interface AssuranceMatter {
  readonly matterId: string;
  readonly title: string;
  readonly owner: string;
  /** Months between hearings; 0 means at every meeting. */
  readonly frequencyMonths: number;
  /** When it is first due (then each time after it is heard, by the frequency). */
  readonly firstDueOn: IsoDate;
}

export type BoardEstablished = DomainEvent<
  'BoardEstablished',
  2,
  {
    bodyId: string;
    name: string;
    /** Short code that starts the refs of the actions the board raises, e.g. SAB-2025-07/3. */
    code: string;
    members: BoardMember[];
    cadence: Cadence | null;
    /** The plan its actions are filed under in the action register. */
    actionLogPlan: string;
    /** Minutes are numbered on across meetings; the first number this engine gives. */
    firstMinuteNumber: number;
  }
>;
export type BoardMembersChanged = DomainEvent<'BoardMembersChanged', 2, { members: BoardMember[] }>;
export type AssuranceMatterScheduled = DomainEvent<'AssuranceMatterScheduled', 1, AssuranceMatter>;
export type AssuranceMatterRetired = DomainEvent<
  'AssuranceMatterRetired',
  1,
  { matterId: string; reason: string }
>;
export type BoardEvent =
  BoardEstablished | BoardMembersChanged | AssuranceMatterScheduled | AssuranceMatterRetired;

export const BOARD_EVENT_TYPES = allTypesOf<BoardEvent['type']>()([
  'BoardEstablished',
  'BoardMembersChanged',
  'AssuranceMatterScheduled',
  'AssuranceMatterRetired',
]);
