import { IsoDate } from '../shared/event';
import { Upcaster } from '../shared/upcasting';
import { ActionCreated, ActionLeadReassigned, ActionStatusSet } from './action.events';
import { RagStatus } from './rag-status';

/** ActionStatusSet as version 1 stored it, before the reporting period. */
interface ActionStatusSetV1Data {
  status: Exclude<RagStatus, 'BLUE'>;
  commentary: string;
  effectiveOn: IsoDate;
}

/** Leads recorded before the directory was: text only, no person identified. */
const noLeadPeople = (data: unknown): unknown => ({
  ...(data as object),
  leadPersonIds: (data as { leadOfficers: string[] }).leadOfficers.map(() => null),
});

export const ACTION_UPCASTERS: readonly Upcaster[] = [
  {
    type: 'ActionCreated',
    fromVersion: 1,
    upcast: (data): ActionCreated['data'] => noLeadPeople(data) as ActionCreated['data'],
  },
  {
    type: 'ActionLeadReassigned',
    fromVersion: 1,
    upcast: (data): ActionLeadReassigned['data'] => noLeadPeople(data) as ActionLeadReassigned['data'],
  },
  {
    type: 'ActionStatusSet',
    fromVersion: 1,
    // The quarter is not derived here: it depends on the body's year start in force at the time.
    upcast: (data): ActionStatusSet['data'] => ({
      ...(data as ActionStatusSetV1Data),
      reportingPeriod: null,
    }),
  },
];
