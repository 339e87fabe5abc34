import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type Harness, startHarness } from '../support/hub-harness';

const ROOT = join(__dirname, '../..');
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Every operation of a document, with its method and path. */
function operations(document: any): { method: string; path: string; op: any }[] {
  return Object.entries(document.paths).flatMap(([path, item]: [string, any]) =>
    METHODS.filter((m) => item[m]).map((method) => ({ method, path, op: item[method] })),
  );
}

interface LintProblem {
  severity: string;
  rule: string;
  message: string;
  at: string;
}

/**
 * Redocly's linter (the engine of Redocly CLI, an ES module) with the repo's redocly.yaml, run as
 * `npm run lint:openapi` runs it: scripts/lint-openapi.mjs on the document written to a file.
 */
async function lint(document: unknown): Promise<LintProblem[]> {
  const dir = mkdtempSync(join(tmpdir(), 'openapi-'));
  try {
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(document));
    const run = promisify(execFile);
    const { stdout } = await run(process.execPath, [
      join(ROOT, 'scripts/lint-openapi.mjs'),
      '--json',
      file,
    ]).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '[]' }));
    return JSON.parse(stdout) as LintProblem[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const described = (problems: LintProblem[]) =>
  problems.map((p) => `${p.severity} ${p.rule}: ${p.message} at ${p.at}`);

/** The OpenAPI documents an agent builder imports: the whole API and the bot-facing subset. */
describe('OpenAPI documents for agent builders (served by a live hub)', () => {
  let hub: Harness;
  let whole: any;
  let bots: any;
  beforeAll(async () => {
    hub = await startHarness(undefined, { only: ['shopify'] });
    whole = (await hub.get('/docs/openapi.json')).body;
    bots = (await hub.get('/docs/bots/openapi.json')).body;
  });
  afterAll(() => hub.close());

  it.each([
    ['the whole API', () => whole],
    ['the bot subset', () => bots],
  ])('%s passes the OpenAPI linter with no errors', async (_name, doc) => {
    // The one warning allowed: the health probes have no 4xx to document (they take no input).
    const problems = described(await lint(doc())).filter(
      (p) => !/^warn operation-4xx-response: .* at #\/paths\/~1health~1(live|ready)\//.test(p),
    );
    expect(problems).toEqual([]);
  });

  it('gives every operation an id, a summary, a description, its errors and examples of each answer', () => {
    const all = operations(whole);
    expect(all.length).toBeGreaterThanOrEqual(20);
    const ids = all.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { method, path, op } of all) {
      const where = `${method.toUpperCase()} ${path}`;
      expect([where, op.operationId]).toEqual([where, expect.stringMatching(/^[a-z][A-Za-z]+$/)]);
      expect([where, op.summary?.length > 10, op.description?.length > 20]).toEqual([where, true, true]);
      for (const [status, response] of Object.entries<any>(op.responses)) {
        for (const [type, media] of Object.entries<any>(response.content ?? {})) {
          expect([where, status, type, media.example !== undefined]).toEqual([where, status, type, true]);
          // Errors are problem documents, said as such (readiness answers 503 with its own report).
          const problem = /^#\/components\/schemas\/\w*Problem$/.test(media.schema?.$ref ?? '');
          expect([where, status, type]).toEqual([where, status, problem ? 'application/problem+json' : type]);
          if (Number(status) >= 400 && op.operationId !== 'checkReadiness')
            expect([where, status, problem]).toEqual([where, status, true]);
        }
      }
      if (op.requestBody)
        expect([where, op.requestBody.content['application/json'].example]).not.toEqual([where, undefined]);
    }
  });

  it('names the hub where the document was fetched, so an importer calls it there', () => {
    expect(whole.servers).toEqual([{ url: hub.hubUrl }]);
    expect(bots.servers).toEqual([{ url: hub.hubUrl }]);
    expect(whole.openapi).toBe('3.0.0');
  });

  it('offers a bot only the shipment status: no personal data, no actions', () => {
    expect(operations(bots).map((o) => `${o.method} ${o.path} ${o.op.operationId}`)).toEqual([
      'get /v1/shipments/status getShipmentStatus',
    ]);
    const text = JSON.stringify(bots);
    for (const absent of ['OrderContext', 'CustomerContext', '/v1/orders', 'actions', 'Customer"']) {
      expect(text).not.toContain(absent);
    }
    expect(Object.keys(bots.components.securitySchemes)).toEqual(['bearer']);
    const op = operations(bots)[0].op;
    expect(op.parameters.map((p: any) => p.name).sort()).toEqual([
      'Accept-Language',
      'email',
      'locale',
      'orderNumber',
      'postalCode',
    ]);
    expect(op.responses['200'].content['application/json'].example).toMatchObject({
      orderNumber: expect.any(String),
      message: expect.any(String),
    });
  });

  it('says which operations take no API key, and how the others prove themselves', () => {
    const byId = Object.fromEntries(operations(whole).map((o) => [o.op.operationId, o.op]));
    expect(whole.security).toEqual([{ bearer: [] }]);
    expect(byId.checkLiveness.security).toEqual([]);
    expect(byId.receiveVendorWebhook.security).toEqual([]);
    expect(byId.getCardContext.security).toEqual([{ cardToken: [] }]);
    expect(byId.intercomInitialize.security).toEqual([{ intercomSignature: [] }]);
    expect(byId.getOrderContext.security).toEqual([{ bearer: [] }]);
  });
});
