import { z } from 'zod';

/**
 * The least a Zendesk Support reply must have before the connector hands it on; the mapping and
 * the canonical schema check the rest. Unknown fields pass through.
 * https://developer.zendesk.com/api-reference/ticketing/users/users/
 * https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/
 */
export const userSchema = z.looseObject({
  id: z.number(),
  email: z.string().nullish(),
  phone: z.string().nullish(),
});
export type ZendeskUser = z.infer<typeof userSchema>;

export const ticketSchema = z.looseObject({
  id: z.number(),
  status: z.string(),
  updated_at: z.string().nullish(),
});
export type ZendeskTicket = z.infer<typeof ticketSchema>;

/** `GET /users/search` */
export const usersReplySchema = z.looseObject({ users: z.array(userSchema) });

/** `GET /users/{id}/tickets/requested` */
export const ticketsReplySchema = z.looseObject({ tickets: z.array(ticketSchema) });

/** `GET /search` with `type:ticket`: every result a ticket, with `result_type` and its requester. */
export const ticketSearchReplySchema = z.looseObject({
  results: z.array(ticketSchema.extend({ result_type: z.literal('ticket'), requester_id: z.number() })),
});

/** `GET /users/me`: an anonymous caller gets a user whose id is null. */
export const meReplySchema = z.looseObject({ user: z.looseObject({ id: z.number().nullable() }) });
