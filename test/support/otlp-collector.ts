import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';

/** One span as an OTLP/HTTP JSON export carries it, with its attributes made plain. */
export interface CollectedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  status?: { code?: number };
  attributes: Record<string, string | number | boolean>;
  service: string;
}

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
  doubleValue?: number;
}
const plain = (v: OtlpValue) =>
  v.stringValue ?? (v.intValue !== undefined ? Number(v.intValue) : (v.boolValue ?? v.doubleValue ?? ''));

/**
 * A trace collector on loopback, as far as a test needs one: it takes OTLP/HTTP JSON exports at
 * /v1/traces and keeps their spans.
 */
export async function startOtlpCollector(): Promise<{
  url: string;
  spans: CollectedSpan[];
  close(): Promise<void>;
}> {
  const spans: CollectedSpan[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const doc = JSON.parse(body || '{}') as {
        resourceSpans?: {
          resource?: { attributes?: { key: string; value: OtlpValue }[] };
          scopeSpans?: {
            spans?: (Omit<CollectedSpan, 'attributes' | 'service'> & {
              attributes?: { key: string; value: OtlpValue }[];
            })[];
          }[];
        }[];
      };
      for (const rs of doc.resourceSpans ?? []) {
        const service = String(
          plain(rs.resource?.attributes?.find((a) => a.key === 'service.name')?.value ?? {}),
        );
        for (const ss of rs.scopeSpans ?? [])
          for (const s of ss.spans ?? [])
            spans.push({
              ...s,
              service,
              attributes: Object.fromEntries((s.attributes ?? []).map((a) => [a.key, plain(a.value)])),
            });
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1/traces`,
    spans,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
