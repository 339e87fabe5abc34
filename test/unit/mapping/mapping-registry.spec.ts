import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Customer } from '../../../src/canonical';
import { MappingDefinitionError, MappingOutputError } from '../../../src/mapping/mapping.error';
import { MappingRegistry } from '../../../src/mapping/mapping.registry';
import { shopifyReply } from '../../fixtures/shopify';

const BUILT_IN = join(__dirname, '../../../mappings');
const CTX = { connector: 'shopify', adminUrl: 'https://admin.shopify.com/store/acme' };

describe('MappingRegistry', () => {
  const dirs: string[] = [];
  /** A fresh mappings folder holding `files` ("vendor/resource.yaml" → YAML). */
  function folder(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), 'context-hub-mappings-'));
    dirs.push(dir);
    for (const [name, yaml] of Object.entries(files)) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), yaml);
    }
    return dir;
  }
  function definitionError(yaml: string): MappingDefinitionError {
    const dir = folder({ 'acme/thing.yaml': yaml });
    try {
      new MappingRegistry({ dirs: [dir] });
    } catch (e) {
      expect(e).toBeInstanceOf(MappingDefinitionError);
      const error = e as MappingDefinitionError;
      expect(error.file).toBe(join(dir, 'acme/thing.yaml'));
      expect(error.message.startsWith(`${join(dir, 'acme/thing.yaml')}`)).toBe(true);
      return error;
    }
    throw new Error('the mapping compiled');
  }

  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('loads the built-in mappings', () => {
    const registry = new MappingRegistry({ dirs: [BUILT_IN] });
    expect(registry.names()).toEqual(expect.arrayContaining(['shopify/customer', 'shopify/order']));
    expect(registry.has('shopify', 'order')).toBe(true);
    expect(registry.has('shopify', 'invoice')).toBe(false);
  });

  describe('definition errors name the file and the field', () => {
    it('invalid YAML (with the line)', () => {
      const error = definitionError('target: order\nfields:\n  id: [unclosed\n');
      expect(error.field).toBeUndefined();
      expect(error.message).toMatch(/not valid YAML: .*line \d+/);
    });

    it('unknown transform, also inside a chain', () => {
      const error = definitionError(
        'target: customer\nfields:\n  id: id\n  email: { path: email, transform: [trim, lowercaes] }\n',
      );
      expect(error.field).toBe('email');
      expect(error.message).toContain('→ email: unknown transform "lowercaes"');
    });

    it('unknown table', () => {
      const error = definitionError(
        'target: customer\nfields:\n  id: id\n  name: { path: x, table: nope }\n',
      );
      expect(error.field).toBe('name');
      expect(error.message).toContain('table "nope" is not defined');
    });

    it('a field the canonical model does not have (a typo), nested in each', () => {
      const error = definitionError(
        'target: order\nfields:\n  id: id\n  lineItems:\n    each: lineItems.nodes\n    fields: { id: id, titel: title }\n',
      );
      expect(error.field).toBe('lineItems[].titel');
      expect(error.message).toContain('lineItems[].titel: not a field of the canonical order');
    });

    it('a typo at the top level and inside a nested object', () => {
      expect(definitionError('target: customer\nfields:\n  id: id\n  emial: email\n').field).toBe('emial');
      expect(
        definitionError(
          'target: order\nfields:\n  id: id\n  totals:\n    fields: { totl: { path: t, transform: money } }\n',
        ).field,
      ).toBe('totals.totl');
    });

    it('a typo inside a list of sources', () => {
      const error = definitionError(
        'target: customer\nfields:\n  id: id\n  sources:\n    list:\n      - fields: { conector: $ctx.connector, id: id }\n',
      );
      expect(error.field).toBe('sources[0].conector');
      expect(error.message).toContain('not a field of the canonical customer');
    });

    it('bad JSONata', () => {
      const error = definitionError(
        'target: customer\nfields:\n  id: id\n  name: { expr: "firstName & " }\n',
      );
      expect(error.field).toBe('name');
      expect(error.message).toContain('invalid JSONata expression');
    });

    it('unknown target', () => {
      const error = definitionError('target: invoice\nfields:\n  id: id\n');
      expect(error.field).toBe('target');
      expect(error.message).toContain('"invoice" is not one of order, orderFragment, customer');
    });

    it('an unknown key in a field spec', () => {
      const error = definitionError('target: customer\nfields:\n  id: id\n  email: { pth: email }\n');
      expect(error.field).toBe('fields.email');
      expect(error.message).toContain('pth');
    });

    it('two sources for one field', () => {
      const error = definitionError('target: customer\nfields:\n  id: { path: id, const: x }\n');
      expect(error.field).toBe('id');
      expect(error.message).toContain('not path+const');
    });

    it('a where that is neither a literal, a list nor { path }', () => {
      const error = definitionError(
        'target: customer\nfields:\n  tags: { each: tags, where: { a: { b: 1 } }, value: . }\n',
      );
      expect(error.field).toBe('tags');
      expect(error.message).toContain('where.a');
    });
  });

  it('refuses a folder that does not exist', () => {
    expect(() => new MappingRegistry({ dirs: [join(tmpdir(), 'context-hub-no-such-folder')] })).toThrow(
      MappingDefinitionError,
    );
  });

  it('lets a later folder replace one mapping and keeps the others', async () => {
    const override = folder({
      'shopify/customer.yaml': [
        'target: customer',
        'fields:',
        '  id: legacyResourceId',
        '  email: { path: email, transform: email }',
        '  tags: { const: [override] }',
        '  sources: { list: [{ fields: { connector: $ctx.connector, id: legacyResourceId } }] }',
      ].join('\n'),
    });
    const registry = new MappingRegistry({ dirs: [BUILT_IN, override] });
    const jane = shopifyReply('customers').data.customers.nodes[0];

    await expect(registry.map<Customer>('shopify', 'customer', jane, CTX)).resolves.toEqual({
      id: '7012345678901',
      email: 'jane.doe@example.com',
      tags: ['override'],
      sources: [{ connector: 'shopify', id: '7012345678901' }],
    });
    const order = await registry.map<{ number: string }>(
      'shopify',
      'order',
      shopifyReply('order-jpy').data.orders.nodes[0],
      CTX,
    );
    expect(order.number).toBe('1002');
    expect(registry.names().filter((n) => n.startsWith('shopify/'))).toEqual([
      'shopify/customer',
      'shopify/order',
    ]);
  });

  it('an override folder can add a vendor of its own', async () => {
    const extra = folder({
      'acme/customer.yml': readFileSync(join(BUILT_IN, 'shopify/customer.yaml'), 'utf8'),
    });
    const registry = new MappingRegistry({ dirs: [BUILT_IN, extra] });
    expect(registry.has('acme', 'customer')).toBe(true);
    expect(registry.has('shopify', 'customer')).toBe(true);
  });

  it('throws MappingOutputError naming the broken canonical fields', async () => {
    const registry = new MappingRegistry({ dirs: [BUILT_IN] });
    const broken = {
      ...shopifyReply('customers').data.customers.nodes[0],
      id: null,
      createdAt: 'not a date',
    };
    const error = await registry.map('shopify', 'customer', broken, CTX).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MappingOutputError);
    expect((error as MappingOutputError).mapping).toBe('shopify/customer');
    expect((error as MappingOutputError).issues.map((i) => i.path)).toEqual(['id', 'sources.0.id']);
  });

  it('refuses a mapping it does not have', async () => {
    const registry = new MappingRegistry({ dirs: [BUILT_IN] });
    await expect(registry.map('shopify', 'invoice', {}, CTX)).rejects.toThrow('no mapping shopify/invoice');
  });
});
