import { Inject, Injectable } from '@nestjs/common';
import { type Order } from '../canonical';
import { type HubConfig } from '../config/config.schema';
import { HUB_CONFIG } from '../config/config.tokens';
import { type SourceStatus } from '../context/context.schemas';
import { FLAG_RULES } from './flag.rules';
import { type Flag, type FlagCode, type Insights } from './insights.schema';
import { orderStage } from './order-stage';
import { returnEligibility } from './return-eligibility';

export type Policies = HubConfig['policies'];

/**
 * Computes insights once per answer from the configured policies, so the helpdesk and the bot get
 * the same flags and the same escalation. Pure: no IO.
 */
@Injectable()
export class InsightsService {
  private readonly escalateOn: ReadonlySet<FlagCode>;

  constructor(@Inject(HUB_CONFIG) config: Pick<HubConfig, 'policies'>) {
    this.policies = config.policies;
    this.escalateOn = new Set(config.policies.escalateOn);
  }

  private readonly policies: Policies;

  forOrder(order: Order | null, sources: readonly SourceStatus[], now = new Date()): Insights {
    const flags = this.flags(order, sources, now);
    return {
      ...(order ? { orderStage: orderStage(order) } : {}),
      flags,
      ...(order ? { returnEligibility: returnEligibility(order, now, this.policies.returnWindowDays) } : {}),
      ...this.escalation(flags),
    };
  }

  /** A customer's insights: every recent order's flags (naming the order), and the sources'. */
  forCustomer(orders: readonly Order[], sources: readonly SourceStatus[], now = new Date()): Insights {
    const flags = [
      ...orders.flatMap((o) =>
        this.flags(o, [], now).map((f) => ({ ...f, message: `Order ${o.number}: ${f.message}` })),
      ),
      ...this.flags(null, sources, now),
    ];
    return { flags, ...this.escalation(flags) };
  }

  private flags(order: Order | null, sources: readonly SourceStatus[], now: Date): Flag[] {
    return FLAG_RULES.flatMap((rule) =>
      rule({ order, sources, now, overdueGraceDays: this.policies.overdueGraceDays }),
    );
  }

  private escalation(flags: Flag[]): Pick<Insights, 'escalate' | 'escalationReasons'> {
    const reasons = flags.filter((f) => this.escalateOn.has(f.code)).map((f) => f.message);
    return { escalate: reasons.length > 0, escalationReasons: reasons };
  }
}
