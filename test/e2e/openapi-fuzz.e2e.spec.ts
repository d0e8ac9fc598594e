import { startTestApi, TestApi } from '../support/test-engine';

interface Operation {
  readonly method: string;
  readonly path: string;
  readonly properties: readonly string[];
  readonly queries: readonly string[];
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { name: string; in: string }[];
        requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> };
      }
    >
  >;
  components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
}

const GARBAGE_IDS = [
  '00000000-0000-4000-8000-000000000000',
  'not-an-id',
  '%00',
  '%ED%A0%80',
  'a'.repeat(300),
];
const LONG = 'x'.repeat(100_000);
const deep = (levels: number): unknown => (levels === 0 ? 'bottom' : { a: deep(levels - 1) });

/** Bodies nobody should send, for an operation whose DTO has these properties. */
function hostileBodies(properties: readonly string[]): (string | object)[] {
  const each = (value: unknown) => Object.fromEntries(properties.map((p) => [p, value]));
  return [
    '{"unterminated": ',
    '[]',
    '"a string"',
    '12',
    each(null),
    each('\u0000'),
    each('\ud800'),
    each(LONG),
    each([[[[]]]]),
    each({ nested: true }),
    each(-1e308),
    { ...each('ok'), expectedVersion: 'NaN' },
    deep(40) as object,
    JSON.parse('{"__proto__": {"polluted": true}}') as object,
    { constructor: { prototype: { polluted: true } } },
  ];
}

/** Walks the OpenAPI document and sends every operation what an attacker would. */
describe('every operation of the OpenAPI document, fuzzed', () => {
  let api: TestApi;
  let operations: Operation[];
  const failures: string[] = [];

  beforeAll(async () => {
    api = await startTestApi('pglite');
    const document = (await api.http().get('/api/docs-json').expect(200)).body as OpenApiDocument;
    operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => {
        const ref = operation.requestBody?.content?.['application/json']?.schema?.$ref;
        const schema = ref ? document.components.schemas[ref.split('/').pop()!] : undefined;
        return {
          method,
          path,
          properties: Object.keys(schema?.properties ?? {}),
          queries: (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        };
      }),
    );
  });
  afterAll(() => api?.close());

  const send = async (token: string, method: string, url: string, body?: string | object) => {
    const attempt = async () => {
      const started = Date.now();
      let request = api.http()[method as 'get'](url).set('Authorization', `Bearer ${token}`);
      if (body !== undefined) request = request.set('Content-Type', 'application/json').send(body);
      const response = await request;
      return { status: response.status, ms: Date.now() - started };
    };
    let answer = await attempt();
    // One slow answer may be a pause of the machine; a slow handler is slow twice.
    if (answer.ms > 1000) answer = await attempt();
    if (answer.status >= 500 || answer.ms > 1000)
      failures.push(`${method.toUpperCase()} ${url.slice(0, 120)}: ${answer.status} in ${answer.ms} ms`);
  };

  it('finds the operations to fuzz', () => {
    expect(operations.length).toBeGreaterThan(40);
  });

  it('answers every malformed request with a 4xx, quickly', async () => {
    const admin = api.token('root', 'admin', 'all');
    for (const operation of operations) {
      for (const id of GARBAGE_IDS) {
        const url = `/api${operation.path.replace(/^\/api/, '').replace(/\{[^}]+\}/g, id)}`;
        const query = operation.queries.map((q) => `${q}=%00`).join('&');
        await send(admin, operation.method, query ? `${url}?${query}` : url);
        if (operation.queries.length > 0)
          await send(admin, operation.method, `${url}?${operation.queries.map((q) => `${q}=[]`).join('&')}`);
        if (operation.method === 'get') continue;
        for (const body of id === GARBAGE_IDS[0] ? hostileBodies(operation.properties) : ['{}'])
          await send(admin, operation.method, url, body);
      }
    }
    expect(failures).toEqual([]);
    // Some 2,000 requests: about a minute here, several when the machine is busy.
  }, 300_000);
});
