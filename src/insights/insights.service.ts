import { Injectable } from '@nestjs/common';
import { type Order } from '../canonical';
import { type SourceStatus } from '../context/context.schemas';
import { FLAG_RULES } from './flag.rules';
import { type Insights } from './insights.schema';
import { orderStage } from './order-stage';

/** Policy defaults until the `policies:` config section (issue #3) makes them configurable. */
export const DEFAULT_POLICY = { overdueGraceDays: 1 } as const;

/** Computes insights once per answer, so every channel gets the same flags. Pure: no IO. */
@Injectable()
export class InsightsService {
  forOrder(order: Order | null, sources: readonly SourceStatus[], now = new Date()): Insights {
    const flags = FLAG_RULES.flatMap((rule) => rule({ order, sources, now, ...DEFAULT_POLICY }));
    const critical = flags.filter((f) => f.severity === 'critical');
    return {
      ...(order ? { orderStage: orderStage(order) } : {}),
      flags,
      escalate: critical.length > 0,
      escalationReasons: critical.map((f) => f.message),
    };
  }
}
