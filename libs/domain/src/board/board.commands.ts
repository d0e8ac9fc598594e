import { AssuranceMatter, BoardEstablished, BoardMember } from './board.events';

export type BoardCommand =
  | ({ type: 'EstablishBoard' } & Omit<BoardEstablished['data'], 'actionLogPlan'> & {
        actionLogPlan?: string;
      })
  | { type: 'ChangeMembers'; members: BoardMember[] }
  | ({ type: 'ScheduleAssuranceMatter' } & AssuranceMatter)
  | { type: 'RetireAssuranceMatter'; matterId: string; reason: string };
