import {
  Kind,
  valueFromASTUntyped,
  type FieldNode,
  type FragmentDefinitionNode,
  type SelectionNode,
} from 'graphql';
import { Connection } from './connection';
import { GraphqlRequestError } from './graphql.error';

type Obj = Record<string, unknown>;

export interface ProjectionContext {
  variables: Record<string, unknown>;
  fragments: Map<string, FragmentDefinitionNode>;
  /** Objects with an id put into the reply: the basis of the query cost. */
  objects: number;
}

/**
 * Copies from a vendor view exactly what the query selects (aliases, fragments, @skip/@include),
 * nothing more, so a client cannot depend on a field it never asked for. A field the view does not
 * have is an error, as on the real API. Arguments are ignored except `first`/`last`/`after` on
 * lists and connections.
 */
export function projectField(
  value: unknown,
  field: FieldNode,
  ctx: ProjectionContext,
  path: (string | number)[],
) {
  if (value === null || value === undefined) return null;
  if (value instanceof Connection)
    return projectObject(connectionObject(value, field, ctx, path), field, ctx, path);
  if (Array.isArray(value)) {
    return slice(value, argumentsOf(field, ctx), field, path).map((item, i) =>
      item !== null && typeof item === 'object' ? projectObject(item as Obj, field, ctx, [...path, i]) : item,
    );
  }
  if (typeof value === 'object') return projectObject(value as Obj, field, ctx, path);
  if (field.selectionSet) {
    throw GraphqlRequestError.at(
      `Selections can't be made on scalars (field '${field.name.value}')`,
      field,
      path,
      {
        code: 'selectionMismatch',
      },
    );
  }
  return value;
}

function projectObject(
  source: Obj,
  field: FieldNode,
  ctx: ProjectionContext,
  path: (string | number)[],
): Obj {
  if (!field.selectionSet) {
    throw GraphqlRequestError.at(
      `Field must have selections (field '${field.name.value}' returns an object)`,
      field,
      path,
      {
        code: 'selectionMismatch',
      },
    );
  }
  if (typeof source.id === 'string') ctx.objects++;
  return select(source, String(source.__typename), field.selectionSet.selections, ctx, path, {});
}

function select(
  source: Obj,
  typename: string,
  selections: readonly SelectionNode[],
  ctx: ProjectionContext,
  path: (string | number)[],
  out: Obj,
): Obj {
  for (const selection of selections) {
    if (!included(selection, ctx)) continue;
    if (selection.kind === Kind.FIELD) {
      const name = selection.name.value;
      const key = selection.alias?.value ?? name;
      let value: unknown;
      if (name === '__typename') value = typename;
      else if (name in source) value = projectField(source[name], selection, ctx, [...path, key]);
      else {
        throw GraphqlRequestError.at(
          `Field '${name}' doesn't exist on type '${typename}'`,
          selection,
          [...path, name],
          {
            code: 'undefinedField',
            typeName: typename,
            fieldName: name,
          },
        );
      }
      out[key] = key in out ? merge(out[key], value) : value;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (!selection.typeCondition || selection.typeCondition.name.value === typename)
        select(source, typename, selection.selectionSet.selections, ctx, path, out);
    } else {
      const fragment = ctx.fragments.get(selection.name.value);
      if (!fragment)
        throw GraphqlRequestError.at(
          `Fragment ${selection.name.value} was used, but not defined`,
          selection,
          path,
        );
      if (fragment.typeCondition.name.value === typename)
        select(source, typename, fragment.selectionSet.selections, ctx, path, out);
    }
  }
  return out;
}

/** The same response key selected twice (e.g. through two fragments) merges its sub-selections. */
function merge(a: unknown, b: unknown): unknown {
  if (Array.isArray(a) && Array.isArray(b)) return a.map((item, i) => merge(item, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const out: Obj = { ...(a as Obj) };
    for (const [k, v] of Object.entries(b as Obj)) out[k] = k in out ? merge(out[k], v) : v;
    return out;
  }
  return b;
}

function included(selection: SelectionNode, ctx: ProjectionContext): boolean {
  for (const directive of selection.directives ?? []) {
    const arg = directive.arguments?.find((a) => a.name.value === 'if');
    const flag = arg ? Boolean(valueFromASTUntyped(arg.value, ctx.variables)) : true;
    if (directive.name.value === 'skip' && flag) return false;
    if (directive.name.value === 'include' && !flag) return false;
  }
  return true;
}

export function argumentsOf(field: FieldNode, ctx: ProjectionContext): Obj {
  const args: Obj = {};
  for (const arg of field.arguments ?? [])
    args[arg.name.value] = valueFromASTUntyped(arg.value, ctx.variables);
  return args;
}

function slice<T>(items: readonly T[], args: Obj, field: FieldNode, path: (string | number)[]): readonly T[] {
  const { start, end } = window(items.length, args, field, path);
  return start === 0 && end === items.length ? items : items.slice(start, end);
}

function window(length: number, args: Obj, field: FieldNode, path: (string | number)[]) {
  for (const name of ['first', 'last'] as const) {
    const n = args[name];
    if (n !== undefined && n !== null && (typeof n !== 'number' || n < 0 || n > 250)) {
      throw GraphqlRequestError.at(
        `Argument '${name}' on Field '${field.name.value}' must be between 0 and 250`,
        field,
        path,
        {
          code: 'argumentLiteralsIncompatible',
        },
      );
    }
  }
  let start = typeof args.after === 'string' ? decodeCursor(args.after) + 1 : 0;
  let end = length;
  if (typeof args.first === 'number') end = Math.min(end, start + args.first);
  if (typeof args.last === 'number') start = Math.max(start, end - args.last);
  return { start: Math.min(start, length), end };
}

/** Shopify requires `first` or `last` on every connection. */
function connectionObject(
  conn: Connection,
  field: FieldNode,
  ctx: ProjectionContext,
  path: (string | number)[],
): Obj {
  const args = argumentsOf(field, ctx);
  if (args.first === undefined && args.last === undefined) {
    throw GraphqlRequestError.at('you must provide one of first or last', field, path, {
      code: 'MISSING_FIRST_OR_LAST',
    });
  }
  const { start, end } = window(conn.nodes.length, args, field, path);
  const nodes = conn.nodes.slice(start, end);
  const edgeType = conn.typename.replace(/Connection$/, 'Edge');
  return {
    __typename: conn.typename,
    nodes,
    edges: nodes.map((node, i) => ({ __typename: edgeType, cursor: encodeCursor(start + i), node })),
    pageInfo: {
      __typename: 'PageInfo',
      hasNextPage: end < conn.nodes.length,
      hasPreviousPage: start > 0,
      startCursor: nodes.length ? encodeCursor(start) : null,
      endCursor: nodes.length ? encodeCursor(end - 1) : null,
    },
  };
}

function encodeCursor(index: number): string {
  return Buffer.from(JSON.stringify({ last_index: index })).toString('base64');
}

function decodeCursor(cursor: string): number {
  try {
    const index = (JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as { last_index?: unknown })
      .last_index;
    return typeof index === 'number' ? index : -1;
  } catch {
    return -1;
  }
}
