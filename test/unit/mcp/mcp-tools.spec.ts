import { Logger } from '@nestjs/common';
import { z } from 'zod';
import { type ApiKeyPrincipal } from '../../../src/auth/api-key.store';
import { type Scope } from '../../../src/auth/scopes';
import { ActionBodySchema, ActionViewSchema } from '../../../src/actions/action-request.schema';
import { CustomerContextSchema, OrderContextSchema } from '../../../src/context/context.schemas';
import { CustomerQuerySchema } from '../../../src/context/customer-query.schema';
import { HubException } from '../../../src/common/problem';
import { mcpAuditNote } from '../../../src/mcp/mcp-audit';
import { McpServers } from '../../../src/mcp/mcp-servers';
import { type HubTool, type McpCall } from '../../../src/mcp/mcp-tool';
import { GetActionTool, RequestActionTool } from '../../../src/mcp/tools/action.tools';
import { CustomerContextTool } from '../../../src/mcp/tools/customer-context.tool';
import { OrderContextTool } from '../../../src/mcp/tools/order-context.tool';
import { ShipmentStatusTool } from '../../../src/mcp/tools/shipment-status.tool';
import {
  ShipmentStatusQuerySchema,
  ShipmentStatusResponseSchema,
} from '../../../src/shipments/shipment-status.schemas';

// The tools' services are never called here: only their schemas, scopes and how refusals read.
const none = {} as never;
const tools = [
  new ShipmentStatusTool(none),
  new OrderContextTool(none),
  new CustomerContextTool(none),
  new RequestActionTool(none),
  new GetActionTool(none),
] as unknown as HubTool[];

const call = (...scopes: Scope[]): McpCall => ({
  principal: { name: 'k', scopes: new Set(scopes), fingerprint: 'f' } as ApiKeyPrincipal,
  request: {} as McpCall['request'],
});
const json = (schema: z.ZodType, io: 'input' | 'output') => z.toJSONSchema(schema, { io });

describe('MCP tools', () => {
  it("offer only what the key's scopes allow; admin gets every tool, a key without a tool scope none", () => {
    const servers = new McpServers(tools);
    const names = (c?: McpCall) => servers.allowed(c).map((t) => t.name);
    expect(names(call('shipments:read'))).toEqual(['get_shipment_status']);
    expect(names(call('context:read'))).toEqual(['get_order_context', 'get_customer_context']);
    expect(names(call('actions:write'))).toEqual(['request_action', 'get_action']);
    expect(names(call('admin'))).toHaveLength(5);
    expect(names(call('tasks:read', 'interfaces:read'))).toEqual([]);
    expect(names(undefined)).toEqual([]);
  });

  it('take their input and output schemas from the REST endpoints', () => {
    const byName = new Map(tools.map((t) => [t.name, t]));
    const shipment = byName.get('get_shipment_status')!;
    expect(shipment.input).toBe(ShipmentStatusQuerySchema);
    expect(shipment.output).toBe(ShipmentStatusResponseSchema);
    expect(byName.get('get_order_context')!.output).toBe(OrderContextSchema);
    expect(byName.get('get_customer_context')!.output).toBe(CustomerContextSchema);
    expect(byName.get('request_action')!.output).toBe(ActionViewSchema);
    expect(byName.get('get_action')!.output).toBe(ActionViewSchema);
    // The REST query's fields but notFound, which only a REST caller counting errors needs.
    const customerIn = json(byName.get('get_customer_context')!.input, 'input') as { properties: object };
    const restIn = json(CustomerQuerySchema, 'input') as { properties: Record<string, unknown> };
    const { notFound: _ignored, ...restFields } = restIn.properties;
    expect(customerIn.properties).toEqual(restFields);
    const actionIn = json(byName.get('request_action')!.input, 'input') as {
      properties: Record<string, unknown>;
    };
    const { $schema: _draft, ...actionBody } = json(ActionBodySchema, 'input');
    expect(actionIn.properties.action).toEqual(actionBody);
  });

  it('check their inputs with the REST rules: a second factor, exactly one of email or phone', () => {
    const byName = new Map(tools.map((t) => [t.name, t]));
    expect(byName.get('get_shipment_status')!.input.safeParse({ orderNumber: '1001' }).success).toBe(false);
    expect(
      byName.get('get_shipment_status')!.input.parse({ orderNumber: '#1001', postalCode: 'SW1A 1AA' }),
    ).toMatchObject({ orderNumber: '1001' });
    const customer = byName.get('get_customer_context')!.input;
    expect(customer.safeParse({}).success).toBe(false);
    expect(customer.safeParse({ email: 'a@example.com', phone: '+12125550143' }).success).toBe(false);
    expect(customer.parse({ email: ' A@Example.com ' })).toEqual({ email: 'a@example.com', limit: 10 });
  });

  it('say who a call is about for the audit trail, never an email in clear', () => {
    const byName = new Map(tools.map((t) => [t.name, t]));
    expect(byName.get('get_shipment_status')!.subject({ orderNumber: '1001' })).toEqual({
      type: 'order',
      subject: '1001',
    });
    const customer = byName.get('get_customer_context')!.subject({ email: 'ada@example.com', limit: 10 });
    expect(customer?.type).toBe('customer');
    expect(customer?.subject).toMatch(/^email:[0-9a-f]{64}$/);
  });

  it("turn a refusal into a tool error holding the REST problem's code, and hide unexpected errors", async () => {
    const failing = (error: Error): HubTool => ({
      ...tools[0],
      name: 'failing',
      scope: 'shipments:read',
      subject: () => undefined,
      run: () => Promise.reject(error),
    });
    const servers = new McpServers([]);
    const run = (tool: HubTool) =>
      (servers as unknown as { run(t: HubTool, a: unknown, c: McpCall): Promise<any> }).run(
        tool,
        {},
        call('shipments:read'),
      );
    const refused = await run(
      failing(new HubException(404, 'order_not_found', 'Order not found', 'No order.')),
    );
    expect(refused.isError).toBe(true);
    expect(JSON.parse(refused.content[0].text)).toEqual({
      code: 'order_not_found',
      status: 404,
      title: 'Order not found',
      detail: 'No order.',
    });
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const broken = await run(failing(new Error('socket hang up at 10.0.0.7')));
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('socket hang up at 10.0.0.7'));
    logged.mockRestore();
    expect(broken.content[0].text).not.toContain('10.0.0.7');
    expect(JSON.parse(broken.content[0].text)).toMatchObject({ code: 'internal_error', status: 500 });
  });

  it("audit a refusal the SDK answers in an HTTP 200 as the REST call's would be", () => {
    const botTools = new McpServers(tools).allowed(call('shipments:read'));
    const toolCall = (name: string, args: unknown) => ({
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: { name, arguments: args },
    });
    expect(mcpAuditNote(toolCall('get_order_context', { orderNumber: '1001' }), tools, botTools)).toEqual({
      detail: 'tools/call get_order_context',
      status: 403,
      outcome: 'forbidden',
    });
    expect(mcpAuditNote(toolCall('delete_everything', {}), tools, botTools)).toEqual({
      detail: 'tools/call (no such tool)',
      status: 404,
      outcome: 'not_found',
    });
    expect(mcpAuditNote(toolCall('get_shipment_status', { orderNumber: '1001' }), tools, botTools)).toEqual({
      detail: 'tools/call get_shipment_status',
      status: 400,
      outcome: 'invalid_request',
    });
    expect(
      mcpAuditNote(
        toolCall('get_shipment_status', { orderNumber: '1001', postalCode: 'SW1A 1AA' }),
        tools,
        botTools,
      ),
    ).toEqual({ detail: 'tools/call get_shipment_status' });
    expect(mcpAuditNote({ jsonrpc: '2.0', id: 1, method: 'tools/list' }, tools, botTools)).toEqual({
      detail: 'tools/list',
    });
    expect(mcpAuditNote({ jsonrpc: '2.0', id: 1, result: {} }, tools, botTools)).toEqual({});
  });
});
