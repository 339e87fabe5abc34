import { InsightsService } from '../../src/insights/insights.service';

/** The insights policies the playbook tests decide with: a 30-day return window, a day's grace. */
export const playbookInsights = new InsightsService({
  policies: { returnWindowDays: 30, overdueGraceDays: 1, escalateOn: ['delivery_exception'] },
});

/** A USD line of `quantity` × `price`, named by its SKU. */
export const usdLine = (sku: string, price: string, quantity = 1) => ({
  id: `li-${sku}`,
  sku,
  title: sku,
  quantity,
  unitPrice: { amount: price, currency: 'USD' },
});
