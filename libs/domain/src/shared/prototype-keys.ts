/** Keys that reach an object's prototype when copied by assignment or used as a record key. */
export const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
