import { type FieldSpec, type FieldSpecObject, type WhenCase } from './mapping.schema';
import { type Ctx, FieldCompileError, NO_PENDING } from './nodes';
import { compilePath, type Getter } from './path';

/** Where a field's value comes from: path(s), const, template, join, collect or when. */
export function compileRead(s: FieldSpecObject, field: string, ctx: Ctx): Getter {
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

/** The `{path}` placeholders of a template, in order; each match's group 1 is the path. */
export function templatePlaceholders(template: string): RegExpExecArray[] {
  return [...template.matchAll(/\{([^{}]+)\}/g)];
}

function compileTemplate(template: string): Getter {
  const parts: (string | Getter)[] = [];
  let last = 0;
  for (const m of templatePlaceholders(template)) {
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
      const node = ctx.field(c.test, `${field}.when[${i}].test`, ctx);
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
