import { Agent, get } from 'node:http';
import { AddressInfo, connect, Socket } from 'node:net';
import { gracefulShutdownOf } from '../../apps/api/src/http/shutdown';
import { startTestApi, TestApi } from '../support/test-engine';

/** Stopping the API under keep-alive load: no more answers on old connections, and a bounded wait. */
describe('shutting the API down', () => {
  let api: TestApi;
  let port: number;

  beforeEach(async () => {
    api = await startTestApi('pglite');
    port = (api.app.getHttpServer().address() as AddressInfo).port;
  });
  afterEach(() => api.close());

  const healthOver = (agent: Agent) =>
    new Promise<{ socket: Socket; connection: string | undefined }>((resolve, reject) => {
      const request = get({ host: '127.0.0.1', port, path: '/api/health', agent }, (response) => {
        response.resume();
        response.on('end', () =>
          resolve({ socket: request.socket as Socket, connection: response.headers.connection }),
        );
      });
      request.on('error', reject);
    });

  it('closes idle keep-alive connections at once instead of serving them on', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const { socket, connection } = await healthOver(agent);
    expect(connection).toBe('keep-alive');
    const closedSocket = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    const started = Date.now();
    await gracefulShutdownOf(api.app).close();
    await closedSocket;
    expect(Date.now() - started).toBeLessThan(1_500);
    agent.destroy();
  });

  it('cuts off a connection still open when the grace period ends', async () => {
    // A client that started a request and never finished it.
    const stuck = connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => stuck.once('connect', () => resolve()));
    stuck.write('GET /api/health HTTP/1.1\r\nHost: x\r\n');
    const cut = new Promise<void>((resolve) => stuck.once('close', () => resolve()));
    const started = Date.now();
    await gracefulShutdownOf(api.app).close();
    await cut;
    // The test engine's grace period is 2 s.
    expect(Date.now() - started).toBeLessThan(8_000);
  });

  it('answers a request arriving on an open connection while stopping with Connection: close', async () => {
    const shutdown = gracefulShutdownOf(api.app);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    await healthOver(agent);
    Object.assign(shutdown, { stopping: true });
    expect((await healthOver(agent)).connection).toBe('close');
    agent.destroy();
  });
});
