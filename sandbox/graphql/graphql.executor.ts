import {
  Kind,
  valueFromASTUntyped,
  type FieldNode,
  type OperationDefinitionNode,
  type TypeNode,
} from 'graphql';
import { type DocumentCache, type ParsedDocument } from './document.cache';
import { GraphqlRequestError, type GraphqlErrorEntry } from './graphql.error';
import { argumentsOf, projectField, type ProjectionContext } from './graphql.projection';

export interface PreparedOperation {
  parsed: ParsedDocument;
  operation: OperationDefinitionNode;
  /** The operation's name, or "anonymous"; stats count requests by it. */
  name: string;
}

/** Resolves one root field; `variables` are the operation's, for directives such as `@idempotent(key: $k)`. */
export type RootResolver = (
  name: string,
  args: Record<string, unknown>,
  field: FieldNode,
  variables: Record<string, unknown>,
) => unknown;

/** The root resolver of each operation type a view serves; a view without `mutation` is read-only. */
export interface RootResolvers {
  query: RootResolver;
  mutation?: RootResolver;
}

/** What `__typename` on the root says (Shopify's names). */
const ROOT_TYPENAME = { query: 'QueryRoot', mutation: 'Mutation' } as const;

export interface ExecutionResult {
  data?: Record<string, unknown>;
  errors?: GraphqlErrorEntry[];
  /** Objects with an id in the reply (the query cost's basis). */
  objects: number;
}

/** Parses (cached) and picks the operation to run, as the GraphQL-over-HTTP convention says. */
export function prepare(
  cache: DocumentCache,
  query: string,
  operationName?: string,
): PreparedOperation | GraphqlRequestError {
  const parsed = cache.get(query);
  if (!('document' in parsed)) return GraphqlRequestError.fromSyntax(parsed);
  const operation = operationName
    ? parsed.operations.find((o) => o.name?.value === operationName)
    : parsed.operations.length === 1
      ? parsed.operations[0]
      : undefined;
  if (!operation) {
    const message = operationName
      ? `No operation named "${operationName}"`
      : 'An operation name is required when the document has several operations';
    return new GraphqlRequestError({ message });
  }
  return { parsed, operation, name: operation.name?.value ?? 'anonymous' };
}

/**
 * Runs a query or mutation against the view's root resolvers; the reply holds exactly the
 * selected fields. Root fields run one after another, in document order, as mutations must.
 */
export function execute(
  prepared: PreparedOperation,
  variables: Record<string, unknown> | undefined,
  roots: RootResolvers,
): ExecutionResult {
  const { operation, parsed } = prepared;
  const ctx: ProjectionContext = { variables: {}, fragments: parsed.fragments, objects: 0 };
  try {
    const kind = operation.operation;
    const resolveRoot = kind === 'subscription' ? undefined : roots[kind];
    if (kind === 'subscription' || !resolveRoot) {
      throw GraphqlRequestError.at(`The sandbox does not support ${kind} operations here`, operation, []);
    }
    ctx.variables = coerceVariables(operation, variables ?? {});
    const data: Record<string, unknown> = {};
    for (const selection of operation.selectionSet.selections) {
      if (selection.kind !== Kind.FIELD) {
        throw GraphqlRequestError.at(
          'Fragments on the query root are not supported by the sandbox',
          selection,
          [],
        );
      }
      const key = selection.alias?.value ?? selection.name.value;
      const value =
        selection.name.value === '__typename'
          ? ROOT_TYPENAME[kind]
          : resolveRoot(selection.name.value, argumentsOf(selection, ctx), selection, ctx.variables);
      data[key] = projectField(value, selection, ctx, [key]);
    }
    return { data, objects: ctx.objects };
  } catch (error) {
    if (error instanceof GraphqlRequestError) return { errors: [error.entry], objects: 0 };
    throw error;
  }
}

/** Defaults fill missing variables; a missing non-null variable is an error, as on the real API. */
function coerceVariables(operation: OperationDefinitionNode, given: Record<string, unknown>) {
  const out: Record<string, unknown> = { ...given };
  for (const def of operation.variableDefinitions ?? []) {
    const name = def.variable.name.value;
    if (out[name] === undefined && def.defaultValue) out[name] = valueFromASTUntyped(def.defaultValue, {});
    if ((out[name] === undefined || out[name] === null) && def.type.kind === Kind.NON_NULL_TYPE) {
      throw GraphqlRequestError.at(
        `Variable $${name} of type ${typeName(def.type)} was provided invalid value`,
        def,
        [],
        {
          code: 'INVALID_VARIABLE',
          value: null,
          problems: [{ path: [], explanation: 'Expected value to not be null' }],
        },
      );
    }
  }
  return out;
}

function typeName(type: TypeNode): string {
  if (type.kind === Kind.NON_NULL_TYPE) return `${typeName(type.type)}!`;
  if (type.kind === Kind.LIST_TYPE) return `[${typeName(type.type)}]`;
  return type.name.value;
}

/** Root-field helper for views: an unknown root field is an error, like any unknown field. */
export function unknownRootField(name: string, field: FieldNode, typeName = 'QueryRoot'): never {
  throw GraphqlRequestError.at(`Field '${name}' doesn't exist on type '${typeName}'`, field, [name], {
    code: 'undefinedField',
    typeName,
    fieldName: name,
  });
}

/** The arguments of a directive on a field (`@idempotent(key: "...")`), or undefined when absent. */
export function directiveArguments(
  field: FieldNode,
  name: string,
  variables: Record<string, unknown>,
): Record<string, unknown> | undefined {
  const directive = field.directives?.find((d) => d.name.value === name);
  if (!directive) return undefined;
  return Object.fromEntries(
    (directive.arguments ?? []).map((a) => [a.name.value, valueFromASTUntyped(a.value, variables)]),
  );
}
