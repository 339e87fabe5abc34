import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { type ApiKeyPrincipal } from '../auth/api-key.store';
import { HubException } from '../common/problem';
import { type HubConfig } from '../config/config.schema';
import { HUB_CONFIG } from '../config/config.tokens';
import { ConnectorRegistry } from '../connectors/connector.registry';
import { HubMetrics } from '../monitoring/hub-metrics';
import { type TaskRow } from '../tasks/task.entity';
import { TasksService } from '../tasks/tasks.service';
import { type ActionRow } from './action.entity';
import { ActionQueueRegistry } from './action-queue.registry';
import { type ActionBody, type ActionView } from './action-request.schema';
import { approvalTask } from './action-tasks';
import { type CheckedDecision, type DecisionCheck } from './decision-check';
import { actionTarget } from './action-target';
import { ActionStore } from './action.store';
import { approvalReason } from './refund-approval';
import type Redis from 'ioredis';
import { type Connector } from '../connectors/contract';
import { REDIS } from '../redis/redis.tokens';
import { LockUnavailable, OrderLock } from './order-lock';
import { requestHash } from './request-hash';
import { RemedyNotice } from './remedy-notice';
import { inTransaction } from '../database/transaction';

/**
 * Accepts actions (docs/api.md): stored before the 202, deduplicated on the caller's
 * Idempotency-Key, then queued for a worker, or held for approval when a refund is above the
 * key's limit. Closes or releases an action when a person resolves its task.
 */
@Injectable()
export class ActionsService implements OnModuleInit {
  private readonly logger = new Logger('Actions');
  private decisionCheck?: DecisionCheck;
  private readonly remedyLock: OrderLock;
  private readonly decisionWaitMs: number;

  constructor(
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(ActionStore) private readonly store: ActionStore,
    @Inject(ConnectorRegistry) private readonly connectors: ConnectorRegistry,
    @Inject(ActionQueueRegistry) private readonly queues: ActionQueueRegistry,
    @Inject(TasksService) private readonly tasks: TasksService,
    @Inject(HubMetrics) private readonly metrics: HubMetrics,
    @Inject(RemedyNotice) private readonly notice: RemedyNotice,
    @Inject(REDIS) redis: Redis,
  ) {
    // Held while a decision is checked (an order context: the request deadline) and stored; a
    // second request waits as long, so it fails only when the first is stuck.
    this.remedyLock = new OrderLock(redis, config.context.deadlineMs + 10_000, 'lock:decide');
    this.decisionWaitMs = config.context.deadlineMs + 5_000;
  }

  onModuleInit(): void {
    this.tasks.onResolve(['action_failed', 'action_unknown_outcome'], async (task, res, manager) => {
      const done = res.outcome === 'done';
      await this.closeFromTask(task, res, done ? 'succeeded' : 'cancelled', manager);
      if (!done || !task.actionId) return;
      const id = task.actionId;
      // After the commit: a remedy a person carried out by hand is granted too.
      return async () => {
        const row = await this.store.get(id);
        if (row?.status === 'succeeded') this.notice.granted(row);
      };
    });
    this.tasks.onResolve(['refund_approval', 'remedy_approval'], async (task, res, manager) => {
      const action = task.actionId ? await this.store.get(task.actionId) : null;
      if (action && action.apiKeyName === res.keyName) {
        throw new HubException(
          403,
          'self_approval',
          'Forbidden',
          `API key "${res.keyName}" requested this ${action.type === 'refund' ? 'refund' : 'remedy'} and cannot approve it.`,
        );
      }
      if (res.outcome === 'rejected') return this.closeFromTask(task, res, 'cancelled', manager);
      const moved = await this.store.transition(task.actionId!, ['manual'], { status: 'queued' }, manager);
      if (!moved)
        throw new HubException(409, 'action_not_waiting', 'Conflict', 'The action is no longer waiting.');
      return async () => {
        await this.queues.enqueue(action!.connector, action!.id, action!.maxAttempts);
      };
    });
  }

  /** How an action naming a playbook decision is checked (src/playbooks/remedy-gate.ts registers it). */
  checkDecisionsWith(check: DecisionCheck): void {
    this.decisionCheck = check;
  }

  async submit(
    principal: ApiKeyPrincipal,
    orderNumber: string,
    idempotencyKey: string,
    body: ActionBody,
  ): Promise<{ action: ActionView; created: boolean }> {
    const hash = requestHash(orderNumber, body);
    const earlier = await this.store.findByKey(principal.name, idempotencyKey);
    if (earlier) return { action: this.sameRequest(earlier, hash), created: false };

    const connector = actionTarget(body, this.connectors.all());
    if (body.type === 'cancel' || !body.decision)
      return this.accept(principal, orderNumber, idempotencyKey, body, hash, connector);
    // A note records a decision and grants nothing: it needs no turn.
    if (body.type === 'note') {
      const checked = await this.checkDecision(orderNumber, body);
      return this.accept(principal, orderNumber, idempotencyKey, body, hash, connector, checked);
    }
    // One decision at a time per order, across processes: two agents granting the same remedy at
    // once would both see it not granted yet. The second decides after the first is stored.
    const decide = async () => {
      const meanwhile = await this.store.findByKey(principal.name, idempotencyKey);
      if (meanwhile) return { action: this.sameRequest(meanwhile, hash), created: false };
      const checked = await this.checkDecision(orderNumber, body);
      return this.accept(principal, orderNumber, idempotencyKey, body, hash, connector, checked);
    };
    let decided: Awaited<ReturnType<typeof decide>> | undefined;
    try {
      decided = await this.remedyLock.with('remedies', orderNumber, this.decisionWaitMs, decide);
    } catch (error) {
      if (!(error instanceof LockUnavailable)) throw error;
      // Without the order's turn two agents could grant the same remedy: better to ask again.
      throw new HubException(
        503,
        'order_lock_unavailable',
        'Service unavailable',
        `Remedies for order ${orderNumber} cannot be decided while Redis does not answer; try again shortly.`,
      );
    }
    if (!decided) {
      // The same request sent again while the first was deciding is answered with what it stored.
      const first = await this.store.findByKey(principal.name, idempotencyKey);
      if (first) return { action: this.sameRequest(first, hash), created: false };
      throw new HubException(
        409,
        'order_busy',
        'Conflict',
        `Another remedy for order ${orderNumber} is being decided; send this request again in a moment.`,
      );
    }
    return decided;
  }

  /** Stores the action (held for approval, or queued for a worker). */
  private async accept(
    principal: ApiKeyPrincipal,
    orderNumber: string,
    idempotencyKey: string,
    body: ActionBody,
    hash: string,
    connector: Connector,
    checked?: CheckedDecision,
  ): Promise<{ action: ActionView; created: boolean }> {
    const now = new Date();
    const row: ActionRow = {
      id: randomUUID(),
      apiKeyName: principal.name,
      idempotencyKey,
      requestHash: hash,
      orderNumber,
      type: body.type,
      connector: connector.id,
      params: paramsOf(body, principal, checked),
      status: 'queued',
      attempts: 0,
      maxAttempts: this.config.actions.attempts,
      lastError: null,
      result: null,
      taskId: null,
      resolution: null,
      decision: checked?.decision ?? null,
      createdAt: now,
      updatedAt: now,
      startedAt: null,
      finishedAt: null,
    };
    // Money leaving the shop (a refund, store credit) is held above the key's limit; any remedy its
    // playbook offers only with approval is held too.
    const limit =
      body.type === 'refund' || body.type === 'store_credit'
        ? approvalReason(principal, body.amount)
        : undefined;
    // A replacement or store credit no playbook decision names is the agent's own call: a second
    // person approves it (docs/playbooks.md "Carrying a remedy out").
    const offPolicy =
      (body.type === 'replacement' || body.type === 'store_credit') && !checked
        ? `no playbook decision names this ${body.type === 'replacement' ? 'replacement' : 'store credit'}`
        : undefined;
    const held = limit ?? checked?.approval ?? offPolicy;
    let stored: { row: ActionRow; created: boolean };
    if (held) {
      stored = await inTransaction(this.store.db, async (manager) => {
        const task = await this.tasks.open(approvalTask(row, connector, held), manager);
        return this.store.insertOrExisting({ ...row, status: 'manual', taskId: task.id }, manager);
      });
    } else {
      stored = await this.store.insertOrExisting(row);
    }
    if (!stored.created) return { action: this.sameRequest(stored.row, hash), created: false };
    if (!held) {
      const job = await this.queues.enqueue(connector.id, row.id, row.maxAttempts);
      if (!job) this.logger.warn(`action ${row.id} stored; its job will be queued when Redis answers`);
    }
    // A refund held for approval is accepted work, not a failure handed to a person (docs/alerts.md).
    const accepted = stored.row.status === 'manual' ? 'awaiting_approval' : stored.row.status;
    this.metrics.actions.inc({ connector: connector.id, type: row.type, status: accepted });
    this.logger.log(
      `action ${row.id} accepted: ${row.type} #${orderNumber} via ${connector.id} for ${principal.name}` +
        (held ? ' (waiting for approval)' : ''),
    );
    return { action: this.toView(stored.row), created: true };
  }

  async get(principal: ApiKeyPrincipal, id: string): Promise<ActionView> {
    const row = await this.store.get(id);
    // Another key's action answers like a missing one: ids are not a way to read others' work.
    if (!row || (row.apiKeyName !== principal.name && !principal.scopes.has('admin'))) {
      throw new HubException(404, 'action_not_found', 'Not found', `No action ${id}.`);
    }
    return this.toView(row);
  }

  /** The newest actions this key may read (GET /v1/actions/:id's rule): its own, or all with admin. */
  async recent(
    principal: ApiKeyPrincipal,
    page: { limit: number; offset: number },
  ): Promise<{ actions: ActionView[]; total: number }> {
    const { rows, total } = await this.store.recent(
      page,
      principal.scopes.has('admin') ? undefined : principal.name,
    );
    return { actions: rows.map((r) => this.toView(r)), total };
  }

  toView(row: ActionRow): ActionView {
    return {
      id: row.id,
      status: row.status,
      type: row.type,
      orderNumber: row.orderNumber,
      connector: row.connector,
      params: row.params,
      attempts: row.attempts,
      maxAttempts: row.maxAttempts,
      ...(row.lastError ? { lastError: row.lastError } : {}),
      ...(row.result ? { result: row.result } : {}),
      ...(row.taskId ? { taskId: row.taskId } : {}),
      ...(row.resolution ? { resolution: row.resolution } : {}),
      ...(row.decision ? { decision: row.decision } : {}),
      createdAt: new Date(row.createdAt).toISOString(),
      updatedAt: new Date(row.updatedAt).toISOString(),
      ...(row.finishedAt ? { finishedAt: new Date(row.finishedAt).toISOString() } : {}),
    };
  }

  private async checkDecision(orderNumber: string, body: ActionBody): Promise<CheckedDecision | undefined> {
    if (body.type === 'cancel' || !body.decision) return undefined;
    const decision = body.decision;
    if (!this.decisionCheck) {
      throw new HubException(
        503,
        'playbooks_unavailable',
        'Service unavailable',
        'This process does not decide playbooks; send actions to an API process (HUB_ROLE api or all).',
      );
    }
    return this.decisionCheck(orderNumber, { ...body, decision });
  }

  private sameRequest(row: ActionRow, hash: string): ActionView {
    if (row.requestHash !== hash) {
      throw new HubException(
        409,
        'idempotency_key_reused',
        'Conflict',
        'This Idempotency-Key was already used with a different order or body. Use a new key for a new action.',
        undefined,
        { actionId: row.id },
      );
    }
    return this.toView(row);
  }

  private async closeFromTask(
    task: TaskRow,
    res: { by: string; at: Date; outcome: string; note?: string },
    status: 'succeeded' | 'cancelled',
    manager: Parameters<ActionStore['transition']>[3],
  ): Promise<void> {
    if (!task.actionId) return;
    await this.store.transition(
      task.actionId,
      ['manual'],
      {
        status,
        finishedAt: res.at,
        resolution: {
          by: res.by,
          at: res.at.toISOString(),
          outcome: res.outcome,
          ...(res.note ? { note: res.note } : {}),
        },
      },
      manager,
    );
  }
}

/** What the connector needs, from the validated body (defaults applied). */
function paramsOf(
  body: ActionBody,
  principal: ApiKeyPrincipal,
  checked: CheckedDecision | undefined,
): ActionRow['params'] {
  switch (body.type) {
    case 'cancel':
      return {
        reason: body.reason,
        refund: body.refund,
        restock: body.restock,
        notifyCustomer: body.notifyCustomer,
        ...(body.staffNote ? { staffNote: body.staffNote } : {}),
      };
    case 'refund':
      return {
        amount: body.amount.amount,
        currency: body.amount.currency,
        ...(body.reason ? { reason: body.reason } : {}),
      };
    case 'note':
      return {
        text: body.text,
        author: body.author ?? principal.name,
        ...(body.customerEmail ? { customerEmail: body.customerEmail.trim().toLowerCase() } : {}),
      };
    case 'replacement': {
      const items = checked?.items ?? body.items;
      return {
        ...(items
          ? { items: items.map((i) => ({ sku: i.sku, ...(i.quantity ? { quantity: i.quantity } : {}) })) }
          : {}),
        ...(body.reason ? { reason: body.reason } : {}),
      };
    }
    case 'store_credit':
      return {
        amount: body.amount.amount,
        currency: body.amount.currency,
        ...(body.reason ? { reason: body.reason } : {}),
      };
  }
}
