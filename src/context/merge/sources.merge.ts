import { type SourceRef } from '../../canonical';

/** Every source of every merged record, once (docs/canonical.md: "Every merged record lists all of its sources"). */
export function unionSources(...lists: (SourceRef[] | undefined)[]): SourceRef[] {
  const seen = new Set<string>();
  const out: SourceRef[] = [];
  for (const list of lists) {
    for (const s of list ?? []) {
      const key = `${s.connector}\u0000${s.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(s);
    }
  }
  return out;
}

/** The first defined value, in precedence order. */
export function firstDefined<T>(...values: (T | undefined)[]): T | undefined {
  for (const v of values) if (v !== undefined) return v;
  return undefined;
}
