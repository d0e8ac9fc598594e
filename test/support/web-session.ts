import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { setPassword } from '#access/credentials';
import { TestApi } from './test-engine';

/** The CSRF token a page's form carries. */
export const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** The record version a page's form carries (its hidden `version` field). */
export const versionOf = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? '';

/** A page's text without tags, spaces squeezed: what a reader sees. */
export const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** A browser (cookies kept) signed in with email and password, as a person at the sign-in page. */
export async function signedInAgent(app: INestApplication, email: string, password: string) {
  const agent = request.agent(app.getHttpServer());
  const form = await agent.get('/sign-in').expect(200);
  await agent
    .post('/sign-in')
    .type('form')
    .send({ _csrf: csrfOf(form.text), email, password })
    .expect(303);
  return agent;
}

/** Adds a person to a body through the API, as an admin of every body; with a password when one is given. */
export async function addPerson(
  api: TestApi,
  person: { bodyId?: string; name: string; email: string; roles: string[]; managerId?: string },
  password?: string,
): Promise<string> {
  const added = await api
    .http()
    .post('/api/people')
    .set({ Authorization: `Bearer ${api.token('root', 'admin', 'all')}` })
    .send({ bodyId: 'default', reason: 'Added by the test', ...person })
    .expect(201);
  if (password) await setPassword(api.engine.db, added.body.id, password, new Date());
  return added.body.id as string;
}

/** Reads an answer's body as bytes, for a download (CSV, Excel, zip): `.buffer(true).parse(asBytes)`. */
export function asBytes(response: request.Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
}
