import { ACTION_UPCASTERS } from './action/action.upcasters';
import { upcasterFor } from './shared/upcasting';

/** Every aggregate's upcasters in one function: what the engine applies where events are read. */
export const upcastToCurrent = upcasterFor([...ACTION_UPCASTERS]);
