import { INestApplication } from '@nestjs/common';
import request from 'supertest';

/** The CSRF token a page's form carries. */
export const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

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
