import { Inject, Injectable, Logger } from '@nestjs/common';
import { type HubConfig } from '../config/config.schema';
import { HUB_CONFIG } from '../config/config.tokens';

/** Waits between tries: a receiver restarting, or briefly refusing, still gets the event. */
const BACKOFF_MS = [1_000, 4_000] as const;

/**
 * `monitoring.alertWebhookUrl` (docs/operations.md "Alert webhook"): each event POSTed as JSON
 * `{ "kind": ..., ... }`, tried three times (1 s and 4 s apart, each try cut after 3 s), one event
 * of a kind at a time in the order this process saw them, so a retried "down" never lands after
 * the "up" that followed it, and a slow receiver of one kind holds up no other. A receiver that still fails is logged; the event itself stays where it came from
 * (the interface's state, the action's record), so nothing is lost with it.
 */
@Injectable()
export class AlertWebhook {
  private readonly logger = new Logger('AlertWebhook');
  /** Per kind, the events before this one, delivered or given up. */
  private readonly queues = new Map<string, Promise<void>>();

  constructor(@Inject(HUB_CONFIG) private readonly config: HubConfig) {}

  /** Queues the event; resolves when it is delivered or given up, at once when no URL is set. */
  send(kind: string, event: Record<string, unknown>): Promise<void> {
    const url = this.config.monitoring.alertWebhookUrl;
    if (!url) return Promise.resolve();
    const sent = (this.queues.get(kind) ?? Promise.resolve()).then(() => this.deliver(url, kind, event));
    const tail = sent.catch(() => undefined);
    this.queues.set(kind, tail);
    // A kind whose events are all delivered keeps no queue.
    void tail.then(() => {
      if (this.queues.get(kind) === tail) this.queues.delete(kind);
    });
    return sent;
  }

  private async deliver(url: string, kind: string, event: Record<string, unknown>): Promise<void> {
    const body = JSON.stringify({ kind, ...event });
    for (let attempt = 0; ; attempt++) {
      const problem = await this.post(url, body);
      if (!problem) return;
      if (attempt >= BACKOFF_MS.length) {
        this.logger.warn(`alert webhook gave up on ${kind} after ${attempt + 1} tries: ${problem}`);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, BACKOFF_MS[attempt]).unref());
    }
  }

  /** Undefined when delivered, else what went wrong. A 4xx other than 408/429 is not tried again. */
  private async post(url: string, body: string): Promise<string | undefined> {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(3_000),
      });
      if (res.ok) return undefined;
      const final = res.status < 500 && res.status !== 408 && res.status !== 429;
      if (final) {
        this.logger.warn(`alert webhook answered HTTP ${res.status}; not tried again`);
        return undefined;
      }
      return `HTTP ${res.status}`;
    } catch (error) {
      return (error as Error).message;
    }
  }
}
