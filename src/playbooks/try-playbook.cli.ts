/**
 * `npm run playbooks:try`: what an order would get from playbooks not yet deployed
 * (docs/playbooks.md "Trying a playbook"). The order's context comes from a running hub
 * (GET /v1/orders/{n}/context with a context:read key) or from a file holding such an answer;
 * the playbooks are the given files (default: the built-in ones). Nothing is written anywhere.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '../common/project-root';
import { stillGranted } from '../actions/granted-remedies';
import { type OrderContext, OrderContextSchema } from '../context/context.schemas';
import { forChannel, PlaybookEngine } from './playbook.engine';
import { factsOf } from './playbook.facts';
import { loadPlaybooks, parsePlaybook } from './playbook.loader';
import { checkSituation, checkSkus } from './reported-check';
import { HubException } from '../common/problem';
import { CHANNELS, type Channel } from './playbook.schema';

const USAGE = `usage: npm run playbooks:try -- (--order N [--hub URL] [--key KEY] | --context FILE)
         [--situation S] [--skus A,B] [--channel agent|bot] [--file PLAYBOOK.yaml ...] [--now ISO] [--json]
  --order     the order number, read from the hub at --hub (default $HUB_URL or http://127.0.0.1:3000)
              with --key (default $HUB_API_KEY), a key with context:read
  --context   a file with an order context answer instead (GET /v1/orders/{n}/context)
  --file      a playbook to try (repeat for more): it replaces the built-in one of the same id
  --now       the moment to decide at; default: when the context was made (a saved one stays true)
  Exit codes: 0 decided, 1 a condition failed to evaluate or the hub refused, 2 a usage mistake`;

class UsageError extends Error {}

/** One line to standard output (what the command answers; errors go to standard error). */
const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        order: { type: 'string' },
        hub: { type: 'string' },
        key: { type: 'string' },
        context: { type: 'string' },
        situation: { type: 'string' },
        skus: { type: 'string' },
        channel: { type: 'string', default: 'agent' },
        file: { type: 'string', multiple: true },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
        now: { type: 'string' },
      },
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values } = parsed;
  if (values.help) {
    say(USAGE);
    return 0;
  }
  if (!CHANNELS.includes(values.channel as Channel)) throw new UsageError(`--channel is agent or bot`);
  if (!values.order === !values.context) throw new UsageError('give --order or --context, one of them');
  const context = values.context
    ? // A context saved before answers listed remedies has granted none.
      OrderContextSchema.parse({ remedies: [], ...JSON.parse(readFileSync(values.context, 'utf8')) })
    : await fromHub(values.order!, values.hub, values.key);
  if (!context.order) throw new UsageError('the context holds no order');
  // As the hub layers them: the built-in playbooks, then each file replacing the one of its id.
  const byId = new Map(loadPlaybooks([join(projectRoot(), 'playbooks')]).map((p) => [p.id, p]));
  for (const f of values.file ?? []) {
    const p = parsePlaybook(readFileSync(f, 'utf8'), f);
    byId.set(p.id, p);
  }
  const playbooks = [...byId.values()];
  const engine = new PlaybookEngine(playbooks);
  const skus = values.skus
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  try {
    checkSituation([...new Set(playbooks.map((p) => p.situation))].sort(), values.situation);
    checkSkus(context.order, skus);
  } catch (error) {
    throw new UsageError(error instanceof HubException ? (error.detail ?? error.title) : String(error));
  }
  const now = new Date(values.now ?? context.generatedAt);
  if (Number.isNaN(now.getTime()))
    throw new UsageError('--now is an ISO 8601 time such as 2026-12-03T10:00:00Z');
  const granted = context.remedies ? stillGranted(context.remedies) : null;
  const facts = factsOf(
    { ...context, order: context.order, granted },
    { situation: values.situation, skus },
    now,
  );
  const { decisions, errors } = await engine.decide(facts, context.order, skus);
  const shown = forChannel(decisions, values.channel as Channel);
  if (values.json) {
    say(JSON.stringify({ orderNumber: context.order.number, decisions: shown, facts, errors }, null, 2));
    return errors.length ? 1 : 0;
  }
  say(`Order ${context.order.number}, ${values.channel}, ${playbooks.length} playbook(s):`);
  if (shown.length === 0) say('  no playbook applies (report a situation with --situation)');
  for (const d of shown) {
    say(`  ${d.playbook} → rule ${d.rule} (${d.by}): ${d.why}`);
    for (const r of d.remedies) {
      const amount = r.amount ? ` ${r.amount.amount} ${r.amount.currency}` : '';
      const team = r.team ? ` to ${r.team}` : '';
      say(
        `    - ${r.remedy}${amount}${team}${r.approval ? ', needs approval' : ''} [${r.channels.join(', ')}]`,
      );
    }
    if (d.remedies.length === 0) say('    (nothing to offer)');
  }
  for (const e of errors) say(`  ! ${e.playbook}, rule ${e.rule}: ${e.error}`);
  return errors.length ? 1 : 0;
}

async function fromHub(order: string, hub?: string, key?: string): Promise<OrderContext> {
  const base = hub ?? process.env.HUB_URL ?? 'http://127.0.0.1:3000';
  const apiKey = key ?? process.env.HUB_API_KEY;
  if (!apiKey) throw new UsageError('--key (or HUB_API_KEY) is needed to read the order from the hub');
  const res = await fetch(`${base}/v1/orders/${encodeURIComponent(order)}/context`, {
    headers: { authorization: `Bearer ${apiKey}` },
  });
  const body = (await res.json()) as unknown;
  if (!res.ok)
    throw new Error(`the hub answered ${res.status}: ${(body as { detail?: string }).detail ?? ''}`);
  return OrderContextSchema.parse(body);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(
      error instanceof UsageError ? `${error.message}\n${USAGE}` : `playbooks:try: ${error.message}`,
    );
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
