import { type FieldSpec, type FieldSpecObject } from './mapping.schema';
import { type Ctx, Deferred, deferring, FieldCompileError, type Node } from './nodes';
import { compilePath, type Scope } from './path';

/** Lists: `each` over a vendor array (with `where` and `sort`) and `list`, a fixed list of specs. */
export function compileList(specs: FieldSpec[], field: string, ctx: Ctx): Node {
  const nodes = specs.map((spec, i) => ctx.field(spec, `${field}[${i}]`, ctx));
  const node: Node = (scope, pending) => {
    const out: unknown[] = [];
    for (let i = 0; i < nodes.length; i++) {
      const v = nodes[i](scope, pending);
      if (v === undefined) continue;
      if (v instanceof Deferred) pending.push({ deferred: v, holder: out, key: out.length });
      out.push(v);
    }
    return out;
  };
  return nodes.some((n) => n.mayDefer) ? deferring(node) : node;
}

export function compileEach(s: FieldSpecObject, field: string, ctx: Ctx): Node {
  const list = compilePath(s.each!);
  const item =
    s.fields !== undefined ? ctx.object(s.fields, `${field}[]`, ctx) : ctx.field(s.value!, `${field}[]`, ctx);
  const where = s.where ? compileWhere(s.where, field) : undefined;
  const sort = s.sort ? compileSort(s.sort) : undefined;
  const node: Node = (scope, pending) => {
    const raw = list(scope);
    if (!Array.isArray(raw)) return [];
    let items: unknown[] = raw;
    if (where) items = items.filter((x) => where(x, scope));
    if (sort) items = sort(items);
    const out: unknown[] = [];
    for (let i = 0; i < items.length; i++) {
      const v = item({ cur: items[i], root: scope.root, parent: scope, ctx: scope.ctx }, pending);
      if (v === undefined) continue;
      if (item.mayDefer && v instanceof Deferred) pending.push({ deferred: v, holder: out, key: out.length });
      out.push(v);
    }
    return out;
  };
  return item.mayDefer ? deferring(node) : node;
}

/** `where: { kind: REFUND, status: [SUCCESS, PENDING], parentTransaction.id: { path: id } }`. */
function compileWhere(where: Record<string, unknown>, field: string): (x: unknown, outer: Scope) => boolean {
  const tests = Object.entries(where).map(([p, expected]): ((item: Scope, outer: Scope) => boolean) => {
    const get = compilePath(p);
    if (expected && typeof expected === 'object' && !Array.isArray(expected)) {
      const ref = (expected as { path?: unknown }).path;
      if (typeof ref !== 'string')
        throw new FieldCompileError(field, `where.${p}: use a literal, a list, or { path }`);
      const outerGet = compilePath(ref);
      return (item, outer) => get(item) === outerGet(outer);
    }
    if (Array.isArray(expected)) return (item) => expected.includes(get(item));
    return (item) => get(item) === expected;
  });
  return (x, outer) => {
    const item: Scope = { cur: x, root: outer.root, parent: outer.parent, ctx: outer.ctx };
    for (let i = 0; i < tests.length; i++) if (!tests[i](item, outer)) return false;
    return true;
  };
}

function compileSort(sort: NonNullable<FieldSpecObject['sort']>): (items: unknown[]) => unknown[] {
  const get = compilePath(sort.by);
  const dir = sort.order === 'desc' ? -1 : 1;
  const key = (x: unknown): number | string => {
    const v = get({ cur: x, root: undefined, ctx: {} });
    if (typeof v === 'number') return v;
    // Only ISO-looking strings sort as instants; Date.parse would also read "Box 1" as a date.
    // ISO-looking strings sort as instants; without an offset they are UTC, never the host's zone.
    const ms =
      typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v)
        ? Date.parse(v.length > 10 && !/(Z|[+-]\d\d:?\d\d)$/i.test(v) ? `${v}Z` : v)
        : NaN;
    return Number.isNaN(ms) ? String(v ?? '') : ms;
  };
  return (items) =>
    items
      .map((x) => ({ x, k: key(x) }))
      .sort((a, b) => (a.k < b.k ? -dir : a.k > b.k ? dir : 0))
      .map((e) => e.x);
}
