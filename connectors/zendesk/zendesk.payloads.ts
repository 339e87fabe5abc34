import { z } from 'zod';

/**
 * Zendesk Support's replies: every field the hub reads, declared; the rest pass through (loose
 * objects). The connector parses each reply with these, and mappings/zendesk/user.yaml and
 * ticket.yaml may read only what `userSchema` and `ticketSchema` declare (checked at boot).
 * https://developer.zendesk.com/api-reference/ticketing/users/users/#json-format
 * https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#json-format
 */
const text = z.string().nullish();

/** The `user` record: an end user found by email or phone. */
export const userSchema = z.looseObject({
  id: z.number(),
  name: text,
  email: text,
  phone: text,
  created_at: text,
  tags: z.array(z.string()).nullish(),
});
export type ZendeskUser = z.infer<typeof userSchema>;

/**
 * The `ticket` record: a ticket the user requested. `via.channel` is the via type the ticket came
 * in by (https://developer.zendesk.com/documentation/ticketing/reference-guides/via-types).
 */
export const ticketSchema = z.looseObject({
  id: z.number(),
  subject: text,
  raw_subject: text,
  /** new, open, pending, hold, solved, closed: always sent, a ticket without one is a broken reply */
  status: z.string(),
  /** urgent, high, normal, low; null when none was set */
  priority: text,
  via: z.looseObject({ channel: text }).nullish(),
  created_at: text,
  updated_at: text,
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
