import { z } from 'zod';

/**
 * Intercom's Canvas Kit, the part of it an inbox app answers with (docs/doors/intercom.md): a canvas
 * of components and the stored data Intercom sends back with the next click. Modelled from
 * Intercom's Canvas Kit reference; every canvas the door emits is parsed with these in tests.
 */

const SubmitAction = z.object({ type: z.literal('submit') }).strict();
const UrlAction = z.object({ type: z.literal('url'), url: z.url({ protocol: /^https?$/ }) }).strict();
export const CanvasActionSchema = z.discriminatedUnion('type', [SubmitAction, UrlAction]);

const TextComponent = z
  .object({
    type: z.literal('text'),
    id: z.string().optional(),
    /** Markdown links and bold render; styles cannot be changed through Markdown. */
    text: z.string(),
    align: z.enum(['left', 'center', 'right']).optional(),
    style: z.enum(['header', 'paragraph', 'muted', 'error']).optional(),
    bottom_margin: z.literal('none').optional(),
  })
  .strict();

const ButtonComponent = z
  .object({
    type: z.literal('button'),
    id: z.string().min(1),
    label: z.string().min(1),
    action: CanvasActionSchema,
    style: z.enum(['primary', 'secondary', 'link']).optional(),
    disabled: z.boolean().optional(),
  })
  .strict();

const InputComponent = z
  .object({
    type: z.literal('input'),
    id: z.string().min(1),
    label: z.string().optional(),
    placeholder: z.string().optional(),
    value: z.string().optional(),
    action: CanvasActionSchema.optional(),
    save_state: z.enum(['unsaved', 'saved', 'failed']).optional(),
    disabled: z.boolean().optional(),
  })
  .strict();

const TextareaComponent = z
  .object({
    type: z.literal('textarea'),
    id: z.string().min(1),
    label: z.string().optional(),
    placeholder: z.string().optional(),
    value: z.string().optional(),
    error: z.boolean().optional(),
    disabled: z.boolean().optional(),
  })
  .strict();

const DataTableComponent = z
  .object({
    type: z.literal('data-table'),
    items: z
      .array(z.object({ type: z.literal('field-value'), field: z.string(), value: z.string() }).strict())
      .min(1),
  })
  .strict();

const ListComponent = z
  .object({
    type: z.literal('list'),
    items: z
      .array(
        z
          .object({
            type: z.literal('item'),
            id: z.string().min(1),
            title: z.string(),
            subtitle: z.string().optional(),
            tertiary_text: z.string().optional(),
            action: CanvasActionSchema.optional(),
            disabled: z.boolean().optional(),
          })
          .strict(),
      )
      .min(1),
    disabled: z.boolean().optional(),
  })
  .strict();

const DividerComponent = z
  .object({
    type: z.literal('divider'),
    id: z.string().optional(),
    bottom_margin: z.literal('none').optional(),
  })
  .strict();

const SpacerComponent = z
  .object({
    type: z.literal('spacer'),
    id: z.string().optional(),
    size: z.enum(['xs', 's', 'm', 'l', 'xl']).optional(),
  })
  .strict();

export const CanvasComponentSchema = z.discriminatedUnion('type', [
  TextComponent,
  ButtonComponent,
  InputComponent,
  TextareaComponent,
  DataTableComponent,
  ListComponent,
  DividerComponent,
  SpacerComponent,
]);
export type CanvasComponent = z.infer<typeof CanvasComponentSchema>;

/**
 * Intercom's limit on `content` and on `stored_data`, each: "64KB". Counted here as 64,000 bytes of
 * JSON, so the canvas fits whether Intercom means 1,000 or 1,024 bytes a KB.
 */
export const CANVAS_MAX_BYTES = 64_000;

/** The JSON size of a value in bytes, as Intercom receives it. */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

/** The answer to every initialize and submit request: `{ canvas: { content, stored_data } }`. */
export const CanvasResponseSchema = z
  .object({
    canvas: z
      .object({
        content: z
          .object({ components: z.array(CanvasComponentSchema).min(1) })
          .strict()
          .refine((c) => jsonBytes(c) <= CANVAS_MAX_BYTES, { message: `over ${CANVAS_MAX_BYTES} bytes` }),
        stored_data: z
          .record(z.string(), z.unknown())
          .optional()
          .refine((s) => s === undefined || jsonBytes(s) <= CANVAS_MAX_BYTES, {
            message: `over ${CANVAS_MAX_BYTES} bytes`,
          }),
      })
      .strict(),
  })
  .strict();
export type CanvasResponse = z.infer<typeof CanvasResponseSchema>;
