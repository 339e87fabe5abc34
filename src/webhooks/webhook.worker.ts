import { InjectQueue } from '@nestjs/bull';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { type Queue } from 'bull';
import { startProcessing } from '../queues/start-processing';
import { CopyInvalidator } from './copy.invalidator';
import { type WebhookJobData, WebhookQueue } from './webhook-queue';

/** Jobs at once per worker process: each is a few Redis commands. */
const CONCURRENCY = 8;

/** The worker side (HUB_ROLE worker or all): each queued delivery makes its copies outdated. */
@Injectable()
export class WebhookWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Webhooks');
  private stopping = false;

  constructor(
    @InjectQueue(WebhookQueue.Name) private readonly queue: Queue<WebhookJobData>,
    @Inject(CopyInvalidator) private readonly copies: CopyInvalidator,
  ) {}

  onApplicationBootstrap(): void {
    void startProcessing(this.queue, CONCURRENCY, (job) => this.copies.apply(job.data)).catch(
      (e: unknown) => {
        // Bull settles this promise when the queue closes; only a failure while running matters.
        if (!this.stopping) this.logger.error(`webhook queue stopped: ${(e as Error)?.message ?? e}`);
      },
    );
  }

  onModuleDestroy(): void {
    this.stopping = true;
  }
}
