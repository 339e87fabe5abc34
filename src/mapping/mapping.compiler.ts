import jsonata from 'jsonata';
import { compileEach, compileList } from './compile-list';
import { type CompiledTable, compilePost, compileTable } from './compile-post';
import { compileRead } from './compile-read';
import { type FieldSpec, type FieldSpecObject, type MappingFile } from './mapping.schema';
import {
  type CompileOptions,
  type Ctx,
  Deferred,
  deferring,
  FieldCompileError,
  identity,
  type Node,
  NO_PENDING,
  type Pending,
} from './nodes';

export { Deferred, FieldCompileError, type CompileOptions, type Node, type Pending } from './nodes';
export { type UnknownValueEvent } from './nodes';

export function compileMapping(file: MappingFile, options: CompileOptions): Node {
  const tables = new Map<string, CompiledTable>();
  for (const [name, def] of Object.entries(file.tables ?? {})) tables.set(name, compileTable(def));
  return compileObject(file.fields, '', { ...options, tables, field: compileField, object: compileObject });
}

export function compileObject(fields: Record<string, FieldSpec>, prefix: string, ctx: Ctx): Node {
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

export function compileField(spec: FieldSpec, field: string, ctx: Ctx): Node {
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
