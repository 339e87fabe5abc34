import { z } from 'zod';

/**
 * The least a Tracker must have before the connector hands it on; the mapping and the canonical
 * schema check the rest. Unknown fields pass through. https://docs.easypost.com/docs/trackers
 */
export const trackerSchema = z.looseObject({
  id: z.string(),
  tracking_code: z.string(),
  status: z.string().nullish(),
  carrier: z.string().nullish(),
  created_at: z.string().nullish(),
  tracking_details: z.array(z.looseObject({})).nullish(),
});
export type Tracker = z.infer<typeof trackerSchema>;

/** `GET /trackers`: a page of trackers, newest first. */
export const trackersReplySchema = z.looseObject({
  trackers: z.array(trackerSchema),
  has_more: z.boolean().optional(),
});
