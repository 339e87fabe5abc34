import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';

/** A local receiver for the alert webhook (`monitoring.alertWebhookUrl`): every event it was sent, in order. */
export async function alertReceiver(): Promise<{
  url: string;
  alerts: Record<string, any>[];
  server: Server;
}> {
  const alerts: Record<string, any>[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      alerts.push(JSON.parse(body));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/alerts`, alerts, server };
}
