import { code as isoCurrency } from 'currency-codes';
import { Kind, type FieldNode } from 'graphql';
import { GraphqlRequestError } from '../../graphql/graphql.error';

/**
 * The input types of the mutations that take input objects, as far as the sandbox reads them, so
 * a malformed argument is a GraphQL error shaped as Shopify (graphql-ruby) prints it: a variable
 * is `INVALID_VARIABLE` with `problems [{ path, explanation }]`, a literal is
 * `argumentLiteralsIncompatible`. Fields Shopify has but the sandbox does not simulate are marked
 * `UNSIMULATED`: sending one is a `BAD_REQUEST` error naming it, never a silent no-op.
 */
export type InputType =
  | { kind: 'scalar'; name: string; accepts: (value: unknown) => boolean }
  | { kind: 'enum'; name: string; values: readonly string[] }
  | { kind: 'object'; name: string; fields: Readonly<Record<string, InputType>> }
  | { kind: 'list'; of: InputType }
  | { kind: 'nonNull'; of: InputType }
  | { kind: 'unsimulated' };

const scalar = (name: string, accepts: (value: unknown) => boolean): InputType => ({
  kind: 'scalar',
  name,
  accepts,
});
const DECIMAL = /^-?\d+(?:\.\d+)?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

export const STRING = scalar('String', (v) => typeof v === 'string');
export const ID = scalar('ID', (v) => typeof v === 'string' || Number.isInteger(v));
export const INT = scalar('Int', (v) => Number.isInteger(v) && Math.abs(v as number) <= 2 ** 31 - 1);
export const BOOLEAN = scalar('Boolean', (v) => typeof v === 'boolean');
export const DECIMAL_SCALAR = scalar(
  'Decimal',
  (v) => (typeof v === 'string' && DECIMAL.test(v.trim())) || (typeof v === 'number' && Number.isFinite(v)),
);
export const DATE_TIME = scalar(
  'DateTime',
  (v) => typeof v === 'string' && ISO_DATE.test(v) && !Number.isNaN(Date.parse(v)),
);
/** CurrencyCode: any ISO 4217 code is a valid value; which ones the shop sells in is a user error. */
export const CURRENCY_CODE = scalar(
  'CurrencyCode',
  (v) => typeof v === 'string' && /^[A-Z]{3}$/.test(v) && Boolean(isoCurrency(v)),
);
export const COUNTRY_CODE = scalar('CountryCode', (v) => typeof v === 'string' && /^[A-Z]{2}$/.test(v));
export const UNSIMULATED: InputType = { kind: 'unsimulated' };

export const enumOf = (name: string, values: readonly string[]): InputType => ({
  kind: 'enum',
  name,
  values,
});
export const object = (name: string, fields: Record<string, InputType>): InputType => ({
  kind: 'object',
  name,
  fields,
});
export const list = (of: InputType): InputType => ({ kind: 'list', of });
export const required = (of: InputType): InputType => ({ kind: 'nonNull', of });

/** MoneyInput, used by several mutations. */
export const MONEY_INPUT = object('MoneyInput', {
  amount: required(DECIMAL_SCALAR),
  currencyCode: required(CURRENCY_CODE),
});

interface Problem {
  path: (string | number)[];
  explanation: string;
  unsimulated?: boolean;
}

export function typeName(type: InputType): string {
  switch (type.kind) {
    case 'nonNull':
      return `${typeName(type.of)}!`;
    case 'list':
      return `[${typeName(type.of)}]`;
    case 'unsimulated':
      return 'unsimulated';
    default:
      return type.name;
  }
}

function problems(value: unknown, type: InputType, path: (string | number)[]): Problem[] {
  if (type.kind === 'nonNull') {
    if (value === null || value === undefined)
      return [{ path, explanation: 'Expected value to not be null' }];
    return problems(value, type.of, path);
  }
  if (value === null || value === undefined) return [];
  switch (type.kind) {
    case 'unsimulated':
      return [{ path, explanation: 'not simulated by the sandbox', unsimulated: true }];
    case 'scalar':
      return type.accepts(value)
        ? []
        : [{ path, explanation: `Could not coerce value ${JSON.stringify(value)} to ${type.name}` }];
    case 'enum':
      return typeof value === 'string' && type.values.includes(value)
        ? []
        : [
            {
              path,
              explanation: `Expected ${JSON.stringify(value)} to be one of: ${type.values.join(', ')}`,
            },
          ];
    case 'list':
      // GraphQL input coercion takes a single value for a list of one.
      return (Array.isArray(value) ? value : [value]).flatMap((item, i) =>
        problems(item, type.of, Array.isArray(value) ? [...path, i] : path),
      );
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value))
        return [{ path, explanation: `Expected ${JSON.stringify(value)} to be a key-value object.` }];
      const given = value as Record<string, unknown>;
      const unknown = Object.keys(given)
        .filter((k) => !Object.hasOwn(type.fields, k))
        .map((k) => ({ path: [...path, k], explanation: `Field is not defined on ${type.name}` }));
      const known = Object.entries(type.fields).flatMap(([k, t]) => problems(given[k], t, [...path, k]));
      return [...unknown, ...known];
    }
  }
}

/**
 * Checks a mutation's arguments against their input types: a missing required argument, an
 * argument the field does not take, or a value of the wrong shape is a GraphQL error, as on Shopify.
 */
export function checkArguments(
  field: FieldNode,
  args: Record<string, unknown>,
  types: Record<string, InputType>,
  variables: Record<string, unknown>,
): void {
  const fieldName = field.name.value;
  const extra = Object.keys(args).find((name) => !Object.hasOwn(types, name));
  if (extra) {
    throw GraphqlRequestError.at(
      `Field '${fieldName}' doesn't accept argument '${extra}'`,
      field,
      [fieldName],
      {
        code: 'argumentNotAccepted',
        name: fieldName,
        typeName: 'Field',
        argumentName: extra,
      },
    );
  }
  const given = new Set(field.arguments?.map((a) => a.name.value));
  const missing = Object.entries(types).filter(([name, t]) => t.kind === 'nonNull' && !given.has(name));
  if (missing.length) {
    const names = missing.map(([name]) => name).join(', ');
    throw GraphqlRequestError.at(
      `Field '${fieldName}' is missing required arguments: ${names}`,
      field,
      [fieldName],
      {
        code: 'missingRequiredArguments',
        className: 'Field',
        name: fieldName,
        arguments: names,
      },
    );
  }
  for (const [name, type] of Object.entries(types)) {
    const found = problems(args[name], type, []);
    const invalid = found.filter((p) => !p.unsimulated);
    if (invalid.length) throw invalidValue(field, name, args[name], type, invalid, variables);
    if (found.length) {
      const what = found.map((p) => [name, ...p.path].join('.')).join(', ');
      throw GraphqlRequestError.at(
        `The sandbox's ${fieldName} does not simulate ${what}`,
        field,
        [fieldName],
        {
          code: 'BAD_REQUEST',
        },
      );
    }
  }
}

function invalidValue(
  field: FieldNode,
  name: string,
  value: unknown,
  type: InputType,
  found: Problem[],
  variables: Record<string, unknown>,
): GraphqlRequestError {
  const node = field.arguments?.find((a) => a.name.value === name)?.value;
  if (node?.kind !== Kind.VARIABLE) return invalidArgument(field, name, value, typeName(type));
  const variable = node.name.value;
  const detail = found
    .filter((p) => p.path.length)
    .map((p) => `${p.path.join('.')} (${p.explanation})`)
    .join(', ');
  return GraphqlRequestError.at(
    `Variable $${variable} of type ${typeName(type)} was provided invalid value${detail ? ` for ${detail}` : ''}`,
    node,
    [],
    {
      code: 'INVALID_VARIABLE',
      value: variables[variable] ?? null,
      problems: found.map(({ path, explanation }) => ({ path, explanation })),
    },
  );
}

/** An argument written in the document whose value does not fit its type. */
export function invalidArgument(
  field: FieldNode,
  name: string,
  value: unknown,
  type: string,
): GraphqlRequestError {
  return GraphqlRequestError.at(
    `Argument '${name}' on Field '${field.name.value}' has an invalid value (${JSON.stringify(value)}). Expected type '${type}'.`,
    field,
    [field.name.value],
    { code: 'argumentLiteralsIncompatible', typeName: 'Field', argumentName: name },
  );
}
