import { ACTION_UPCASTERS } from './action/action.upcasters';
import { BOARD_UPCASTERS } from './board/board.upcasters';
import { DECISION_UPCASTERS } from './decision/decision.upcasters';
import { MEETING_UPCASTERS } from './meeting/meeting.upcasters';
import { upcasterFor } from './shared/upcasting';

/** Every aggregate's upcasters in one function: what the engine applies where events are read. */
export const upcastToCurrent = upcasterFor([
  ...ACTION_UPCASTERS,
  ...BOARD_UPCASTERS,
  ...DECISION_UPCASTERS,
  ...MEETING_UPCASTERS,
]);
