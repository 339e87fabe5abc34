/*
 * The shape Zendesk's app uploader takes (developer.zendesk.com, "Manifest reference"), for what
 * the sidebar app uses: npm run package:zendesk refuses a manifest that would not upload or would
 * leak the key.
 */
'use strict';

const { z } = require('zod');

const PARAMETER_TYPES = ['text', 'password', 'checkbox', 'url', 'number', 'multiline', 'hidden', 'oauth'];

const Parameter = z
  .object({
    name: z.string().regex(/^[a-zA-Z][\w]*$/, 'letters, digits and _'),
    type: z.enum(PARAMETER_TYPES),
    required: z.boolean().optional(),
    secure: z.boolean().optional(),
    default: z.union([z.string(), z.number(), z.boolean()]).optional(),
    scopes: z.array(z.enum(['header', 'body', 'url_host', 'url_path'])).optional(),
  })
  .strict();

const ZendeskManifestSchema = z
  .object({
    name: z.string().min(1),
    author: z.object({ name: z.string().min(1), email: z.email(), url: z.url().optional() }).strict(),
    defaultLocale: z.string().min(2),
    private: z.boolean(),
    location: z.object({
      support: z.record(
        z.string(),
        z
          .object({ url: z.string().regex(/^assets\/[\w./-]+\.html$/), flexible: z.boolean().optional() })
          .strict(),
      ),
    }),
    version: z.string().regex(/^\d+\.\d+(\.\d+)?$/),
    frameworkVersion: z.literal('2.0'),
    domainWhitelist: z.array(z.string().regex(/^[\w.-]+$/, 'a host name, no scheme or path')),
    parameters: z.array(Parameter),
  })
  .strict()
  .refine((m) => !m.parameters.some((p) => p.secure) || m.domainWhitelist.length > 0, {
    message: 'a secure setting needs the hub in domainWhitelist, or Zendesk never fills it in',
    path: ['domainWhitelist'],
  });

module.exports = { ZendeskManifestSchema };
