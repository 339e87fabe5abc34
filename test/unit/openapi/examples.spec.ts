/**
 * The OpenAPI examples (src/openapi/examples) against the API itself: every operation has an example
 * for each status its controller documents, and each example passes the zod schema the endpoint
 * validates it with or answers with. Unit tier: the controllers' decorators are read, nothing runs.
 */
import { z } from 'zod';
import {
  ActionBodySchema,
  ActionIdParamsSchema,
  ActionViewSchema,
  IdempotencyKeySchema,
} from '../../../src/actions/action-request.schema';
import { ActionsController } from '../../../src/actions/actions.controller';
import { AuditController } from '../../../src/audit/audit.controller';
import { AuditPageSchema, AuditQuerySchema } from '../../../src/audit/audit.schemas';
import { CardLinkRequestSchema, CardLinkSchema } from '../../../src/cards/card-link.schema';
import { CardsController } from '../../../src/cards/cards.controller';
import { PROBLEM_TYPE_BASE, ProblemSchema } from '../../../src/common/problem';
import { ContextController } from '../../../src/context/context.controller';
import {
  CustomerContextSchema,
  OrderContextQuerySchema,
  OrderContextSchema,
  OrderNumberParamsSchema,
  SourceStatusSchema,
} from '../../../src/context/context.schemas';
import { CustomerQuerySchema } from '../../../src/context/customer-query.schema';
import { GladlyController } from '../../../src/doors/gladly/gladly.controller';
import { GladlyAnswerSchema, GladlyLookupSchema } from '../../../src/doors/gladly/gladly-lookup.schema';
import { CanvasResponseSchema } from '../../../src/doors/intercom/intercom-canvas.schema';
import { IntercomController } from '../../../src/doors/intercom/intercom.controller';
import { DoorStateSchema, IntercomRequestSchema } from '../../../src/doors/intercom/intercom-request.schema';
import { HealthController } from '../../../src/health/health.controller';
import { LivenessSchema, ReadinessSchema } from '../../../src/health/health.schemas';
import { InterfaceReportsSchema } from '../../../src/monitoring/interface-report.schema';
import { InterfacesController } from '../../../src/monitoring/interfaces.controller';
import { OPERATION_EXAMPLES } from '../../../src/openapi/examples';
import { ACTIONS_EXAMPLES } from '../../../src/openapi/examples/actions.examples';
import { AUDIT_EXAMPLES } from '../../../src/openapi/examples/audit.examples';
import { BOTS_EXAMPLES } from '../../../src/openapi/examples/bots.examples';
import { CARDS_EXAMPLES } from '../../../src/openapi/examples/cards.examples';
import { CONTEXT_EXAMPLES } from '../../../src/openapi/examples/context.examples';
import { DOORS_EXAMPLES } from '../../../src/openapi/examples/doors.examples';
import { HEALTH_EXAMPLES } from '../../../src/openapi/examples/health.examples';
import { PLAYBOOKS_EXAMPLES } from '../../../src/openapi/examples/playbooks.examples';
import { RemediesController } from '../../../src/playbooks/remedies.controller';
import { RemediesAnswerSchema, RemediesQuerySchema } from '../../../src/playbooks/remedies.schemas';
import { MONITORING_EXAMPLES } from '../../../src/openapi/examples/monitoring.examples';
import { TASKS_EXAMPLES } from '../../../src/openapi/examples/tasks.examples';
import { WEBHOOKS_EXAMPLES } from '../../../src/openapi/examples/webhooks.examples';
import { negotiateLocale } from '../../../src/shipments/bot-locale';
import { ShipmentStatusController } from '../../../src/shipments/shipment-status.controller';
import {
  BotSourceStatusSchema,
  ShipmentStatusQuerySchema,
  ShipmentStatusResponseSchema,
} from '../../../src/shipments/shipment-status.schemas';
import {
  ClaimBodySchema,
  ResolveBodySchema,
  TaskClaimedProblemSchema,
  TaskIdParamsSchema,
  TaskListSchema,
  TaskQuerySchema,
  TaskViewSchema,
} from '../../../src/tasks/task.schemas';
import { TasksController } from '../../../src/tasks/tasks.controller';
import { WebhookReceiptSchema } from '../../../src/webhooks/webhooks.dto';
import { WebhooksController } from '../../../src/webhooks/webhooks.controller';

/** A zod schema, or an assertion where the API has no schema (the Prometheus text). */
type Check = z.ZodType | ((value: unknown) => void);

/**
 * Which parameters one check reads: several names as one object (a query or path schema), or a
 * single header or path parameter declared with @ApiHeader / @ApiParam.
 */
type ParameterCheck = [names: string[] | string, check: Check];

interface Contract {
  parameters?: ParameterCheck[];
  request?: Check;
  responses: Record<string, Check>;
}

const problems = (...statuses: number[]): Record<string, Check> =>
  Object.fromEntries(statuses.map((s) => [String(s), ProblemSchema]));

/** Lines of the Prometheus text format, each sample of a family its `# TYPE` line declares. */
function prometheusText(value: unknown): void {
  expect(typeof value).toBe('string');
  const lines = (value as string).trimEnd().split('\n');
  const families = lines.filter((l) => l.startsWith('# TYPE ')).map((l) => l.split(' ')[2]);
  expect(families.length).toBeGreaterThan(0);
  for (const line of lines.filter((l) => !l.startsWith('#'))) {
    const sample = /^([a-z_:][\w:]*)(\{[^}]*\})? (\S+)$/.exec(line);
    expect([line, sample !== null]).toEqual([line, true]);
    const [, name, , number] = sample!;
    expect([line, Number.isFinite(Number(number))]).toEqual([line, true]);
    const family = families.find((f) => name === f || /^_(bucket|sum|count)$/.test(name.slice(f.length)));
    expect([line, family]).toEqual([line, expect.any(String)]);
  }
}

/** A vendor's own event: any JSON object (the connector reads it, not the hub's schemas). */
function jsonObject(value: unknown): void {
  expect(value).toEqual(expect.any(Object));
  expect(Array.isArray(value)).toBe(false);
}

/** The bot's answer is written in the language the Accept-Language example asks for first. */
function acceptLanguage(value: unknown): void {
  const answer = OPERATION_EXAMPLES.getShipmentStatus.responses['200'] as { locale: string };
  expect(negotiateLocale(undefined, String(value))).toBe(answer.locale);
}

/** The card token: what the link carries after #t= (base64url). */
function cardToken(value: unknown): void {
  expect(value).toEqual(expect.stringMatching(/^[\w-]{40,}$/));
}

/** Each operation, the schema its parameters, body and answers are validated with or built from. */
const CONTRACTS: Record<string, Contract> = {
  listInterfaces: { responses: { '200': InterfaceReportsSchema, ...problems(401, 403) } },
  getMetrics: { responses: { '200': prometheusText, ...problems(401, 403) } },
  checkLiveness: { responses: { '200': LivenessSchema } },
  checkReadiness: { responses: { '200': ReadinessSchema, '503': ReadinessSchema } },
  requestOrderAction: {
    parameters: [
      [['orderNumber'], OrderNumberParamsSchema],
      ['Idempotency-Key', IdempotencyKeySchema],
    ],
    request: ActionBodySchema,
    responses: { '202': ActionViewSchema, ...problems(400, 404, 409, 413, 415, 422, 503) },
  },
  getAction: {
    parameters: [[['id'], ActionIdParamsSchema]],
    responses: { '200': ActionViewSchema, ...problems(400, 404) },
  },
  receiveVendorWebhook: {
    parameters: [['connectorId', TaskQuerySchema.shape.connector.unwrap()]],
    request: jsonObject,
    responses: {
      '200': WebhookReceiptSchema,
      '202': WebhookReceiptSchema,
      ...problems(400, 401, 404, 413, 415, 503),
    },
  },
  listAuditEvents: {
    parameters: [
      [['apiKey', 'subjectType', 'orderNumber', 'from', 'to', 'limit', 'offset'], AuditQuerySchema],
    ],
    responses: { '200': AuditPageSchema, ...problems(400) },
  },
  getCustomerContext: {
    parameters: [[['email', 'limit'], CustomerQuerySchema]],
    responses: { '200': CustomerContextSchema, ...problems(400, 404, 503) },
  },
  getOrderContext: {
    parameters: [
      [['orderNumber'], OrderNumberParamsSchema],
      [['email'], OrderContextQuerySchema],
    ],
    responses: { '200': OrderContextSchema, ...problems(400, 401, 403, 404, 503) },
  },
  getOrderRemedies: {
    parameters: [
      [['orderNumber'], OrderNumberParamsSchema],
      [['channel'], RemediesQuerySchema],
    ],
    responses: { '200': RemediesAnswerSchema, ...problems(400, 404, 503) },
  },
  getShipmentStatus: {
    parameters: [
      [['orderNumber', 'email', 'postalCode', 'locale'], ShipmentStatusQuerySchema],
      ['Accept-Language', acceptLanguage],
    ],
    responses: { '200': ShipmentStatusResponseSchema, ...problems(400, 404, 503) },
  },
  gladlyLookup: {
    request: GladlyLookupSchema,
    responses: { '200': GladlyAnswerSchema, ...problems(400, 401, 404, 413, 415) },
  },
  intercomInitialize: {
    request: IntercomRequestSchema,
    responses: { '200': CanvasResponseSchema, ...problems(400, 401, 404, 413, 415) },
  },
  intercomSubmit: {
    request: IntercomRequestSchema,
    responses: { '200': CanvasResponseSchema, ...problems(400, 401, 404, 413, 415) },
  },
  createCardLink: {
    request: CardLinkRequestSchema,
    responses: { '201': CardLinkSchema, ...problems(400, 404) },
  },
  getCardContext: {
    parameters: [['X-Card-Token', cardToken]],
    responses: { '200': CustomerContextSchema, ...problems(401, 503) },
  },
  listTasks: {
    parameters: [[['status', 'connector', 'kind', 'orderNumber', 'limit', 'offset'], TaskQuerySchema]],
    responses: { '200': TaskListSchema, ...problems(400) },
  },
  getTask: {
    parameters: [[['id'], TaskIdParamsSchema]],
    responses: { '200': TaskViewSchema, ...problems(400, 404) },
  },
  claimTask: {
    parameters: [[['id'], TaskIdParamsSchema]],
    request: ClaimBodySchema,
    responses: { '200': TaskViewSchema, ...problems(400, 404), '409': TaskClaimedProblemSchema },
  },
  resolveTask: {
    parameters: [[['id'], TaskIdParamsSchema]],
    request: ResolveBodySchema,
    responses: { '200': TaskViewSchema, ...problems(400, 403, 404), '409': TaskClaimedProblemSchema },
  },
};

const OPERATION_IDS = Object.keys(CONTRACTS).sort();
const PROBLEM_SCHEMAS: ReadonlySet<Check> = new Set<Check>([ProblemSchema, TaskClaimedProblemSchema]);

// @nestjs/swagger keeps what its decorators say under these metadata keys (its DECORATORS constant).
const API_OPERATION = 'swagger/apiOperation';
const API_RESPONSE = 'swagger/apiResponse';
const API_PARAMETERS = 'swagger/apiParameters';

interface Documented {
  responses: Record<string, { type?: unknown; isArray?: boolean }>;
  /** Parameters declared one by one (@ApiHeader, @ApiParam); DTO queries and paths are not here. */
  declared: string[];
}

/** Every operation the controllers document, read from their decorators. */
function documentedOperations(): Map<string, Documented> {
  const controllers = [
    ActionsController,
    AuditController,
    CardsController,
    ContextController,
    GladlyController,
    HealthController,
    IntercomController,
    InterfacesController,
    ShipmentStatusController,
    TasksController,
    RemediesController,
    WebhooksController,
  ];
  const found = new Map<string, Documented>();
  for (const controller of controllers) {
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      const handler = (controller.prototype as unknown as Record<string, unknown>)[name];
      const operation = Reflect.getMetadata(API_OPERATION, handler as object) as
        { operationId?: string } | undefined;
      if (!operation?.operationId) continue;
      const parameters = (Reflect.getMetadata(API_PARAMETERS, handler as object) ?? []) as {
        name?: string;
        in: string;
      }[];
      found.set(operation.operationId, {
        // An operation that names no answer is documented by Nest as a plain 200.
        responses: Reflect.getMetadata(API_RESPONSE, handler as object) ?? { '200': {} },
        declared: parameters.filter((p) => p.in === 'header' || p.in === 'path').map((p) => p.name!),
      });
    }
  }
  return found;
}

const DOCUMENTED = documentedOperations();

function expectValid(check: Check, value: unknown): void {
  if (typeof check === 'function') return check(value);
  const result = check.safeParse(value);
  expect(result.success ? [] : result.error.issues).toEqual([]);
}

const responseRows = OPERATION_IDS.flatMap((id) =>
  Object.entries(OPERATION_EXAMPLES[id]?.responses ?? {}).map(
    ([status, example]) => [id, status, example, CONTRACTS[id].responses[status]] as const,
  ),
);
const problemRows = responseRows.filter(([, , , check]) => PROBLEM_SCHEMAS.has(check));

describe('OpenAPI examples', () => {
  it('gives examples to exactly the operations the controllers document', () => {
    expect(OPERATION_IDS).toHaveLength(21);
    expect(Object.keys(OPERATION_EXAMPLES).sort()).toEqual(OPERATION_IDS);
    expect([...DOCUMENTED.keys()].sort()).toEqual(OPERATION_IDS);
  });

  it('keeps each operation in one area file', () => {
    const areas = [
      ACTIONS_EXAMPLES,
      AUDIT_EXAMPLES,
      BOTS_EXAMPLES,
      CARDS_EXAMPLES,
      CONTEXT_EXAMPLES,
      DOORS_EXAMPLES,
      HEALTH_EXAMPLES,
      MONITORING_EXAMPLES,
      PLAYBOOKS_EXAMPLES,
      TASKS_EXAMPLES,
      WEBHOOKS_EXAMPLES,
    ];
    const ids = areas.flatMap((area) => Object.keys(area));
    expect(ids.sort()).toEqual(OPERATION_IDS);
  });

  it.each(OPERATION_IDS)('%s: an example of each status its controller documents, no other', (id) => {
    const documented = Object.keys(DOCUMENTED.get(id)?.responses ?? {}).sort();
    expect(Object.keys(OPERATION_EXAMPLES[id].responses).sort()).toEqual(documented);
    expect(Object.keys(CONTRACTS[id].responses).sort()).toEqual(documented);
  });

  it.each(OPERATION_IDS)('%s: each answer is checked with the schema its controller documents', (id) => {
    for (const [status, { type, isArray }] of Object.entries(DOCUMENTED.get(id)!.responses)) {
      const documented = (type as { schema?: z.ZodType } | undefined)?.schema;
      if (!documented) continue; // no zod DTO behind it (the metrics text)
      const check = CONTRACTS[id].responses[status];
      const schema = isArray ? (check as z.ZodArray).element : check;
      expect([status, schema === documented]).toEqual([status, true]);
    }
  });

  it.each(responseRows)('%s %s matches its schema', (_id, _status, example, check) => {
    expectValid(check, example);
  });

  it('answers every error with a problem document, the readiness report aside', () => {
    const errors = responseRows.filter(([, status]) => Number(status) >= 400);
    const others = errors.filter(([, , , check]) => !PROBLEM_SCHEMAS.has(check));
    expect(others.map(([id, status]) => `${id} ${status}`)).toEqual(['checkReadiness 503']);
  });

  it.each(problemRows)('%s %s is a problem of its own status and code', (_id, status, example) => {
    const problem = example as { type: string; status: number; code: string };
    expect(problem.status).toBe(Number(status));
    expect(problem.type.endsWith(problem.code)).toBe(true);
    expect(problem.type).toBe(PROBLEM_TYPE_BASE + problem.code);
  });

  it.each(problemRows.filter(([, , example]) => 'sources' in (example as object)))(
    '%s %s carries sources[] as the hub reports them',
    (id, _status, example) => {
      const source = id === 'getShipmentStatus' ? BotSourceStatusSchema : SourceStatusSchema;
      expectValid(z.array(source).min(1), (example as { sources: unknown }).sources);
    },
  );

  it.each(OPERATION_IDS)('%s: a request example exactly when it takes a JSON body, valid', (id) => {
    const { request } = OPERATION_EXAMPLES[id];
    const check = CONTRACTS[id].request;
    expect(request !== undefined).toBe(check !== undefined);
    if (check) expectValid(check, request);
  });

  it.each(OPERATION_IDS)('%s: parameter examples its schemas read', (id) => {
    const examples = OPERATION_EXAMPLES[id].parameters ?? {};
    const checks = CONTRACTS[id].parameters ?? [];
    const read: string[] = [];
    for (const [names, check] of checks) {
      if (typeof names === 'string') {
        const declared = DOCUMENTED.get(id)!.declared.map((n) => n.toLowerCase());
        expect([names, declared.includes(names.toLowerCase())]).toEqual([names, true]);
        expectValid(check, examples[names]);
        read.push(names);
      } else {
        const shape = (check as z.ZodObject).shape;
        expect(names.filter((n) => !(n in shape))).toEqual([]);
        expectValid(check, Object.fromEntries(names.map((n) => [n, examples[n]])));
        read.push(...names);
      }
    }
    expect(Object.keys(examples).sort()).toEqual(read.sort());
  });

  it('keeps in each Intercom canvas the state the door reads back with the next click', () => {
    const submit = OPERATION_EXAMPLES.intercomSubmit;
    const shown = (submit.request as { current_canvas: { stored_data: unknown } }).current_canvas;
    const canvases = [OPERATION_EXAMPLES.intercomInitialize, submit].map(
      (op) => (op.responses['200'] as { canvas: { stored_data: unknown } }).canvas.stored_data,
    );
    for (const state of [shown.stored_data, ...canvases]) expectValid(DoorStateSchema, state);
  });
});
