import { type OpenAPIObject } from '@nestjs/swagger';

type Schema = Record<string, unknown>;

/**
 * zod writes JSON Schema 2020-12; an OpenAPI 3.0 document (what Salesforce External Services and
 * most agent builders import) speaks an older dialect. This rewrites, in place, what 3.0 does not
 * know into what it does, meaning the same:
 * - `type: ["string", "null"]` and `anyOf: [X, {type: "null"}]` → X with `nullable: true`;
 * - `nullable` beside a `$ref` → `allOf: [$ref]` with the referenced schema's `type`;
 * - `const: v` → `enum: [v]`; `$ref` with a description beside it → `allOf: [$ref]` + description;
 * - `$schema` and `propertyNames` (no 3.0 meaning) are dropped.
 */
export function toOpenApi30(document: OpenAPIObject): OpenAPIObject {
  const components = (document.components?.schemas ?? {}) as Record<string, Schema>;
  const typeOfRef = (ref: string): string | undefined => {
    const target = components[ref.replace('#/components/schemas/', '')];
    return typeof target?.type === 'string' ? target.type : undefined;
  };
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    const schema = node as Schema;
    for (const value of Object.values(schema)) visit(value);
    rewrite(schema, typeOfRef);
  };
  visit(document.components);
  visit(document.paths);
  return document;
}

function rewrite(schema: Schema, typeOfRef: (ref: string) => string | undefined): void {
  delete schema.$schema;
  delete schema.propertyNames;
  if ('const' in schema) {
    schema.enum = [schema.const];
    delete schema.const;
  }
  if (Array.isArray(schema.type)) {
    const types = (schema.type as string[]).filter((t) => t !== 'null');
    const nullable = types.length < (schema.type as string[]).length;
    if (types.length === 1) schema.type = types[0];
    else {
      delete schema.type;
      schema.anyOf = types.map((t) => ({ type: t }));
    }
    if (nullable) schema.nullable = true;
  }
  if (Array.isArray(schema.anyOf)) {
    const branches = schema.anyOf as Schema[];
    const rest = branches.filter((b) => b.type !== 'null');
    if (rest.length < branches.length) schema.nullable = true;
    if (rest.length === 1) {
      delete schema.anyOf;
      Object.assign(schema, rest[0].$ref ? { allOf: [rest[0]] } : rest[0]);
    } else schema.anyOf = rest;
  }
  if (typeof schema.$ref === 'string' && Object.keys(schema).length > 1) {
    // 3.0 ignores whatever stands beside a $ref: wrap it so the description (or nullable) counts.
    schema.allOf = [{ $ref: schema.$ref }];
    delete schema.$ref;
  }
  if (schema.nullable === true && schema.type === undefined) {
    const refs = ((schema.allOf as Schema[] | undefined) ?? []).map((s) => s.$ref).filter(Boolean);
    const type = refs.length === 1 ? typeOfRef(refs[0] as string) : undefined;
    if (type) schema.type = type;
    else if (Array.isArray(schema.anyOf)) {
      // A value of one of several shapes, or null: each shape says it may be null.
      for (const branch of schema.anyOf as Schema[]) if (branch.type) branch.nullable = true;
      delete schema.nullable;
    }
  }
}
