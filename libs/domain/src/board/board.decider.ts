import { DomainError, quoted } from '../shared/domain-error';
import { Decider, StoredDomainEvent } from '../shared/event';
import { BoardCommand, BoardMemberInput } from './board.commands';
import { BoardEvent, BoardMember } from './board.events';
import { requireIsoDate } from '../shared/iso-date';
import { requiredText } from '../shared/required-text';
import { unknownEventType } from '../shared/upcasting';
import { Board, initialBoard } from './board.state';

export const BOARD_CODE_PATTERN = /^[A-Z][A-Z0-9]{0,11}$/;

function membersOf(members: readonly BoardMemberInput[]): BoardMember[] {
  const seen = new Set<string>();
  return members.map((member, i) => {
    const personId = member.personId ?? null;
    const name = requiredText(member.name, `members[${i}].name`);
    const key = personId ?? name.toLowerCase();
    if (seen.has(key))
      throw new DomainError(
        'MEMBER_LISTED_TWICE',
        `members[${i}]: ${name} is already a member; give each member once, with one role`,
        'invalid',
        `members[${i}]`,
      );
    seen.add(key);
    return { name, role: requiredText(member.role, `members[${i}].role`), personId };
  });
}

export function decideBoard(command: BoardCommand, state: Board): BoardEvent[] {
  if (command.type === 'EstablishBoard') {
    if (state.exists) throw new DomainError('BOARD_EXISTS', 'This board already exists.', 'conflict');
    if (!BOARD_CODE_PATTERN.test(command.code)) {
      throw new DomainError(
        'INVALID_BOARD_CODE',
        `code ${quoted(command.code)} must be 1-12 capital letters or digits, starting with a letter (e.g. SAB)`,
        'invalid',
        'code',
      );
    }
    if (!Number.isInteger(command.firstMinuteNumber) || command.firstMinuteNumber < 1) {
      throw new DomainError(
        'INVALID_MINUTE_NUMBER',
        'firstMinuteNumber must be a whole number from 1',
        'invalid',
        'firstMinuteNumber',
      );
    }
    const name = requiredText(command.name, 'name');
    return [
      {
        type: 'BoardEstablished',
        schemaVersion: 2,
        data: {
          bodyId: command.bodyId,
          name,
          code: command.code,
          members: membersOf(command.members),
          cadence: command.cadence,
          actionLogPlan: command.actionLogPlan?.trim() || `${name} action log`,
          firstMinuteNumber: command.firstMinuteNumber,
        },
      },
    ];
  }
  if (!state.exists) throw new DomainError('BOARD_NOT_FOUND', 'No such board.', 'not_found');
  switch (command.type) {
    case 'ChangeMembers':
      return [
        { type: 'BoardMembersChanged', schemaVersion: 2, data: { members: membersOf(command.members) } },
      ];
    case 'ScheduleAssuranceMatter': {
      if (state.assuranceMatters.some((m) => m.matterId === command.matterId))
        throw new DomainError('MATTER_EXISTS', 'This matter is already on the schedule.', 'conflict');
      if (
        !Number.isInteger(command.frequencyMonths) ||
        command.frequencyMonths < 0 ||
        command.frequencyMonths > 36
      ) {
        throw new DomainError(
          'INVALID_FREQUENCY',
          'frequencyMonths must be 0 (every meeting) to 36',
          'invalid',
          'frequencyMonths',
        );
      }
      const { type, ...matter } = command;
      return [
        {
          type: 'AssuranceMatterScheduled',
          schemaVersion: 1,
          data: {
            ...matter,
            title: requiredText(matter.title, 'title'),
            owner: requiredText(matter.owner, 'owner'),
            firstDueOn: requireIsoDate(matter.firstDueOn, 'firstDueOn'),
          },
        },
      ];
    }
    case 'RetireAssuranceMatter':
      if (!state.assuranceMatters.some((m) => m.matterId === command.matterId))
        throw new DomainError(
          'MATTER_NOT_FOUND',
          `No matter ${command.matterId} on the schedule.`,
          'not_found',
          'matterId',
        );
      return [
        {
          type: 'AssuranceMatterRetired',
          schemaVersion: 1,
          data: { matterId: command.matterId, reason: requiredText(command.reason, 'reason') },
        },
      ];
  }
}

export function evolveBoard(state: Board, event: StoredDomainEvent<BoardEvent>): Board {
  switch (event.type) {
    case 'BoardEstablished':
      return { ...state, exists: true, ...event.data };
    case 'BoardMembersChanged':
      return { ...state, members: event.data.members };
    case 'AssuranceMatterScheduled':
      return { ...state, assuranceMatters: [...state.assuranceMatters, event.data] };
    case 'AssuranceMatterRetired':
      return {
        ...state,
        assuranceMatters: state.assuranceMatters.filter((m) => m.matterId !== event.data.matterId),
      };
    default:
      return unknownEventType(event);
  }
}

export const boardDecider: Decider<BoardCommand, BoardEvent, Board> = {
  initialState: initialBoard,
  decide: decideBoard,
  evolve: evolveBoard,
};
