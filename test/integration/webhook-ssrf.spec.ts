import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { WebhookNotifier } from '#reminders/notifiers';
import { isPublicAddress } from '#reminders/webhook-address';
import { startTestApi, TestApi } from '../support/test-engine';

const INWARD = [
  'http://127.0.0.1:6379/',
  'http://169.254.169.254/latest/meta-data/',
  'http://[::1]:8080/',
  'http://[::ffff:127.0.0.1]/',
  'http://10.1.2.3/hook',
  'http://192.168.0.10/hook',
  'http://localhost:9000/hook',
  'http://0.0.0.0/',
];

describe('webhooks never reach inwards (SSRF)', () => {
  it('tells public addresses from loopback, link-local, private and mapped ones', () => {
    expect(['8.8.8.8', '2a00:1450:4009::1'].map(isPublicAddress)).toEqual([true, true]);
    expect(
      ['127.0.0.1', '::1', '169.254.169.254', 'fe80::1', '10.0.0.1', 'fd00::1', '::ffff:10.0.0.1', 'x'].map(
        isPublicAddress,
      ),
    ).toEqual([false, false, false, false, false, false, false, false]);
  });

  describe('in the settings', () => {
    let api: TestApi;
    let allowing: TestApi;
    const change = async (target: TestApi, webhookUrl: string) => {
      const admin = { Authorization: `Bearer ${target.token('root', 'admin', 'all')}` };
      const { body } = await target.http().get('/api/bodies/default').set(admin).expect(200);
      return target
        .http()
        .patch('/api/bodies/default/settings')
        .set(admin)
        .send({ expectedVersion: body.version, reminders: { contacts: [{ name: 'CR', webhookUrl }] } });
    };

    beforeAll(async () => {
      api = await startTestApi('pglite');
      allowing = await startTestApi('pglite', undefined, undefined, undefined, {
        webhookAllowPrivateNetworks: true,
      });
    });
    afterAll(async () => {
      await api?.close();
      await allowing?.close();
    });

    it.each(INWARD)('refuses %s with 400 naming the field, and writes nothing', async (url) => {
      const response = await change(api, url);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({
        code: 'WEBHOOK_NOT_ALLOWED',
        field: 'reminders.contacts[0].webhookUrl',
      });
      expect(response.body.message).toMatch(/loopback, link-local or private|not public/);
      const { body } = await api
        .http()
        .get('/api/bodies/default')
        .set({ Authorization: `Bearer ${api.token('root', 'admin', 'all')}` })
        .expect(200);
      expect(body.settings.reminders.contacts.CR).toBeUndefined();
    });

    it('takes a public address, and a private one where the deployment allows private networks', async () => {
      expect((await change(api, 'https://8.8.8.8/hook')).status).toBe(200);
      expect((await change(allowing, 'http://127.0.0.1:6379/')).status).toBe(200);
    });
  });

  describe('at send time', () => {
    let server: Server;
    let received = 0;
    beforeAll(async () => {
      server = createServer((request, response) => {
        received++;
        request.resume();
        response.writeHead(200).end();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const notice = (address: string) => ({ id: 'n1', address, subject: 'Due', text: 'Due soon.' });

    it('checks the address it connects to: a literal, and a name resolving inwards (rebinding)', async () => {
      const port = (server.address() as AddressInfo).port;
      const notifier = new WebhookNotifier('secret');
      await expect(notifier.send(notice(`http://127.0.0.1:${port}/hook`))).rejects.toThrow(
        /not a public address/,
      );
      await expect(notifier.send(notice(`http://localhost:${port}/hook`))).rejects.toThrow(
        /which is not public/,
      );
      expect(received).toBe(0);
      await new WebhookNotifier('secret', { allowPrivate: true }).send(
        notice(`http://localhost:${port}/hook`),
      );
      expect(received).toBe(1);
    });
  });
});
