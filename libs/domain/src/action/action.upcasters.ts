import { IsoDate } from '../shared/event';
import { Upcaster } from '../shared/upcasting';
import { ActionStatusSet } from './action.events';
import { RagStatus } from './rag-status';

/** ActionStatusSet as version 1 stored it, before the reporting period. */
interface ActionStatusSetV1Data {
  status: Exclude<RagStatus, 'BLUE'>;
  commentary: string;
  effectiveOn: IsoDate;
}

export const ACTION_UPCASTERS: readonly Upcaster[] = [
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
