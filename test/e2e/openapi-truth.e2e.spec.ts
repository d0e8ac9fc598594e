import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import { getMetadataStorage } from 'class-validator';
import { startTestApi, TestApi } from '../support/test-engine';

type Schema = {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  allOf?: Schema[];
} & Record<string, unknown>;

interface Operation {
  parameters?: { name: string; in: string }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

interface Route {
  readonly method: string;
  readonly path: string;
  readonly query?: new () => object;
  readonly body?: new () => object;
}

/** What the validation pipe lets through for a DTO: its validated properties (everything else is refused). */
function accepted(dto: new () => object): string[] {
  const names = getMetadataStorage()
    .getTargetValidationMetadatas(dto, '', true, false)
    .map((meta) => meta.propertyName);
  return [...new Set(names)].sort();
}

const joinPath = (...parts: string[]) =>
  ('/' + parts.filter(Boolean).join('/'))
    .replace(/\/+/g, '/')
    .replace(/(.)\/$/, '$1')
    .replace(/:(\w+)/g, '{$1}');

/** Every route Nest serves, with the DTO classes of its @Query() and @Body(). */
function routesOf(api: TestApi): Route[] {
  const routes: Route[] = [];
  for (const module of api.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as { prototype: Record<string, unknown> } & (new () => object);
      const base = Reflect.getMetadata(PATH_METADATA, controller) as string;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = controller.prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (path === undefined || method === undefined) continue;
        const types = (Reflect.getMetadata('design:paramtypes', controller.prototype, name) ??
          []) as (new () => object)[];
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<
          string,
          { index: number; data?: unknown }
        >;
        const dtoOf = (kind: RouteParamtypes) => {
          const entry = Object.entries(args).find(
            ([key, arg]) => key.split(':')[0] === String(kind) && arg.data === undefined,
          );
          return entry ? types[entry[1].index] : undefined;
        };
        routes.push({
          method: RequestMethod[method].toLowerCase(),
          path: joinPath('api', base, path),
          query: dtoOf(RouteParamtypes.QUERY),
          body: dtoOf(RouteParamtypes.BODY),
        });
      }
    }
  }
  return routes;
}

describe('the OpenAPI document tells the truth about every route', () => {
  let api: TestApi;
  let document: OpenApiDocument;
  let routes: Route[];

  beforeAll(async () => {
    api = await startTestApi('pglite');
    document = (await api.http().get('/api/docs-json').expect(200)).body as OpenApiDocument;
    routes = routesOf(api);
  });
  afterAll(() => api?.close());

  const schemaOf = (ref: string) => document.components.schemas[ref.split('/').pop()!];
  const operationOf = (route: Route) => document.paths[route.path]?.[route.method];

  it('documents every route Nest serves', () => {
    expect(routes.length).toBeGreaterThan(60);
    const missing = routes.filter((route) => !operationOf(route)).map((r) => `${r.method} ${r.path}`);
    expect(missing).toEqual([]);
  });

  it("documents exactly the query parameters each route's DTO accepts, and no others", () => {
    const wrong = routes.flatMap((route) => {
      const documented = (operationOf(route)?.parameters ?? [])
        .filter((parameter) => parameter.in === 'query')
        .map((parameter) => parameter.name)
        .sort();
      const actual = route.query ? accepted(route.query) : [];
      return JSON.stringify(documented) === JSON.stringify(actual)
        ? []
        : [`${route.method} ${route.path}: documents ${documented.join(',')}; accepts ${actual.join(',')}`];
    });
    expect(wrong).toEqual([]);
  });

  it("documents exactly the body properties each route's DTO accepts", () => {
    const wrong = routes.flatMap((route) => {
      const ref = operationOf(route)?.requestBody?.content?.['application/json']?.schema?.$ref;
      const documented = ref ? Object.keys(schemaOf(ref).properties ?? {}).sort() : [];
      const actual = route.body ? accepted(route.body) : [];
      return JSON.stringify(documented) === JSON.stringify(actual)
        ? []
        : [`${route.method} ${route.path}: documents ${documented.join(',')}; accepts ${actual.join(',')}`];
    });
    expect(wrong).toEqual([]);
  });

  it('gives every text in a query a length limit, as the validators enforce it', () => {
    const unbounded = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations).flatMap(([method, operation]) =>
        (operation.parameters ?? [])
          .filter((p) => p.in === 'query')
          .filter((p) => {
            const schema = (p as unknown as { schema?: Schema }).schema ?? {};
            return (
              schema.type === 'string' &&
              !['maxLength', 'enum', 'format', 'pattern'].some((keyword) => keyword in schema)
            );
          })
          .map((p) => `${method} ${path} ?${p.name}`),
      ),
    );
    expect(unbounded).toEqual([]);
  });

  it('offers Idempotency-Key on writes only', () => {
    const offered = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, operation]) => operation.parameters?.some((p) => p.name === 'Idempotency-Key'))
        .map(([method]) => `${method} ${path}`),
    );
    expect(offered.length).toBeGreaterThan(40);
    expect(offered.filter((route) => !route.startsWith('post '))).toEqual([]);
  });

  it('gives every text a length limit and every list a size limit, as the validators enforce them', () => {
    const unbounded: string[] = [];
    let properties = 0;
    const walk = (schema: Schema, where: string) => {
      if (schema.$ref || schema.allOf) return;
      properties++;
      if (schema.type === 'string' && !['maxLength', 'enum', 'format', 'pattern'].some((k) => k in schema))
        unbounded.push(`${where} has no maxLength`);
      if (schema.type === 'array') {
        if (!('maxItems' in schema)) unbounded.push(`${where} has no maxItems`);
        if (schema.items) walk(schema.items, `${where}[]`);
      }
      for (const [name, property] of Object.entries(schema.properties ?? {}))
        walk(property, `${where}.${name}`);
    };
    const requestSchemas = new Set(routes.flatMap((route) => (route.body ? [route.body.name] : [])));
    for (const [name, schema] of Object.entries(document.components.schemas))
      if (requestSchemas.has(name) || name.endsWith('Dto')) walk(schema, name);
    expect(properties).toBeGreaterThan(200);
    expect(unbounded).toEqual([]);
  });

  it('types reminder day lists as integers, and refuses what it says it refuses', async () => {
    const reminders = document.components.schemas.ReminderSettingsDto.properties!;
    expect(reminders.daysBeforeDue.items).toMatchObject({ type: 'integer' });
    const action = document.components.schemas.CreateActionDto.properties!;
    expect(action.leadOfficers).toMatchObject({ maxItems: 20, items: { maxLength: 200 } });
    const answer = await api
      .http()
      .post('/api/actions')
      .set('Authorization', `Bearer ${api.token('sec', 'secretary')}`)
      .send({ ref: '1', plan: 'P', title: 'T', dueDate: 'Mar-18', leadOfficers: ['x'.repeat(201)] });
    expect(answer.status).toBe(400);
    expect(answer.body.message).toMatch(/leadOfficers.*200/);
  });

  it('refuses query parameters a route would ignore, naming them', async () => {
    const token = api.token('sec', 'secretary');
    for (const url of [
      '/api/public/bodies/default/forward-plan?body=other',
      '/api/public/bodies/default/decision-register.csv?body=other',
      '/api/boards?from=2015-01-01',
    ]) {
      const answer = await api.http().get(url).set('Authorization', `Bearer ${token}`);
      expect([url, answer.status]).toEqual([url, 400]);
      expect(answer.text).toMatch(/property (body|from) should not exist/);
    }
  });
});
