import { parse as parseYaml } from 'yaml';
import { compileMapping, runMapping, type UnknownValueEvent } from '../../../src/mapping/mapping.compiler';
import { MappingFileSchema } from '../../../src/mapping/mapping.schema';

/**
 * The mapping engine node by node, compiled straight from YAML (no canonical validation here:
 * see mapping-registry.spec.ts for that and for definition errors).
 */
async function run(
  yaml: string,
  payload: unknown,
  ctx: Record<string, unknown> = {},
): Promise<{ out: Record<string, unknown> | undefined; unknown: UnknownValueEvent[] }> {
  const unknown: UnknownValueEvent[] = [];
  const file = MappingFileSchema.parse(parseYaml(yaml));
  const node = compileMapping(file, { name: 'test/thing', onUnknown: (e) => unknown.push(e) });
  const out = (await runMapping(node, payload, ctx)) as Record<string, unknown> | undefined;
  return { out, unknown };
}

const mapped = async (yaml: string, payload: unknown, ctx?: Record<string, unknown>) =>
  (await run(yaml, payload, ctx)).out;

const ORDER = {
  id: 'o1',
  name: '#1001',
  legacyResourceId: '42',
  note: null,
  blank: '',
  zero: 0,
  no: false,
  customer: { email: ' Jane@Example.COM ', address: { city: 'Paris', zip: null } },
  items: [
    {
      id: 'a',
      sku: 'A-1',
      qty: 2,
      at: '2025-11-05T10:00:00+02:00',
      kind: 'SALE',
      parentId: null,
      price: '10.50',
    },
    { id: 'b', sku: null, qty: 1, at: '2025-11-05T09:30:00Z', kind: 'REFUND', parentId: 'a', price: '0.25' },
    { id: 'c', sku: 'C-3', qty: 5, at: '2025-11-04T23:59:59-05:00', kind: 'VOID', parentId: 'a', price: '3' },
  ],
};

describe('mapping engine', () => {
  describe('path', () => {
    it('reads dotted paths with array indexes and omits what is missing or null', async () => {
      const out = await mapped(
        `target: order
fields:
  id: id
  city: customer.address.city
  second: items.1.id
  zip: customer.address.zip
  note: note
  missing: customer.phone.number
  deep: nothing.at.all`,
        ORDER,
      );
      expect(out).toEqual({ id: 'o1', city: 'Paris', second: 'b' });
    });

    it('keeps falsy values that are not null', async () => {
      expect(await mapped('target: order\nfields: { zero: zero, no: no, blank: blank }', ORDER)).toEqual({
        zero: 0,
        no: false,
        blank: '',
      });
    });

    it('takes the first present path of a list', async () => {
      const out = await mapped(
        `target: order
fields:
  a: [note, customer.phone, name]
  b: { path: [customer.address.zip, customer.address.city] }
  c: [note, customer.phone]`,
        ORDER,
      );
      expect(out).toEqual({ a: '#1001', b: 'Paris' });
    });

    it('reads $root, $parent and $ctx inside an each, and "." as the item itself', async () => {
      const out = await mapped(
        `target: order
fields:
  rows:
    each: items
    fields:
      id: id
      order: $root.name
      parentId: $parent.id
      link: $ctx.adminUrl
  labels: { each: tags, value: . }`,
        { id: 'o9', name: '#9', items: [{ id: 'x' }, { id: 'y' }], tags: ['gift', 'vip'] },
        { adminUrl: 'https://admin.example' },
      );
      expect(out).toEqual({
        rows: [
          { id: 'x', order: '#9', parentId: 'o9', link: 'https://admin.example' },
          { id: 'y', order: '#9', parentId: 'o9', link: 'https://admin.example' },
        ],
        labels: ['gift', 'vip'],
      });
    });

    it('reads $parent as the enclosing item of a nested each', async () => {
      const out = await mapped(
        `target: order
fields:
  shipments:
    each: fulfillments
    fields:
      events:
        each: events
        fields: { at: at, shipment: $parent.id, order: $root.id }`,
        { id: 'o1', fulfillments: [{ id: 'f1', events: [{ at: 1 }, { at: 2 }] }] },
      );
      expect(out).toEqual({
        shipments: [
          {
            events: [
              { at: 1, shipment: 'f1', order: 'o1' },
              { at: 2, shipment: 'f1', order: 'o1' },
            ],
          },
        ],
      });
    });

    it('rejects an unknown path root when compiling', async () => {
      await expect(run('target: order\nfields: { id: $doc.id }', ORDER)).rejects.toThrow(
        expect.objectContaining({
          field: 'id',
          message: expect.stringContaining('unknown path root "$doc"'),
        }),
      );
    });
  });

  describe('const', () => {
    it('returns the literal, whatever its type', async () => {
      const out = await mapped(
        `target: order
fields:
  s: { const: shopify }
  n: { const: 0 }
  f: { const: false }
  list: { const: [] }
  obj: { const: { a: 1 } }`,
        ORDER,
      );
      expect(out).toEqual({ s: 'shopify', n: 0, f: false, list: [], obj: { a: 1 } });
    });
  });

  describe('template', () => {
    it('fills placeholders from item, $root and $ctx, encoding values but keeping / and :', async () => {
      const out = await mapped(
        `target: order
fields:
  url: { template: '{$ctx.adminUrl}/orders/{legacyResourceId}' }
  search: { template: 'https://x.test/?q={name}&c={ customer.address.city }' }
  path: { template: '/files/{file}' }`,
        { ...ORDER, file: 'a b/c:d' },
        { adminUrl: 'https://admin.shopify.com/store/acme' },
      );
      expect(out).toEqual({
        url: 'https://admin.shopify.com/store/acme/orders/42',
        search: 'https://x.test/?q=%231001&c=Paris',
        path: '/files/a%20b/c:d',
      });
    });

    it('is undefined when any placeholder is missing, null or empty', async () => {
      const out = await mapped(
        `target: order
fields:
  noCtx: { template: '{$ctx.adminUrl}/orders/{legacyResourceId}' }
  nullValue: { template: '/notes/{note}' }
  empty: { template: '/b/{blank}' }
  withDefault: { template: '/x/{nothing}', default: none }`,
        ORDER,
      );
      expect(out).toEqual({ withDefault: 'none' });
    });
  });

  describe('join', () => {
    it('joins present, non-empty values with ", " or the separator', async () => {
      const payload = {
        city: 'Oakland',
        province: null,
        country: 'United States',
        zip: '',
        first: 'Ada',
        last: 'L',
      };
      const out = await mapped(
        `target: order
fields:
  location: { join: [city, province, zip, country] }
  name: { join: [first, last], separator: ' ' }
  none: { join: [province, zip] }`,
        payload,
      );
      expect(out).toEqual({ location: 'Oakland, United States', name: 'Ada L' });
    });
  });

  describe('when', () => {
    const yaml = `target: order
fields:
  status:
    when:
      - { path: cancelledAt, then: cancelled }
      - { path: state, equals: CLOSED, then: closed }
      - { path: state, in: [ARCHIVED, DELETED], then: closed }
    else: open
  flag:
    when: [{ path: zero, equals: 0, then: zero }]`;

    it('takes the first matching case', async () => {
      expect(await mapped(yaml, { cancelledAt: '2025-01-01', state: 'CLOSED' })).toEqual({
        status: 'cancelled',
      });
      expect(await mapped(yaml, { cancelledAt: null, state: 'CLOSED', zero: 0 })).toEqual({
        status: 'closed',
        flag: 'zero',
      });
      expect(await mapped(yaml, { state: 'DELETED' })).toEqual({ status: 'closed' });
    });

    it('falls back to else, or to nothing without one', async () => {
      expect(await mapped(yaml, { cancelledAt: '', state: 'OPEN', zero: 1 })).toEqual({ status: 'open' });
    });
  });

  describe('expr (JSONata)', () => {
    it('evaluates against the item with $root, $parent and $ctx bound', async () => {
      const out = await mapped(
        `target: order
fields:
  total: { expr: '$sum(items.qty)' }
  label: { expr: '$ctx.prefix & $root.name' }
  rows:
    each: items
    fields:
      id: id
      open: { expr: 'qty - $count($parent.items[parentId = $$.id])' }
      parent: { expr: '$parent.id' }`,
        ORDER,
        { prefix: 'Order ' },
      );
      expect(out).toEqual({
        total: 8,
        label: 'Order #1001',
        rows: [
          { id: 'a', open: 0, parent: 'o1' },
          { id: 'b', open: 1, parent: 'o1' },
          { id: 'c', open: 5, parent: 'o1' },
        ],
      });
    });

    it('settles inside fields, list and each value, and applies transform and table after', async () => {
      const out = await mapped(
        `target: order
fields:
  customer:
    path: customer
    fields:
      email: { expr: 'email', transform: email }
      city: address.city
  sources:
    list:
      - fields: { id: { expr: '$root.id' }, kind: { const: order } }
      - { expr: "'second'" }
  kinds:
    each: items
    value: { expr: 'kind', table: kinds }
tables:
  kinds: { SALE: sale, REFUND: refund }`,
        ORDER,
      );
      expect(out).toEqual({
        customer: { email: 'jane@example.com', city: 'Paris' },
        sources: [{ id: 'o1', kind: 'order' }, 'second'],
        kinds: ['sale', 'refund', 'unknown'],
      });
    });

    it('drops a field whose expression yields nothing', async () => {
      const out = await mapped(
        `target: order
fields:
  id: id
  nothing: { expr: 'customer.phone' }
  nullish: { expr: 'null' }
  fallback: { expr: 'customer.phone', default: n/a }`,
        ORDER,
      );
      expect(out).toEqual({ id: 'o1', fallback: 'n/a' });
    });
  });

  describe('each', () => {
    it('filters with where: a literal, a list, or { path } compared with the enclosing item', async () => {
      const out = await mapped(
        `target: order
fields:
  refunds: { each: items, where: { kind: REFUND }, value: id }
  moves: { each: items, where: { kind: [SALE, VOID] }, value: id }
  rows:
    each: items
    where: { kind: SALE }
    fields:
      id: id
      children: { each: $root.items, where: { parentId: { path: id } }, value: id }
      voids: { each: $root.items, where: { parentId: { path: id }, kind: VOID }, value: id }`,
        ORDER,
      );
      expect(out).toEqual({
        refunds: ['b'],
        moves: ['a', 'c'],
        rows: [{ id: 'a', children: ['b', 'c'], voids: ['c'] }],
      });
    });

    it('sorts by instants across offsets, by numbers and by plain strings', async () => {
      const out = await mapped(
        `target: order
fields:
  newest: { each: items, sort: { by: at, order: desc }, value: id }
  oldest: { each: items, sort: { by: at }, value: id }
  byQty: { each: items, sort: { by: qty, order: desc }, value: qty }
  byName: { each: boxes, sort: { by: name }, value: name }`,
        { ...ORDER, boxes: [{ name: 'Crate 1' }, { name: 'Box 2' }, { name: 'Box 10' }] },
      );
      // a = 08:00Z, b = 09:30Z on the 5th; c = 04:59:59Z on the 5th.
      expect(out).toEqual({
        newest: ['b', 'a', 'c'],
        oldest: ['c', 'a', 'b'],
        byQty: [5, 2, 1],
        byName: ['Box 10', 'Box 2', 'Crate 1'],
      });
    });

    it('maps a non-list to an empty list and skips items that map to nothing', async () => {
      const out = await mapped(
        `target: order
fields:
  none: { each: customer, value: id }
  missing: { each: nope, fields: { id: id } }
  skus: { each: items, value: sku }`,
        ORDER,
      );
      expect(out).toEqual({ none: [], missing: [], skus: ['A-1', 'C-3'] });
    });

    it('passes the whole list through transforms (sum, count, sumMoney)', async () => {
      const out = await mapped(
        `target: order
fields:
  units: { each: items, value: qty, transform: sum }
  lines: { each: items, value: id, transform: count }
  paid: { each: items, value: { fields: { amount: price, currency: { const: usd } } }, transform: sumMoney }
  nothing: { each: items, where: { kind: CAPTURE }, value: price, transform: sumMoney }`,
        ORDER,
      );
      expect(out).toEqual({ units: 8, lines: 3, paid: { amount: '13.75', currency: 'USD' } });
    });
  });

  describe('list', () => {
    it('builds a fixed list and leaves out entries that map to nothing', async () => {
      const out = await mapped(
        `target: order
fields:
  sources:
    list:
      - fields: { connector: $ctx.connector, id: id, url: { template: '{$ctx.adminUrl}/orders/{legacyResourceId}' } }
      - customer.phone
      - { const: extra }`,
        ORDER,
        { connector: 'shopify' },
      );
      expect(out).toEqual({ sources: [{ connector: 'shopify', id: 'o1' }, 'extra'] });
    });
  });

  describe('fields', () => {
    it('reads a nested object from path, or from the current item without one', async () => {
      const out = await mapped(
        `target: order
fields:
  address:
    path: customer.address
    fields: { city: city, zip: zip }
  same:
    fields: { id: id, number: { path: name, transform: orderNumber } }`,
        ORDER,
      );
      expect(out).toEqual({ address: { city: 'Paris' }, same: { id: 'o1', number: '1001' } });
    });

    it('omits the object when the base is null or missing, unless there is a default', async () => {
      const out = await mapped(
        `target: order
fields:
  risk: { path: risk, fields: { level: level } }
  customer: { path: buyer, fields: { id: id } }
  empty: { path: customer, fields: { id: nope } }
  withDefault: { path: risk, fields: { level: level }, default: { level: none } }`,
        { risk: null },
      );
      expect(out).toEqual({ withDefault: { level: 'none' } });
    });
  });

  describe('scopes and ordering', () => {
    it('keeps $parent pointing at the enclosing item inside a path-less fields block', async () => {
      const out = await mapped(
        `target: order
fields:
  lines:
    each: items
    fields:
      ref:
        fields: { own: id, order: $parent.id, root: $root.id }`,
        ORDER,
      );
      expect((out as { lines: { ref: unknown }[] }).lines[0].ref).toEqual({
        own: 'a',
        order: 'o1',
        root: 'o1',
      });
    });

    it('sorts ISO date-times without an offset as UTC, whatever the host time zone', async () => {
      const out = await mapped(
        `target: order
fields:
  ids: { each: events, sort: { by: at, order: desc }, value: id }`,
        {
          events: [
            { id: 'utc-10h', at: '2025-11-05T10:00:00' },
            { id: 'paris-10h30', at: '2025-11-05T10:30:00+02:00' },
            { id: 'z-09h', at: '2025-11-05T09:00:00Z' },
          ],
        },
      );
      expect(out).toEqual({ ids: ['utc-10h', 'z-09h', 'paris-10h30'] });
    });

    it('ranks a value missing from the highest order above all, so a new level surfaces', async () => {
      const out = await mapped(
        `target: order
fields:
  worst: { path: levels, transform: { name: highest, order: [NONE, LOW, HIGH] }, table: level }
tables:
  level: { NONE: none, LOW: low, HIGH: high }`,
        { levels: ['LOW', 'CRITICAL', 'NONE'] },
      );
      expect(out).toEqual({ worst: 'unknown' });
    });
  });

  describe('transform', () => {
    it('chains transforms in order and passes arguments', async () => {
      const out = await mapped(
        `target: order
fields:
  code: { path: code, transform: [trim, uppercase] }
  phone: { path: phone, transform: { name: phone, region: GB } }
  tags: { path: tags, transform: split }
  tagsPipe: { path: pipe, transform: { name: split, separator: '|' } }
  last4: { path: card, transform: last4 }
  id: { path: gid, transform: gidId }
  qty: { path: qty, transform: int }
  notInt: { path: price, transform: int }
  price: { path: price, transform: number }
  yes: { path: flag, transform: boolean }
  at: { path: at, transform: isoDate }
  blank: { path: spaces, transform: trim }
  worst: { path: levels, transform: { name: highest, order: [NONE, LOW, MEDIUM, HIGH] } }`,
        {
          code: '  usd ',
          phone: '020 7946 0958',
          tags: 'vip, wholesale ,, b2b',
          pipe: 'a|b',
          card: '•••• •••• •••• 4242',
          gid: 'gid://shopify/Order/450789469',
          qty: '7',
          price: '12.5',
          flag: 'true',
          at: 1700000000,
          spaces: '   ',
          levels: ['LOW', 'HIGH', 'MEDIUM'],
        },
      );
      expect(out).toEqual({
        code: 'USD',
        phone: '+442079460958',
        tags: ['vip', 'wholesale', 'b2b'],
        tagsPipe: ['a', 'b'],
        last4: '4242',
        id: '450789469',
        qty: 7,
        price: 12.5,
        yes: true,
        at: '2023-11-14T22:13:20Z',
        worst: 'HIGH',
      });
    });

    it('reads money from shopMoney, from custom keys and from minor units', async () => {
      const out = await mapped(
        `target: order
fields:
  shop: { path: set.shopMoney, transform: money }
  stripe: { path: charge, transform: { name: money, minorUnits: true } }
  custom: { path: line, transform: { name: money, amount: total, currency: cur } }
  fallbackCurrency: { path: bare, transform: { name: money, defaultCurrency: EUR } }
  bad: { path: junk, transform: money }`,
        {
          set: { shopMoney: { amount: '4500.0', currencyCode: 'JPY' } },
          charge: { amount: 1099, currency: 'usd' },
          line: { total: '12.345', cur: 'kwd' },
          bare: { amount: '3.5' },
          junk: { amount: 'twelve', currencyCode: 'USD' },
        },
      );
      expect(out).toEqual({
        shop: { amount: '4500', currency: 'JPY' },
        stripe: { amount: '10.99', currency: 'USD' },
        custom: { amount: '12.345', currency: 'KWD' },
        fallbackCurrency: { amount: '3.50', currency: 'EUR' },
      });
    });
  });

  describe('table and default', () => {
    const yaml = `target: order
fields:
  status: { path: status, table: short }
  loose: { path: status, table: loose }
  strict: { path: status, table: strict }
  missing: { path: nope, table: short }
  defaulted: { path: nope, table: short, default: pending }
tables:
  short: { PAID: paid, REFUNDED: refunded }
  loose: { ignoreCase: true, values: { PAID: paid } }
  strict: { default: other, values: { PAID: paid } }`;

    it('looks values up exactly, or ignoring case', async () => {
      const { out, unknown } = await run(yaml, { status: 'PAID' });
      expect(out).toEqual({ status: 'paid', loose: 'paid', strict: 'paid', defaulted: 'pending' });
      expect(unknown).toEqual([]);
    });

    it('maps an unknown value to unknown (or the table default) and reports each miss', async () => {
      const { out, unknown } = await run(yaml, { status: 'paid' });
      expect(out).toEqual({ status: 'unknown', loose: 'paid', strict: 'other', defaulted: 'pending' });
      expect(unknown).toEqual([
        { mapping: 'test/thing', field: 'status', table: 'short', value: 'paid' },
        { mapping: 'test/thing', field: 'strict', table: 'strict', value: 'paid' },
      ]);
    });

    it('looks numbers up by their text and reports them as text', async () => {
      const { out, unknown } = await run(
        'target: order\nfields: { code: { path: code, table: t } }\ntables: { t: { "1": one } }',
        {
          code: 2,
        },
      );
      expect(out).toEqual({ code: 'unknown' });
      expect(unknown).toEqual([{ mapping: 'test/thing', field: 'code', table: 't', value: '2' }]);
    });

    it('uses default for a missing or null value, and list defaults', async () => {
      const out = await mapped(
        `target: order
fields:
  tags: { path: tags, transform: split, default: [] }
  note: { path: note, default: '' }
  kept: { path: zero, default: 9 }`,
        { tags: null, note: null, zero: 0 },
      );
      expect(out).toEqual({ tags: [], note: '', kept: 0 });
    });
  });

  it('returns undefined for a mapping whose every field is empty', async () => {
    expect(await mapped('target: order\nfields: { id: id }', {})).toBeUndefined();
  });
});
