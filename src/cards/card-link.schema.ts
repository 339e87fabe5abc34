import { z } from 'zod';
import { EmailInput, PhoneInput } from '../common/inputs';

/** `POST /v1/cards/links`: whose card, and for how long (at most cards.ttlSeconds). */
export const CardLinkRequestSchema = z
  .object({
    email: EmailInput.optional(),
    phone: PhoneInput.optional().describe('international form, e.g. +442079460958'),
    ttlSeconds: z
      .number()
      .int()
      .min(30)
      .max(3_600)
      .optional()
      .describe('how long the link opens the card; default and upper bound: cards.ttlSeconds in the config'),
  })
  .strict()
  .refine((q) => (q.email === undefined) !== (q.phone === undefined), {
    path: ['email'],
    message: 'give either email or phone',
  });
export type CardLinkRequest = z.infer<typeof CardLinkRequestSchema>;

export const CardLinkSchema = z.object({
  url: z.string().describe('open it in a browser or an iframe; the token rides in the fragment (#t=…)'),
  expiresAt: z.string().describe('after this the link opens nothing; mint another'),
});
export type CardLink = z.infer<typeof CardLinkSchema>;
