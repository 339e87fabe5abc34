import { gzipSync } from 'node:zlib';
import axios from 'axios';
import nock from 'nock';
import { z } from 'zod';
import { ConnectorError } from '../../../src/connectors/connector.error';
import { HttpClient } from '../../../src/connectors/http/http-client';

const API = 'https://api.vendor.test';
const anything = z.unknown();

describe('HttpClient over its node:http adapter (nock intercepts it like any http.request)', () => {
  let client: HttpClient;
  beforeAll(() => nock.disableNetConnect());
  afterAll(() => nock.enableNetConnect());
  beforeEach(() => {
    client = new HttpClient({
      vendor: 'Vendor',
      baseUrl: `${API}/v2/`,
      // Long enough that a loaded CI machine never times out a reply nock gives at once;
      // the slowness case below uses its own short-deadline client.
      timeoutMs: 10_000,
      headers: { authorization: 'Bearer t' },
    });
  });
  afterEach(() => {
    client.close();
    nock.abortPendingRequests();
    nock.cleanAll();
  });

  it('sends the URL axios itself would build from base, path and query', async () => {
    const query = { query: 'email:a+b@x.test', ids: '1,2', empty: '', sp: 'a b', skipped: undefined };
    const expected = axios.getUri({
      baseURL: `${API}/v2`,
      url: '/users/search',
      params: { query: 'email:a+b@x.test', ids: '1,2', empty: '', sp: 'a b' },
    });
    let sent = '';
    nock(API)
      .get(/.*/)
      .reply(function () {
        sent = `${API}${this.req.path}`;
        return [200, { ok: true }];
      });
    await client.get('/users/search', { query, schema: anything });
    expect(sent).toBe(expected);
  });

  it('sends the client headers, axios user agent, and JSON bodies with their length', async () => {
    let headers: Record<string, unknown> = {};
    let body = '';
    nock(API)
      .post('/v2/things')
      .reply(function (_uri, requestBody) {
        headers = this.req.headers;
        body = JSON.stringify(requestBody);
        return [201, { id: 'é' }];
      });
    const reply = await client.post('/things', { name: 'café' }, { schema: z.object({ id: z.string() }) });
    expect(reply).toMatchObject({ status: 201, data: { id: 'é' } });
    expect(headers).toMatchObject({
      authorization: 'Bearer t',
      accept: 'application/json',
      'content-type': 'application/json',
      'user-agent': `axios/${axios.VERSION}`,
      'content-length': String(Buffer.byteLength('{"name":"café"}')),
    });
    expect(body).toBe('{"name":"café"}');
  });

  it('reads gzip bodies and reply headers', async () => {
    nock(API)
      .get('/v2/zipped')
      .reply(200, gzipSync(JSON.stringify({ n: 1 })), { 'content-encoding': 'gzip', 'x-thing': 'y' });
    const reply = await client.get('/zipped', { schema: z.object({ n: z.number() }) });
    expect(reply.data).toEqual({ n: 1 });
    expect(reply.headers['x-thing']).toBe('y');
  });

  it('maps statuses, slowness, cancellation and transport failures to connector errors', async () => {
    nock(API).get('/v2/missing').reply(404, { error: 'nope' });
    await expect(client.get('/missing', { schema: anything })).rejects.toMatchObject({ code: 'not_found' });
    nock(API).get('/v2/missing').reply(404, { error: 'nope' });
    await expect(client.get('/missing', { schema: anything, accept: [404] })).resolves.toMatchObject({
      status: 404,
    });

    const hasty = new HttpClient({ vendor: 'Vendor', baseUrl: `${API}/v2/`, timeoutMs: 200 });
    try {
      nock(API).get('/v2/slow').delay(2_000).reply(200, {});
      await expect(hasty.get('/slow', { schema: anything })).rejects.toMatchObject({ code: 'timeout' });
    } finally {
      hasty.close();
    }

    const controller = new AbortController();
    nock(API).get('/v2/slow').delay(2_000).reply(200, {});
    const pending = client.get('/slow', { schema: anything, signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({
      code: 'timeout',
      message: expect.stringContaining('cancelled'),
    });

    // A refused connection (nock's replyWithError does not reach keep-alive agents: see shopify.connector.spec).
    nock.enableNetConnect('127.0.0.1:1');
    const nowhere = new HttpClient({ vendor: 'Vendor', baseUrl: 'http://127.0.0.1:1', timeoutMs: 1_000 });
    try {
      await expect(nowhere.get('/x', { schema: anything })).rejects.toMatchObject({
        code: 'upstream_unavailable',
        message: 'Vendor unreachable (ECONNREFUSED)',
      });
    } finally {
      nowhere.close();
      nock.disableNetConnect();
    }
  });

  it('calls a body that is not JSON, or not the expected shape, invalid_response', async () => {
    nock(API).get('/v2/html').reply(200, '<html>');
    await expect(client.get('/html', { schema: anything })).rejects.toMatchObject({
      code: 'invalid_response',
    });
    nock(API).get('/v2/shape').reply(200, { id: 1 });
    await expect(client.get('/shape', { schema: z.object({ id: z.string() }) })).rejects.toMatchObject({
      code: 'invalid_response',
    });
  });

  it('takes from its vendor budget before every request, and sends nothing when the budget refuses', async () => {
    const taken: unknown[] = [];
    let refuse = false;
    const budgeted = new HttpClient({
      vendor: 'Vendor',
      baseUrl: API,
      timeoutMs: 10_000,
      budget: {
        take: async (request) => {
          taken.push(request);
          if (refuse) throw new ConnectorError('budget_exhausted', 'used up');
        },
      },
    });
    try {
      const deadline = new AbortController();
      const scope = nock(API).get('/a').reply(200, {}).post('/crm/search').reply(200, {});
      await budgeted.get('/a', { schema: anything, signal: deadline.signal });
      await budgeted.post('/crm/search', {}, { schema: anything, budget: 'search' });
      expect(scope.isDone()).toBe(true);
      expect(taken).toEqual([
        { kind: undefined, signal: deadline.signal },
        { kind: 'search', signal: undefined },
      ]);
      refuse = true;
      const unsent = nock(API).get('/b').reply(200, {});
      await expect(budgeted.get('/b', { schema: anything })).rejects.toMatchObject({
        code: 'budget_exhausted',
      });
      expect(unsent.isDone()).toBe(false);
    } finally {
      budgeted.close();
    }
  });
});
