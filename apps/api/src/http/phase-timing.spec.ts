import express, { NextFunction, Response } from 'express';
import pino from 'pino';
import { Writable } from 'node:stream';
import request from 'supertest';
import { timed } from '#application/phase-clock';
import { AuthenticatedRequest } from '../auth/auth.decorators';
import { phaseTiming } from './phase-timing';

/** An app whose one route spends a few milliseconds loading and appending, as a command does. */
function appLogging(lines: string[]) {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const app = express();
  app.use((req: AuthenticatedRequest, _res: Response, next: NextFunction) => {
    if (req.headers.authorization) req.actor = { user: 'sam', role: 'secretary', bodies: ['default'] };
    next();
  });
  app.use(phaseTiming(pino({ level: 'debug' }, sink)));
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  app.post('/write', async (_req, res) => {
    await timed('load', () => pause(5));
    await timed('append', () => pause(5));
    await timed('append', () => pause(5));
    res.status(201).json({ version: 1 });
  });
  return app;
}

describe('where a request’s time went', () => {
  it('tells a signed-in caller in Server-Timing, phase by phase, with the total', async () => {
    const response = await request(appLogging([]))
      .post('/write')
      .set('authorization', 'Bearer x')
      .expect(201);
    const phases = Object.fromEntries(
      String(response.headers['server-timing'])
        .split(', ')
        .map((entry) => entry.split(';dur='))
        .map(([phase, ms]) => [phase, Number(ms)]),
    );
    expect(Object.keys(phases)).toEqual(['load', 'append', 'total']);
    expect(phases.load).toBeGreaterThanOrEqual(4);
    expect(phases.append).toBeGreaterThanOrEqual(9); // both appends, added up
    expect(phases.total).toBeGreaterThanOrEqual(phases.load + phases.append);
  });

  it('tells the public nothing of it', async () => {
    const response = await request(appLogging([])).post('/write').expect(201);
    expect(response.headers['server-timing']).toBeUndefined();
  });

  it('writes the phases of every request to the debug log', async () => {
    const lines: string[] = [];
    await request(appLogging(lines)).post('/write').expect(201);
    const logged = lines.map((line) => JSON.parse(line)).find((line) => line.msg === 'request phases');
    expect(logged).toMatchObject({ method: 'POST', url: '/write', phases: { load: expect.any(Number) } });
  });
});
