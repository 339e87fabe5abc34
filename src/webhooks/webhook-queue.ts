import { type JobOptions } from 'bull';
import { type WebhookSubject } from '../connectors/contract';

/** Queue names are enums (docs/architecture.md "Conventions" 7): one queue for every connector's inbound webhooks. */
export enum WebhookQueue {
  Name = 'webhooks',
}

/** What the API process hands the worker: the verified delivery, never the raw body. */
export interface WebhookJobData {
  connector: string;
  deliveryId: string;
  kind: string;
  subjects: WebhookSubject[];
  /** When the hub received it (ISO 8601). */
  receivedAt: string;
}

/** One job per delivery: Bull ignores an add with a job id it already holds. */
export const webhookJobId = (connector: string, deliveryId: string): string => `${connector}:${deliveryId}`;

export function webhookJobOptions(jobId: string): JobOptions {
  return {
    jobId,
    // Dropping copies only needs Redis; a few quick retries ride out a blip.
    attempts: 5,
    backoff: { type: 'exponential', delay: 500 },
    // Kept a while for /admin/queues and for tests that count deliveries.
    removeOnComplete: { age: 24 * 3_600, count: 1_000 },
    removeOnFail: { age: 7 * 24 * 3_600, count: 1_000 },
  };
}
