/** Where a path starts reading: the current item, the document root, the enclosing item, or the connector context. */
export type PathBase = 'cur' | 'root' | 'parent' | 'ctx';

export interface Scope {
  cur: unknown;
  root: unknown;
  parent?: Scope;
  ctx: Readonly<Record<string, unknown>>;
}

export type Getter = (scope: Scope) => unknown;

const BASES: Record<string, PathBase> = { $root: 'root', $parent: 'parent', $ctx: 'ctx' };

/**
 * Compiles "a.b.0.c" (or "$root.a", "$parent.id", "$ctx.adminUrl", ".") into a getter.
 * Numeric segments index arrays; a missing step yields undefined, never a throw.
 */
export function compilePath(path: string): Getter {
  const segments = path === '.' ? [] : path.split('.');
  let base: PathBase = 'cur';
  if (segments.length > 0 && segments[0].startsWith('$')) {
    const named = BASES[segments[0]];
    if (!named) throw new Error(`unknown path root "${segments[0]}" (use $root, $parent or $ctx)`);
    base = named;
    segments.shift();
  }
  if (segments.some((s) => s === '')) throw new Error(`empty segment in path "${path}"`);
  const keys = segments.map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  // One getter per base, so a read does no dispatch at run time.
  const start: (scope: Scope) => unknown =
    base === 'cur'
      ? (scope) => scope.cur
      : base === 'root'
        ? (scope) => scope.root
        : base === 'ctx'
          ? (scope) => scope.ctx
          : (scope) => scope.parent?.cur;
  if (keys.length === 0) return start;
  if (keys.length === 1) {
    const [k] = keys;
    if (base === 'cur') {
      return (scope) => {
        const v = scope.cur as Record<string | number, unknown> | null | undefined;
        // A JSON null (Shopify's "no value") is no value too, as in the multi-segment branch.
        return v == null ? undefined : (v[k] ?? undefined);
      };
    }
    return (scope) => {
      const v = start(scope) as Record<string | number, unknown> | null | undefined;
      return v == null ? undefined : (v[k] ?? undefined);
    };
  }
  return (scope) => {
    let v = start(scope) as Record<string | number, unknown> | null | undefined;
    for (let i = 0; i < keys.length && v != null; i++) v = v[keys[i]] as Record<string | number, unknown>;
    return v ?? undefined;
  };
}
