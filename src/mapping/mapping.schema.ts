import { z } from 'zod';

/**
 * The mapping file format (`mappings/<vendor>/<resource>.yaml`). See mappings/README.md for a
 * guided example. A field spec is either a path string or an object:
 *
 *   path: a.b.0.c | [first, fallback]   read from the current item ($root., $parent., $ctx. also work)
 *   const: value                        a literal
 *   template: "https://{$ctx.admin}/orders/{legacyResourceId}"   undefined if a placeholder is missing
 *   join: [city, province, country]     non-empty values joined with `separator` (default ", ")
 *   collect: [a, b]                     the values of several paths as a list (for transforms like subtract)
 *   when: [{ path|test, equals?|in?|notIn?, then }]   first matching case wins, else `else`
 *   expr: JSONata expression            for the rare complex field: evaluated asynchronously and
 *                                       10–60 µs a call, so hot mappings prefer the nodes above
 *   each: path + fields|value           an array, optionally filtered by `where` and ordered by `sort`
 *   list: [spec, ...]                   a fixed list (e.g. the one SourceRef of a record)
 *   fields: { ... }                     a nested object read from `path` (or the current item)
 * and then, in order: transform (one or a list), table (vendor enum → canonical), default.
 */
export interface FieldSpecObject {
  path?: string | string[];
  const?: unknown;
  template?: string;
  join?: string[];
  collect?: string[];
  separator?: string;
  when?: WhenCase[];
  else?: unknown;
  expr?: string;
  each?: string;
  list?: FieldSpec[];
  where?: Record<string, unknown>;
  sort?: { by: string; order?: 'asc' | 'desc' };
  fields?: Record<string, FieldSpec>;
  value?: FieldSpec;
  transform?: TransformSpec | TransformSpec[];
  table?: string;
  default?: unknown;
}
/** A string is a path; a list of strings is a list of paths (first non-empty wins). */
export type FieldSpec = string | string[] | FieldSpecObject;
/**
 * A `when` case tests `path` (or the value of the `test` spec) with `equals`, `in` or `notIn`, or
 * for truthiness (a non-empty list, string or any other present value). `then` is a literal, or
 * `{ path }` to read a value.
 */
export interface WhenCase {
  path?: string;
  test?: FieldSpec;
  equals?: unknown;
  in?: unknown[];
  notIn?: unknown[];
  then: unknown;
}
export type TransformSpec = string | ({ name: string } & Record<string, unknown>);

const TransformSpecSchema = z.union([z.string(), z.object({ name: z.string() }).catchall(z.unknown())]);

export const FieldSpecSchema: z.ZodType<FieldSpec> = z.lazy(() =>
  z.union([
    z.string().min(1),
    z.array(z.string().min(1)).min(1),
    z
      .object({
        path: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
        const: z.unknown().optional(),
        template: z.string().optional(),
        join: z.array(z.string()).min(1).optional(),
        collect: z.array(z.string()).min(1).optional(),
        separator: z.string().optional(),
        when: z
          .array(
            z
              .object({
                path: z.string().optional(),
                test: FieldSpecSchema.optional(),
                equals: z.unknown().optional(),
                in: z.array(z.unknown()).optional(),
                notIn: z.array(z.unknown()).optional(),
                then: z.unknown(),
              })
              .strict()
              .refine(
                (c) => (c.path === undefined) !== (c.test === undefined),
                'a case needs exactly one of path or test',
              ),
          )
          .min(1)
          .optional(),
        else: z.unknown().optional(),
        expr: z.string().optional(),
        each: z.string().optional(),
        list: z.array(FieldSpecSchema).min(1).optional(),
        where: z.record(z.string(), z.unknown()).optional(),
        sort: z
          .object({ by: z.string(), order: z.enum(['asc', 'desc']).optional() })
          .strict()
          .optional(),
        fields: z.record(z.string(), FieldSpecSchema).optional(),
        value: FieldSpecSchema.optional(),
        transform: z.union([TransformSpecSchema, z.array(TransformSpecSchema)]).optional(),
        table: z.string().optional(),
        default: z.unknown().optional(),
      })
      .strict(),
  ]),
);

const TableSchema = z.union([
  z.record(z.string(), z.string()),
  z
    .object({
      values: z.record(z.string(), z.string()),
      default: z.string().optional(),
      ignoreCase: z.boolean().optional(),
    })
    .strict(),
]);

export const MappingFileSchema = z
  .object({
    target: z.string().describe('the canonical entity this file produces (order, customer, ...)'),
    description: z.string().optional(),
    fields: z.record(z.string(), FieldSpecSchema),
    tables: z.record(z.string(), TableSchema).optional(),
  })
  .strict();
export type MappingFile = z.infer<typeof MappingFileSchema>;
