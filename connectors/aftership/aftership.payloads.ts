import { z } from 'zod';

/**
 * The least a Tracking must have before the connector hands it on; the mapping and the canonical
 * schema check the rest. Unknown fields pass through.
 * https://www.aftership.com/docs/tracking/2025-01/model/tracking
 */
export const trackingSchema = z.looseObject({
  id: z.string(),
  tracking_number: z.string(),
  slug: z.string().nullish(),
  tag: z.string().nullish(),
  created_at: z.string().nullish(),
  checkpoints: z.array(z.looseObject({})).nullish(),
});
export type Tracking = z.infer<typeof trackingSchema>;

/** `GET /trackings`: the body envelope `{ meta, data }` around a page of trackings. */
export const trackingsReplySchema = z.looseObject({
  meta: z.looseObject({ code: z.number() }),
  data: z.looseObject({
    pagination: z.looseObject({ has_next_page: z.boolean().nullish() }).nullish(),
    trackings: z.array(trackingSchema),
  }),
});
