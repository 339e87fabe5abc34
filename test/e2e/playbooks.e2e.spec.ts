import { type Harness, KEYS, startHarness } from '../support/hub-harness';

/**
 * Issue 16 part 1 on the sandbox: the default playbooks (playbooks/*.yaml) decide for the seeded
 * orders they were written for, through GET /v1/orders/{n}/remedies, the same way for an agent
 * and a bot (the bot sees only what its channel lists).
 */
describe('playbooks on the sandbox: GET /v1/orders/{n}/remedies', () => {
  let hub: Harness;
  beforeAll(async () => {
    hub = await startHarness();
  });
  afterAll(() => hub.close());

  const remedies = async (order: number, query = '') => {
    const res = await hub.get(`/v1/orders/${order}/remedies${query ? `?${query}` : ''}`, KEYS.helpdesk);
    expect([order, query, res.status]).toEqual([order, query, 200]);
    return res.body as {
      decisions: {
        playbook: string;
        rule: string;
        by: string;
        why: string;
        remedies: { remedy: string; amount?: { amount: string }; approval: boolean; channels: string[] }[];
      }[];
      facts: Record<string, unknown>;
      errors: unknown[];
    };
  };
  const rules = (answer: Awaited<ReturnType<typeof remedies>>) =>
    answer.decisions.map((d) => `${d.playbook}:${d.rule}`);

  it('where is my order: overdue (1042), lost (1037) and returned to sender (1038), found without being asked', async () => {
    expect(rules(await remedies(1042))).toEqual(['where-is-my-order:overdue']);
    const lost = await remedies(1037);
    expect(rules(lost)).toEqual(['where-is-my-order:lost-in-transit']);
    expect(lost.decisions[0]).toMatchObject({
      by: 'detected',
      why: expect.stringContaining('counts as lost'),
    });
    expect(lost.decisions[0].remedies.find((r) => r.remedy === 'refund')).toMatchObject({
      amount: { amount: '74.91' },
      approval: true,
    });
    expect(lost.errors).toEqual([]);
    expect(rules(await remedies(1038))).toEqual(['where-is-my-order:returned-to-sender']);
    // Asked about an order that is on time or delivered: the playbook answers, with nothing to offer.
    expect((await remedies(1009, 'situation=where_is_my_order')).decisions[0]).toMatchObject({
      rule: 'on-its-way',
      remedies: [],
    });
  });

  it('a damaged item: the mug and the tee of one order get different remedies', async () => {
    const mug = await remedies(1001, 'situation=damaged_item&skus=MUG-CER-12');
    expect(rules(mug)).toEqual(['damaged-item:fragile-goods']);
    expect(mug.decisions[0].remedies.map((r) => r.remedy)).toEqual(['replacement', 'refund']);
    const tee = await remedies(1001, 'situation=damaged_item&skus=TEE-ORG-BLK-M');
    expect(rules(tee)).toEqual(['damaged-item:everyday-goods']);
    expect(tee.decisions[0].remedies.map((r) => r.remedy)).toContain('return');
  });

  it('returns: inside the window (1009), outside it, the VIP exception, and one already open (1023)', async () => {
    expect(rules(await remedies(1009, 'situation=return'))).toEqual(['returns:inside-window']);
    expect((await remedies(1023, 'situation=return')).decisions[0]).toMatchObject({
      rule: 'already-handled',
      remedies: [],
    });
    // In a shop whose window is a week: 1031 (delivered 11 days ago) is outside it; 1001, a VIP's
    // delivered 9 days ago, still goes back, as store credit.
    const strict = await startHarness((c) => {
      c.policies.returnWindowDays = 7;
    });
    try {
      const late = await strict.get('/v1/orders/1031/remedies?situation=return', KEYS.helpdesk);
      expect(late.body.facts).toMatchObject({ returnEligible: false, openReturns: 0 });
      expect(late.body.decisions[0]).toMatchObject({ rule: 'outside-window', remedies: [] });
      const vip = await strict.get('/v1/orders/1001/remedies?situation=return', KEYS.helpdesk);
      expect(vip.body.facts).toMatchObject({ returnEligible: false, customer: { tags: ['vip'] } });
      expect(vip.body.decisions[0].rule).toBe('vip-late-return');
      expect(vip.body.decisions[0].remedies.map((r: { remedy: string }) => r.remedy)).toEqual([
        'return',
        'store_credit',
      ]);
    } finally {
      await strict.close();
    }
  });

  it('an order already refunded in part (1002) gets no second remedy for a damaged item', async () => {
    const answer = await remedies(1002, 'situation=damaged_item');
    expect(answer.decisions[0]).toMatchObject({
      rule: 'already-compensated',
      remedies: [{ remedy: 'escalate', team: 'support-leads' }],
    });
  });

  it('decides the same for an agent and a bot; the bot is offered only what its channel lists', async () => {
    for (const [order, query] of [
      [1037, ''],
      [1001, 'situation=damaged_item&skus=TEE-ORG-BLK-M'],
      [1009, 'situation=return'],
    ] as const) {
      const agent = await remedies(order, `${query}${query ? '&' : ''}channel=agent`);
      const bot = await remedies(order, `${query}${query ? '&' : ''}channel=bot`);
      expect(bot.decisions.map((d) => [d.playbook, d.rule, d.why])).toEqual(
        agent.decisions.map((d) => [d.playbook, d.rule, d.why]),
      );
      for (const [i, d] of bot.decisions.entries()) {
        expect(d.remedies).toEqual(agent.decisions[i].remedies.filter((r) => r.channels.includes('bot')));
      }
    }
  });

  it("decides alike in every door: the order context, the remedies endpoint and the bot's answer", async () => {
    for (const n of [1037, 1038, 1042, 1009]) {
      const asked = await remedies(n);
      const context = (await hub.get(`/v1/orders/${n}/context`, KEYS.helpdesk)).body;
      // The helpdesk's answer carries the same decisions the playbooks give unasked, remedies and all.
      expect([n, context.insights.decisions]).toEqual([n, asked.decisions]);
      const email = hub.world.orders.find((o) => o.number === n)!;
      const customer = hub.world.customers.find((c) => c.id === email.customerId)!;
      const bot = await hub.get(
        `/v1/shipments/status?orderNumber=${n}&email=${encodeURIComponent(customer.email)}`,
        KEYS.bot,
      );
      expect([n, bot.status]).toEqual([n, 200]);
      // The bot is offered exactly the bot's share of the same decisions, never more.
      const forBot = asked.decisions.flatMap((d) =>
        d.remedies
          .filter((r) => r.channels.includes('bot'))
          .map((r) => ({ remedy: r.remedy, rule: d.rule, situation: expect.any(String) })),
      );
      expect([n, bot.body.offers.map((o: { remedy: string; rule: string; situation: string }) => o)]).toEqual(
        [n, forBot.map((o) => expect.objectContaining(o))],
      );
      for (const offer of bot.body.offers) expect(offer).not.toHaveProperty('channels');
      // The customer's view (the card, Gladly) carries the same decisions, marked with the order.
      const mine = await hub.get(
        `/v1/customers/context?limit=50&email=${encodeURIComponent(customer.email)}`,
        KEYS.helpdesk,
      );
      expect([
        n,
        (mine.body.insights.decisions ?? []).filter(
          (d: { orderNumber: string }) => d.orderNumber === String(n),
        ),
      ]).toEqual([n, asked.decisions.map((d) => ({ orderNumber: String(n), ...d }))]);
    }
    // 1037: the claim is what a bot may offer; the refund (agents only, with approval) is not.
    const lost = (await remedies(1037, 'channel=bot')).decisions[0].remedies.map((r) => r.remedy);
    expect(lost).toEqual(['escalate']);
  });

  it('refuses what it cannot answer: an unknown situation, a SKU not on the order, a key without context:read', async () => {
    const situation = await hub.get('/v1/orders/1001/remedies?situation=lost', KEYS.helpdesk);
    expect(situation.body).toMatchObject({ status: 400, errors: [{ path: 'situation' }] });
    expect(situation.body.detail).toContain('known: damaged_item, return, where_is_my_order');
    const sku = await hub.get('/v1/orders/1001/remedies?situation=damaged_item&skus=NOPE-1', KEYS.helpdesk);
    expect(sku.body).toMatchObject({ status: 400, detail: 'Order 1001 has no item NOPE-1.' });
    expect((await hub.get('/v1/orders/1099/remedies', KEYS.helpdesk)).status).toBe(404);
    expect((await hub.get('/v1/orders/1001/remedies', KEYS.bot)).status).toBe(403);
  });
});
