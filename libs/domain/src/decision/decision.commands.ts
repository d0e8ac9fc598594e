import { IsoDate } from '../shared/event';
import {
  CallInOutcome,
  DecisionMarkedExempt,
  DecisionProposed,
  DecisionTaken,
  SpecialUrgencyAgreed,
} from './decision.events';
import { StatutoryPeriods } from './statutory-clock';

/** Commands carry what a person asked for, with the body's settings the handler filled in. */
export type DecisionCommand =
  | ({ type: 'ProposeDecision'; exemption?: DecisionMarkedExempt['data'] } & Omit<
      DecisionProposed['data'],
      'decisionMakerPersonId'
    > & { decisionMakerPersonId?: string | null })
  | ({ type: 'MarkExempt' } & DecisionMarkedExempt['data'])
  | { type: 'LiftExemption'; reason: string; liftedOn: IsoDate }
  | { type: 'PublishNotice'; publishedOn: IsoDate }
  | { type: 'DeferDecision'; expectedOn: IsoDate; reason: string }
  | { type: 'WithdrawDecision'; reason: string; withdrawnOn: IsoDate }
  | { type: 'RecordGeneralException'; scrutinyChairInformedOn: IsoDate; reason: string }
  | ({ type: 'AgreeSpecialUrgency' } & SpecialUrgencyAgreed['data'])
  | ({ type: 'TakeDecision'; periods: StatutoryPeriods } & Omit<DecisionTaken['data'], 'route'>)
  | { type: 'NumberDecision'; number: number; series?: string | null }
  | {
      type: 'PublishRecord';
      publishedOn: IsoDate;
      periods: StatutoryPeriods;
      /** The body's setting: false for a Police and Crime Commissioner. */
      subjectToCallIn: boolean;
    }
  | { type: 'CloseCallInWindow'; today: IsoDate }
  | { type: 'CallIn'; calledInBy: string[]; reason: string; calledInOn: IsoDate }
  | { type: 'RecordCallInOutcome'; outcome: CallInOutcome; decidedOn: IsoDate; notes: string }
  | {
      type: 'ReconsiderDecision';
      outcome: 'confirmed' | 'amended';
      decisionText?: string;
      reconsideredOn: IsoDate;
    }
  | { type: 'ImplementDecision'; implementedOn: IsoDate }
  | { type: 'RevokeDecision'; reason: string; revokedOn: IsoDate }
  | { type: 'SupersedeDecision'; supersededBy: string; supersededByNumber: number; supersededOn: IsoDate };
