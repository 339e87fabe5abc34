import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { CONNECTOR_DEFINITIONS } from '../../../src/connectors/connector.list';
import { payloadSources } from '../../../src/core.providers';
import { MappingDefinitionError } from '../../../src/mapping/mapping.error';
import { MappingRegistry } from '../../../src/mapping/mapping.registry';
import { MappingFileSchema } from '../../../src/mapping/mapping.schema';
import { payloadPathProblems } from '../../../src/mapping/payload-paths';

const BUILT_IN = join(__dirname, '../../../mappings');

/** A small vendor payload with each kind of node the checker walks. */
const text = z.string().nullish();
const PAYLOAD = z.looseObject({
  id: z.number(),
  name: text,
  address: z.looseObject({ city: text, lines: z.array(z.string()).nullish() }).nullish(),
  items: z.array(z.looseObject({ sku: text, qty: z.number().nullish(), parentId: z.number().nullish() })),
  metadata: z.record(z.string(), z.string()).nullish(),
  extra: z.unknown(),
  owner: z.union([z.looseObject({ email: text }), z.looseObject({ phone: text })]).nullish(),
  created: z.preprocess((v) => v, z.number()),
  price: z.looseObject({ cents: z.number(), currencyCode: z.string() }),
  /** A list in one shape or another (a version change): `each` reads either. */
  lines: z.union([z.array(z.looseObject({ sku: text })), z.array(z.looseObject({ code: text }))]).nullish(),
  billing: z.looseObject({ town: text }).nullish(),
});

/** The problems of a mapping given as YAML fields (under `fields:`), against PAYLOAD with $ctx.adminUrl. */
function problems(fields: string): string[] {
  const doc = MappingFileSchema.parse(parseYaml(`target: order\nfields:\n${fields}`));
  return payloadPathProblems(doc, { payload: PAYLOAD, context: ['adminUrl'] }, 'acme/thing').map(
    (p) => `${p.field}: ${p.message.replace(' [acme/thing payload schema]', '')}`,
  );
}

describe('mapping paths checked against the vendor payload schema', () => {
  it('accepts every path that can exist: fields, indexes, records, unions, open values, $root/$parent/$ctx', () => {
    expect(
      problems(`
  id: id
  a: [name, address.city, address.lines.0]
  b: metadata.order_number
  c: extra.anything.at.all
  d: owner.phone
  e: { path: created, transform: isoDate }
  f: { template: '{$ctx.adminUrl}/things/{id}', transform: string }
  g: { join: [name, address.city] }
  h: { collect: [id, created] }
  i: { when: [{ path: name, then: { path: address.city } }, { test: { path: owner.email }, then: x }], else: y }
  j:
    path: address
    fields: { city: city, root: $root.name, up: $parent.id }
  k:
    each: items
    where: { sku: [A, B], parentId: { path: id } }
    sort: { by: qty }
    fields: { sku: sku, top: $parent.name, same: . }
  l: { each: items, value: qty, transform: sum }
  m: { list: [{ fields: { connector: $ctx.connector, id: id } }] }
  n: { path: price, transform: { name: money, amount: cents } }
  o: { path: price, transform: { name: money, amount: cents, defaultCurrency: EUR } }
  p: { each: lines, fields: { sku: sku, code: code } }
  q: { path: [address, billing], fields: { city: city, town: town } }
  r: { when: [{ path: name, then: { path: not_a_field, note: literal } }] }
`),
    ).toEqual([]);
  });

  it.each([
    ['a top-level typo', 'x: nmae', 'x: path "nmae": no "nmae" in the payload (it has id, name, address'],
    ['a nested typo', 'x: address.ctiy', 'x: path "address.ctiy": no "ctiy" in address (it has city, lines)'],
    ['a step into text', 'x: name.first', 'x: path "name.first": name is a string, it has no "first"'],
    [
      'a list read without an index',
      'x: items.sku',
      'x: path "items.sku": items is a list: index it (items.0.sku) or read it with each',
    ],
    ['fields on text', 'x: { path: name, fields: { a: a } }', 'x: path "name" is a string: it has no fields'],
    [
      'each over an object',
      'x: { each: address, value: city }',
      'x: each "address" is an object, not a list',
    ],
    [
      'a typo inside each',
      'x: { each: items, fields: { s: skuu } }',
      'x[].s: path "skuu": no "skuu" in the payload',
    ],
    [
      'a where key',
      'x: { each: items, where: { kind: A }, value: sku }',
      'x[] where: path "kind": no "kind"',
    ],
    [
      'a where reference on the enclosing item',
      'x: { each: items, where: { parentId: { path: idd } }, value: sku }',
      'x where: path "idd": no "idd"',
    ],
    ['a sort key', 'x: { each: items, sort: { by: quantity }, value: sku }', 'x[] sort: path "quantity"'],
    [
      'a template placeholder',
      "x: { template: 'https://x/{legacyId}' }",
      'x: path "legacyId": no "legacyId"',
    ],
    ['a join part', 'x: { join: [name, town] }', 'x: path "town"'],
    ['a when test', 'x: { when: [{ path: stat, then: a }] }', 'x: path "stat"'],
    ['a when then', 'x: { when: [{ path: name, then: { path: nam } }] }', 'x: path "nam"'],
    [
      'a $root typo',
      'x: { path: address, fields: { n: $root.nme } }',
      'x.n: path "$root.nme": no "nme" in $root',
    ],
    ['$parent at the top', 'x: $parent.id', 'x: path "$parent.id": no enclosing item here'],
    [
      'an undeclared $ctx name',
      'x: $ctx.dashboardUrl',
      'x: path "$ctx.dashboardUrl": "dashboardUrl" is not a $ctx name of this connector (it has connector, adminUrl)',
    ],
    [
      'a step into a $ctx value',
      'x: $ctx.adminUrl.host',
      'x: path "$ctx.adminUrl.host": $ctx.adminUrl is text',
    ],
    ['a path no union option has', 'x: owner.fax', 'x: path "owner.fax": no "fax" in owner'],
    ['a fallback path', 'x: [name, nickname]', 'x: path "nickname"'],
    ['a field no fallback has', 'x: { path: [address, billing], fields: { z: zip } }', 'x.z: path "zip"'],
    [
      'a sort key outside the item',
      'x: { each: items, sort: { by: $root.id }, value: sku }',
      'reads the item only',
    ],
    ['a bare $ctx', 'x: $ctx', 'x: path "$ctx": $ctx needs a name'],
    [
      'a money amount key',
      'x: { path: price, transform: money }',
      'x: money from "price": it has no "amount"',
    ],
    [
      'a money currency key',
      'x: { path: price, transform: { name: money, amount: cents, currency: curr } }',
      'x: money from "price": it has no "curr"',
    ],
  ])('names %s', (_what, fields, message) => {
    const found = problems(`  ${fields}\n`);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(message);
  });

  it('leaves JSONata expressions alone (they are not paths)', () => {
    expect(problems('  x: { expr: "$sum(items.nonsense)" }\n')).toEqual([]);
  });
});

describe('boot checks the mappings against the connectors’ payload schemas', () => {
  const dirs: string[] = [];
  const copy = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'context-hub-mappings-'));
    dirs.push(dir);
    cpSync(BUILT_IN, dir, { recursive: true });
    return dir;
  };
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('every built-in mapping reads only what its vendor sends, and every record has its mapping', () => {
    const registry = new MappingRegistry({ dirs: [BUILT_IN], payloads: payloadSources() });
    expect(registry.names()).toEqual(Object.keys(payloadSources()).sort());
    expect(registry.names()).toHaveLength(
      CONNECTOR_DEFINITIONS.reduce((n, d) => n + Object.keys(d.payloads).length, 0),
    );
  });

  it('a typo in a mapping stops boot, naming the file, the field and what the payload has', () => {
    const dir = copy();
    const file = join(dir, 'shipbob/order.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('tracking.carrier_service', 'tracking.carrier_servce'),
    );
    expect(() => new MappingRegistry({ dirs: [dir], payloads: payloadSources() })).toThrow(
      new MappingDefinitionError(
        file,
        'shipments[].service',
        'path "tracking.carrier_servce": no "carrier_servce" in tracking (it has carrier, carrier_service, tracking_number, tracking_url) [shipbob/order payload schema]',
      ),
    );
  });

  it('a deployment’s own mapping folder is checked too', () => {
    const own = mkdtempSync(join(tmpdir(), 'context-hub-own-mappings-'));
    dirs.push(own);
    cpSync(join(BUILT_IN, 'stripe'), join(own, 'stripe'), { recursive: true });
    const file = join(own, 'stripe/customer.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('path: email,', 'path: e_mail,'));
    expect(() => new MappingRegistry({ dirs: [BUILT_IN, own], payloads: payloadSources() })).toThrow(
      /stripe\/customer\.yaml → email: path "e_mail": no "e_mail" in the payload/,
    );
  });

  it('a mapping no connector returns records for stops boot', () => {
    const dir = copy();
    cpSync(join(dir, 'shipbob/order.yaml'), join(dir, 'shipbob/orders.yaml'));
    expect(() => new MappingRegistry({ dirs: [dir], payloads: payloadSources() })).toThrow(
      /shipbob\/orders\.yaml: no connector returns "shipbob\/orders" records \(known: aftership\/tracking, /,
    );
  });

  it('a record no mapping reads stops boot', () => {
    const dir = copy();
    rmSync(join(dir, 'zendesk/ticket.yaml'));
    expect(() => new MappingRegistry({ dirs: [dir], payloads: payloadSources() })).toThrow(
      'mappings/zendesk/ticket.yaml: a connector returns these records but no mapping reads them',
    );
  });
});
