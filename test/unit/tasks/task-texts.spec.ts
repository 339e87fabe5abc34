import { Test } from '@nestjs/testing';
import { type ActionRow } from '../../../src/actions/action.entity';
import { approvalTask, failedActionTask, unknownOutcomeTask } from '../../../src/actions/action-tasks';
import { CONNECTOR_DEFINITIONS } from '../../../src/connectors/connector.list';
import { type ActionType, type Capability, type Connector } from '../../../src/connectors/contract';
import { InterfaceMonitor, type InterfaceStateChange } from '../../../src/monitoring/interface-monitor';
import { ConnectorRegistry } from '../../../src/connectors/connector.registry';
import { TASK_KINDS, type TaskKind } from '../../../src/tasks/task.entity';
import { OutageTasks } from '../../../src/tasks/outage-tasks';
import { type NewTask, TasksService } from '../../../src/tasks/tasks.service';
import { actionRow } from '../../support/action-row.factory';

/**
 * Every task kind, rendered for every connector (and every action type and failure that can
 * produce it): the texts must send a person somewhere real in that vendor's admin and tell them
 * what to do there, never something generic ("the order in hubspot") or contradictory ("open the
 * contact" when HubSpot just said there is none). No IO: the texts are built without any call.
 */

/** Options just complete enough to build each connector (none is called). */
const OPTIONS: Record<string, Record<string, unknown>> = {
  shopify: { shop: 'acme.myshopify.com', accessToken: 'shpat_test' },
  shipbob: { accessToken: 'shipbob_test' },
  easypost: { apiKey: 'EZTK_test' },
  aftership: { apiKey: 'aftership_test' },
  hubspot: { accessToken: 'pat-na1-test', portalId: '1234567' },
  zendesk: { subdomain: 'acme', email: 'agent@acme.example', apiToken: 'zd_test' },
  stripe: { secretKey: 'sk_test_4eC39HqLyjWDarjt' },
};

/** How each vendor is named, and the place in its admin a task must point at. */
const VENDOR: Record<string, { name: string; place: RegExp }> = {
  shopify: { name: 'Shopify', place: /Shopify admin/ },
  shipbob: { name: 'ShipBob', place: /ShipBob → Orders/ },
  easypost: { name: 'EasyPost', place: /EasyPost dashboard → Trackers/ },
  aftership: { name: 'AfterShip', place: /AfterShip → Shipments/ },
  hubspot: { name: 'HubSpot', place: /HubSpot → CRM → Contacts/ },
  zendesk: { name: 'Zendesk', place: /Zendesk Support/ },
  stripe: { name: 'Stripe', place: /Stripe Dashboard/ },
};

/** What an outage task must say where to find, per capability the connector reads. */
const COVERS: Record<Capability, RegExp> = {
  'order.byNumber': /\border\b/i,
  'orders.byNumbers': /\border\b/i,
  'orders.byCustomer': /\borders\b/i,
  'customer.byEmail': /\bemail\b/i,
  'customer.byPhone': /\bphone\b/i,
  'customers.byName': /\bname\b/i,
  'shipments.byTracking': /\btracking\b/i,
  'cases.byCustomer': /\btickets?\b/i,
};

const PARAMS: Record<ActionType, ActionRow['params']> = {
  cancel: {
    reason: 'customer',
    refund: true,
    restock: false,
    notifyCustomer: true,
    staffNote: 'Asked by chat',
  },
  refund: { amount: '150.00', currency: 'USD', reason: 'Damaged' },
  note: { text: 'Customer called about the parcel', author: 'Dana', customerEmail: 'jane.doe@example.com' },
  replacement: { items: [{ sku: 'MUG-CER-12', quantity: 1 }], reason: 'Arrived broken' },
  store_credit: { amount: '10.00', currency: 'USD', reason: 'Late parcel' },
};

/** Why an action can end with a person (`exhausted`: it ran out of attempts). */
const FAILURES = [
  { code: 'upstream_unavailable', message: 'HTTP 503', exhausted: true },
  { code: 'timeout', message: 'no answer in 10000 ms', exhausted: true },
  { code: 'rejected', message: 'the vendor refused it', exhausted: false },
  { code: 'not_found', message: 'the vendor has no such record', exhausted: false },
  { code: 'bad_request', message: 'the vendor did not accept the request', exhausted: false },
  { code: 'auth_failed', message: 'HTTP 401', exhausted: false },
] as const;

function build(type: string): Connector {
  const definition = CONNECTOR_DEFINITIONS.find((d) => d.type === type)!;
  const options = definition.optionsSchema.parse(OPTIONS[type]);
  return definition.create(options, { id: type, logger: { debug() {}, warn() {} } });
}

function row(connector: Connector, type: ActionType, params = PARAMS[type]): ActionRow {
  const now = new Date('2026-02-01T10:00:00Z');
  return actionRow({
    id: `act-${connector.id}-${type}`,
    idempotencyKey: `key-${type}`,
    type,
    connector: connector.id,
    params,
    status: 'running',
    attempts: 6,
    maxAttempts: 6,
    createdAt: now,
    updatedAt: now,
    startedAt: now,
  });
}

/** The outage task, as OutageTasks opens it when the monitor reports the interface down. */
async function outageTask(connector: Connector): Promise<NewTask> {
  const opened: NewTask[] = [];
  const monitor: Pick<InterfaceMonitor, 'onStateChange'> = { onStateChange: () => undefined };
  const connectors: Pick<ConnectorRegistry, 'get'> = {
    get: (id: string) => (id === connector.id ? connector : undefined),
  };
  const tasks = {
    open: async (task: NewTask) => {
      opened.push(task);
      return task;
    },
  };
  // OutageTasks as the container wires it, with the monitor, connectors and task store replaced.
  const moduleRef = await Test.createTestingModule({
    providers: [
      OutageTasks,
      { provide: InterfaceMonitor, useValue: monitor },
      { provide: ConnectorRegistry, useValue: connectors },
      { provide: TasksService, useValue: tasks },
    ],
  }).compile();
  const outages = moduleRef.get(OutageTasks);
  const change: InterfaceStateChange = {
    connector: connector.id,
    system: connector.system,
    type: connector.type,
    from: 'up',
    to: 'down',
    circuit: 'open',
    window: { calls: 20, errors: 20, errorRate: 1, p50Ms: 5000, p95Ms: 5000 },
    lastError: { code: 'upstream_unavailable', message: 'HTTP 503' },
    at: '2026-02-01T10:00:00Z',
  } as InterfaceStateChange;
  await outages.follow(change);
  expect(opened).toHaveLength(1);
  return opened[0];
}

interface Rendered {
  label: string;
  connector: Connector;
  kind: TaskKind;
  task: NewTask;
  action?: ActionRow;
  failure?: (typeof FAILURES)[number] | { code: string; message: string; exhausted: boolean };
}

async function renderAll(): Promise<Rendered[]> {
  const out: Rendered[] = [];
  for (const definition of CONNECTOR_DEFINITIONS) {
    const connector = build(definition.type);
    out.push({
      label: `${connector.id} interface_down`,
      connector,
      kind: 'interface_down',
      task: await outageTask(connector),
    });
    for (const type of Object.keys(connector.actions ?? {}) as ActionType[]) {
      const action = row(connector, type);
      for (const failure of FAILURES) {
        out.push({
          label: `${connector.id} ${type} action_failed ${failure.code}`,
          connector,
          kind: 'action_failed',
          action,
          failure,
          task: failedActionTask(action, connector, failure, failure.exhausted),
        });
      }
      out.push({
        label: `${connector.id} ${type} action_unknown_outcome`,
        connector,
        kind: 'action_unknown_outcome',
        action,
        task: unknownOutcomeTask(action, connector),
      });
      if (type === 'refund' || type === 'replacement' || type === 'store_credit') {
        const task = approvalTask(action, connector, 'the playbook offers it with approval');
        out.push({ label: `${connector.id} ${type} ${task.kind}`, connector, kind: task.kind, action, task });
      }
    }
  }
  // HubSpot files notes on the contact with the action's email; one without it cannot be written.
  const hubspot = out.find((r) => r.connector.type === 'hubspot')!.connector;
  const { customerEmail: _omitted, ...noEmail } = PARAMS.note;
  const bare = row(hubspot, 'note', noEmail);
  const failure = {
    code: 'bad_request',
    message: 'the note action needs params.customerEmail',
    exhausted: false,
  };
  out.push({
    label: 'hubspot note action_failed bad_request (no customer email)',
    connector: hubspot,
    kind: 'action_failed',
    action: bare,
    failure,
    task: failedActionTask(bare, hubspot, failure, false),
  });
  return out;
}

/** Phrases that name no place, or leave the person to guess. */
const GENERIC: RegExp[] = [
  /\bthe order in [a-z]/i,
  /search(?: \w+)? for the customer(?:[.;,)]|$)/i,
  /\((?:search by email or phone|name or email)\)/i,
  /\b(?:undefined|null|NaN)\b/,
  /\[object Object\]/,
];

describe('task texts: every kind, for every connector', () => {
  let rendered: Rendered[];

  beforeAll(async () => {
    rendered = await renderAll();
  });

  it('renders every kind: outages for every connector, action kinds for every connector that acts', () => {
    expect(Object.keys(OPTIONS).sort()).toEqual(CONNECTOR_DEFINITIONS.map((d) => d.type).sort());
    const kinds = new Set(rendered.map((r) => r.kind));
    expect([...kinds].sort()).toEqual([...TASK_KINDS].sort());
    for (const definition of CONNECTOR_DEFINITIONS) {
      expect(rendered.some((r) => r.connector.type === definition.type && r.kind === 'interface_down')).toBe(
        true,
      );
    }
  });

  it('fills every text, names the vendor and the place in its admin, and links there', () => {
    for (const r of rendered) {
      const vendor = VENDOR[r.connector.type];
      expect({ label: r.label, title: r.task.title.trim().length > 0 }).toEqual({
        label: r.label,
        title: true,
      });
      expect({ label: r.label, whatFailed: r.task.whatFailed.trim().length > 0 }).toEqual({
        label: r.label,
        whatFailed: true,
      });
      expect({ label: r.label, instructions: r.task.instructions }).toEqual({
        label: r.label,
        instructions: expect.stringContaining(vendor.name),
      });
      expect({ label: r.label, instructions: r.task.instructions }).toEqual({
        label: r.label,
        instructions: expect.stringMatching(vendor.place),
      });
      expect({ label: r.label, url: r.task.url }).toEqual({
        label: r.label,
        url: expect.stringMatching(/^https:\/\//),
      });
    }
  });

  it('never says something generic: no "the order in <vendor>", no "in <connector id>" without a place', () => {
    for (const r of rendered) {
      const text = `${r.task.title}\n${r.task.instructions}`;
      const generic = [...GENERIC, new RegExp(`\\bin ${r.connector.type}\\b`)];
      for (const phrase of generic) {
        expect({ label: r.label, text, generic: phrase.test(text) }).toEqual({
          label: r.label,
          text,
          generic: false,
        });
      }
    }
  });

  it('never sends a person to an order page in a system that has no orders (HubSpot, Zendesk, Stripe)', () => {
    const orderPage = [
      /\bopen (?:the )?order\b/i,
      /\border page\b/i,
      /→ Orders\b/,
      /\border #?\d+ in (?:HubSpot|Zendesk|Stripe)\b/i,
    ];
    for (const r of rendered.filter(
      (x) => x.connector.system === 'crm' || x.connector.system === 'payments',
    )) {
      const text = `${r.task.title}\n${r.task.instructions}`;
      for (const phrase of orderPage) {
        expect({ label: r.label, text, orderPage: phrase.test(text) }).toEqual({
          label: r.label,
          text,
          orderPage: false,
        });
      }
    }
  });

  it('has HubSpot notes filed on the contact, and says so', () => {
    for (const r of rendered.filter((x) => x.connector.type === 'hubspot' && x.action)) {
      expect({ label: r.label, text: r.task.instructions }).toEqual({
        label: r.label,
        text: expect.stringMatching(/\bcontact\b/),
      });
    }
  });

  it('for "no contact", tells the person to search, create the contact, then add the note; never to open it', () => {
    const noContact = rendered.find((r) => r.label === 'hubspot note action_failed not_found')!;
    const text = noContact.task.instructions;
    expect(text).not.toMatch(/\bopen (?:the |that |this )?contact\b/i);
    expect(text).toMatch(/search/i);
    expect(text).toMatch(/jane\.doe@example\.com/);
    expect(text).toMatch(/Create contact/);
    const search = text.search(/search/i);
    const create = text.indexOf('Create contact');
    const note = text.indexOf('[hub:act-hubspot-note]');
    expect(search).toBeGreaterThanOrEqual(0);
    expect(search).toBeLessThan(create);
    expect(create).toBeLessThan(note);
  });

  it('for a note without the customer email, says to find the email first, then the contact', () => {
    const r = rendered.find((x) =>
      x.label.startsWith('hubspot note action_failed bad_request (no customer'),
    )!;
    expect(r.task.instructions).toMatch(/email/);
    expect(r.task.instructions).not.toMatch(/\bopen (?:the )?contact\b/i);
  });

  it('for a record the vendor did not find, searches before it opens anything', () => {
    for (const r of rendered.filter((x) => x.failure?.code === 'not_found')) {
      const text = r.task.instructions;
      const search = text.search(/\bsearch/i);
      const open = text.search(/\bopen\b/i);
      expect({ label: r.label, text, searchFirst: search >= 0 && (open < 0 || search < open) }).toEqual({
        label: r.label,
        text,
        searchFirst: true,
      });
    }
  });

  it('for a refusal, says to check why before doing it again by hand', () => {
    for (const r of rendered.filter((x) => x.failure?.code === 'rejected')) {
      expect({ label: r.label, text: r.task.instructions }).toEqual({
        label: r.label,
        text: expect.stringMatching(/refused/i),
      });
    }
  });

  it('for a failed action, says how to close the task', () => {
    for (const r of rendered.filter((x) => x.kind === 'action_failed')) {
      expect({ label: r.label, text: r.task.instructions }).toEqual({
        label: r.label,
        text: expect.stringMatching(/resolve this task as "done".*"cancelled"/s),
      });
    }
  });

  it('for an unknown outcome, says where to check and how to recognise the write, before redoing it', () => {
    for (const r of rendered.filter((x) => x.kind === 'action_unknown_outcome')) {
      const text = r.task.instructions;
      const done = text.indexOf('resolve this task as "done"');
      const id = text.indexOf(r.action!.id);
      expect({ label: r.label, text, check: done >= 0 && id >= 0 && id < done }).toEqual({
        label: r.label,
        text,
        check: true,
      });
    }
  });

  it('for an approval, says where to look at the payment and how to decide', () => {
    const approvals = rendered.filter((x) => x.kind === 'refund_approval' || x.kind === 'remedy_approval');
    expect(new Set(approvals.map((r) => r.kind))).toEqual(new Set(['refund_approval', 'remedy_approval']));
    for (const r of approvals) {
      expect(r.task.instructions).toMatch(/"approved"/);
      expect(r.task.instructions).toMatch(/"rejected"/);
    }
  });

  it('for an outage, says where each kind of record the connector reads is found', () => {
    for (const r of rendered.filter((x) => x.kind === 'interface_down')) {
      for (const capability of r.connector.capabilities) {
        expect({ label: r.label, capability, text: r.task.instructions }).toEqual({
          label: r.label,
          capability,
          text: expect.stringMatching(COVERS[capability]),
        });
      }
    }
    const shopify = rendered.find((r) => r.label === 'shopify interface_down')!.task.instructions;
    expect(shopify).toMatch(/Shopify admin → Orders/);
    expect(shopify).toMatch(/Customers/);
  });

  it('falls back on the look-up of a connector that has no manual steps of its own, still naming no generic place', () => {
    const acme = {
      id: 'acme-eu',
      type: 'acme',
      system: 'oms',
      capabilities: ['order.byNumber'],
      mappingContext: {},
      actions: { cancel: 'unsafe' },
      performAction: async () => ({ summary: 'ok' }),
      manualLookup: ({ orderNumber }: { orderNumber?: string }) => ({
        instructions: `Open Acme OMS → Orders and search for ${orderNumber ?? 'the order number'}.`,
        url: 'https://acme.example/orders',
      }),
      healthCheck: async () => undefined,
    } as unknown as Connector;
    const action = row(acme, 'cancel');
    const failed = failedActionTask(action, acme, { code: 'rejected', message: 'no' }, false);
    const unknown = unknownOutcomeTask(action, acme);
    for (const task of [failed, unknown]) {
      expect(task.instructions).toContain('Open Acme OMS → Orders and search for 1001.');
      expect(`${task.title} ${task.instructions}`).not.toMatch(/\bin acme\b/);
      expect(task.url).toBe('https://acme.example/orders');
    }
    expect(failed.instructions).toMatch(/cancel order #1001 by hand/);
    expect(unknown.instructions).toContain(action.id);
  });
});
