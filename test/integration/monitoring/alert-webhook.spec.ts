import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import { type HubConfig } from '../../../src/config/config.schema';
import { AlertWebhook } from '../../../src/monitoring/alert-webhook';

/** A receiver that answers each POST with the next status of `statuses` (then 204), keeping what it got. */
async function receiver(statuses: number[]) {
  const got: { kind: string; n: number; status: number }[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const status = statuses.shift() ?? 204;
      got.push({ ...JSON.parse(body), status });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/alerts`;
  return { url, got, close: () => new Promise((r) => server.close(r)) };
}

const webhook = (url?: string) =>
  new AlertWebhook({ monitoring: { alertWebhookUrl: url } } as unknown as HubConfig);

describe('AlertWebhook over real HTTP', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('tries again after a 5xx, and keeps events in the order they happened while it does', async () => {
    const r = await receiver([503]);
    try {
      const hook = webhook(r.url);
      const first = hook.send('interface_state_changed', { n: 1 });
      const second = hook.send('interface_state_changed', { n: 2 });
      await Promise.all([first, second]);
      expect(r.got.map((g) => [g.n, g.status])).toEqual([
        [1, 503],
        [1, 204],
        [2, 204],
      ]);
    } finally {
      await r.close();
    }
  });

  it('does not try again after a 4xx other than 408 and 429, and sends nothing without a URL', async () => {
    const r = await receiver([400]);
    try {
      await webhook(r.url).send('remedy_granted', { n: 1 });
      expect(r.got.map((g) => g.status)).toEqual([400]);
      await webhook(undefined).send('remedy_granted', { n: 2 });
      expect(r.got).toHaveLength(1);
    } finally {
      await r.close();
    }
  });
});
