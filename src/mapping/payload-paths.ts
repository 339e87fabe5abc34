import { z } from 'zod';
import { templatePlaceholders } from './compile-read';
import { type FieldSpec, type FieldSpecObject, type MappingFile } from './mapping.schema';

/**
 * What a mapping may read: the vendor's payload schema for its resource (the zod schema the
 * connector parses the reply with) and the names a path may read as `$ctx.<name>`.
 */
export interface PayloadSource {
  payload: z.ZodType;
  context: readonly string[];
}

export interface PathProblem {
  /** The mapped field, as in MappingDefinitionError: "shipments[].carrier". */
  field: string;
  message: string;
}

type Def = {
  type: string;
  innerType?: Schema;
  element?: Schema;
  getter?: () => Schema;
  shape?: Record<string, Schema>;
  options?: Schema[];
  valueType?: Schema;
  items?: Schema[];
  out?: Schema;
  left?: Schema;
  right?: Schema;
};
type Schema = z.ZodType & { def: Def };

/** A value whose shape the schema leaves open (z.unknown(), a transform's result): any path goes. */
const OPEN = z.unknown() as unknown as Schema;

interface Scope {
  cur: Schema;
  root: Schema;
  parent?: Scope;
}

type Step = { schema: Schema } | { problem: string };

/** The schema a value is, with optional/nullable/default/lazy/pipe wrappers taken off. */
function unwrap(schema: Schema): Schema {
  let s = schema;
  for (;;) {
    const d = s.def;
    if (d.innerType) s = d.innerType;
    else if (d.type === 'lazy' && d.getter) s = d.getter();
    else if (d.type === 'pipe' && d.out) s = d.out;
    else return s;
  }
}

const isOpen = (s: Schema) => ['unknown', 'any', 'transform', 'custom'].includes(s.def.type);

function kindOf(s: Schema): string {
  const t = s.def.type;
  return t === 'object' ? 'an object' : t === 'array' ? 'a list' : `a ${t}`;
}

/** One path segment into a schema: the field of an object, the item of a list, any option of a union. */
function step(schema: Schema, segment: string, at: string): Step {
  const s = unwrap(schema);
  if (isOpen(s)) return { schema: OPEN };
  const d = s.def;
  switch (d.type) {
    case 'object': {
      const child = d.shape?.[segment];
      if (child) return { schema: child };
      const known = Object.keys(d.shape ?? {});
      return {
        problem: `no "${segment}" in ${at || 'the payload'} (it has ${known.slice(0, 12).join(', ')}${known.length > 12 ? ', …' : ''})`,
      };
    }
    case 'record':
      return { schema: d.valueType ?? OPEN };
    case 'array':
      return /^\d+$/.test(segment)
        ? { schema: d.element! }
        : { problem: `${at || 'the payload'} is a list: index it (${at}.0.${segment}) or read it with each` };
    case 'tuple':
      return d.items?.[Number(segment)]
        ? { schema: d.items[Number(segment)] }
        : { problem: `${at} has no item ${segment}` };
    case 'union': {
      const found = (d.options ?? []).map((o) => step(o, segment, at));
      const ok = found.filter((f): f is { schema: Schema } => 'schema' in f).map((f) => f.schema);
      if (ok.length === 0) return found[0] ?? { problem: `${at} is an empty union` };
      return { schema: ok.length === 1 ? ok[0] : (z.union(ok as [Schema, Schema]) as unknown as Schema) };
    }
    case 'intersection': {
      const left = step(d.left!, segment, at);
      return 'schema' in left ? left : step(d.right!, segment, at);
    }
    default:
      return { problem: `${at} is ${kindOf(s)}, it has no "${segment}"` };
  }
}

/** One schema that is any of `options` (undefined for none). */
function anyOf(options: Schema[]): Schema | undefined {
  if (options.length <= 1) return options[0];
  return z.union(options as [Schema, Schema]) as unknown as Schema;
}

/** The item schema of a list, or of any list a union may be; undefined when it can be no list. */
function elementOf(schema: Schema): Schema | undefined {
  const u = unwrap(schema);
  if (isOpen(u)) return OPEN;
  if (u.def.type === 'array') return u.def.element;
  if (u.def.type === 'union') return anyOf((u.def.options ?? []).flatMap((o) => elementOf(o) ?? []));
  return undefined;
}

/**
 * Walks a mapping file's paths through the payload schema of its resource and names every path
 * that cannot exist in that payload: a field the vendor does not send (a typo), a step into a
 * string, a list read without an index or `each`, an unknown `$ctx` name. `expr` (JSONata) fields
 * are not walked. Pure: no IO.
 */
export function payloadPathProblems(file: MappingFile, source: PayloadSource, label: string): PathProblem[] {
  const problems: PathProblem[] = [];
  const walker = new Walker(source, label, problems);
  const root = { cur: source.payload as Schema, root: source.payload as Schema };
  for (const [key, spec] of Object.entries(file.fields)) walker.field(spec, key, root);
  return problems;
}

class Walker {
  constructor(
    private readonly source: PayloadSource,
    private readonly label: string,
    private readonly problems: PathProblem[],
  ) {}

  field(spec: FieldSpec, field: string, scope: Scope): void {
    const s: FieldSpecObject = typeof spec === 'string' || Array.isArray(spec) ? { path: spec } : spec;
    const paths = s.path === undefined ? [] : Array.isArray(s.path) ? s.path : [s.path];
    const read = paths.map((p) => this.path(p, field, scope));
    for (const p of [...(s.join ?? []), ...(s.collect ?? [])]) this.path(p, field, scope);
    if (s.template !== undefined) {
      for (const m of templatePlaceholders(s.template)) this.path(m[1].trim(), field, scope);
    }
    for (const c of s.when ?? []) {
      if (c.path !== undefined) this.path(c.path, field, scope);
      if (c.test !== undefined) this.field(c.test, field, scope);
      // As the runtime reads it (compile-read.ts): `{ path }` alone is a read, anything else a literal.
      const then = c.then as { path?: unknown } | null;
      if (
        then &&
        typeof then === 'object' &&
        !Array.isArray(then) &&
        Object.keys(then).length === 1 &&
        typeof then.path === 'string'
      )
        this.path(then.path, field, scope);
    }
    for (const item of s.list ?? []) this.field(item, field, scope);
    read.forEach((at, i) => at && this.moneyKeys(s, at, paths[i], field));
    if (s.each !== undefined) this.each(s, field, scope);
    else if (s.fields !== undefined) {
      // Without a path the nested fields read the same item; with one, the value read, which is
      // whichever of the fallback paths has a value: a nested field may come from any of them.
      const found = read.filter((r): r is Schema => r !== undefined);
      const base = s.path === undefined ? scope : this.nested(anyOf(found), field, s, scope);
      if (base)
        for (const [key, child] of Object.entries(s.fields)) this.field(child, `${field}.${key}`, base);
    }
  }

  /** The `money` transform reads keys of the object it gets: `amount` and `currency` (or the keys its args name). */
  private moneyKeys(s: FieldSpecObject, at: Schema, path: string, field: string): void {
    const transforms =
      s.transform === undefined ? [] : Array.isArray(s.transform) ? s.transform : [s.transform];
    const money = transforms.find((t) => (typeof t === 'string' ? t : t.name) === 'money');
    if (money === undefined) return;
    const args = (typeof money === 'string' ? {} : money) as Record<string, unknown>;
    const amount = typeof args.amount === 'string' ? args.amount : 'amount';
    const currencies =
      typeof args.currency === 'string'
        ? [args.currency]
        : args.defaultCurrency
          ? []
          : ['currency', 'currencyCode'];
    const has = (key: string) => 'schema' in step(at, key, path);
    if (!has(amount)) this.problem(field, `money from "${path}": it has no "${amount}"`);
    if (currencies.length && !currencies.some(has))
      this.problem(field, `money from "${path}": it has no ${currencies.map((c) => `"${c}"`).join(' or ')}`);
  }

  private nested(at: Schema | undefined, field: string, s: FieldSpecObject, scope: Scope): Scope | undefined {
    if (!at) return undefined;
    const u = unwrap(at);
    if (!isOpen(u) && !['object', 'record', 'union', 'intersection'].includes(u.def.type)) {
      this.problem(field, `path "${String(s.path)}" is ${kindOf(u)}: it has no fields`);
      return undefined;
    }
    return { cur: at, root: scope.root, parent: scope };
  }

  private each(s: FieldSpecObject, field: string, scope: Scope): void {
    const list = this.path(s.each!, field, scope);
    if (!list) return;
    const element = elementOf(list);
    if (!element) {
      this.problem(field, `each "${s.each}" is ${kindOf(unwrap(list))}, not a list`);
      return;
    }
    const item: Scope = { cur: element, root: scope.root, parent: scope };
    for (const [p, expected] of Object.entries(s.where ?? {})) {
      // The item's own field, compared with a literal or with a path read on the enclosing item.
      this.path(p, `${field}[] where`, { ...item, parent: scope.parent });
      const ref = (expected as { path?: unknown } | null)?.path;
      if (typeof ref === 'string') this.path(ref, `${field} where`, scope);
    }
    // Sort keys are read on the items alone (compile-list.ts): no $root, $parent or $ctx there.
    if (s.sort?.by.startsWith('$'))
      this.problem(`${field}[] sort`, `sort.by "${s.sort.by}" reads the item only`);
    else if (s.sort) this.path(s.sort.by, `${field}[] sort`, item);
    if (s.fields)
      for (const [key, child] of Object.entries(s.fields)) this.field(child, `${field}[].${key}`, item);
    if (s.value !== undefined) this.field(s.value, `${field}[]`, item);
  }

  /** The schema at `path` from `scope`, or undefined after recording why there is none. */
  private path(path: string, field: string, scope: Scope): Schema | undefined {
    if (path === '.') return scope.cur;
    const segments = path.split('.');
    let at: Schema;
    let walked: string[] = [];
    if (segments[0] === '$ctx') {
      const name = segments[1];
      if (name === undefined) this.problem(field, `path "${path}": $ctx needs a name ($ctx.connector)`);
      else if (!['connector', ...this.source.context].includes(name)) {
        this.problem(
          field,
          `path "${path}": "${name}" is not a $ctx name of this connector (it has connector${this.source.context.map((c) => `, ${c}`).join('')})`,
        );
      } else if (segments.length > 2)
        this.problem(field, `path "${path}": $ctx.${name} is text, it has no fields`);
      return undefined;
    }
    if (segments[0] === '$root') {
      at = scope.root;
      walked = ['$root'];
      segments.shift();
    } else if (segments[0] === '$parent') {
      if (!scope.parent) {
        this.problem(field, `path "${path}": no enclosing item here`);
        return undefined;
      }
      at = scope.parent.cur;
      walked = ['$parent'];
      segments.shift();
    } else at = scope.cur;
    for (const segment of segments) {
      const next = step(at, segment, walked.join('.'));
      if ('problem' in next) {
        this.problem(field, `path "${path}": ${next.problem}`);
        return undefined;
      }
      at = next.schema;
      walked.push(segment);
    }
    return at;
  }

  private problem(field: string, message: string): void {
    this.problems.push({ field, message: `${message} [${this.label} payload schema]` });
  }
}
