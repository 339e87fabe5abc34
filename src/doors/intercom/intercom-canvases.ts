import { type ApiKeyPrincipal } from '../../auth/api-key.store';
import { formatMoney } from '../../money';
import { type ActionOutcome } from './intercom-actions';
import { type CanvasComponent, type CanvasResponse } from './intercom-canvas.schema';
import { INPUTS, orderButton } from './intercom-clicks';
import { button, canvas, divider } from './intercom-components';
import { type OrderView, orderSection } from './intercom-order-section';
import { type DoorState } from './intercom-request.schema';
import { day, link, md, words } from './intercom-text';

/** What went wrong with the teammate's input, to show next to it. */
export interface OrderFormProblem {
  notice?: string;
  refund?: { value?: string; error: string };
  note?: { value?: string; error: string };
}

/** What the door's key may refund at once in this currency, in words; undefined without a limit. */
function refundLimitText(principal: ApiKeyPrincipal, currency: string): string | undefined {
  if (!principal.refundLimit) return undefined;
  const limit = principal.refundLimit[currency];
  return limit === undefined
    ? `Every ${currency} refund waits for approval.`
    : `Refunds up to ${formatMoney({ amount: limit, currency })} run at once; larger ones wait for approval.`;
}

/** One order with what can be done to it: request a cancel, a refund (an amount) or a note. */
export function orderCanvas(
  view: OrderView,
  principal: ApiKeyPrincipal,
  state: DoorState,
  problem: OrderFormProblem = {},
): CanvasResponse {
  const { order } = view;
  const n = order.number;
  const components: CanvasComponent[] = [{ type: 'text', style: 'header', text: `Order #${md(n)}` }];
  if (problem.notice) components.push({ type: 'text', style: 'error', text: md(problem.notice) });
  components.push(...orderSection(view), divider);
  if (order.status === 'cancelled') {
    components.push({ type: 'text', style: 'muted', text: 'This order is cancelled.' });
  } else {
    components.push(button(orderButton('cancel', n), 'Request cancel…'));
  }
  components.push(divider);
  if (order.currency) {
    components.push({
      type: 'input',
      id: INPUTS.refundAmount,
      label: `Refund amount (${order.currency})`,
      placeholder: 'e.g. 12.34',
      ...(problem.refund?.value ? { value: problem.refund.value } : {}),
      ...(problem.refund ? { save_state: 'failed' as const } : {}),
    });
    if (problem.refund) components.push({ type: 'text', style: 'error', text: md(problem.refund.error) });
    const limit = refundLimitText(principal, order.currency);
    if (limit) components.push({ type: 'text', style: 'muted', text: limit });
    components.push(button(orderButton('refund', n), 'Request refund'));
  } else {
    components.push({
      type: 'text',
      style: 'muted',
      text: "No system knows this order's currency, so no refund can be requested here.",
    });
  }
  components.push(divider, {
    type: 'textarea',
    id: INPUTS.noteText,
    label: 'Note on the order',
    placeholder: 'What the customer asked, what you promised',
    ...(problem.note?.value ? { value: problem.note.value } : {}),
    ...(problem.note ? { error: true } : {}),
  });
  if (problem.note) components.push({ type: 'text', style: 'error', text: md(problem.note.error) });
  components.push(
    button(orderButton('note', n), 'Add note'),
    divider,
    button('home', 'Back to all orders', 'link'),
  );
  return canvas(components, { ...state, order: n });
}

/** Asks once more before a cancel, saying what the cancel does. */
export function confirmCancelCanvas(view: OrderView, state: DoorState): CanvasResponse {
  const n = view.order.number;
  const shipped = view.insights.orderStage === 'in_transit' || view.insights.orderStage === 'delivered';
  const components: CanvasComponent[] = [
    { type: 'text', style: 'header', text: `Cancel order #${md(n)}?` },
    {
      type: 'text',
      text:
        'The hub asks the shop to cancel the order, refund its payments and restock its items; ' +
        'the customer is not notified. It runs in the background and is done once, however often you click.',
    },
  ];
  if (shipped) {
    components.push({
      type: 'text',
      style: 'error',
      text: 'It has shipped already: cancelling does not stop the parcel.',
    });
  }
  components.push(
    button(orderButton('cancel-confirm', n), 'Yes, request cancel', 'primary'),
    button(orderButton('order', n), 'Back'),
  );
  return canvas(components, { ...state, order: n });
}

const FINAL = new Set(['succeeded', 'failed', 'cancelled']);

function actionTitle(outcome: ActionOutcome): string {
  const { action } = outcome;
  const n = md(action.orderNumber);
  if (action.type === 'refund') {
    const amount = formatMoney({
      amount: String(action.params.amount),
      currency: String(action.params.currency),
    });
    return `Refund of ${amount} on #${n}`;
  }
  return action.type === 'cancel' ? `Cancel #${n}` : `Note on #${n}`;
}

/** Where the action stands, in a sentence a teammate acts on. */
function statusText(outcome: ActionOutcome): { text: string; style?: 'error' | 'muted' } {
  const { action, task } = outcome;
  switch (action.status) {
    case 'queued':
      return { text: 'Requested: the hub runs it in the background. Refresh to see it done.' };
    case 'running':
      return { text: 'Running now.' };
    case 'retrying':
      return {
        text: `Retrying: ${md(action.lastError?.message ?? 'the system did not answer')}`,
        style: 'muted',
      };
    case 'succeeded':
      return {
        text: action.result
          ? `Done: ${link(action.result.summary, action.result.url)}`
          : action.resolution
            ? `Done by hand by ${md(action.resolution.by)}.`
            : 'Done.',
      };
    case 'failed':
      return { text: `Failed: ${md(action.lastError?.message ?? 'no reason given')}`, style: 'error' };
    case 'cancelled':
      return {
        text: action.resolution
          ? `Not done: ${md(action.resolution.by)} closed it (${md(action.resolution.outcome)}).`
          : 'Not done: cancelled.',
        style: 'muted',
      };
    case 'manual':
      if (task?.kind === 'refund_approval') {
        return {
          text: `Waiting for approval (task ${md(task.id)}): ${md(task.title)}. The back office approves or rejects it in the hub's task list.`,
        };
      }
      return {
        text: task
          ? `A person finishes it by hand (task ${md(task.id)}): ${md(task.title)}.`
          : `A person finishes it by hand (task ${md(action.taskId ?? 'unknown')}).`,
        style: 'error',
      };
  }
}

/** What became of a teammate's click: the action, its status, and the task it waits on. */
export function outcomeCanvas(outcome: ActionOutcome, state: DoorState, notice?: string): CanvasResponse {
  const { action, task } = outcome;
  const status = statusText(outcome);
  const rows: [string, string][] = [
    ['Status', words(action.status)],
    ['Attempts', `${action.attempts} of ${action.maxAttempts}`],
    ['Requested', `${day(action.createdAt)} ${action.createdAt.slice(11, 16)} UTC`],
    ['Action', action.id],
  ];
  if (action.taskId) rows.push(['Task', task ? `${task.id} (${words(task.status)})` : action.taskId]);
  const components: CanvasComponent[] = [
    { type: 'text', style: 'header', text: actionTitle(outcome) },
    ...(notice ? [{ type: 'text', style: 'muted', text: md(notice) } as const] : []),
    { type: 'text', text: status.text, ...(status.style ? { style: status.style } : {}) },
    { type: 'data-table', items: rows.map(([field, value]) => ({ type: 'field-value', field, value })) },
    button('status', 'Refresh status', FINAL.has(action.status) ? 'secondary' : 'primary'),
    button(orderButton('order', action.orderNumber), `Back to #${action.orderNumber}`),
    button('home', 'All orders', 'link'),
  ];
  return canvas(components, { ...state, order: action.orderNumber, actionId: action.id });
}

/**
 * A canvas that says what went wrong or why there is nothing to show, with a way to try again. With
 * a state, the next click still knows the contact; without, a retry starts from the contact.
 */
export function messageCanvas(
  title: string,
  lines: readonly string[],
  options: { style?: 'error' | 'muted'; state?: DoorState } = {},
): CanvasResponse {
  return canvas(
    [
      { type: 'text', style: 'header', text: md(title) },
      ...lines.map((text) => ({ type: 'text' as const, text, style: options.style ?? 'muted' })),
      button('refresh', 'Try again'),
    ],
    options.state,
  );
}
