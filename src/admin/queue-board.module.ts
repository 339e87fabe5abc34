import { BullAdapter } from '@bull-board/api/bullAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { BullBoardModule } from '@bull-board/nestjs';
import { type DynamicModule, Module } from '@nestjs/common';
import { actionQueueName } from '../actions/action-queues';
import { type HubConfig } from '../config/config.schema';
import { WebhookQueue } from '../webhooks/webhook-queue';

export const QUEUE_BOARD_ROUTE = '/admin/queues';

/**
 * bull-board at /admin/queues: every action queue and the webhooks queue, its jobs, retries and failures. Its pages are
 * a Fastify plugin outside Nest's guards, so bootstrap puts the prefix behind the admin scope
 * (guardAdminRoutes).
 */
@Module({})
export class QueueBoardModule {
  static forConfig(config: HubConfig): DynamicModule {
    return {
      module: QueueBoardModule,
      imports: [
        BullBoardModule.forRoot({
          route: QUEUE_BOARD_ROUTE,
          adapter: FastifyAdapter,
          middleware: (_req: unknown, _res: unknown, next: () => void) => next(),
          boardOptions: { uiConfig: { boardTitle: 'Context Hub queues' } },
        }),
        ...Object.keys(config.connectors).map((id) =>
          BullBoardModule.forFeature({ name: actionQueueName(id), adapter: BullAdapter }),
        ),
        BullBoardModule.forFeature({ name: WebhookQueue.Name, adapter: BullAdapter }),
      ],
    };
  }
}
