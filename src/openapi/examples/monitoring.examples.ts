import { type InterfaceReport } from '../../monitoring/interface-monitor';
import { NO_API_KEY } from './common-problems';
import { type OperationExamples } from './operation-examples';

/**
 * listInterfaces and getMetrics: Shopify up with one task waiting for approval, EasyPost down (its
 * circuit open, an outage task open), as the report and as a few lines of the Prometheus text.
 */

const REPORT: InterfaceReport[] = [
  {
    connector: 'shopify',
    system: 'oms',
    type: 'shopify',
    state: 'up',
    circuit: 'closed',
    lastSuccessAt: '2026-12-03T16:20:40.665Z',
    window: { calls: 22, errors: 0, errorRate: 0, p50Ms: 10, p95Ms: 16 },
    queue: { waiting: 0, active: 0, delayed: 0, failed: 0 },
    openTasks: 1,
  },
  {
    connector: 'easypost',
    system: 'shipping',
    type: 'easypost',
    state: 'down',
    circuit: 'open',
    lastSuccessAt: '2026-12-03T16:05:32.488Z',
    lastFailureAt: '2026-12-03T16:20:39.102Z',
    lastError: { code: 'upstream_unavailable', message: 'EasyPost answered HTTP 503' },
    window: { calls: 14, errors: 9, errorRate: 0.64, p50Ms: 21, p95Ms: 206 },
    openTasks: 1,
  },
];

const METRICS = [
  '# HELP hub_connector_call_duration_seconds Connector calls by connector, operation and outcome (ok, not_found, error code).',
  '# TYPE hub_connector_call_duration_seconds histogram',
  'hub_connector_call_duration_seconds_bucket{le="0.025",connector="shopify",operation="order",outcome="ok"} 5',
  'hub_connector_call_duration_seconds_bucket{le="+Inf",connector="shopify",operation="order",outcome="ok"} 6',
  'hub_connector_call_duration_seconds_sum{connector="shopify",operation="order",outcome="ok"} 0.122',
  'hub_connector_call_duration_seconds_count{connector="shopify",operation="order",outcome="ok"} 6',
  '# HELP hub_connector_circuit_state Circuit breaker per connector: 0 closed, 1 half open, 2 open.',
  '# TYPE hub_connector_circuit_state gauge',
  'hub_connector_circuit_state{connector="shopify"} 0',
  'hub_connector_circuit_state{connector="easypost"} 2',
  '# HELP hub_interface_state Interface state per connector: 0 up, 1 degraded, 2 down.',
  '# TYPE hub_interface_state gauge',
  'hub_interface_state{connector="shopify"} 0',
  'hub_interface_state{connector="easypost"} 2',
  '# HELP hub_open_tasks Manual-backup tasks open or claimed, per connector (read at scrape time).',
  '# TYPE hub_open_tasks gauge',
  'hub_open_tasks{connector="shopify"} 1',
  'hub_open_tasks{connector="easypost"} 1',
  '',
].join('\n');

const NO_INTERFACES_READ = {
  type: 'https://context-hub.dev/problems/insufficient_scope',
  title: 'Forbidden',
  status: 403,
  detail: 'API key "demo-helpdesk" lacks the scope interfaces:read.',
  code: 'insufficient_scope',
  requestId: 'f18d2119-601b-45a1-8cc0-934b4c74da7f',
};

export const MONITORING_EXAMPLES: Record<string, OperationExamples> = {
  listInterfaces: {
    responses: { '200': REPORT, '401': NO_API_KEY, '403': NO_INTERFACES_READ },
  },
  getMetrics: {
    responses: { '200': METRICS, '401': NO_API_KEY, '403': NO_INTERFACES_READ },
  },
};
