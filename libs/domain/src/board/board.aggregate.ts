import { Aggregate } from '../shared/aggregate';
import { boardStream } from '../shared/record-ids';
import { BoardCommand } from './board.commands';
import { boardDecider } from './board.decider';
import { BoardEvent } from './board.events';
import { Board } from './board.state';

export const BOARD: Aggregate<BoardCommand, BoardEvent, Board> = {
  decider: boardDecider,
  streamOf: boardStream,
  bodyOf: (board) => (board.exists ? board.bodyId : null),
};
