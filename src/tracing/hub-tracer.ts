import {
  context,
  defaultTextMapGetter,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
  type Tracer,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { type TracingConfig } from './tracing.schema';

const propagator = new W3CTraceContextPropagator();

/** What a vendor call's span records when it ends. */
export interface VendorCallEnd {
  outcome: string;
  retries: number;
  fromCopy: boolean;
}

/**
 * The hub's tracer (docs/operations.md "Traces"): a provider of its own, not the global one
 * (several hubs may share a process in tests), exporting over OTLP/HTTP in batches. Off, every
 * span is a no-op and nothing is sent.
 */
export class HubTracer {
  private readonly provider?: NodeTracerProvider;
  private readonly tracer: Tracer;

  constructor(config: TracingConfig) {
    if (!config.enabled) {
      this.tracer = trace.getTracer('context-hub-off');
      return;
    }
    // Spans follow a request through its awaits; set once per process (a second set is refused).
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    this.provider = new NodeTracerProvider({
      resource: resourceFromAttributes({ 'service.name': config.serviceName }),
      spanProcessors: [
        new BatchSpanProcessor(new OTLPTraceExporter({ url: config.otlpUrl }), {
          scheduledDelayMillis: config.exportIntervalMs,
        }),
      ],
    });
    this.tracer = this.provider.getTracer('context-hub');
  }

  get enabled(): boolean {
    return this.provider !== undefined;
  }

  /**
   * The span of one HTTP request, a child of the caller's `traceparent` when it sends one, and the
   * context its handling runs in.
   */
  startRequest(
    headers: Record<string, string | string[] | undefined>,
    name: string,
    attributes: Record<string, string>,
  ): { span: Span; context: ReturnType<typeof context.active> } {
    const parent = propagator.extract(ROOT_CONTEXT, headers, defaultTextMapGetter);
    const span = this.tracer.startSpan(name, { kind: SpanKind.SERVER, attributes }, parent);
    return { span, context: trace.setSpan(parent, span) };
  }

  /** Runs one vendor call in a span of its own under the request's, recording how it went. */
  async vendorCall<T>(
    connector: string,
    operation: string,
    call: () => Promise<{ result: T; end: VendorCallEnd }>,
  ): Promise<T> {
    if (!this.enabled) return (await call()).result;
    return this.tracer.startActiveSpan(
      `${connector} ${operation}`,
      { kind: SpanKind.CLIENT, attributes: { 'hub.connector': connector, 'hub.operation': operation } },
      async (span) => {
        try {
          const { result, end } = await call();
          span.setAttributes({
            'hub.outcome': end.outcome,
            'hub.retries': end.retries,
            'hub.served_from_copy': end.fromCopy,
          });
          if (end.outcome !== 'ok' && end.outcome !== 'not_found')
            span.setStatus({ code: SpanStatusCode.ERROR });
          return result;
        } finally {
          span.end();
        }
      },
    );
  }

  /** Sends what is still buffered, and stops. */
  async shutdown(): Promise<void> {
    await this.provider?.shutdown();
  }
}
