import { type ConnectorContext, type WebhookVerifier } from './contract';
import { HttpClient, type HttpClientOptions } from './http/http-client';

/** What a REST connector sets up once: its HTTP client, its mapping context and, if signed, its webhooks. */
export interface RestConnectorSetup {
  /** The vendor's HTTP client (the connector's budget is added here). */
  http: Omit<HttpClientOptions, 'budget'>;
  /** Values the mappings read as `$ctx.<name>` besides `connector` (the id): admin origins, never secrets. */
  mappingContext: Record<string, string>;
  /** Set when the config has the vendor's webhook secret. */
  webhooks?: WebhookVerifier;
}

/**
 * The part every REST connector shares (docs/architecture.md "Conventions" 10): the one HTTP
 * client with the connector's vendor budget, the id, the mapping context, the webhook verifier
 * and closing the client's sockets. A vendor's connector adds its reads and writes.
 */
export abstract class RestConnector {
  readonly mappingContext: Readonly<Record<string, string>>;
  /** Inbound webhooks (`POST /webhooks/{id}`), when `webhookSecret` is configured. */
  readonly webhooks?: WebhookVerifier;
  protected readonly http: HttpClient;

  protected constructor(
    protected readonly context: ConnectorContext,
    setup: RestConnectorSetup,
  ) {
    this.http = new HttpClient({ ...setup.http, budget: context.budget });
    this.mappingContext = { connector: context.id, ...setup.mappingContext };
    if (setup.webhooks) this.webhooks = setup.webhooks;
  }

  get id(): string {
    return this.context.id;
  }

  async close(): Promise<void> {
    this.http.close();
  }
}
