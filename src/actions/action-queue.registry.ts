import { getQueueToken } from '@nestjs/bull';
import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { type Queue } from 'bull';
import { ConnectorRegistry } from '../connectors/connector.registry';
import { HubMetrics } from '../monitoring/hub-metrics';
import { InterfaceMonitor } from '../monitoring/interface-monitor';
import { type ActionJobData, actionQueueName, BullConnections, enqueue } from './action-queues';

export interface QueueDepth {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
}

/** The action queue of every connector that can write (registered by @nestjs/bull). */
@Injectable()
export class ActionQueueRegistry implements OnModuleInit, OnApplicationShutdown {
  private readonly queues = new Map<string, Queue<ActionJobData>>();
  private readonly every: Queue<ActionJobData>[] = [];

  constructor(
    @Inject(ModuleRef) private readonly moduleRef: ModuleRef,
    @Inject(ConnectorRegistry) private readonly connectors: ConnectorRegistry,
    @Inject(InterfaceMonitor) private readonly monitor: InterfaceMonitor,
    @Inject(HubMetrics) private readonly metrics: HubMetrics,
    @Inject(BullConnections) private readonly connections: BullConnections,
  ) {}

  /** Queues exist once every provider is built; /v1/interfaces and /metrics show each one. */
  onModuleInit(): void {
    const writable = new Set(writableConnectors(this.connectors).map((c) => c.id));
    for (const c of this.connectors.all()) {
      const queue = this.moduleRef.get<Queue<ActionJobData>>(getQueueToken(actionQueueName(c.id)), {
        strict: false,
      });
      if (!queue) throw new Error(`the action queue of ${c.id} is not registered`);
      this.every.push(queue);
      if (writable.has(c.id)) this.queues.set(c.id, queue);
    }
    this.monitor.addDetails(async () => {
      const entries = await Promise.all(
        [...this.queues.keys()].map(async (id) => [id, await this.depth(id)] as const),
      );
      const details: Record<string, { queue: QueueDepth }> = {};
      for (const [id, queue] of entries) {
        if (!queue) continue;
        details[id] = { queue };
        for (const [state, n] of Object.entries(queue))
          this.metrics.queueJobs.set({ connector: id, state }, n);
      }
      return details;
    });
  }

  /** Closes every queue (Bull lets running jobs finish), then the connections they shared. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.every.map((q) => q.close().catch(() => undefined)));
    this.connections.disconnectAll();
  }

  get(connectorId: string): Queue<ActionJobData> {
    const queue = this.queues.get(connectorId);
    if (!queue) throw new Error(`no action queue for connector ${connectorId}`);
    return queue;
  }

  entries(): [string, Queue<ActionJobData>][] {
    return [...this.queues.entries()];
  }

  enqueue(connectorId: string, actionId: string, attempts: number) {
    // Bull's own attempts stay above the action's: the runner decides when an action is out of tries.
    return enqueue(this.get(connectorId), actionId, attempts + 5);
  }

  /** Jobs per state for one connector's queue; undefined when Redis does not answer quickly. */
  async depth(connectorId: string): Promise<QueueDepth | undefined> {
    const queue = this.queues.get(connectorId);
    if (!queue) return undefined;
    let timer: NodeJS.Timeout | undefined;
    try {
      const counts = await Promise.race([
        queue.getJobCounts(),
        new Promise<undefined>((resolve) => {
          timer = setTimeout(() => resolve(undefined), 500);
        }),
      ]);
      if (!counts) return undefined;
      return {
        waiting: counts.waiting,
        active: counts.active,
        delayed: counts.delayed,
        failed: counts.failed,
      };
    } catch {
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }
}

export function writableConnectors(connectors: ConnectorRegistry) {
  return connectors.all().filter((c) => c.performAction && c.actions && Object.keys(c.actions).length);
}
