import { type FieldSpecObject, type MappingFile, type TransformSpec } from './mapping.schema';
import { type Ctx, FieldCompileError, identity } from './nodes';
import { TRANSFORMS } from './transforms';

export interface CompiledTable {
  lookup(value: string): string | undefined;
  fallback: string;
}

export function compileTable(def: NonNullable<MappingFile['tables']>[string]): CompiledTable {
  const long = 'values' in def && typeof def.values === 'object';
  const values = (long ? def.values : def) as Record<string, string>;
  const ignoreCase = long && def.ignoreCase === true;
  const fallback = (long && typeof def.default === 'string' ? def.default : undefined) ?? 'unknown';
  if (!ignoreCase) {
    const map = new Map(Object.entries(values));
    return { lookup: (v) => map.get(v), fallback };
  }
  const map = new Map(Object.entries(values).map(([k, v]) => [k.toLowerCase(), v]));
  return { lookup: (v) => map.get(v.toLowerCase()), fallback };
}

/** transform → table → default, in that order. */
export function compilePost(s: FieldSpecObject, field: string, ctx: Ctx): (v: unknown) => unknown {
  const steps: ((v: unknown) => unknown)[] = [];
  const transforms =
    s.transform === undefined ? [] : Array.isArray(s.transform) ? s.transform : [s.transform];
  for (const t of transforms) steps.push(resolveTransform(t, field, ctx));
  if (s.table !== undefined) {
    const table = ctx.tables.get(s.table);
    if (!table) throw new FieldCompileError(field, `table "${s.table}" is not defined under tables:`);
    const { onUnknown, name } = ctx;
    const tableName = s.table;
    steps.push((v) => {
      if (v == null) return undefined;
      const key = String(v);
      const hit = table.lookup(key);
      if (hit !== undefined) return hit;
      onUnknown({ mapping: name, field, table: tableName, value: key });
      return table.fallback;
    });
  }
  const dflt = s.default;
  if (steps.length === 0) return dflt === undefined ? identity : (v) => v ?? dflt;
  return (v) => {
    let out = v;
    for (let i = 0; i < steps.length; i++) out = steps[i](out);
    return out ?? dflt;
  };
}

function resolveTransform(t: TransformSpec, field: string, ctx: Ctx): (v: unknown) => unknown {
  const name = typeof t === 'string' ? t : t.name;
  const fn = TRANSFORMS[name];
  if (!fn) {
    throw new FieldCompileError(
      field,
      `unknown transform "${name}" (known: ${Object.keys(TRANSFORMS).join(', ')})`,
    );
  }
  // The configured phone region is every transform's default `region` (only `phone` reads it).
  const args = {
    ...(ctx.phoneRegion ? { region: ctx.phoneRegion } : {}),
    ...(typeof t === 'string' ? {} : t),
  };
  return (v) => (v == null ? undefined : fn(v, args));
}
