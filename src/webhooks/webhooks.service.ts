import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { type Queue } from 'bull';
import { HubException } from '../common/problem';
import { HubMetrics } from '../monitoring/hub-metrics';
import { ConnectorRegistry } from '../connectors/connector.registry';
import { type WebhookDelivery, WebhookRejected, type WebhookRequest } from '../connectors/contract';
import { DeliveryLog } from './delivery-log';
import { type WebhookJobData, WebhookQueue, webhookJobId, webhookJobOptions } from './webhook-queue';

/** What `POST /webhooks/{connectorId}` answers: 202 queued, 200 duplicate. */
export interface WebhookReceipt {
  status: 'queued' | 'duplicate';
  connector: string;
  deliveryId: string;
  kind?: string;
}

/** hub_webhooks_total's outcome for each refusal code. */
const OUTCOMES: Record<string, string> = {
  webhook_signature_invalid: 'signature_invalid',
  webhook_payload_invalid: 'payload_invalid',
  webhook_not_configured: 'not_configured',
  connector_not_found: 'not_configured',
  webhook_queue_unavailable: 'unavailable',
};

/** Longest a vendor waits on Redis before it gets a 503 and retries later (vendors time out at 5 to 15 s). */
const QUEUE_WAIT_MS = 2_000;

/**
 * The API side of inbound webhooks (docs/api.md "Inbound webhooks"): the connector verifies the vendor's
 * signature on the raw body, a repeat of a delivery queued lately is acknowledged and ignored,
 * and a job goes to the `webhooks` queue for a worker; then the delivery id is remembered. Nothing else happens before the
 * answer, so vendors get it fast.
 */
@Injectable()
export class WebhooksService {
  private readonly logger = new Logger('Webhooks');

  constructor(
    @Inject(ConnectorRegistry) private readonly connectors: ConnectorRegistry,
    @Inject(DeliveryLog) private readonly deliveries: DeliveryLog,
    @InjectQueue(WebhookQueue.Name) private readonly queue: Queue<WebhookJobData>,
    @Inject(HubMetrics) private readonly metrics: HubMetrics,
  ) {}

  /** Each delivery counted by its outcome (hub_webhooks_total): signature failures are an alert. */
  async receive(connectorId: string, request: WebhookRequest): Promise<WebhookReceipt> {
    // Only configured connectors are labels: a path anyone can write must not grow the metric.
    const connector = this.connectors.get(connectorId) ? connectorId : 'unknown';
    try {
      const receipt = await this.accept(connectorId, request);
      this.metrics.webhooks.inc({ connector, outcome: receipt.status });
      return receipt;
    } catch (error) {
      const code = error instanceof HubException ? error.code : 'error';
      this.metrics.webhooks.inc({ connector, outcome: OUTCOMES[code] ?? 'error' });
      throw error;
    }
  }

  private async accept(connectorId: string, request: WebhookRequest): Promise<WebhookReceipt> {
    const delivery = this.verify(connectorId, request);
    const receipt = { connector: connectorId, deliveryId: delivery.deliveryId };
    if (await this.seenBefore(connectorId, delivery.deliveryId)) {
      this.logger.debug(`${connectorId} delivery ${delivery.deliveryId} seen before: ignored`);
      return { status: 'duplicate', ...receipt };
    }
    const data: WebhookJobData = {
      ...receipt,
      kind: delivery.kind,
      subjects: delivery.subjects,
      receivedAt: request.receivedAt.toISOString(),
    };
    if (!(await this.enqueue(data))) {
      // Nothing was remembered: the vendor's retry is taken.
      throw unavailable('The webhook queue did not answer in time; retry later.');
    }
    // After the job, never before (DeliveryLog). If this fails, the job id still keeps a repeat to one job.
    await this.deliveries
      .remember(connectorId, delivery.deliveryId, request.receivedAt)
      .catch((error: unknown) =>
        this.logger.warn(
          `${connectorId} delivery ${delivery.deliveryId} queued, not remembered: ${(error as Error).message}`,
        ),
      );
    this.logger.log(`${connectorId} ${delivery.kind} delivery ${delivery.deliveryId} queued`);
    return { status: 'queued', ...receipt, kind: delivery.kind };
  }

  private verify(connectorId: string, request: WebhookRequest): WebhookDelivery {
    const connector = this.connectors.get(connectorId);
    if (!connector) {
      throw new HubException(
        404,
        'connector_not_found',
        'Unknown connector',
        `No connector "${connectorId}" is configured.`,
      );
    }
    if (!connector.webhooks) {
      throw new HubException(
        404,
        'webhook_not_configured',
        'Webhooks not configured',
        `Connector "${connectorId}" has no webhook secret (connectors.${connectorId}.webhookSecret), so its webhooks cannot be verified.`,
      );
    }
    try {
      return connector.webhooks.verify(request);
    } catch (error) {
      if (!(error instanceof WebhookRejected)) throw error;
      this.logger.warn(`${connectorId} webhook refused (${error.code}): ${error.message}`);
      if (!error.isSignatureProblem) {
        throw new HubException(400, 'webhook_payload_invalid', 'Webhook payload invalid', error.message);
      }
      throw new HubException(
        401,
        'webhook_signature_invalid',
        'Webhook signature invalid',
        error.message,
        undefined,
        { reason: error.code },
        { 'www-authenticate': `Signature realm="webhooks/${connectorId}"` },
      );
    }
  }

  private async seenBefore(connectorId: string, deliveryId: string): Promise<boolean> {
    try {
      return await this.deliveries.seen(connectorId, deliveryId);
    } catch (error) {
      this.logger.warn(`webhook delivery log unavailable: ${(error as Error).message}`);
      throw unavailable('Deliveries cannot be checked for repeats right now (Redis); retry later.');
    }
  }

  /**
   * Whether Redis took the job within QUEUE_WAIT_MS. A job that lands later is harmless: the
   * vendor's retry finds the same job id, and Bull adds no second one.
   */
  private async enqueue(data: WebhookJobData): Promise<boolean> {
    const jobId = webhookJobId(data.connector, data.deliveryId);
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        this.queue.add(data, webhookJobOptions(jobId)).then(() => true),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), QUEUE_WAIT_MS))),
      ]);
    } catch (error) {
      this.logger.warn(`webhook job ${jobId} not queued: ${(error as Error).message}`);
      return false;
    } finally {
      clearTimeout(timer);
    }
  }
}

function unavailable(detail: string): HubException {
  return new HubException(
    503,
    'webhook_queue_unavailable',
    'Webhook queue unavailable',
    detail,
    undefined,
    undefined,
    {
      'retry-after': '30',
    },
  );
}
