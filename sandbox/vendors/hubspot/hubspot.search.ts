import { type CrmObject } from './hubspot.view';

/**
 * CRM search (`POST /crm/v3/objects/{type}/search`): filter groups are ORed, the filters in a group
 * ANDed; at most 5 groups, 6 filters a group and 18 in all; `limit` up to 200, paged with `after`.
 * String comparisons ignore case. https://developers.hubspot.com/docs/api/crm/search
 */
export interface SearchRequest {
  filterGroups?: { filters?: Filter[] }[];
  properties?: string[];
  query?: string;
  limit?: number;
  after?: string;
  /** At most one sort (HubSpot's limit); by a property, ASCENDING or DESCENDING. */
  sorts?: { propertyName?: string; direction?: string }[];
}

/**
 * The ids an object is associated with, for the `associations.{objectType}` pseudo-property
 * (e.g. tickets whose `associations.contact` EQ a contact id).
 */
export type Associations = (o: CrmObject, objectType: string) => readonly string[];

interface Filter {
  propertyName?: string;
  operator?: string;
  value?: unknown;
  values?: unknown[];
}

export type SearchOutcome =
  { ok: true; matches: CrmObject[]; limit: number; offset: number } | { ok: false; message: string };

const OPERATORS = new Set([
  'EQ',
  'NEQ',
  'IN',
  'NOT_IN',
  'HAS_PROPERTY',
  'NOT_HAS_PROPERTY',
  'CONTAINS_TOKEN',
]);

export function search(
  objects: CrmObject[],
  req: SearchRequest,
  queryProperties: string[],
  associations: Associations = () => [],
): SearchOutcome {
  const groups = req.filterGroups ?? [];
  if (!Array.isArray(groups)) return { ok: false, message: 'filterGroups must be a list' };
  if (groups.length > 5) return { ok: false, message: 'at most 5 filterGroups are allowed' };
  const filters = groups.map((g) => g?.filters ?? []);
  if (filters.some((f) => !Array.isArray(f) || f.length > 6))
    return { ok: false, message: 'a filterGroup holds at most 6 filters' };
  if (filters.flat().length > 18) return { ok: false, message: 'at most 18 filters are allowed' };
  const bad = filters.flat().find((f) => !f?.propertyName || !OPERATORS.has(String(f.operator)));
  if (bad) return { ok: false, message: `unsupported filter ${JSON.stringify(bad)}` };
  const limit = req.limit ?? 10;
  if (!Number.isInteger(limit) || limit < 1 || limit > 200)
    return { ok: false, message: 'limit must be between 1 and 200' };
  const offset = req.after === undefined ? 0 : Number(req.after);
  if (!Number.isInteger(offset) || offset < 0) return { ok: false, message: 'after must be a paging cursor' };

  const sorts = req.sorts ?? [];
  if (!Array.isArray(sorts) || sorts.length > 1) return { ok: false, message: 'at most one sort is allowed' };
  const [sort] = sorts;
  if (sort && (!sort.propertyName || !['ASCENDING', 'DESCENDING'].includes(String(sort.direction))))
    return { ok: false, message: `unsupported sort ${JSON.stringify(sort)}` };

  const text = req.query?.trim().toLowerCase();
  const matches = objects.filter(
    (o) =>
      (filters.length === 0 || filters.some((group) => group.every((f) => test(o, f, associations)))) &&
      (!text || queryProperties.some((p) => o.properties[p]?.toLowerCase().includes(text))),
  );
  if (sort) {
    const key = (o: CrmObject) => o.properties[sort.propertyName!] ?? '';
    const order = sort.direction === 'DESCENDING' ? -1 : 1;
    matches.sort((a, b) => (key(a) < key(b) ? -order : key(a) > key(b) ? order : 0));
  }
  return { ok: true, matches, limit, offset };
}

function test(o: CrmObject, f: Filter, associations: Associations): boolean {
  if (f.propertyName!.startsWith('associations.')) {
    const ids = associations(o, f.propertyName!.slice('associations.'.length));
    const has = (v: unknown) => ids.includes(String(v));
    switch (f.operator) {
      case 'EQ':
        return has(f.value);
      case 'NEQ':
        return !has(f.value);
      case 'IN':
        return (f.values ?? []).some(has);
      case 'NOT_IN':
        return !(f.values ?? []).some(has);
      case 'HAS_PROPERTY':
        return ids.length > 0;
      case 'NOT_HAS_PROPERTY':
        return ids.length === 0;
      default:
        return false;
    }
  }
  const actual = o.properties[f.propertyName!];
  const has = actual !== undefined && actual !== null && actual !== '';
  const same = (v: unknown) => has && actual!.toLowerCase() === String(v).toLowerCase();
  switch (f.operator) {
    case 'EQ':
      return same(f.value);
    case 'NEQ':
      return !same(f.value);
    case 'IN':
      return (f.values ?? []).some(same);
    case 'NOT_IN':
      return !(f.values ?? []).some(same);
    case 'HAS_PROPERTY':
      return has;
    case 'NOT_HAS_PROPERTY':
      return !has;
    case 'CONTAINS_TOKEN': {
      // A token with * wildcards, matched against the words of the value.
      const pattern = new RegExp(`^${String(f.value).split('*').map(escape).join('.*')}$`, 'i');
      return has && actual!.split(/[\s@.,;:-]+/).some((word) => pattern.test(word) || pattern.test(actual!));
    }
    default:
      return false;
  }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Only the properties asked for, plus the ones HubSpot always returns; a property the object type
 * lacks is left out, one it has without a value is null.
 */
export function project(o: CrmObject, wanted: readonly string[], always: readonly string[]): CrmObject {
  const properties: Record<string, string | null> = {};
  for (const name of [...new Set([...always, ...wanted])].sort())
    if (name in o.properties) properties[name] = o.properties[name];
  return { ...o, properties };
}
