import { type z } from 'zod';
import { type FieldSpec } from './mapping.schema';

type AnySchema = z.ZodType & {
  def: { type: string; innerType?: AnySchema; element?: AnySchema; getter?: () => AnySchema };
};

function unwrap(schema: AnySchema): AnySchema {
  let s = schema;
  for (;;) {
    const t = s.def.type;
    if ((t === 'optional' || t === 'nullable' || t === 'default') && s.def.innerType) s = s.def.innerType;
    else if (t === 'lazy' && s.def.getter) s = s.def.getter();
    else return s;
  }
}

/**
 * Names every mapped field that the canonical schema does not have, so a typo stops boot
 * ("lineItems[].titel is not a field of the canonical order") instead of silently vanishing.
 */
export function unknownTargetFields(
  fields: Record<string, FieldSpec>,
  schema: z.ZodType,
  prefix = '',
): string[] {
  const target = unwrap(schema as AnySchema);
  if (target.def.type !== 'object') return [];
  const shape = (target as unknown as { shape: Record<string, AnySchema> }).shape;
  const problems: string[] = [];
  for (const [key, spec] of Object.entries(fields)) {
    const here = prefix ? `${prefix}.${key}` : key;
    const child = shape[key];
    if (!child) {
      problems.push(here);
      continue;
    }
    if (typeof spec === 'string' || Array.isArray(spec)) continue;
    if (spec.list !== undefined) {
      // `list: [{ fields }]` (the sources of a record) is checked like `each`, item by item.
      const array = unwrap(child);
      const element = array.def.type === 'array' ? array.def.element : undefined;
      spec.list.forEach((item, i) => {
        if (element && typeof item === 'object' && !Array.isArray(item) && item.fields) {
          problems.push(...unknownTargetFields(item.fields, element, `${here}[${i}]`));
        }
      });
      continue;
    }
    if (!spec.fields) continue;
    let childSchema = unwrap(child);
    let childPath = here;
    if (spec.each !== undefined && childSchema.def.type === 'array' && childSchema.def.element) {
      childSchema = unwrap(childSchema.def.element);
      childPath = `${here}[]`;
    }
    problems.push(...unknownTargetFields(spec.fields, childSchema, childPath));
  }
  return problems;
}
