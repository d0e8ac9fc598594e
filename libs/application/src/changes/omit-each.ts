/** Omit for each member of a union (plain Omit would merge the members into one). */
export type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
