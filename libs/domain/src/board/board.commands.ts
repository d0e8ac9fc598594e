import { AssuranceMatter, BoardEstablished, BoardMember } from './board.events';

/** A member as a request names them: the person, when the directory has them. */
export type BoardMemberInput = Omit<BoardMember, 'personId'> & { readonly personId?: string | null };

export type BoardCommand =
  | ({ type: 'EstablishBoard' } & Omit<BoardEstablished['data'], 'actionLogPlan' | 'members'> & {
        members: BoardMemberInput[];
        actionLogPlan?: string;
      })
  | { type: 'ChangeMembers'; members: BoardMemberInput[] }
  | ({ type: 'ScheduleAssuranceMatter' } & AssuranceMatter)
  | { type: 'RetireAssuranceMatter'; matterId: string; reason: string };
