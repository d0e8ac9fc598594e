import { Upcaster } from '../shared/upcasting';
import { BoardEstablished, BoardMembersChanged } from './board.events';

/** Members recorded before the directory was: names only, no person identified. */
const noMemberPeople = (data: unknown) => ({
  ...(data as object),
  members: (data as { members: { name: string; role: string }[] }).members.map((member) => ({
    ...member,
    personId: null,
  })),
});

export const BOARD_UPCASTERS: readonly Upcaster[] = [
  {
    type: 'BoardEstablished',
    fromVersion: 1,
    upcast: (data): BoardEstablished['data'] => noMemberPeople(data) as BoardEstablished['data'],
  },
  {
    type: 'BoardMembersChanged',
    fromVersion: 1,
    upcast: (data): BoardMembersChanged['data'] => noMemberPeople(data) as BoardMembersChanged['data'],
  },
];
