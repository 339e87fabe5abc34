import { createHash } from 'node:crypto';
import { type AuditSubjectType } from './audit.entity';
import { INPUT_LIMITS } from '../common/inputs';

/** A customer's email or phone as the audit keeps it: findable by the same value, not readable. */
export function customerSubject(kind: 'email' | 'phone', value: string): string {
  const normalized = kind === 'email' ? value.trim().toLowerCase() : value.replace(/[^\d+]/g, '');
  return `${kind}:${createHash('sha256').update(normalized).digest('hex')}`;
}

const ORDER = new RegExp(`^#?([A-Za-z0-9][A-Za-z0-9._-]{0,${INPUT_LIMITS.orderNumber - 1}})$`);

/** What a request was about, from its route and parameters; undefined for routes about no one. */
export function auditSubject(
  route: string,
  params: Record<string, unknown> | undefined,
  query: Record<string, unknown> | undefined,
): { type: AuditSubjectType; subject: string } | undefined {
  const param = (name: string) => (typeof params?.[name] === 'string' ? (params[name] as string) : undefined);
  const q = (name: string) => (typeof query?.[name] === 'string' ? (query[name] as string) : undefined);
  const order = (raw?: string) => {
    const m = raw ? ORDER.exec(decodeURIComponent(raw).trim()) : null;
    return m ? { type: 'order' as const, subject: m[1].slice(0, 200) } : undefined;
  };
  if (route.startsWith('/v1/orders/:orderNumber')) return order(param('orderNumber'));
  if (route === '/v1/shipments/status') return order(q('orderNumber'));
  if (route === '/v1/customers/context') {
    const email = q('email');
    if (email) return { type: 'customer', subject: customerSubject('email', email) };
    const phone = q('phone');
    if (phone) return { type: 'customer', subject: customerSubject('phone', phone) };
    return undefined;
  }
  if (route.startsWith('/v1/actions/:id'))
    return { type: 'action', subject: (param('id') ?? '').slice(0, 200) };
  if (route.startsWith('/v1/tasks/:id') || route.startsWith('/console/tasks/:id'))
    return { type: 'task', subject: (param('id') ?? '').slice(0, 200) };
  if (route.startsWith('/console/actions/:id'))
    return { type: 'action', subject: (param('id') ?? '').slice(0, 200) };
  return undefined;
}

/** A stable word for an HTTP status. */
export function auditOutcome(status: number): string {
  if (status < 400) return 'ok';
  const known: Record<number, string> = {
    400: 'invalid_request',
    401: 'unauthorized',
    403: 'forbidden',
    404: 'not_found',
    409: 'conflict',
    422: 'not_supported',
    429: 'rate_limited',
    503: 'unavailable',
  };
  return known[status] ?? (status >= 500 ? 'error' : 'rejected');
}
