import { type OpenAPIObject } from '@nestjs/swagger';
import { MISSING_SCOPE, NO_API_KEY, RATE_LIMITED } from './examples/common-problems';

interface Operation {
  security?: Record<string, string[]>[];
  responses?: Record<string, unknown>;
}

const PROBLEM = { $ref: '#/components/schemas/Problem' };

function problem(description: string, example: unknown, headers?: Record<string, unknown>) {
  return {
    description,
    ...(headers ? { headers } : {}),
    content: { 'application/json': { schema: PROBLEM, example } },
  };
}

/**
 * The answers every guarded operation can give, said on each so an importer knows them: with an
 * API key, 401 (no or unknown key), 403 (a key without the scope) and 429 (past the key's rate
 * limit); with another credential (a helpdesk's signature, a card link), 429 past its own limit.
 * An operation that documents one of these itself keeps its own.
 */
export function addStandardErrors(document: OpenAPIObject): OpenAPIObject {
  const rateLimited = problem(
    'past the rate limit of this key or credential (Retry-After says when)',
    RATE_LIMITED,
    {
      'Retry-After': { description: 'seconds until the window ends', schema: { type: 'integer' } },
    },
  );
  for (const item of Object.values(document.paths)) {
    for (const op of Object.values(item) as Operation[]) {
      const schemes = (op.security ?? []).flatMap((s) => Object.keys(s));
      if (schemes.length === 0) continue;
      const responses = (op.responses ??= {});
      if (schemes.includes('bearer')) {
        responses['401'] ??= problem(
          'no API key, or an unknown one (WWW-Authenticate says which)',
          NO_API_KEY,
        );
        responses['403'] ??= problem("the API key lacks this operation's scope", MISSING_SCOPE);
      }
      responses['429'] ??= rateLimited;
    }
  }
  return document;
}
