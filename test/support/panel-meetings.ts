export const PANEL = 'Police and Crime Panel';

/** The API of an engine at a URL, as an admin and a secretary of the default body call it. */
export interface PanelApi {
  readonly url: string;
  readonly adminToken: string;
  readonly secretaryToken: string;
}

/** The same, for an engine a test started (its TestApi; named by shape, so tools need no test types). */
export async function panelApiOf(api: {
  readonly app: { getUrl(): Promise<string> };
  token(user: string, role: 'admin' | 'secretary', bodies: 'all' | string[]): string;
}): Promise<PanelApi> {
  return {
    url: (await api.app.getUrl()).replace('[::1]', '127.0.0.1'),
    adminToken: api.token('root', 'admin', 'all'),
    secretaryToken: api.token('sam.weston', 'secretary', ['default']),
  };
}

export interface PanelMeetings {
  readonly boardId: string;
  readonly orson: string;
  readonly begy: string;
  readonly june: { readonly id: string; readonly items: string[] };
}

/**
 * A panel of three members (two of them people of the directory, written by email and by name in
 * another case; one not) and two held meetings, as in seed 002: Orson chairs both; Begy attends in
 * June and declares an interest in its budget item; Carter sends apologies in June and attends in
 * July, declaring an interest there; a councillor who is not a member attends in July.
 */
export async function seedPanelMeetings(api: PanelApi): Promise<PanelMeetings> {
  const call = async (path: string, token: string, body?: object) => {
    const response = await fetch(`${api.url}/api${path}`, {
      method: body ? 'POST' : 'GET',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: body && JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as Record<string, unknown>;
  };
  const post = (path: string, body: object) => call(path, api.secretaryToken, body);
  // Members who never sign in are in the directory all the same, with no role.
  const member = async (name: string, email: string) =>
    (
      await call('/people', api.adminToken, {
        bodyId: 'default',
        name,
        email,
        roles: [],
        reason: 'Member of the panel',
      })
    ).id as string;
  const orson = await member('Mr. J. T. Orson JP CC', 'orson@panel.test');
  const begy = await member('Cllr. Roger Begy, OBE', 'begy@panel.test');
  const boardId = (
    await post('/boards', {
      name: PANEL,
      code: 'PCP',
      members: [
        { name: 'orson@panel.test', role: 'Chairman' },
        { name: 'cllr. roger begy, obe', role: 'Member' },
        { name: 'Mrs. Helen Carter', role: 'Independent member' },
      ],
      firstMinuteNumber: 140,
    })
  ).id as string;
  const meeting = async (date: string, titles: string[]) => {
    const id = (await post(`/boards/${boardId}/meetings`, { date, place: 'County Hall' })).id as string;
    const items: string[] = [];
    for (const title of titles) items.push((await step(id, 'agenda-items', { title })).itemId as string);
    return { id, items };
  };
  const step = async (meetingId: string, name: string, body: object = {}) => {
    const meeting = await call(`/boards/${boardId}/meetings/${meetingId}`, api.secretaryToken);
    return post(`/boards/${boardId}/meetings/${meetingId}/${name}`, {
      expectedVersion: meeting.version,
      ...body,
    });
  };
  const june = await meeting('2015-06-25', ['Declarations of Interest.', 'Budget.']);
  await step(june.id, 'attendance', {
    chair: 'orson@panel.test',
    present: ['begy@panel.test'],
    apologies: ['Mrs. Helen Carter'],
    inAttendance: ['Paul Stock, Chief Executive (OPCC)'],
  });
  await step(june.id, 'declarations', {
    member: 'begy@panel.test',
    itemId: june.items[1],
    nature: 'a personal interest as a member of the Independent Advisory Panel',
  });
  await step(june.id, 'holding', { on: '2015-06-25' });
  const july = await meeting('2015-07-17', ['Declarations of Interest.']);
  await step(july.id, 'attendance', {
    chair: 'Mr. J. T. Orson JP CC',
    present: ['Mrs. Helen Carter', 'Cllr. Kirk Master'],
    apologies: [],
    inAttendance: [],
  });
  await step(july.id, 'declarations', {
    member: 'Mrs. Helen Carter',
    nature: 'a personal interest as a magistrate',
  });
  await step(july.id, 'holding', { on: '2015-07-17' });
  return { boardId, orson, begy, june };
}
