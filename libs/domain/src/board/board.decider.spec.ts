import { scenario } from '../testing/decider-scenario';
import { BoardEvent } from './board.events';
import { BoardCommand } from './board.commands';
import { boardDecider } from './board.decider';

const board = scenario(boardDecider);

const established: BoardEvent = {
  type: 'BoardEstablished',
  schemaVersion: 2,
  data: {
    bodyId: 'leics-opcc',
    name: 'Strategic Assurance Board',
    code: 'SAB',
    members: [{ name: 'Lord Bach', role: 'Chair', personId: null }],
    cadence: { every: 2, unit: 'months' },
    actionLogPlan: 'Strategic Assurance Board action log',
    firstMinuteNumber: 1,
  },
};

const establish: BoardCommand = {
  type: 'EstablishBoard',
  bodyId: 'leics-opcc',
  name: ' Strategic Assurance Board ',
  code: 'SAB',
  members: [{ name: 'Lord Bach', role: 'Chair' }],
  cadence: { every: 2, unit: 'months' },
  firstMinuteNumber: 1,
};

const estatesMatter: BoardCommand = {
  type: 'ScheduleAssuranceMatter',
  matterId: 'estates',
  title: 'Estates strategy',
  owner: 'Director of Estates',
  frequencyMonths: 6,
  firstDueOn: '2025-07-03',
};

describe('the board decider', () => {
  it('keeps which members are people of the directory, and refuses a member listed twice', () => {
    board
      .given(established)
      .when({
        type: 'ChangeMembers',
        members: [
          { name: 'Lord Bach', role: 'Chair', personId: 'p-bach' },
          { name: 'Mrs H. Carter', role: 'Member' },
        ],
      })
      .then({
        type: 'BoardMembersChanged',
        data: {
          members: [
            { name: 'Lord Bach', role: 'Chair', personId: 'p-bach' },
            { name: 'Mrs H. Carter', role: 'Member', personId: null },
          ],
        },
      });
    board
      .given(established)
      .when({
        type: 'ChangeMembers',
        members: [
          { name: 'Lord Bach', role: 'Chair', personId: 'p-bach' },
          { name: 'Willy Bach', role: 'Member', personId: 'p-bach' },
        ],
      })
      .thenRefuses('MEMBER_LISTED_TWICE', 'members[1]');
  });

  it('establishes a board, its action log named after it unless given', () => {
    board
      .given()
      .when(establish)
      .then({
        type: 'BoardEstablished',
        data: { name: 'Strategic Assurance Board', actionLogPlan: 'Strategic Assurance Board action log' },
      });
  });

  it('refuses a second establishment, a bad code and a first minute number below 1', () => {
    board.given(established).when(establish).thenRefuses('BOARD_EXISTS');
    board
      .given()
      .when({ ...establish, code: 'sab' } as BoardCommand)
      .thenRefuses('INVALID_BOARD_CODE', 'code');
    board
      .given()
      .when({ ...establish, firstMinuteNumber: 0 } as BoardCommand)
      .thenRefuses('INVALID_MINUTE_NUMBER', 'firstMinuteNumber');
  });

  it('says a board that does not exist is not found', () => {
    board.given().when({ type: 'ChangeMembers', members: [] }).thenRefuses('BOARD_NOT_FOUND');
  });

  it('changes members, each with a name and a role', () => {
    board
      .given(established)
      .when({ type: 'ChangeMembers', members: [{ name: 'Sir Clive Loader', role: 'Chair' }] })
      .then({
        type: 'BoardMembersChanged',
        data: { members: [{ name: 'Sir Clive Loader', role: 'Chair' }] },
      });
    board
      .given(established)
      .when({ type: 'ChangeMembers', members: [{ name: ' ', role: 'Chair' }] })
      .thenRefuses('REQUIRED', 'members[0].name');
  });

  it('schedules a matter of assurance once, at most every 36 months, and retires it with a reason', () => {
    const [scheduled] = board
      .given(established)
      .when(estatesMatter)
      .then({ type: 'AssuranceMatterScheduled' });
    board.given(established, scheduled).when(estatesMatter).thenRefuses('MATTER_EXISTS');
    board
      .given(established)
      .when({ ...estatesMatter, frequencyMonths: 37 } as BoardCommand)
      .thenRefuses('INVALID_FREQUENCY', 'frequencyMonths');
    const retire: BoardCommand = {
      type: 'RetireAssuranceMatter',
      matterId: 'estates',
      reason: 'Strategy agreed.',
    };
    board.given(established, scheduled).when(retire).then({ type: 'AssuranceMatterRetired' });
    board.given(established).when(retire).thenRefuses('MATTER_NOT_FOUND', 'matterId');
  });
});
