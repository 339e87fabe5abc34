import { describeMessage, isBatch, isToolCall } from '../../../src/mcp/mcp-message';

describe('what the hub reads of an MCP message', () => {
  const call = { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'get_shipment_status' } };

  it('counts a tools/call, and nothing else, as a rate-limited request', () => {
    expect(isToolCall(call)).toBe(true);
    for (const body of [
      { jsonrpc: '2.0', id: 1, method: 'tools/list' },
      { jsonrpc: '2.0', id: 1, method: 'initialize', params: {} },
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      [call],
      null,
      undefined,
      'tools/call',
    ])
      expect(isToolCall(body)).toBe(false);
  });

  it('describes a message for the audit row by its method and tool', () => {
    expect(describeMessage(call)).toBe('tools/call get_shipment_status');
    expect(describeMessage({ method: 'tools/list' })).toBe('tools/list');
    expect(describeMessage({ method: 'tools/call', params: { name: 42 } })).toBe('tools/call');
    expect(describeMessage({ method: 'tools/call', params: null })).toBe('tools/call');
    expect(describeMessage({ method: 'x'.repeat(400) })).toHaveLength(300);
    expect(describeMessage({ id: 1, result: {} })).toBeUndefined();
    expect(describeMessage([call])).toBeUndefined();
  });

  it('tells a batch from one message', () => {
    expect(isBatch([call])).toBe(true);
    expect(isBatch([])).toBe(true);
    expect(isBatch(call)).toBe(false);
  });
});
