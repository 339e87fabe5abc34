/** The trace of each HTTP request, by its Node request object: what the access log line names. */
const traces = new WeakMap<object, { traceId: string; spanId: string }>();

export function rememberTrace(rawRequest: object, ids: { traceId: string; spanId: string }): void {
  traces.set(rawRequest, ids);
}

export function traceOf(rawRequest: object): { traceId: string; spanId: string } | undefined {
  return traces.get(rawRequest);
}
