import { once } from 'node:events';
import { type AddressInfo, createServer, type Socket } from 'node:net';
import Redis from 'ioredis';
import { type BudgetLimit } from '../../../src/budgets/budget.schema';
import { LATE_MS, sliceBudget } from '../../../src/budgets/budget.slices';
import { heldAhead, RedisVendorBudget } from '../../../src/budgets/vendor-budget';
import { type BudgetKind, ConnectorError } from '../../../src/connectors/contract';
import { createRedisClient, waitUntilReady } from '../../../src/redis/redis.client';
import { deleteByPrefix, TEST_REDIS_URL, uniquePrefix } from '../../support/redis-prefix';

type Counted = { kind: BudgetKind; outcome: 'taken' | 'waited' | 'refused' };

/** Issue 11 part 3: a connector's rate budget, counted in the machine's Redis (own key prefix). */
describe('RedisVendorBudget', () => {
  const prefix = uniquePrefix('budget');
  const clients: Redis[] = [];
  let raw: Redis;

  /** A hub process's Redis connection. */
  const process = async () => {
    const client = createRedisClient(TEST_REDIS_URL, prefix);
    clients.push(client);
    expect(await waitUntilReady(client, 5_000)).toBe(true);
    return client;
  };
  const settle = (takes: Promise<void>[]) =>
    Promise.allSettled(takes).then((all) => ({
      taken: all.filter((r) => r.status === 'fulfilled').length,
      refused: all.filter(
        (r) => r.status === 'rejected' && (r.reason as ConnectorError).code === 'budget_exhausted',
      ).length,
    }));

  beforeAll(async () => {
    raw = new Redis(TEST_REDIS_URL);
    await raw.ping();
  });
  afterAll(async () => {
    await deleteByPrefix(prefix);
    for (const c of clients) c.disconnect();
    raw.disconnect();
  });

  /** A process's Redis connection that lists the commands it sends. */
  const listening = async () => {
    const client = await process();
    const commands: string[] = [];
    const send = client.sendCommand.bind(client);
    jest.spyOn(client, 'sendCommand').mockImplementation((command, stream) => {
      commands.push(command.name);
      return send(command, stream);
    });
    return {
      client,
      commands,
      scripts: () => commands.filter((c) => c === 'evalsha' || c === 'eval').length,
    };
  };

  it('is one budget for every process: a burst from three takes one slice’s worth in all', async () => {
    const frozen = () => 1_800_000_000_050; // one instant: every take falls in the same slice
    const events: Counted[] = [];
    const limit = { limit: 10, perSeconds: 1 }; // eight slices of 125 ms, one call each
    const budgets = await Promise.all(
      [1, 2, 3].map(
        async () =>
          new RedisVendorBudget(
            await process(),
            'hubspot-shared',
            { overall: limit },
            0,
            {
              counted: (kind, outcome) => events.push({ kind, outcome }),
            },
            frozen,
          ),
      ),
    );
    const result = await settle(budgets.flatMap((b) => Array.from({ length: 10 }, () => b.take())));
    expect(result).toEqual({ taken: 1, refused: 29 });
    expect(events.filter((e) => e.outcome === 'taken')).toHaveLength(1);
    expect(events.filter((e) => e.outcome === 'refused')).toHaveLength(29);
    // The slice's key carries the connector and expires by itself.
    const keys = await raw.keys(`${prefix}:budget:hubspot-shared:overall:*`);
    expect(keys).toHaveLength(1);
    const ttl = await raw.pttl(keys[0]);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(2_000);
  });

  it('counts the calls of one event-loop turn with one command, letting through as many as the slice holds', async () => {
    const now = () => 1_800_000_000_000;
    const limit = { overall: { limit: 20, perSeconds: 1 } };
    const { perSlice } = sliceBudget(limit.overall);
    expect(perSlice).toBeGreaterThan(1);
    expect(perSlice).toBeLessThan(5);
    const { client, commands } = await listening();
    const events: Counted[] = [];
    const budget = new RedisVendorBudget(
      client,
      'easypost-batch',
      limit,
      0,
      { counted: (kind, outcome) => events.push({ kind, outcome }) },
      now,
    );
    // Five calls in one turn; the slice holds `perSlice` of them.
    const result = await settle(Array.from({ length: 5 }, () => budget.take()));
    expect(result).toEqual({ taken: perSlice, refused: 5 - perSlice });
    // One script call for the five (ioredis adds an `eval` only if Redis has not seen the script yet).
    expect(commands.filter((c) => c === 'evalsha')).toHaveLength(1);
    // First come, first served: the calls that asked first were let through.
    expect(events.map((e) => e.outcome)).toEqual([
      ...Array(perSlice).fill('taken'),
      ...Array(5 - perSlice).fill('refused'),
    ]);
    // The slice is full for everyone now, this process included.
    await expect(budget.take()).rejects.toMatchObject({ code: 'budget_exhausted' });
  });

  /** Until the commands `client` sent in the background (counting ahead, giving back) are done. */
  const settled = (client: Redis) =>
    new Promise((resolve) => setTimeout(resolve, 0)).then(() => client.ping());

  it('counts a few calls ahead while calling, so a later call in the slice is sent with no round trip', async () => {
    let clock = 1_800_000_000_000; // the start of a slice
    const limit = { overall: { limit: 1_000, perSeconds: 1 } };
    const { perSlice, sliceMs } = sliceBudget(limit.overall);
    expect(heldAhead(perSlice)).toBe(4);
    const { client, scripts } = await listening();
    const budget = new RedisVendorBudget(client, 'stripe-ahead', limit, 0, undefined, () => clock);
    await budget.take(); // waits for Redis, which counts it and four ahead, here and in the next slice
    const first = scripts();
    const counted = async (slice: number) =>
      Number(await raw.get(`${prefix}:budget:stripe-ahead:overall:${slice}`));
    const slice = Math.floor(clock / sliceMs);
    expect(await counted(slice)).toBe(5);
    expect(await counted(slice + 1)).toBe(4);
    // The next call in this slice takes a unit held ahead: settled before Redis could answer.
    let sent = false;
    const next = budget.take().then(() => (sent = true));
    for (let tick = 0; tick < 20; tick++) await Promise.resolve(); // no I/O in between
    expect(sent).toBe(true);
    await next;
    await settled(client);
    // It was counted before it was sent; topping up what is held ahead comes after, in the background.
    expect(await counted(slice)).toBe(6);
    expect(scripts()).toBeGreaterThan(first);
    // In the next slice, the units held there are taken the same way.
    clock += sliceMs;
    const settledAtOnce = async () => {
      let done = false;
      const take = budget.take().then(() => (done = true));
      for (let tick = 0; tick < 20; tick++) await Promise.resolve();
      const atOnce = done;
      await take;
      return atOnce;
    };
    expect(await settledAtOnce()).toBe(true);
    // Two slices on, with units still held in the two before: none of them is spent here, the call
    // waits for its count in this slice.
    clock += 2 * sliceMs;
    expect(await settledAtOnce()).toBe(false);
    expect(await counted(slice + 3)).toBeGreaterThanOrEqual(1);
  });

  it('keeps a slice counted ahead in Redis until that slice is over', async () => {
    const clock = 1_800_000_000_000; // the start of a slice of 1 s
    const limit = { overall: { limit: 10_000, perSeconds: 10 } };
    const { sliceMs } = sliceBudget(limit.overall);
    expect(sliceMs).toBe(1_000);
    const client = await process();
    const budget = new RedisVendorBudget(client, 'zendesk-ttl', limit, 0, undefined, () => clock);
    await budget.take();
    await settled(client);
    // The next slice's key was made a slice early: it must outlive the end of its own slice.
    const next = `${prefix}:budget:zendesk-ttl:overall:${Math.floor(clock / sliceMs) + 1}`;
    expect(Number(await raw.get(next))).toBe(4);
    expect(await raw.pttl(next)).toBeGreaterThan(2 * sliceMs);
  });

  it('holds nothing ahead in a slice that is half used, in a small slice, or for points', async () => {
    const now = () => 1_800_000_000_000;
    const limit = { overall: { limit: 1_000, perSeconds: 1 } };
    const { perSlice, sliceMs } = sliceBudget(limit.overall);
    const slice = Math.floor(now() / sliceMs);
    const key = (id: string) => `${prefix}:budget:${id}:overall:${slice}`;
    // Other processes have used half of this slice already: what this one counted ahead goes back.
    await raw.set(key('zendesk-busy'), String(Math.ceil(perSlice / 2)), 'PX', 60_000);
    const busyClient = await process();
    const busy = new RedisVendorBudget(busyClient, 'zendesk-busy', limit, 0, undefined, now);
    await busy.take();
    await settled(busyClient);
    expect(Number(await raw.get(key('zendesk-busy')))).toBe(Math.ceil(perSlice / 2) + 1);
    await busy.take(); // nothing held: asks Redis, and asks for nothing ahead
    await settled(busyClient);
    expect(Number(await raw.get(key('zendesk-busy')))).toBe(Math.ceil(perSlice / 2) + 2);
    // Fewer than eight a slice (EasyPost's 5 a second): every call asks Redis.
    const small = { overall: { limit: 5, perSeconds: 1 } };
    expect(heldAhead(sliceBudget(small.overall).perSlice)).toBe(0);
    const smallClient = await process();
    const easypost = new RedisVendorBudget(smallClient, 'easypost-ahead', small, 0, undefined, now);
    easypost.expect();
    await settled(smallClient);
    await easypost.take();
    await settled(smallClient);
    const smallSlice = Math.floor(now() / sliceBudget(small.overall).sliceMs);
    expect(Number(await raw.get(`${prefix}:budget:easypost-ahead:overall:${smallSlice}`))).toBe(1);
    // A limit in points (Shopify's query cost): a few units could not pay for a query, even when
    // an answer says calls are coming before the first one was ever made.
    const pointsClient = await process();
    const points = new RedisVendorBudget(pointsClient, 'shopify-ahead', limit, 0, undefined, now);
    points.expect();
    await settled(pointsClient);
    await points.take({ cost: 50 });
    points.expect();
    await settled(pointsClient);
    await points.take({ cost: 1 });
    await settled(pointsClient);
    expect(Number(await raw.get(key('shopify-ahead')))).toBe(51);
    expect(await raw.exists(`${prefix}:budget:shopify-ahead:overall:${slice + 1}`)).toBe(0);
  });

  it('never lets three processes holding ahead send more than a slice allows, slice after slice', async () => {
    let clock = 1_800_000_000_000;
    const limit = { overall: { limit: 1_000, perSeconds: 1 } };
    const { perSlice, sliceMs } = sliceBudget(limit.overall);
    expect(heldAhead(perSlice)).toBe(4);
    const budgets = await Promise.all(
      [1, 2, 3].map(
        async () => new RedisVendorBudget(await process(), 'stripe-rounds', limit, 0, undefined, () => clock),
      ),
    );
    // Rounds of a quarter slice: in each, every process makes 10 calls one after another (so it
    // takes what it holds as soon as it can), 120 wanted per slice against its 90.
    const sentIn = new Map<number, number>();
    for (let round = 0; round < 16; round++) {
      const slice = Math.floor(clock / sliceMs);
      await Promise.all(
        budgets.map(async (b) => {
          for (let i = 0; i < 10; i++) {
            await b.take().then(
              () => sentIn.set(slice, (sentIn.get(slice) ?? 0) + 1),
              () => undefined, // refused: the slice is full
            );
          }
        }),
      );
      clock += sliceMs / 4;
    }
    expect(sentIn.size).toBe(4);
    expect([...sentIn.values()].filter((n) => n > perSlice)).toEqual([]);
    // The budget did let calls through in every slice, most of what it allows.
    expect(Math.min(...sentIn.values())).toBeGreaterThan(perSlice / 2);
  });

  it('refuses with budget_exhausted, saying which budget and when there is room again', async () => {
    const now = () => 1_800_000_000_000;
    const budget = new RedisVendorBudget(
      await process(),
      'stripe-refuse',
      { overall: { limit: 5, perSeconds: 1 } },
      100,
      undefined,
      now,
    );
    await budget.take();
    const error = await budget.take().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ code: 'budget_exhausted', retryable: false });
    // The time left until the next slice of 333 ms.
    expect((error as ConnectorError).retryAfterMs).toBeGreaterThan(0);
    expect((error as ConnectorError).retryAfterMs).toBeLessThanOrEqual(334);
    expect((error as Error).message).toContain('stripe-refuse');
  });

  it('counts a call again when Redis answers its count late, after a busy slice and half the margin', async () => {
    let clock = 1_800_000_000_000;
    const events: Counted[] = [];
    const budgetOf = async (id: string, limit: { overall: BudgetLimit }) =>
      new RedisVendorBudget(
        await process(),
        id,
        limit,
        2_000,
        { counted: (kind, outcome) => events.push({ kind, outcome }) },
        () => clock,
      );
    // EasyPost's 5 a second: one call fills a slice.
    const tight = { overall: { limit: 5, perSeconds: 1 } };
    const { sliceMs, perSlice } = sliceBudget(tight.overall);
    expect(perSlice).toBe(1);
    const budget = await budgetOf('easypost-late', tight);
    const counted = async (slice: number) =>
      Number(await raw.get(`${prefix}:budget:easypost-late:overall:${slice}`));
    const sliceOf = (ms: number) => Math.floor(ms / sliceMs);
    const endOf = (ms: number) => (sliceOf(ms) + 1) * sliceMs;

    // Answered within half of LATE_MS after its slice ended: the call goes, counted there.
    const first = sliceOf(clock);
    let take = budget.take();
    clock = endOf(clock) + LATE_MS / 2 - 1;
    await take;
    expect(events.map((e) => e.outcome)).toEqual(['taken']);
    expect(await counted(first)).toBe(1);

    // Answered later (a starved process or Redis): sent now, it would reach the vendor with the
    // next slices' calls beyond the margin, so it is counted again in the slice of now.
    const second = sliceOf(clock);
    take = budget.take();
    clock = endOf(clock) + LATE_MS / 2 + 1;
    await take;
    expect(events.map((e) => e.outcome)).toEqual(['taken', 'waited']);
    expect(await counted(second)).toBe(1);
    expect(sliceOf(clock)).toBeGreaterThan(second);
    expect(await counted(sliceOf(clock))).toBe(1);

    // A quiet slice's late count lets its call go: it fits beside the others.
    events.length = 0;
    const quiet = await budgetOf('stripe-late', { overall: { limit: 1_000, perSeconds: 1 } });
    take = quiet.take();
    clock = endOf(clock) + LATE_MS;
    await take;
    expect(events.map((e) => e.outcome)).toEqual(['taken']);
  });

  it('waits for the next slice when that is within maxWaitMs, then takes', async () => {
    const events: Counted[] = [];
    // A clock that starts at the beginning of a 1 s slice and then runs as the real one does.
    const began = Date.now();
    const now = () => 1_800_000_000_000 + (Date.now() - began);
    const budget = new RedisVendorBudget(
      await process(),
      'zendesk-wait',
      { overall: { limit: 2, perSeconds: 1 } },
      2_000,
      { counted: (kind, outcome) => events.push({ kind, outcome }) },
      now,
    );
    // One call per 1 s slice: the second waits for the next slice instead of failing.
    await budget.take();
    await budget.take();
    expect(events.map((e) => e.outcome)).toEqual(['taken', 'waited']);
  });

  it('stops waiting when the request’s deadline passes', async () => {
    const budget = new RedisVendorBudget(
      await process(),
      'aftership-deadline',
      { overall: { limit: 1, perSeconds: 60 } },
      10_000,
    );
    await budget.take();
    const deadline = new AbortController();
    const waiting = budget.take({ signal: deadline.signal }).then(
      () => 'taken',
      (e: ConnectorError) => e.code,
    );
    deadline.abort();
    await expect(waiting).resolves.toBe('budget_exhausted');
  });

  it('counts a search call against the search budget and the overall one', async () => {
    const now = () => 1_800_000_000_000;
    const events: Counted[] = [];
    const budget = new RedisVendorBudget(
      await process(),
      'hubspot-search',
      { overall: { limit: 100, perSeconds: 10 }, search: { limit: 5, perSeconds: 1 } },
      0,
      { counted: (kind, outcome) => events.push({ kind, outcome }) },
      now,
    );
    expect(budget.ratesPerSecond()).toEqual({ overall: 8.1, search: 3 });
    await budget.take({ kind: 'search' });
    await expect(budget.take({ kind: 'search' })).rejects.toMatchObject({ code: 'budget_exhausted' });
    await budget.take(); // not a search: the overall budget still has room
    expect(events).toEqual([
      { kind: 'search', outcome: 'taken' },
      { kind: 'overall', outcome: 'taken' },
      { kind: 'search', outcome: 'refused' },
      { kind: 'overall', outcome: 'taken' },
    ]);
  });

  it('keeps to the budget within the process when Redis is away', async () => {
    const away = createRedisClient('redis://127.0.0.1:1', prefix); // nobody listens there
    clients.push(away);
    const now = () => 1_800_000_000_000;
    const budget = new RedisVendorBudget(
      away,
      'shipbob-away',
      { overall: { limit: 10, perSeconds: 1 } },
      0,
      undefined,
      now,
    );
    await expect(settle(Array.from({ length: 5 }, () => budget.take()))).resolves.toEqual({
      taken: 1,
      refused: 4,
    });
  });

  it('lets a call go on a count made in the process when Redis stalls past its command timeout', async () => {
    // A Redis that takes connections and never answers: every command waits out its timeout.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const stalled = new Redis({
        port: (silent.address() as AddressInfo).port,
        keyPrefix: `${prefix}:`,
        enableReadyCheck: false, // ready on connect, as a Redis that stalls later would be
        enableOfflineQueue: false,
        commandTimeout: 500, // the hub's (src/redis/redis.client.ts)
        maxRetriesPerRequest: 1,
      });
      clients.push(stalled);
      await once(stalled, 'ready');
      let clock = 1_800_000_000_000;
      const limit = { overall: { limit: 5, perSeconds: 1 } }; // one call fills a slice
      const { sliceMs } = sliceBudget(limit.overall);
      const events: Counted[] = [];
      const budget = new RedisVendorBudget(
        stalled,
        'hubspot-stalled',
        limit,
        2_000,
        { counted: (kind, outcome) => events.push({ kind, outcome }) },
        () => clock,
      );
      const take = budget.take();
      // The timeout ends after the slice and half the margin: late, but counted by this process
      // alone, so it is not counted again (that would time out again, and again).
      clock = (Math.floor(clock / sliceMs) + 1) * sliceMs + LATE_MS / 2 + 1;
      await take;
      expect(events.map((e) => e.outcome)).toEqual(['taken']);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('takes a Shopify query’s cost in points, a whole slice at most', async () => {
    const now = () => 1_800_000_000_000;
    const budget = new RedisVendorBudget(
      await process(),
      'shopify-points',
      { overall: { limit: 2_000, perSeconds: 20 } },
      0,
      undefined,
      now,
    );
    await budget.take({ cost: 100 });
    await budget.take({ cost: 66 }); // 166 points per 2 s slice
    await expect(budget.take({ cost: 1 })).rejects.toMatchObject({ code: 'budget_exhausted' });
    const other = new RedisVendorBudget(
      await process(),
      'shopify-dear',
      { overall: { limit: 2_000, perSeconds: 20 } },
      0,
      undefined,
      now,
    );
    await other.take({ cost: 1_000 }); // dearer than a slice: it takes the slice
    await expect(other.take({ cost: 1 })).rejects.toMatchObject({ code: 'budget_exhausted' });
  });
});
