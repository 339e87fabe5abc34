import { z } from 'zod';
import { wholeNumber } from '../connectors/contract';

/**
 * OpenTelemetry traces (docs/operations.md "Traces"): one trace per request, a span per vendor
 * call, exported over OTLP/HTTP. Off until `enabled`.
 */
export const TracingSchema = z
  .object({
    enabled: z.boolean().default(false),
    /** An OTLP/HTTP traces endpoint: a collector (OpenTelemetry Collector, Tempo, Jaeger, ...). */
    otlpUrl: z
      .url({ protocol: /^https?$/, error: 'an http(s) URL such as http://collector:4318/v1/traces' })
      .default('http://127.0.0.1:4318/v1/traces'),
    /** `service.name` of every span. */
    serviceName: z.string().min(1).max(100).default('context-hub'),
    /** How often finished spans are sent, in one batch. */
    exportIntervalMs: wholeNumber().pipe(z.number().min(50).max(60_000)).default(5_000),
  })
  .strict();
export type TracingConfig = z.infer<typeof TracingSchema>;
