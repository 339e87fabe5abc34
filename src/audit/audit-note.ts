import { type AuditSubjectType } from './audit.entity';

/**
 * What an endpoint adds to its own request's audit row: a more precise outcome word than the
 * status gives (e.g. `claim_overridden` instead of `ok`) and a line of detail. Set by the handler
 * once it has succeeded; read by the audit hook when the answer is sent.
 */
export interface AuditNote {
  /**
   * The status the answer stands for when HTTP says less: an MCP tool's refusal travels in an
   * HTTP 200, and its audit row shows the REST status (e.g. 404) instead.
   */
  status?: number;
  /** A stable word (at most 30 characters), kept only when the answer is a success (< 400). */
  outcome?: string;
  /** At most 300 characters; staff names and ids only, never a customer's data. */
  detail?: string;
  /** The API key the request acted as when it came without one (a card link, a door acting as a key). */
  apiKeyName?: string;
  /** Whom the request was about when the route cannot say (a card link carries its customer). */
  subject?: { type: AuditSubjectType; subject: string };
}

const notes = new WeakMap<object, AuditNote>();

export function noteForAudit(request: object, note: AuditNote): void {
  notes.set(request, { ...notes.get(request), ...note });
}

export function auditNoteOf(request: object): AuditNote | undefined {
  return notes.get(request);
}
