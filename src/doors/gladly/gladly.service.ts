import { Inject, Injectable, Logger } from '@nestjs/common';
import { type Customer } from '../../canonical';
import { HubException } from '../../common/problem';
import { type HubConfig } from '../../config/config.schema';
import { HUB_CONFIG } from '../../config/config.tokens';
import { type CustomerRef } from '../../connectors/contract';
import { CustomerContextService } from '../../context/customer-context.service';
import { type SourceStatus } from '../../context/context.schemas';
import { toE164 } from '../../phones/phone';
import { doorNotConfigured } from '../door-problems';
import { authorizeGladly } from './gladly-auth';
import {
  type GladlyAnswer,
  type GladlyCustomer,
  type GladlyLookup,
  GladlyLookupSchema,
} from './gladly-lookup.schema';
import { type GladlyRequest } from './gladly-signature';
import { basicResult, detailedResult, externalIdOf } from './gladly-results';

/** Keys one BASIC lookup may ask about: Gladly sends a profile's few emails and phones, not lists. */
const MAX_KEYS = 5;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/**
 * Gladly's Lookup Adaptor answered from the hub's customer read path (docs/doors/gladly.md). A
 * lookup never fails for want of data: no one found is `results: []`, a system that is down still
 * gives what the others know.
 */
@Injectable()
export class GladlyService {
  private readonly logger = new Logger(GladlyService.name);

  constructor(
    @Inject(CustomerContextService) private readonly customers: CustomerContextService,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  /**
   * One request from Gladly: proven first (a 401 problem otherwise, before the body is read), then
   * read (400 when it is not a lookup), then answered. A door that is not configured is a 404.
   */
  async answer(request: GladlyRequest, now = new Date()): Promise<GladlyAnswer> {
    const door = this.config.doors.gladly;
    if (!door) {
      throw doorNotConfigured('gladly');
    }
    authorizeGladly(door, request, now);
    let body: unknown;
    try {
      body = JSON.parse(request.rawBody.toString('utf8'));
    } catch {
      throw HubException.badRequest('the body is not JSON');
    }
    const parsed = GladlyLookupSchema.safeParse(body);
    if (!parsed.success) {
      throw HubException.badRequest(
        'not a Gladly lookup',
        parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      );
    }
    return this.lookup(parsed.data);
  }

  async lookup(request: GladlyLookup): Promise<GladlyAnswer> {
    const keys = this.keysOf(request);
    const name = request.query.name?.trim();
    if (request.lookupLevel === 'BASIC' && keys.length === 0 && name) return this.named(name);
    if (keys.length === 0) return { results: [] };
    return request.lookupLevel === 'DETAILED'
      ? this.detailed(keys[0], request.query.externalCustomerId)
      : this.basic(keys, request);
  }

  /** Each distinct person any key finds: one result when every key finds the same person, so Gladly can auto-link. */
  private async basic(keys: CustomerRef[], request: GladlyLookup): Promise<GladlyAnswer> {
    const people = await Promise.all(keys.map((who) => this.customers.person(who)));
    const results = candidates(people.filter((p): p is Customer => Boolean(p)));
    this.logger.debug(
      { level: 'BASIC', keys: keys.length, results: results.length, unique: request.uniqueMatchRequired },
      'gladly lookup',
    );
    return { results };
  }

  /**
   * An agent's search by name alone: everyone the shop knows by that name, each a candidate for the
   * agent to pick (never merged: two people may share a name).
   */
  private async named(name: string): Promise<GladlyAnswer> {
    return { results: candidates(await this.customers.peopleNamed(name)) };
  }

  /** The linked person's profile and orders; exactly one result, or none when no system knows them. */
  private async detailed(who: CustomerRef, linked: string | undefined): Promise<GladlyAnswer> {
    const externalCustomerId = (who.email ?? who.phone)!;
    const limit = this.config.doors.gladly?.orders ?? 10;
    try {
      const context = await this.customers.customerContext({ ...who, limit });
      // The id Gladly linked stays the profile's id, even when the person now has another key.
      const id = linked ?? (context.customer && externalIdOf(context.customer)) ?? externalCustomerId;
      return { results: [detailedResult(id, context)] };
    } catch (error) {
      if (!(error instanceof HubException)) throw error;
      if (error.status === 404) return { results: [] };
      if (error.status !== 503) throw error;
      // Nothing could be asked: the linked profile stays, saying why it is empty.
      const sources = (error.extensions?.sources ?? []) as SourceStatus[];
      return {
        results: [
          {
            externalCustomerId: linked ?? externalCustomerId,
            customAttributes: {
              unavailableSystems: sources
                .filter((s) => s.status !== 'ok' && s.status !== 'not_found')
                .map((s) => `${s.connector} (${s.status})`)
                .join(', '),
            },
          },
        ],
      };
    }
  }

  /**
   * What the hub can look a person up by, in order: the id it gave Gladly (an email or E.164 phone),
   * then the emails, then the phones. Gladly's own `id` finds no one here; a name alone is searched
   * by name (`named`).
   */
  private keysOf(request: GladlyLookup): CustomerRef[] {
    const q = request.query;
    const keys: CustomerRef[] = [];
    const seen = new Set<string>();
    const add = (ref: CustomerRef | undefined) => {
      const key = ref?.email ?? ref?.phone;
      if (ref && key && !seen.has(key)) {
        seen.add(key);
        keys.push(ref);
      }
    };
    if (q.externalCustomerId) add(this.refOf(q.externalCustomerId));
    for (const email of [...(q.emails ?? []), ...(q.email ?? [])]) add(this.emailRef(email));
    for (const phone of [...(q.phones ?? []), ...(q.phone ?? [])]) add(this.phoneRef(phone));
    return keys.slice(0, MAX_KEYS);
  }

  private refOf(id: string): CustomerRef | undefined {
    return id.includes('@') ? this.emailRef(id) : this.phoneRef(id);
  }

  private emailRef(raw: string): CustomerRef | undefined {
    const email = raw.trim().toLowerCase();
    return EMAIL.test(email) ? { email } : undefined;
  }

  private phoneRef(raw: string): CustomerRef | undefined {
    const phone = toE164(raw, this.config.phones.defaultRegion);
    return phone ? { phone } : undefined;
  }
}

/** One BASIC result per distinct person (by the key the hub finds them by again), in order found. */
function candidates(people: readonly Customer[]): GladlyCustomer[] {
  const results = new Map<string, GladlyCustomer>();
  for (const person of people) {
    const result = basicResult(person);
    if (result && !results.has(result.externalCustomerId)) results.set(result.externalCustomerId, result);
  }
  return [...results.values()];
}
