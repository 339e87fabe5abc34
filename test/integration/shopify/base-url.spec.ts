import { createServer, type IncomingMessage, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { shopifyConnector } from '../../../connectors/shopify';
import { type Connector } from '../../../src/connectors/contract';
import { shopifyReply } from '../../fixtures/shopify';

interface Received {
  method?: string;
  url?: string;
  token?: string | string[];
  body: { query: string; variables: Record<string, unknown> };
}

/**
 * `baseUrl` sends the connector's requests to another origin (the sandbox, an egress proxy):
 * a real HTTP server on loopback must receive the GraphQL POST, with or without a path prefix.
 */
describe('Shopify connector baseUrl (real HTTP on loopback)', () => {
  let server: Server;
  let origin: string;
  let received: Received[];
  let connector: Connector | undefined;

  const readBody = (req: IncomingMessage): Promise<string> =>
    new Promise((resolve, reject) => {
      let data = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (data += chunk));
      req.on('end', () => resolve(data));
      req.on('error', reject);
    });

  beforeAll(async () => {
    server = createServer((req, res) => {
      void readBody(req).then((raw) => {
        received.push({
          method: req.method,
          url: req.url,
          token: req.headers['x-shopify-access-token'],
          body: JSON.parse(raw),
        });
        const isGraphql = req.method === 'POST' && req.url?.endsWith('/admin/api/2025-10/graphql.json');
        res.writeHead(isGraphql ? 200 : 404, { 'Content-Type': 'application/json' });
        res.end(
          JSON.stringify(isGraphql ? shopifyReply('order-usd-multi-fulfillment') : { errors: 'Not Found' }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  beforeEach(() => {
    received = [];
  });

  afterEach(async () => {
    await connector?.close?.();
    connector = undefined;
  });

  afterAll(async () => {
    await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
  });

  function create(baseUrl: string): Connector {
    const options = shopifyConnector.optionsSchema.parse({
      shop: 'acme.myshopify.com',
      accessToken: 'shpat_test',
      apiVersion: '2025-10',
      baseUrl,
    });
    return shopifyConnector.create(options, { id: 'shopify', logger: { debug() {}, warn() {} } });
  }

  it('reaches the server at the base URL origin', async () => {
    connector = create(origin);

    const found = await connector.orderByNumber!('1001');

    expect(found?.resource).toBe('order');
    expect(found?.payload).toMatchObject({ id: 'gid://shopify/Order/5901234567890', name: '#1001' });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      method: 'POST',
      url: '/admin/api/2025-10/graphql.json',
      token: 'shpat_test',
      body: { variables: { query: 'name:"#1001"' } },
    });
    expect(received[0].body.query).toContain('query OrderByName');
  });

  it('keeps a path prefix of the base URL', async () => {
    connector = create(`${origin}/proxy/shopify`);

    const found = await connector.orderByNumber!('1001');

    expect(found?.payload).toMatchObject({ name: '#1001' });
    expect(received.map((r) => r.url)).toEqual(['/proxy/shopify/admin/api/2025-10/graphql.json']);
  });

  it('keeps a path prefix given with a trailing slash', async () => {
    connector = create(`${origin}/proxy/shopify/`);

    await connector.orderByNumber!('1001');

    expect(received.map((r) => r.url)).toEqual(['/proxy/shopify/admin/api/2025-10/graphql.json']);
  });

  it('reports a server that is not listening as upstream_unavailable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    connector = create(`http://127.0.0.1:${port}`);

    await expect(connector.orderByNumber!('1001')).rejects.toMatchObject({
      code: 'upstream_unavailable',
      retryable: true,
    });
  });
});
