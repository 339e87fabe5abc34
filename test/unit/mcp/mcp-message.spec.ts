import { isBatch, isRequest, methodOf, toolCallOf } from '../../../src/mcp/mcp-message';

describe('what the hub reads of an MCP message', () => {
  const call = {
    jsonrpc: '2.0',
    id: 1,
    method: 'tools/call',
    params: { name: 'get_shipment_status', arguments: { orderNumber: '1001' } },
  };

  it('counts requests (a method and an id) against the rate limit, not notifications or responses', () => {
    expect(isRequest(call)).toBe(true);
    expect(isRequest({ jsonrpc: '2.0', id: 'a', method: 'initialize', params: {} })).toBe(true);
    expect(isRequest({ jsonrpc: '2.0', id: 0, method: 'tools/list' })).toBe(true);
    for (const body of [
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      { jsonrpc: '2.0', id: null, method: 'tools/call' },
      { jsonrpc: '2.0', id: 1, result: {} },
      [call],
      null,
      undefined,
      'tools/call',
    ])
      expect(isRequest(body)).toBe(false);
  });

  it('reads the tool a tools/call names and its arguments', () => {
    expect(toolCallOf(call)).toEqual({ name: 'get_shipment_status', args: { orderNumber: '1001' } });
    expect(toolCallOf({ method: 'tools/call', params: { name: 'get_action' } })).toEqual({
      name: 'get_action',
      args: {},
    });
    expect(toolCallOf({ method: 'tools/call', params: { name: 42 } })).toBeUndefined();
    expect(toolCallOf({ method: 'tools/list' })).toBeUndefined();
  });

  it('writes a protocol method name in the audit row, and nothing a client made up', () => {
    expect(methodOf(call)).toBe('tools/call');
    expect(methodOf({ method: 'notifications/initialized' })).toBe('notifications/initialized');
    expect(methodOf({ method: 'jane.doe@example.com' })).toBe('unknown');
    expect(methodOf({ method: 'x'.repeat(61) })).toBe('unknown');
    expect(methodOf({ method: 7 })).toBe('unknown');
    expect(methodOf({ id: 1, result: {} })).toBeUndefined();
  });

  it('tells a batch from one message', () => {
    expect(isBatch([call])).toBe(true);
    expect(isBatch([])).toBe(true);
    expect(isBatch(call)).toBe(false);
  });
});
