export * from './port';
export * from './subscription';
export * from './postgres/postgres-event-store';
export * from './postgres/event-store.migrations';
export * from './streams-one-at-a-time';
export * from './chain/chain-checkpoint';
export * from './postgres/chain-verification';
export * from './postgres/event-chain';
