import { phoneKey } from '../../phones/phone';
import { type Customer, type SupportCase } from '../../canonical';
import { firstDefined, unionSources } from './sources.merge';

const emailKey = (e: string | undefined) => e?.trim().toLowerCase() || undefined;

/**
 * Whether two records are the same person (docs/canonical.md): the normalized email matches, else the
 * E.164 phone. Two different emails with the same phone are the same person (the CRM often knows
 * a work address).
 */
export function samePerson(
  a: { email?: string; phone?: string },
  b: { email?: string; phone?: string },
): boolean {
  const [ea, eb] = [emailKey(a.email), emailKey(b.email)];
  if (ea && eb && ea === eb) return true;
  const [pa, pb] = [phoneKey(a.phone), phoneKey(b.phone)];
  return Boolean(pa && pb && pa === pb);
}

/**
 * The customer merged across systems, in precedence order (OMS, then CRM, then payments): the
 * first system to know a field wins it; tags and sources are unioned. Records of another person
 * (neither email nor phone matches the anchor) are left out.
 */
export function mergeCustomers(
  candidates: Customer[],
  anchor: { email?: string; phone?: string } = candidates[0] ?? {},
): Customer | null {
  // The first record of the anchor's person also vouches for records known only by its other key.
  const lead = candidates.find((c) => samePerson(c, anchor));
  const same = candidates.filter((c) => samePerson(c, anchor) || (lead && samePerson(c, lead)));
  if (same.length === 0) return null;
  const [first] = same;
  const pick = <K extends keyof Customer>(k: K) => firstDefined(...same.map((c) => c[k]));
  return {
    ...first,
    email: pick('email'),
    phone: pick('phone'),
    name: pick('name'),
    firstName: pick('firstName'),
    lastName: pick('lastName'),
    createdAt: pick('createdAt'),
    ordersCount: pick('ordersCount'),
    totalSpent: pick('totalSpent'),
    tags: [...new Set(same.flatMap((c) => c.tags))],
    sources: unionSources(...same.map((c) => c.sources)),
  };
}

/**
 * Cases from every help desk, newest first (by last update, else creation). Help desks that sync
 * with each other (HubSpot ⇄ Zendesk) hold mirrored copies of one ticket: the same subject opened
 * in the same minute is one case listing both sources, with the most recently updated copy's state.
 */
export function mergeCases(lists: SupportCase[][]): SupportCase[] {
  const at = (c: SupportCase) => Date.parse(c.updatedAt ?? c.createdAt);
  const byKey = new Map<string, SupportCase>();
  for (const c of lists.flat()) {
    const key = `${(c.subject ?? c.id).trim().toLowerCase()}|${c.createdAt.slice(0, 16)}`;
    const twin = byKey.get(key);
    if (!twin) byKey.set(key, c);
    else {
      const [newer, older] = at(c) > at(twin) ? [c, twin] : [twin, c];
      byKey.set(key, { ...older, ...newer, sources: unionSources(twin.sources, c.sources) });
    }
  }
  return [...byKey.values()].sort((a, b) => at(b) - at(a));
}
