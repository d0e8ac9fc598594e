/** Nest injection token of the Engine (composition root built outside Nest). */
export const ENGINE = Symbol('Engine');
