import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, interpolate, loadConfigFile, parseConfig } from '../../../src/config/config.loader';
import { CONNECTOR_DEFINITIONS } from '../../../src/connectors/connector.list';
import { ConnectorRegistry } from '../../../src/connectors/connector.registry';

const quiet = () => ({ debug: () => undefined, warn: () => undefined });
const minimal = `
apiKeys:
  - { name: helpdesk, key: "\${HELPDESK_API_KEY}", scopes: [context:read] }
connectors:
  shopify:
    type: shopify
    shop: acme.myshopify.com
    accessToken: "\${SHOPIFY_ACCESS_TOKEN}"
`;
const env = { HELPDESK_API_KEY: 'helpdesk-key-123', SHOPIFY_ACCESS_TOKEN: 'shpat_abc' };

describe('config loader', () => {
  it('interpolates ${VAR} after parsing and fills defaults', () => {
    const config = parseConfig(minimal, env);
    expect(config.apiKeys[0]).toEqual({
      name: 'helpdesk',
      key: 'helpdesk-key-123',
      scopes: ['context:read'],
    });
    expect(config.connectors.shopify).toMatchObject({ type: 'shopify', accessToken: 'shpat_abc' });
    expect(config.server).toEqual({
      port: 3000,
      host: '0.0.0.0',
      role: 'all',
      timeouts: { headersMs: 10_000, requestMs: 30_000, keepAliveMs: 65_000 },
    });
    expect(config.redis).toEqual({ url: 'redis://127.0.0.1:6379', keyPrefix: 'hub' });
    expect(config.database.url).toBe('sqlite:./data/hub.sqlite');
    expect(config.context.deadlineMs).toBe(2000);
    expect(config.lastGood.retentionSeconds).toBe(7 * 86_400);
    expect(config.resilience).toEqual({
      retries: 2,
      backoffMs: 50,
      maxBackoffMs: 1000,
      breakerFailures: 5,
      halfOpenAfterMs: 10_000,
      maxConcurrent: 16,
      maxQueued: 64,
      connectors: {},
    });
  });

  it('takes resilience overrides per connector and names a bad one', () => {
    const config = parseConfig(
      `resilience:\n  retries: 1\n  connectors:\n    hubspot: { maxConcurrent: 2 }\nconnectors: {}`,
      {},
    );
    expect(config.resilience).toMatchObject({ retries: 1, connectors: { hubspot: { maxConcurrent: 2 } } });
    expect(() => parseConfig(`resilience:\n  retries: 9\nconnectors: {}`, {})).toThrow(/resilience\.retries/);
    expect(() => parseConfig(`resilience:\n  connectors:\n    x: { retrys: 1 }\nconnectors: {}`, {})).toThrow(
      /resilience\.connectors\.x/,
    );
  });

  it('keeps an environment value from changing the YAML structure', () => {
    const config = parseConfig(minimal, { ...env, SHOPIFY_ACCESS_TOKEN: 'x\nshop: evil.myshopify.com' });
    expect(config.connectors.shopify.shop).toBe('acme.myshopify.com');
    expect(config.connectors.shopify.accessToken).toBe('x\nshop: evil.myshopify.com');
  });

  it('accepts numbers that arrive as text, keeps strings strings, and supports ${VAR:-default}', () => {
    const config = parseConfig(`server:\n  port: \${HUB_PORT:-4321}\nconnectors: {}`, {});
    expect(config.server.port).toBe(4321);
    expect(() =>
      parseConfig(`server:\n  port: \${HUB_PORT}\nconnectors: {}`, { HUB_PORT: 'eighty' }),
    ).toThrow(/server\.port/);
    expect(interpolate({ a: '${X}-suffix', b: '${X}' }, { X: '12' })).toEqual({ a: '12-suffix', b: '12' });
  });

  it('reads phones.defaultRegion (the shop’s country) and refuses one the phone library does not know', () => {
    expect(parseConfig(minimal, env).phones).toEqual({});
    expect(parseConfig(`${minimal}\nphones: { defaultRegion: gb }\n`, env).phones).toEqual({
      defaultRegion: 'GB',
    });
    expect(() => parseConfig(`${minimal}\nphones: { defaultRegion: XX }\n`, env)).toThrow(
      /phones\.defaultRegion: must be a two-letter country code/,
    );
  });

  it('names the field whose environment variable is missing', () => {
    expect(() => parseConfig(minimal, { HELPDESK_API_KEY: 'helpdesk-key-123' })).toThrow(
      /connectors\.shopify\.accessToken: environment variable SHOPIFY_ACCESS_TOKEN is not set/,
    );
  });

  it('names each invalid field', () => {
    const bad = `server: { port: 70000 }\napiKeys: [{ name: a, key: short, scopes: [context:write] }]\nconnectors: {}`;
    let message = '';
    try {
      parseConfig(bad, {});
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      message = (e as Error).message;
    }
    expect(message).toMatch(/server\.port:/);
    expect(message).toMatch(/apiKeys\.0\.key: must be at least 12 characters/);
    expect(message).toMatch(/apiKeys\.0\.scopes\.0:/);
  });

  it("takes the shop's time zone by its IANA name, UTC when unset", () => {
    expect(parseConfig('connectors: {}', {}).shop.timeZone).toBe('UTC');
    expect(parseConfig('shop: { timeZone: Europe/Berlin }\nconnectors: {}', {}).shop.timeZone).toBe(
      'Europe/Berlin',
    );
    expect(() => parseConfig('shop: { timeZone: Mars/Olympus }\nconnectors: {}', {})).toThrow(
      /shop\.timeZone: must be an IANA time zone/,
    );
  });

  it('rejects unknown top-level sections and duplicate keys', () => {
    expect(() => parseConfig('connectors: {}\nsurprise: 1', {})).toThrow(/Unrecognized key.*surprise/);
    const dup = `apiKeys:\n  - { name: a, key: same-key-123456, scopes: [admin] }\n  - { name: b, key: same-key-123456, scopes: [admin] }\nconnectors: {}`;
    expect(() => parseConfig(dup, {})).toThrow(/apiKeys\.1\.key: same key as apiKeys\[0\]/);
    const sameName = `apiKeys:\n  - { name: a, key: first-key-123456, scopes: [admin] }\n  - { name: a, key: other-key-123456, scopes: [admin] }\nconnectors: {}`;
    expect(() => parseConfig(sameName, {})).toThrow(/apiKeys\.1\.name: same name as apiKeys\[0\]/);
  });

  it('refuses a vendor budget for a connector that is not configured, naming the ones that are', () => {
    const typo = `${minimal}budgets:\n  connectors:\n    shopfy: { overall: { limit: 10, perSeconds: 1 } }\n`;
    expect(() => parseConfig(typo, env)).toThrow(
      /budgets\.connectors\.shopfy: no connector "shopfy" is configured \(connectors: shopify\)/,
    );
    const right = `${minimal}budgets:\n  connectors:\n    shopify: { overall: { limit: 10, perSeconds: 1 } }\n`;
    expect(parseConfig(right, env).budgets.connectors.shopify).toEqual({
      overall: { limit: 10, perSeconds: 1 },
    });
  });

  it('lets DATABASE_URL, REDIS_URL and PORT override the file', () => {
    const config = parseConfig('connectors: {}', {
      DATABASE_URL: 'postgres://u@h/db',
      REDIS_URL: 'redis://r:6380',
      PORT: '8080',
    });
    expect(config.database.url).toBe('postgres://u@h/db');
    expect(config.redis.url).toBe('redis://r:6380');
    expect(config.server.port).toBe(8080);
  });

  it('reports unreadable files and broken YAML as ConfigError', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-config-'));
    try {
      expect(() => loadConfigFile(join(dir, 'missing.yaml'), {})).toThrow(/cannot read config file .*ENOENT/);
      writeFileSync(join(dir, 'broken.yaml'), 'connectors: [unclosed');
      expect(() => loadConfigFile(join(dir, 'broken.yaml'), {})).toThrow(/not valid YAML/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('connector registry from config', () => {
  it('builds connectors of known types, several of one type side by side', async () => {
    const config = parseConfig(
      `${minimal}  shopify-eu:\n    type: shopify\n    shop: acme-eu.myshopify.com\n    accessToken: t\n    baseUrl: http://127.0.0.1:4010\n`,
      env,
    );
    const registry = ConnectorRegistry.fromConfig(config.connectors, CONNECTOR_DEFINITIONS, quiet);
    expect(registry.all().map((c) => [c.id, c.type, c.system])).toEqual([
      ['shopify', 'shopify', 'oms'],
      ['shopify-eu', 'shopify', 'oms'],
    ]);
    expect(registry.withCapability('order.byNumber')).toHaveLength(2);
    await registry.closeAll();
  });

  it('tells the budgets of the connectors a request expects to call, and only those', async () => {
    const config = parseConfig(
      `${minimal}  shopify-eu:\n    type: shopify\n    shop: acme-eu.myshopify.com\n    accessToken: t\n    baseUrl: http://127.0.0.1:4010\n`,
      env,
    );
    const told: string[] = [];
    const registry = ConnectorRegistry.fromConfig(config.connectors, CONNECTOR_DEFINITIONS, quiet, (id) => ({
      // shopify-eu keeps no budget (as a connector without limits): nothing to tell.
      budget: id === 'shopify' ? { take: async () => {}, expect: () => told.push(id) } : undefined,
    }));
    registry.expectCalls(registry.all());
    registry.expectCalls([registry.get('shopify-eu')!]);
    expect(told).toEqual(['shopify']);
    await registry.closeAll();
  });

  it('names the connector field that is wrong', () => {
    const config = parseConfig(
      `connectors:\n  shop1:\n    type: shopify\n    shop: acme.com\n    accessToken: t\n    extra: 1\n`,
      {},
    );
    expect(() => ConnectorRegistry.fromConfig(config.connectors, CONNECTOR_DEFINITIONS, quiet)).toThrow(
      /connectors\.shop1\.shop: must be the permanent domain[\s\S]*Unrecognized key.*extra/,
    );
  });

  it('refuses a connector whose mappings context holds a name its definition does not declare', () => {
    const config = parseConfig(
      `connectors:\n  shop1:\n    type: shopify\n    shop: acme.myshopify.com\n    accessToken: t\n`,
      {},
    );
    const [shopify] = CONNECTOR_DEFINITIONS;
    const undeclared = {
      ...shopify,
      create: (options: never, context: Parameters<typeof shopify.create>[1]) => {
        const connector = shopify.create(options, context);
        return Object.assign(Object.create(connector) as typeof connector, {
          mappingContext: { ...connector.mappingContext, storefrontUrl: 'https://acme.example' },
        });
      },
    };
    expect(() => ConnectorRegistry.fromConfig(config.connectors, [undeclared], quiet)).toThrow(
      'connector type shopify gives the mappings $ctx.storefrontUrl but does not declare it',
    );
  });

  it('lists the known types when the type is unknown', () => {
    const config = parseConfig(`connectors:\n  x:\n    type: magento\n`, {});
    expect(() => ConnectorRegistry.fromConfig(config.connectors, CONNECTOR_DEFINITIONS, quiet)).toThrow(
      `connectors.x.type: unknown connector type "magento" (known: ${CONNECTOR_DEFINITIONS.map((d) => d.type).join(', ')})`,
    );
  });

  it('loads the sandbox config that npm start uses', () => {
    const config = loadConfigFile(join(__dirname, '../../../config/sandbox.yaml'), {
      SANDBOX_URL: 'http://127.0.0.1:4010',
    });
    expect(config.connectors.shopify).toMatchObject({ type: 'shopify', baseUrl: 'http://127.0.0.1:4010' });
    expect(config.apiKeys.map((k) => k.name)).toEqual([
      'demo-helpdesk',
      'demo-bot',
      'demo-backoffice',
      'demo-admin',
    ]);
  });

  it('loads config/hub.example.yaml as documented, with its variables set', () => {
    const config = loadConfigFile(join(__dirname, '../../../config/hub.example.yaml'), {
      HELPDESK_API_KEY: 'helpdesk-key-0001',
      BACKOFFICE_API_KEY: 'backoffice-key-01',
      BOT_API_KEY: 'bot-key-000000001',
      SHOPIFY_ACCESS_TOKEN: 'shpat_x',
    });
    expect(config.server.role).toBe('all');
    expect(config.apiKeys[0]).toMatchObject({ name: 'helpdesk', refundLimit: { USD: '100.00' } });
    expect(config.actions).toMatchObject({ attempts: 6, backoffMs: 2000, maxBackoffMs: 60000 });
  });
});
