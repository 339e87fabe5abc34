import { ConnectorError } from '../../src/connectors/contract';
import { type HubspotTicket, type PipelinesReply } from './hubspot.payloads';

/**
 * A ticket stage as the mapping reads it: `ticketState` is HubSpot's OPEN or CLOSED. A type, not an
 * interface, so that it fits the loose `stage` of `ticketRecordSchema` (hubspot.payloads.ts).
 */
export type TicketStage = {
  id: string;
  label?: string;
  ticketState?: string;
  pipeline: { id: string; label?: string };
};

export class StageIndex {
  private readonly byKey = new Map<string, TicketStage>();

  constructor(reply: PipelinesReply) {
    for (const pipeline of reply.results) {
      for (const s of pipeline.stages) {
        const stage: TicketStage = {
          id: s.id,
          label: s.label,
          ticketState: s.metadata?.ticketState,
          pipeline: { id: pipeline.id, label: pipeline.label },
        };
        this.byKey.set(`${pipeline.id}/${s.id}`, stage);
        // Stage ids are unique in an account; a ticket without hs_pipeline is still resolvable.
        if (!this.byKey.has(s.id)) this.byKey.set(s.id, stage);
      }
    }
  }

  find(pipelineId: string | null | undefined, stageId: string | null | undefined): TicketStage | undefined {
    if (!stageId) return undefined;
    return (pipelineId ? this.byKey.get(`${pipelineId}/${stageId}`) : undefined) ?? this.byKey.get(stageId);
  }
}

/**
 * The ticket pipelines of the account, fetched when first needed and kept for `ttlMs`. A stage's
 * open/closed meaning is account data (`GET /crm/v3/pipelines/tickets`, `metadata.ticketState`),
 * never assumed from its id or label. Concurrent callers share one fetch.
 */
export class TicketStageCache {
  private index?: StageIndex;
  private loadedAt = -Infinity;
  private inflight?: Promise<StageIndex>;

  constructor(
    private readonly load: () => Promise<PipelinesReply>,
    private readonly ttlMs: number,
    /** A stage the index does not know refreshes it, but not more often than this. */
    private readonly minRefreshMs = 30_000,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** The index, fetched if missing or older than the TTL. */
  get(signal?: AbortSignal): Promise<StageIndex> {
    if (this.index && this.now() - this.loadedAt < this.ttlMs) return Promise.resolve(this.index);
    return this.reload(signal);
  }

  /** The index again after an unknown stage, unless it was fetched moments ago. */
  async afterMiss(signal?: AbortSignal): Promise<StageIndex> {
    if (this.index && this.now() - this.loadedAt < this.minRefreshMs) return this.index;
    return this.reload(signal);
  }

  /**
   * The tickets, each with its `stage` (bare `{ id }` when no pipeline lists it). A stage the
   * index lacks refreshes it once (a stage added since), then `onUnknown` hears of what is left.
   */
  async attach(
    tickets: HubspotTicket[],
    index: StageIndex,
    signal: AbortSignal | undefined,
    onUnknown: (ticket: HubspotTicket) => void,
  ): Promise<(HubspotTicket & { stage?: TicketStage | { id: string } })[]> {
    const find = (t: HubspotTicket, i: StageIndex) =>
      i.find(t.properties.hs_pipeline, t.properties.hs_pipeline_stage);
    if (tickets.some((t) => !find(t, index))) index = await this.afterMiss(signal);
    return tickets.map((t) => {
      const stage = find(t, index);
      if (stage) return { ...t, stage };
      onUnknown(t);
      const id = t.properties.hs_pipeline_stage;
      return id ? { ...t, stage: { id } } : t;
    });
  }

  /** Fetches the pipelines now (joining a fetch under way). */
  reload(signal?: AbortSignal): Promise<StageIndex> {
    // The shared fetch is not tied to one caller's deadline (the client's timeout bounds it);
    // each caller stops waiting at its own.
    if (!this.inflight) {
      this.inflight = this.load()
        .then((reply) => {
          this.index = new StageIndex(reply);
          this.loadedAt = this.now();
          return this.index;
        })
        .finally(() => {
          this.inflight = undefined;
        });
      // A failed fetch is each waiting caller's error, never an unhandled rejection.
      this.inflight.catch(() => undefined);
    }
    return untilAborted(this.inflight, signal);
  }
}

function untilAborted<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(deadline());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(deadline());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

const deadline = () => new ConnectorError('timeout', 'HubSpot call cancelled: the request deadline passed');
