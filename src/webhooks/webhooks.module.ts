import { BullModule, InjectQueue } from '@nestjs/bull';
import { type DynamicModule, Module, type OnModuleDestroy } from '@nestjs/common';
import { type Queue } from 'bull';
import { type HubConfig } from '../config/config.schema';
import { CopyInvalidator } from './copy.invalidator';
import { DeliveryLog } from './delivery-log';
import { type WebhookJobData, WebhookQueue } from './webhook-queue';
import { WebhookWorker } from './webhook.worker';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

/** Longest shutdown waits for the queue to let go (a running job finishing, Redis answering). */
const CLOSE_WAIT_MS = 5_000;

/**
 * Inbound webhooks (docs/api.md "Inbound webhooks"): API processes verify, dedupe and queue (HUB_ROLE api or
 * all); workers make the affected last-good copies outdated (worker or all). The queue uses the
 * Bull root configuration ActionsModule registers (keys under `<redis.keyPrefix>:bull`).
 */
@Module({})
export class WebhooksModule implements OnModuleDestroy {
  constructor(@InjectQueue(WebhookQueue.Name) private readonly queue: Queue<WebhookJobData>) {}

  static forConfig(config: HubConfig): DynamicModule {
    const role = config.server.role;
    return {
      module: WebhooksModule,
      imports: [BullModule.registerQueue({ name: WebhookQueue.Name })],
      controllers: role === 'worker' ? [] : [WebhooksController],
      providers: [
        ...(role === 'worker' ? [] : [DeliveryLog, WebhooksService]),
        ...(role === 'api' ? [] : [CopyInvalidator, WebhookWorker]),
      ],
    };
  }

  /**
   * Closed before the application shuts down: the Redis connections Bull shares are ended at
   * shutdown (ActionQueueRegistry), and a queue closing after that would open its blocking one again.
   */
  async onModuleDestroy(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.queue.close().catch(() => undefined),
      new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_WAIT_MS))),
    ]).finally(() => clearTimeout(timer));
  }
}
