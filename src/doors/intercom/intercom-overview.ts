import { type SourceStatus, type CustomerContext } from '../../context/context.schemas';
import { type Flag } from '../../insights/insights.schema';
import { orderStage } from '../../insights/order-stage';
import { formatMoney } from '../../money';
import {
  type CanvasComponent,
  type CanvasResponse,
  CANVAS_MAX_BYTES,
  jsonBytes,
} from './intercom-canvas.schema';
import { orderButton } from './intercom-clicks';
import { button, canvas } from './intercom-components';
import { type OrderView } from './intercom-order-section';
import { type DoorState } from './intercom-request.schema';
import { clip, day, link, md, STAGE_WORDS, words } from './intercom-text';

type ListItem = Extract<CanvasComponent, { type: 'list' }>['items'][number];

const NOT_LIVE = new Set<SourceStatus['status']>(['unavailable', 'stale', 'partial']);
/** Systems named one by one; more are counted (a canvas has room for a few lines). */
const SOURCE_LINES = 8;
/** List texts are plain (Markdown is for text components): cut, never escaped. */
const ITEM_TEXT = 200;

/** A source that could not answer live: down, answered from a copy, in part, or not asked (circuit open). */
export function notLive(s: SourceStatus): boolean {
  return NOT_LIVE.has(s.status) || (s.status === 'skipped' && s.error !== undefined);
}

const SOURCE_STATE: Record<SourceStatus['status'], string> = {
  ok: 'answered',
  not_found: 'does not know them',
  partial: 'answered in part',
  stale: 'answered from its last good copy',
  unavailable: 'could not be asked',
  skipped: 'was not asked',
};

/** A source that could not answer live, and what to check by hand meanwhile. */
export function sourceLine(s: SourceStatus): string {
  const what = `**${md(s.connector)}** ${SOURCE_STATE[s.status]}`;
  return s.fallback ? `${what}: ${link(s.fallback.instructions, s.fallback.url)}` : what;
}

/** The systems that could not answer live, as text lines: at most SOURCE_LINES, then a count. */
export function sourceLines(sources: readonly SourceStatus[]): string[] {
  const down = sources.filter(notLive);
  const lines = down.slice(0, SOURCE_LINES).map(sourceLine);
  if (down.length > SOURCE_LINES)
    lines.push(`and ${down.length - SOURCE_LINES} more systems could not answer`);
  return lines;
}

const SEVERITY: Record<Flag['severity'], number> = { critical: 0, warning: 1, info: 2 };

/**
 * An order as one line of the first canvas: number, stage and total; its first parcel's carrier,
 * tracking number and status; its most severe flag, else whether it can be returned.
 */
function orderItem(view: OrderView): ListItem {
  const { order, insights } = view;
  const total = order.totals.total ? formatMoney(order.totals.total) : undefined;
  const parcel = order.shipments.find((s) => s.status !== 'cancelled');
  const flag = [...insights.flags].sort((a, b) => SEVERITY[a.severity] - SEVERITY[b.severity])[0];
  const ret = insights.returnEligibility;
  const returnable = ret?.eligible && ret.until ? `Returnable until ${day(ret.until)}` : undefined;
  const subtitle = parcel
    ? [parcel.carrier, parcel.trackingNumber, '·', words(parcel.status)].filter(Boolean).join(' ')
    : `Placed ${day(order.placedAt)}`;
  const tertiary = flag ? words(flag.code) : returnable;
  return {
    type: 'item',
    id: orderButton('order', order.number),
    title: clip(
      [`#${order.number}`, STAGE_WORDS[orderStage(order)], total].filter(Boolean).join(' · '),
      ITEM_TEXT,
    ),
    subtitle: clip(subtitle, ITEM_TEXT),
    ...(tertiary ? { tertiary_text: tertiary } : {}),
    action: { type: 'submit' },
  };
}

/** The customer's header: who, how much, escalation, and which systems could not answer. */
function customerHeader(context: CustomerContext, email: string): CanvasComponent[] {
  const { customer, insights, cases, sources } = context;
  const open = cases.filter((c) => ['new', 'open', 'pending', 'on_hold'].includes(c.status)).length;
  const facts = [
    md(email),
    customer?.ordersCount !== undefined ? `${customer.ordersCount} orders` : undefined,
    customer?.totalSpent ? `${formatMoney(customer.totalSpent)} spent` : undefined,
    open ? `${open} open case${open === 1 ? '' : 's'}` : undefined,
  ];
  const components: CanvasComponent[] = [
    { type: 'text', style: 'header', text: md(customer?.name ?? email), bottom_margin: 'none' },
    { type: 'text', style: 'muted', text: facts.filter(Boolean).join(' · ') },
  ];
  if (insights.escalate) {
    components.push({
      type: 'text',
      style: 'error',
      text: `**Escalate:** ${md(insights.escalationReasons.join('; '))}`,
    });
  }
  for (const line of sourceLines(sources)) components.push({ type: 'text', style: 'muted', text: line });
  return components;
}

/** The first canvas with the first `shown` orders. */
function overviewWith(
  context: CustomerContext,
  views: readonly OrderView[],
  shown: number,
  state: DoorState,
  notice: string | undefined,
): CanvasResponse {
  const components: CanvasComponent[] = [
    ...(notice ? [{ type: 'text', style: 'error', text: md(notice) } as const] : []),
    ...customerHeader(context, state.email),
  ];
  if (shown > 0) components.push({ type: 'list', items: views.slice(0, shown).map(orderItem) });
  else if (views.length === 0) components.push({ type: 'text', style: 'muted', text: 'No orders found.' });
  if (shown < views.length) {
    components.push({
      type: 'text',
      style: 'muted',
      text: `Showing ${shown} of ${views.length} orders: Intercom limits a canvas to 64 KB.`,
    });
  }
  components.push(button('refresh', `Refresh · updated ${state.issuedAt.slice(11, 16)} UTC`, 'link'));
  return canvas(components, { ...state, orders: state.orders.slice(0, shown) });
}

/**
 * The first canvas, kept short as Intercom asks of an inbox app's first canvas (under 400 px): the
 * customer, escalation, the systems that could not answer, and each recent order as one line to
 * click for its parcels with tracking links, flags, return eligibility and actions. Orders are
 * dropped from the end until the content fits `maxBytes` (Intercom's 64 KB); it says how many show.
 */
export function overviewCanvas(
  context: CustomerContext,
  views: readonly OrderView[],
  state: DoorState,
  notice?: string,
  maxBytes = CANVAS_MAX_BYTES,
): CanvasResponse {
  for (let shown = views.length; ; shown--) {
    const answer = overviewWith(context, views, shown, state, notice);
    if (shown === 0 || jsonBytes(answer.canvas.content) <= maxBytes) return answer;
  }
}
