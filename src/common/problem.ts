import { z } from 'zod';

/** RFC 9457 problem details, with a stable machine `code` (docs/api.md). */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    code: z.string().describe('stable, machine-readable, e.g. "order_not_found"'),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    requestId: z.string().optional(),
  })
  .catchall(z.unknown());
export type Problem = z.infer<typeof ProblemSchema>;

export const PROBLEM_TYPE_BASE = 'https://context-hub.dev/problems/';

/** An error the API reports on purpose. Anything else that escapes is a 500 and a bug. */
export class HubException extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: { path: string; message: string }[],
    /** Extra members (e.g. `sources` on a 503). */
    readonly extensions?: Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(detail ?? title);
    this.name = 'HubException';
  }

  static badRequest(detail: string, errors?: { path: string; message: string }[]): HubException {
    return new HubException(400, 'invalid_request', 'Invalid request', detail, errors);
  }
}

/** A problem document for replies sent outside Nest's exception filter (plugin routes, hooks). */
export function problemBody(status: number, code: string, title: string, detail?: string): Problem {
  return { type: PROBLEM_TYPE_BASE + code, title, status, ...(detail ? { detail } : {}), code };
}
