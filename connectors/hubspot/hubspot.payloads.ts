import { z } from 'zod';

/**
 * The least a HubSpot CRM v3/v4 reply must have before the connector hands it on; the mapping and
 * the canonical schema check the rest. Unknown fields pass through (HubSpot adds properties).
 * Property values are strings or null: https://developers.hubspot.com/docs/api/crm/understanding-the-crm
 */
const properties = z.record(z.string(), z.string().nullable());

export const crmObjectSchema = z.looseObject({ id: z.string(), properties });
export type CrmObject = z.infer<typeof crmObjectSchema>;

/** `POST /crm/v3/objects/{contacts,tickets}/search` */
export const searchReplySchema = z.looseObject({
  total: z.number().optional(),
  results: z.array(crmObjectSchema),
  paging: z.looseObject({ next: z.looseObject({ after: z.string() }).optional() }).optional(),
});

/**
 * `GET /crm/v3/objects/contacts/{email}?idProperty=email&associations=tickets`: the contact, and
 * its tickets' ids when it has any.
 */
export const contactReadSchema = crmObjectSchema.extend({
  associations: z
    .looseObject({
      tickets: z.looseObject({ results: z.array(z.looseObject({ id: z.string() })) }).optional(),
    })
    .optional(),
});
export type ContactRead = z.infer<typeof contactReadSchema>;

/** `POST /crm/v3/objects/tickets/batch/read` (HTTP 207 when some ids were not found). */
export const batchReadReplySchema = z.looseObject({ results: z.array(crmObjectSchema) });

/** `GET /crm/v3/pipelines/tickets` */
export const pipelinesReplySchema = z.looseObject({
  results: z.array(
    z.looseObject({
      id: z.string(),
      label: z.string().optional(),
      stages: z.array(
        z.looseObject({
          id: z.string(),
          label: z.string().optional(),
          metadata: z.looseObject({ ticketState: z.string().optional() }).optional(),
        }),
      ),
    }),
  ),
});
export type PipelinesReply = z.infer<typeof pipelinesReplySchema>;

/** HubSpot's error body; a 429 names the limit it hit in `policyName` (SECONDLY, TEN_SECONDLY_ROLLING, DAILY). */
export const errorBodySchema = z.looseObject({
  status: z.string().optional(),
  message: z.string().optional(),
  errorType: z.string().optional(),
  category: z.string().optional(),
  policyName: z.string().optional(),
});
