import jsonata from 'jsonata';
import {
  type FieldSpec,
  type FieldSpecObject,
  type MappingFile,
  type TransformSpec,
  type WhenCase,
} from './mapping.schema';
import { compilePath, type Getter, type Scope } from './path';
import { TRANSFORMS } from './transforms';

/** A value an `expr` field will have once its JSONata evaluation settles. */
export class Deferred {
  constructor(readonly promise: Promise<unknown>) {}
}
export interface Pending {
  deferred: Deferred;
  holder: Record<string, unknown> | unknown[];
  key: string | number;
}
/** A compiled field: synchronous unless it (or a child) is an `expr`, whose value arrives as a Deferred. */
export type Node = ((scope: Scope, pending: Pending[]) => unknown) & { mayDefer?: boolean };

/** Marks nodes that can return a Deferred, so their parents check for one and the rest do not. */
function deferring<N extends Node>(node: N): N {
  node.mayDefer = true;
  return node;
}
const NO_PENDING: Pending[] = [];

export interface UnknownValueEvent {
  mapping: string;
  field: string;
  table: string;
  value: string;
}

interface CompiledTable {
  lookup(value: string): string | undefined;
  fallback: string;
}

export interface CompileOptions {
  /** "shopify/order": names the mapping in errors and unknown-value events. */
  name: string;
  onUnknown: (event: UnknownValueEvent) => void;
}

/** Thrown with the dotted field path; the registry adds the file name. */
export class FieldCompileError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export function compileMapping(file: MappingFile, options: CompileOptions): Node {
  const tables = new Map<string, CompiledTable>();
  for (const [name, def] of Object.entries(file.tables ?? {})) tables.set(name, compileTable(def));
  return compileObject(file.fields, '', { ...options, tables });
}

interface Ctx extends CompileOptions {
  tables: Map<string, CompiledTable>;
}

function compileTable(def: NonNullable<MappingFile['tables']>[string]): CompiledTable {
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

function compileObject(fields: Record<string, FieldSpec>, prefix: string, ctx: Ctx): Node {
  const entries = Object.entries(fields).map(
    ([key, spec]) => [key, compileField(spec, join(prefix, key), ctx)] as const,
  );
  const keys = entries.map((e) => e[0]);
  const nodes = entries.map((e) => e[1]);
  if (!nodes.some((n) => n.mayDefer)) {
    return (scope, pending) => {
      const out: Record<string, unknown> = {};
      let filled = false;
      for (let i = 0; i < nodes.length; i++) {
        const v = nodes[i](scope, pending);
        if (v !== undefined) {
          out[keys[i]] = v;
          filled = true;
        }
      }
      return filled ? out : undefined;
    };
  }
  return deferring((scope, pending) => {
    const out: Record<string, unknown> = {};
    let filled = 0;
    for (let i = 0; i < nodes.length; i++) {
      const v = nodes[i](scope, pending);
      if (v === undefined) continue;
      filled++;
      if (v instanceof Deferred) pending.push({ deferred: v, holder: out, key: keys[i] });
      else out[keys[i]] = v;
    }
    return filled === 0 ? undefined : out;
  });
}

const join = (prefix: string, key: string) => (prefix ? `${prefix}.${key}` : key);

function compileField(spec: FieldSpec, field: string, ctx: Ctx): Node {
  const s: FieldSpecObject = typeof spec === 'string' || Array.isArray(spec) ? { path: spec } : spec;
  const sources = ['path', 'const', 'template', 'join', 'collect', 'when', 'expr', 'each', 'list'].filter(
    (k) => (s as Record<string, unknown>)[k] !== undefined,
  );
  if (sources.length > 1) {
    throw new FieldCompileError(
      field,
      `choose one of path/const/template/join/collect/when/expr/each/list, not ${sources.join('+')}`,
    );
  }
  if (s.each === undefined && s.value !== undefined)
    throw new FieldCompileError(field, '`value` goes with `each`');
  if (s.each !== undefined && s.fields === undefined && s.value === undefined) {
    throw new FieldCompileError(field, '`each` needs `fields` or `value`');
  }
  const post = compilePost(s, field, ctx);
  if (s.expr !== undefined) return compileExpr(s.expr, field, post);
  if (s.each !== undefined) {
    const each = compileEach(s, field, ctx);
    // A list with transforms (e.g. pluck amounts, then sumMoney) cannot hold deferred values.
    if (post === identity) return each;
    if (each.mayDefer)
      throw new FieldCompileError(field, 'a list with transform/table cannot contain expr fields');
    return (scope, pending) => post(each(scope, pending));
  }
  if (s.list !== undefined) return compileList(s.list, field, ctx);
  const read = compileRead(s, field, ctx);
  if (s.fields !== undefined) {
    const nested = compileObject(s.fields, field, ctx);
    const withDefault = post;
    // Without a path the nested object reads the same item, so $parent keeps meaning the enclosing item.
    const node: Node =
      s.path === undefined
        ? (scope, pending) => nested(scope, pending) ?? withDefault(undefined)
        : (scope, pending) => {
            const base = read(scope);
            if (base == null) return withDefault(undefined);
            return nested({ cur: base, root: scope.root, parent: scope, ctx: scope.ctx }, pending);
          };
    return nested.mayDefer ? deferring(node) : node;
  }
  return (scope) => post(read(scope));
}

function compileRead(s: FieldSpecObject, field: string, ctx: Ctx): Getter {
  try {
    if (s.const !== undefined) {
      const c = s.const;
      return () => c;
    }
    if (s.template !== undefined) return compileTemplate(s.template);
    if (s.join !== undefined) {
      const getters = s.join.map(compilePath);
      const sep = s.separator ?? ', ';
      return (scope) => {
        const parts: string[] = [];
        for (const g of getters) {
          const v = g(scope);
          if (v != null && v !== '') parts.push(String(v));
        }
        return parts.length ? parts.join(sep) : undefined;
      };
    }
    if (s.collect !== undefined) {
      const getters = s.collect.map(compilePath);
      return (scope) => getters.map((g) => g(scope));
    }
    if (s.when !== undefined) return compileWhen(s.when, s.else, field, ctx);
    if (s.path !== undefined) {
      const paths = Array.isArray(s.path) ? s.path.map(compilePath) : [compilePath(s.path)];
      if (paths.length === 1) return paths[0];
      return (scope) => {
        for (const g of paths) {
          const v = g(scope);
          if (v != null) return v;
        }
        return undefined;
      };
    }
    return (scope) => scope.cur;
  } catch (e) {
    if (e instanceof FieldCompileError) throw e;
    throw new FieldCompileError(field, (e as Error).message);
  }
}

function compileTemplate(template: string): Getter {
  const parts: (string | Getter)[] = [];
  const re = /\{([^{}]+)\}/g;
  let last = 0;
  for (let m = re.exec(template); m; m = re.exec(template)) {
    parts.push(template.slice(last, m.index), compilePath(m[1].trim()));
    last = m.index + m[0].length;
  }
  parts.push(template.slice(last));
  return (scope) => {
    let out = '';
    for (const p of parts) {
      if (typeof p === 'string') out += p;
      else {
        const v = p(scope);
        if (v == null || v === '') return undefined;
        out += encodeURIComponent(String(v)).replace(/%2F/gi, '/').replace(/%3A/gi, ':');
      }
    }
    return out;
  };
}

function compileWhen(cases: WhenCase[], otherwise: unknown, field: string, ctx: Ctx): Getter {
  const compiled = cases.map((c, i) => {
    let get: Getter;
    if (c.test !== undefined) {
      const node = compileField(c.test, `${field}.when[${i}].test`, ctx);
      get = (scope) => {
        return node(scope, NO_PENDING);
      };
    } else get = compilePath(c.path!);
    const test =
      c.in !== undefined
        ? (v: unknown) => c.in!.includes(v)
        : c.notIn !== undefined
          ? (v: unknown) => v != null && !c.notIn!.includes(v)
          : c.equals !== undefined
            ? (v: unknown) => v === c.equals
            : truthy;
    const then = c.then;
    const thenPath =
      then &&
      typeof then === 'object' &&
      !Array.isArray(then) &&
      Object.keys(then).length === 1 &&
      'path' in then
        ? compilePath(String((then as { path: unknown }).path))
        : undefined;
    return { get, test, then, thenPath };
  });
  if (cases.some((c) => c.test !== undefined && containsExpr(c.test))) {
    throw new FieldCompileError(field, 'a when test cannot use expr (tests run synchronously)');
  }
  return (scope) => {
    for (const c of compiled) if (c.test(c.get(scope))) return c.thenPath ? c.thenPath(scope) : c.then;
    return otherwise;
  };
}

const truthy = (v: unknown) =>
  Array.isArray(v) ? v.length > 0 : v != null && v !== false && v !== '' && v !== 0;

function containsExpr(spec: FieldSpec): boolean {
  if (typeof spec === 'string' || Array.isArray(spec)) return false;
  if (spec.expr !== undefined) return true;
  const children = [
    ...Object.values(spec.fields ?? {}),
    ...(spec.value ? [spec.value] : []),
    ...(spec.list ?? []),
  ];
  return children.some(containsExpr);
}

/** transform → table → default, in that order. */
function compilePost(s: FieldSpecObject, field: string, ctx: Ctx): (v: unknown) => unknown {
  const steps: ((v: unknown) => unknown)[] = [];
  const transforms =
    s.transform === undefined ? [] : Array.isArray(s.transform) ? s.transform : [s.transform];
  for (const t of transforms) steps.push(resolveTransform(t, field));
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

const identity = (v: unknown) => v;

function compileList(specs: FieldSpec[], field: string, ctx: Ctx): Node {
  const nodes = specs.map((spec, i) => compileField(spec, `${field}[${i}]`, ctx));
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

function resolveTransform(t: TransformSpec, field: string): (v: unknown) => unknown {
  const name = typeof t === 'string' ? t : t.name;
  const fn = TRANSFORMS[name];
  if (!fn) {
    throw new FieldCompileError(
      field,
      `unknown transform "${name}" (known: ${Object.keys(TRANSFORMS).join(', ')})`,
    );
  }
  const args = typeof t === 'string' ? {} : t;
  return (v) => (v == null ? undefined : fn(v, args));
}

function compileExpr(source: string, field: string, post: (v: unknown) => unknown): Node {
  let expression: ReturnType<typeof jsonata>;
  try {
    expression = jsonata(source);
  } catch (e) {
    throw new FieldCompileError(field, `invalid JSONata expression: ${(e as Error).message}`);
  }
  return deferring(
    (scope) =>
      new Deferred(
        expression
          .evaluate(scope.cur, { root: scope.root, parent: scope.parent?.cur, ctx: scope.ctx })
          .then((v) => post(v === null ? undefined : v)),
      ),
  );
}

function compileEach(s: FieldSpecObject, field: string, ctx: Ctx): Node {
  const list = compilePath(s.each!);
  const item =
    s.fields !== undefined
      ? compileObject(s.fields, `${field}[]`, ctx)
      : compileField(s.value!, `${field}[]`, ctx);
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

/** Runs a compiled mapping and settles its `expr` fields. */
export async function runMapping(
  node: Node,
  payload: unknown,
  ctx: Readonly<Record<string, unknown>>,
): Promise<unknown> {
  if (!node.mayDefer) return node({ cur: payload, root: payload, ctx }, NO_PENDING);
  const pending: Pending[] = [];
  const out = node({ cur: payload, root: payload, ctx }, pending);
  while (pending.length) {
    const batch = pending.splice(0);
    const values = await Promise.all(batch.map((p) => p.deferred.promise));
    batch.forEach((p, i) => {
      if (values[i] === undefined && !Array.isArray(p.holder))
        delete (p.holder as Record<string, unknown>)[p.key];
      else (p.holder as Record<string | number, unknown>)[p.key] = values[i];
    });
  }
  return out;
}
