/**
 * The words of an event that name a person of the directory, as the event itself links them: a
 * person's own details on their stream, and the fields that pair a name with a person's id (an
 * action's leads, a board's members, a declaration's member, a decision's maker, a meeting's
 * attendance). Free text (a commentary, a minute) is not searched: only whole values are sealed.
 */
export function linkedPersonalTexts(streamId: string, data: unknown): Map<string, string> {
  const texts = new Map<string, string>();
  const add = (text: unknown, personId: unknown) => {
    if (typeof text === 'string' && text !== '' && typeof personId === 'string') texts.set(text, personId);
  };
  const own = /^person-([0-9a-f-]{36})$/.exec(streamId)?.[1];
  if (own && isRecord(data)) for (const field of ['name', 'email', 'jobTitle']) add(data[field], own);
  visit(data, (record) => {
    if (Array.isArray(record.leadOfficers) && Array.isArray(record.leadPersonIds))
      record.leadOfficers.forEach((lead, i) => add(lead, (record.leadPersonIds as unknown[])[i]));
    add(record.name, record.personId);
    add(record.member, record.memberPersonId);
    add(record.decisionMaker, record.decisionMakerPersonId);
    if (isRecord(record.people))
      for (const [name, personId] of Object.entries(record.people)) add(name, personId);
  });
  return texts;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function visit(value: unknown, each: (record: Record<string, unknown>) => void): void {
  if (Array.isArray(value)) for (const item of value) visit(item, each);
  else if (isRecord(value)) {
    each(value);
    for (const item of Object.values(value)) visit(item, each);
  }
}
