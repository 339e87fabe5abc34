import { type HubConfig } from './config/config.schema';

/** The first thing a newcomer reads: where the hub is, which key to use, three requests that work. */
export function printWelcome(url: string, config: HubConfig, sandboxUrl?: string, demo = false): void {
  const key = (scope: string) => config.apiKeys.find((k) => k.scopes.includes(scope as never))?.key;
  const helpdesk = key('context:read') ?? key('admin');
  const bot = key('shipments:read') ?? key('admin');
  const lines = [
    '',
    ...(demo
      ? [
          'DEMO: Context Hub on its built-in sandbox, with the published demo keys; not for real data.',
          '      For your own systems set HUB_CONFIG (config/hub.example.yaml shows every setting).',
        ]
      : []),
    `Context Hub is listening on ${url}`,
    `  API docs:   ${url}/docs`,
    ...(config.mcp.enabled
      ? [`  AI agents:  ${url}/mcp (MCP, an API key as bearer token; docs/agents/mcp.md)`]
      : []),
    ...(config.console.enabled && config.server.role !== 'worker'
      ? [
          `  Console:    ${url}/console (back office and IT: sign in with an API key${
            demo ? `, e.g. ${key('admin') ?? key('tasks:write') ?? 'one from the config'}` : ''
          }; docs/console.md)`,
        ]
      : []),
    ...(sandboxUrl
      ? [`  Sandbox:    ${sandboxUrl} (simulated vendor APIs; faults at ${sandboxUrl}/_sandbox/faults)`]
      : []),
  ];
  if (sandboxUrl && helpdesk && bot) {
    lines.push(
      `  Demo keys:  ${helpdesk} (context:read), ${bot} (shipments:read)`,
      '',
      'Try:',
      `  curl -s -H 'Authorization: Bearer ${helpdesk}' ${url}/v1/orders/1001/context`,
      `  curl -s -H 'Authorization: Bearer ${helpdesk}' '${url}/v1/customers/context?email=alice.martin@example.com'`,
      `  curl -s -H 'Authorization: Bearer ${bot}' '${url}/v1/shipments/status?orderNumber=1037&email=benjamin.carter@example.com'`,
    );
  }
  console.warn(lines.join('\n') + '\n');
}
