import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { type AuditNote } from '../../audit/audit-note';
import { customerSubject } from '../../audit/audit-subject';
import { type ApiKeyPrincipal, ApiKeyStore } from '../../auth/api-key.store';
import { HubException } from '../../common/problem';
import { type HubConfig } from '../../config/config.schema';
import { HUB_CONFIG } from '../../config/config.tokens';
import { type SourceStatus } from '../../context/context.schemas';
import { CustomerContextService } from '../../context/customer-context.service';
import { OrderContextService } from '../../context/order-context.service';
import { InsightsService } from '../../insights/insights.service';
import { type IntercomDoor } from '../doors.schema';
import { doorNotConfigured } from '../door-problems';
import { IntercomActions } from './intercom-actions';
import { intercomActor } from './intercom-actor';
import { type CanvasResponse } from './intercom-canvas.schema';
import {
  confirmCancelCanvas,
  messageCanvas,
  type OrderFormProblem,
  orderCanvas,
  outcomeCanvas,
} from './intercom-canvases';
import { overviewCanvas, sourceLines } from './intercom-overview';
import { type Click, parseClick } from './intercom-clicks';
import { clickRequest, teammate } from './intercom-click-action';
import {
  contactEmail,
  conversationId,
  type DoorState,
  DoorStateSchema,
  type IntercomRequestBody,
  IntercomRequestSchema,
  shownStoredData,
} from './intercom-request.schema';
import { authorizeIntercom } from './intercom-signature';
import { md } from './intercom-text';

/** A Canvas Kit request as it arrived: the raw body bytes are what Intercom signed. */
export interface IntercomCall {
  /** Lower-case header names. */
  headers: Readonly<Record<string, string | undefined>>;
  rawBody: Buffer;
  /** The hub's id of this request, shown on a canvas that reports a failure. */
  requestId: string;
  /** Adds to this request's audit row: whom it was about, which teammate, what it requested. */
  audit: (note: AuditNote) => void;
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/**
 * Intercom's inbox app (docs/doors/intercom.md): the customer's orders for the conversation's
 * contact, and the teammates' cancels, refunds and notes through the actions pipeline. A request
 * Intercom did not sign is a 401; every signed one is answered with a canvas, whatever fails.
 */
@Injectable()
export class IntercomService {
  private readonly logger = new Logger('IntercomDoor');
  /** The API key the door acts as (null while the door is off); checked at boot. */
  private readonly actor: ApiKeyPrincipal | null;

  constructor(
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(CustomerContextService) private readonly customers: CustomerContextService,
    @Inject(OrderContextService) private readonly orders: OrderContextService,
    @Inject(InsightsService) private readonly insights: InsightsService,
    @Inject(IntercomActions) private readonly actions: IntercomActions,
    @Inject(ApiKeyStore) keys: ApiKeyStore,
  ) {
    this.actor = config.doors.intercom ? intercomActor(keys, config) : null;
  }

  /** The door's principal; there is one whenever the door is on (the constructor checked it). */
  private acting(): ApiKeyPrincipal {
    if (!this.actor) throw new Error('the Intercom door acts only when doors.intercom is set');
    return this.actor;
  }

  /** The canvas Intercom shows when a teammate opens a conversation: the contact's orders. */
  initialize(call: IntercomCall, now = new Date()): Promise<CanvasResponse> {
    return this.answer(call, (door, body) => this.overview(door, body, now));
  }

  /** The canvas after a teammate's click: an order, a confirmation, or what became of an action. */
  submit(call: IntercomCall, now = new Date()): Promise<CanvasResponse> {
    return this.answer(call, (door, body) =>
      this.click(door, body, parseClick(body.component_id), now, call.audit),
    );
  }

  private async answer(
    call: IntercomCall,
    handle: (door: IntercomDoor, body: IntercomRequestBody) => Promise<CanvasResponse>,
  ): Promise<CanvasResponse> {
    const door = this.config.doors.intercom;
    if (!door) {
      throw doorNotConfigured('intercom');
    }
    authorizeIntercom(door.clientSecret, call.headers, call.rawBody);
    try {
      const body = parseBody(call.rawBody);
      if (!body) {
        return messageCanvas('The hub could not read this request', [
          'Intercom sent something that is not a Canvas Kit request. Try again; if it persists, check the app in the Developer Hub.',
        ]);
      }
      call.audit(whoAsked(body));
      if (door.workspaceId && body.workspace_id !== door.workspaceId) {
        return messageCanvas('Not for this workspace', [
          'This hub answers another Intercom workspace: nothing is shown here. Ask your admin which hub serves this one.',
        ]);
      }
      return await handle(door, body);
    } catch (error) {
      this.logger.error({ err: error, requestId: call.requestId }, 'intercom door: the canvas failed');
      return messageCanvas(
        'Something went wrong',
        [`The hub could not answer (reference ${md(call.requestId)}). Try again in a moment.`],
        { style: 'error' },
      );
    }
  }

  /** The contact's orders, or a canvas that says why there are none to show. */
  private async overview(
    door: IntercomDoor,
    body: IntercomRequestBody,
    now: Date,
    notice?: string,
  ): Promise<CanvasResponse> {
    const email = contactEmail(body);
    if (!email || !EMAIL.test(email)) {
      return messageCanvas('No email for this contact', [
        'The hub finds customers by email, and this contact has none. Add it to the contact in Intercom, then try again.',
      ]);
    }
    try {
      const context = await this.customers.customerContext({ email, limit: door.orders });
      const views = context.orders.map((order) => ({
        order,
        insights: this.insights.forOrder(order, [], now),
      }));
      const orders = views.map((v) => ({
        number: v.order.number,
        ...(v.order.currency ? { currency: v.order.currency } : {}),
      }));
      return overviewCanvas(context, views, newState(email, orders, now), notice ?? leadWarning(body));
    } catch (error) {
      return unavailable(error, `No connected system knows ${md(email)}.`);
    }
  }

  private async click(
    door: IntercomDoor,
    body: IntercomRequestBody,
    click: Click,
    now: Date,
    audit: IntercomCall['audit'],
  ): Promise<CanvasResponse> {
    if (click.kind === 'refresh' || click.kind === 'home') return this.overview(door, body, now);
    const stored = DoorStateSchema.safeParse(shownStoredData(body));
    if (click.kind === 'unknown' || !stored.success) {
      return this.overview(
        door,
        body,
        now,
        'That view was out of date, so nothing was done: here is the current one.',
      );
    }
    const state = stored.data;
    if (state.email !== contactEmail(body)) {
      return this.overview(
        door,
        body,
        now,
        "That view was about another contact, so nothing was done: here is this one's.",
      );
    }
    const next = { ...state, nonce: randomUUID(), issuedAt: now.toISOString() };
    delete next.actionId;
    if (click.kind === 'status') {
      if (!state.actionId) return this.overview(door, body, now);
      try {
        return outcomeCanvas(await this.actions.status(this.acting(), state.actionId), next);
      } catch (error) {
        if (!(error instanceof HubException) || error.status !== 404) throw error;
        return this.overview(
          door,
          body,
          now,
          'That action is not known here any more: here is the current view.',
        );
      }
    }
    const entry = state.orders.find((o) => o.number === click.order);
    if (!entry) {
      return this.overview(
        door,
        body,
        now,
        `Order #${click.order} is not among this contact's orders: nothing was done.`,
      );
    }
    if (click.kind === 'order') return this.order(entry.number, next, now);
    if (click.kind === 'cancel') return this.order(entry.number, next, now, {}, true);
    const request = clickRequest(door, click.kind, body, state, entry, now);
    if ('problem' in request) return this.order(entry.number, next, now, request.problem);
    try {
      const outcome = await this.actions.request(this.acting(), entry.number, request.key, request.body);
      audit({
        apiKeyName: this.acting().name,
        outcome: 'action_requested',
        detail: `${whoAsked(body).detail}: ${request.body.type} #${entry.number} as ${this.acting().name}, action ${outcome.action.id}`,
      });
      return outcomeCanvas(outcome, next);
    } catch (error) {
      if (!(error instanceof HubException)) throw error;
      if (error.code === 'idempotency_key_reused' && typeof error.extensions?.actionId === 'string') {
        const earlier = await this.actions.status(this.acting(), error.extensions.actionId);
        return outcomeCanvas(
          earlier,
          next,
          'This button was already used from this view: here is what it requested.',
        );
      }
      return this.order(entry.number, next, now, {
        notice: `Nothing was done: ${error.detail ?? error.title}`,
      });
    }
  }

  /** One order as it is now: what can be done to it, or the cancel's confirmation. */
  private async order(
    orderNumber: string,
    state: DoorState,
    now: Date,
    problem: OrderFormProblem = {},
    confirmCancel = false,
  ): Promise<CanvasResponse> {
    try {
      const context = await this.orders.orderContext(orderNumber, { email: state.email });
      if (!context.order) throw new HubException(404, 'order_not_found', 'Order not found');
      // The order's own flags (no source statuses), and what the playbooks decided for it.
      const insights = {
        ...this.insights.forOrder(context.order, [], now),
        decisions: context.insights.decisions,
      };
      const view = { order: context.order, insights };
      return confirmCancel
        ? confirmCancelCanvas(view, state)
        : orderCanvas(view, this.acting(), state, problem);
    } catch (error) {
      return unavailable(error, `No connected system knows order #${md(orderNumber)} any more.`, state);
    }
  }
}

/**
 * A lead's email is what they typed in the Messenger, not verified by anyone: the teammate is told
 * before acting on the orders it finds.
 */
function leadWarning(body: IntercomRequestBody): string | undefined {
  const role = (body.contact ?? body.customer)?.role;
  return role === 'lead'
    ? 'This contact is a lead: Intercom has not verified their email. Check who they are before you act on these orders.'
    : undefined;
}

/** The audit's view of a request: whom it is about (kept as a hash) and which teammate asked where. */
function whoAsked(body: IntercomRequestBody): AuditNote & { detail: string } {
  const email = contactEmail(body);
  const where = conversationId(body);
  return {
    detail: `Intercom, ${teammate(body)}${where ? ` in conversation ${where}` : ''}`,
    ...(email ? { subject: { type: 'customer', subject: customerSubject('email', email) } } : {}),
  };
}

function parseBody(rawBody: Buffer): IntercomRequestBody | undefined {
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return undefined;
  }
  const parsed = IntercomRequestSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

/** A fresh state for a canvas about this contact: a new nonce makes its clicks new actions. */
function newState(email: string, orders: DoorState['orders'], now: Date): DoorState {
  return { v: 1, email, nonce: randomUUID(), issuedAt: now.toISOString(), orders };
}

/**
 * The canvas for a read the hub could not answer: nobody knows the subject (404), or no system
 * could be asked (503: each source and what to check by hand). Anything else is rethrown.
 */
function unavailable(error: unknown, notFound: string, state?: DoorState): CanvasResponse {
  if (!(error instanceof HubException) || (error.status !== 404 && error.status !== 503)) throw error;
  if (error.status === 404) return messageCanvas('Nothing found', [notFound], { state });
  const lines = sourceLines((error.extensions?.sources ?? []) as SourceStatus[]);
  return messageCanvas('No system could answer', ['Check by hand meanwhile:', ...lines], {
    style: 'error',
    state,
  });
}
