import { type ZendeskObject } from './zendesk.view';

/**
 * The user search syntax, as far as the hub uses it (`GET /users/search?query=`): space-separated
 * terms, all of which must match; `field:value` for email, phone, name, role, tags and
 * external_id, a bare word against name and email. Values may be quoted; `*` is a wildcard.
 * Phone numbers compare as digits ("+1 (415) 555-0123" is 14155550123), as Zendesk asks callers to
 * search them without "+" or punctuation:
 * https://developer.zendesk.com/documentation/voice/talk-partner-edition/retrieving-the-zendesk-user-id-of-a-caller/
 */
export function searchUsers(users: ZendeskObject[], query: string): ZendeskObject[] {
  const terms = [...query.matchAll(/(?<!\S)(?:(\w+):)?(?:"([^"]*)"|(\S+))/g)].map((m) => ({
    field: m[1]?.toLowerCase(),
    value: (m[2] ?? m[3] ?? '').toLowerCase(),
  }));
  if (!terms.length) return [];
  return users.filter((u) => terms.every((t) => matches(u, t.field, t.value)));
}

function matches(u: ZendeskObject, field: string | undefined, value: string): boolean {
  const text = (key: string) => (typeof u[key] === 'string' ? (u[key] as string).toLowerCase() : '');
  switch (field) {
    case 'email':
      return like(text('email'), value);
    case 'phone': {
      const digits = value.replace(/[^\d*]/g, '');
      return digits !== '' && like(text('phone').replace(/\D/g, ''), digits);
    }
    case 'name':
      return (
        like(text('name'), value) ||
        text('name')
          .split(/\s+/)
          .some((w) => like(w, value))
      );
    case 'role':
      return text('role') === value;
    case 'tags':
    case 'tag':
      return Array.isArray(u.tags) && u.tags.some((t) => like(String(t).toLowerCase(), value));
    case 'external_id':
      return like(text('external_id'), value);
    case undefined:
      return text('name').includes(value) || text('email').includes(value);
    default:
      return false; // a field we do not simulate matches nobody, rather than everybody
  }
}

/** Exact, or a pattern when the value has `*` wildcards. */
function like(actual: string, value: string): boolean {
  if (!value.includes('*')) return actual === value;
  const escaped = value.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`).test(actual);
}

/**
 * The ticket search, as far as the hub uses it (`GET /search?query=type:ticket requester:…`):
 * `type:ticket` is required (other types find nothing here), `requester:` takes an email (exact,
 * any case) or a user id, `status:` a status; a term for a field we do not simulate matches
 * nothing. https://support.zendesk.com/hc/en-us/articles/4408886879258
 */
export function searchTickets(
  users: ZendeskObject[],
  ticketsOfRequester: Map<number, ZendeskObject[]>,
  query: string,
): ZendeskObject[] {
  const terms = [...query.matchAll(/(?<!\S)(?:(\w+):)?(?:"([^"]*)"|(\S+))/g)].map((m) => ({
    field: m[1]?.toLowerCase(),
    value: (m[2] ?? m[3] ?? '').toLowerCase(),
  }));
  if (!terms.some((t) => t.field === 'type' && t.value === 'ticket')) return [];
  const requesters = terms
    .filter((t) => t.field === 'requester')
    .map((t) =>
      users.find((u) => String(u.id) === t.value || String(u.email ?? '').toLowerCase() === t.value),
    );
  if (requesters.some((u) => !u)) return [];
  const pool = requesters.length
    ? [...new Set(requesters.map((u) => u!.id))].flatMap((id) => ticketsOfRequester.get(id) ?? [])
    : [...ticketsOfRequester.values()].flat();
  return pool.filter((t) =>
    terms.every((term) => {
      if (term.field === 'type' || term.field === 'requester') return true;
      if (term.field === 'status') return String(t.status) === term.value;
      return false;
    }),
  );
}
