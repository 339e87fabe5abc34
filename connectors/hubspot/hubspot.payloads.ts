import { z } from 'zod';

/**
 * HubSpot CRM v3/v4 replies: every field the hub reads, declared; the rest pass through (loose
 * objects: HubSpot adds properties). The connector parses each reply with these, and
 * mappings/hubspot/*.yaml may read only what `contactSchema` and `ticketRecordSchema` declare
 * (checked at boot). Property values are strings or null, dates among them ISO 8601 text:
 * https://developers.hubspot.com/docs/api/crm/understanding-the-crm
 */
const text = z.string().nullish();

/** Any CRM object, such as the note the hub creates. */
export const crmObjectSchema = z.looseObject({
  id: z.string(),
  properties: z.record(z.string(), z.string().nullable()),
});

/** The object's own timestamps (ISO 8601), beside its properties. */
const timestamps = { createdAt: text, updatedAt: text };

/** A contact with the properties the connector asks for (CONTACT_PROPERTIES in hubspot.connector.ts). */
export const contactSchema = z.looseObject({
  id: z.string(),
  properties: z.looseObject({
    email: text,
    firstname: text,
    lastname: text,
    phone: text,
    mobilephone: text,
    createdate: text,
  }),
  ...timestamps,
});
export type HubspotContact = z.infer<typeof contactSchema>;

/** A ticket with the properties the connector asks for (TICKET_PROPERTIES in hubspot.connector.ts). */
export const ticketSchema = z.looseObject({
  id: z.string(),
  properties: z.looseObject({
    subject: text,
    hs_pipeline: text,
    hs_pipeline_stage: text,
    /** LOW, MEDIUM, HIGH, URGENT */
    hs_ticket_priority: text,
    /** EMAIL, CHAT, PHONE, FORM */
    source_type: text,
    createdate: text,
    hs_lastmodifieddate: text,
  }),
  ...timestamps,
});
export type HubspotTicket = z.infer<typeof ticketSchema>;

/**
 * The `ticket` record the connector hands on: the ticket with its pipeline stage attached
 * (hubspot.stages.ts), bare `{ id }` when no pipeline lists the stage. `ticketState` is OPEN or CLOSED.
 */
export const ticketRecordSchema = ticketSchema.extend({
  stage: z
    .looseObject({
      id: z.string(),
      label: text,
      ticketState: text,
      pipeline: z.looseObject({ id: z.string(), label: text }).nullish(),
    })
    .nullish(),
});
export type TicketRecord = z.input<typeof ticketRecordSchema>;

/** `POST /crm/v3/objects/{contacts,tickets}/search` */
const searchReply = <T extends z.ZodType>(item: T) =>
  z.looseObject({
    total: z.number().optional(),
    results: z.array(item),
    paging: z.looseObject({ next: z.looseObject({ after: z.string() }).optional() }).optional(),
  });
export const contactSearchReplySchema = searchReply(contactSchema);
export const ticketSearchReplySchema = searchReply(ticketSchema);

/**
 * `GET /crm/v3/objects/contacts/{email}?idProperty=email&associations=tickets`: the contact, and
 * its tickets' ids when it has any.
 */
export const contactReadSchema = contactSchema.extend({
  associations: z
    .looseObject({
      tickets: z.looseObject({ results: z.array(z.looseObject({ id: z.string() })) }).optional(),
    })
    .optional(),
});
export type ContactRead = z.infer<typeof contactReadSchema>;

/** `POST /crm/v3/objects/tickets/batch/read` (HTTP 207 when some ids were not found). */
export const ticketBatchReadReplySchema = z.looseObject({ results: z.array(ticketSchema) });

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
