/** An event as stored at some version of its schema. */
export interface VersionedEvent {
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
}

/** Turns one event type's data from one schema version into the next. */
export interface Upcaster {
  readonly type: string;
  readonly fromVersion: number;
  readonly upcast: (data: unknown) => unknown;
}

/**
 * One function that brings any stored event to the current shape of its type, step by step
 * (v1 → v2 → v3), so deciders, projections and processes only ever know the latest schema.
 * An event already current comes back as the same object.
 */
export function upcasterFor(upcasters: readonly Upcaster[]): <E extends VersionedEvent>(event: E) => E {
  // By type, then version: every event read is looked up here, and a key built of both showed in profiles.
  const steps = new Map<string, Map<number, Upcaster>>();
  for (const step of upcasters) {
    const ofType = steps.get(step.type) ?? new Map<number, Upcaster>();
    if (ofType.has(step.fromVersion)) throw new Error(`two upcasters from ${step.type} v${step.fromVersion}`);
    steps.set(step.type, ofType.set(step.fromVersion, step));
  }
  return <E extends VersionedEvent>(event: E): E => {
    const ofType = steps.get(event.type);
    let current: E = event;
    for (let step = ofType?.get(event.schemaVersion); step; step = ofType?.get(current.schemaVersion))
      current = { ...current, schemaVersion: step.fromVersion + 1, data: step.upcast(current.data) };
    return current;
  };
}

/** For the `default` of an exhaustive `evolve`: an event type this code does not know is a bug, not a no-op. */
export function unknownEventType(event: never): never {
  const { type, schemaVersion } = event as VersionedEvent;
  throw new Error(
    `cannot fold an event of unknown type ${String(type)} (schema version ${String(schemaVersion)})`,
  );
}
