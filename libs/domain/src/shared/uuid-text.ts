const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether text can be a uuid column's value: anything else matches no row (and must not reach a uuid cast). */
export const isUuid = (text: string): boolean => UUID.test(text);
