import { EntitySchema } from 'typeorm';
import { type DatabaseKind, timestampType } from '../database/column-types';

export const AUDIT_SUBJECT_TYPES = ['order', 'customer', 'action', 'task'] as const;
export type AuditSubjectType = (typeof AUDIT_SUBJECT_TYPES)[number];

/** One row of `hub_audit`: who asked the API for what, and what they got. */
export interface AuditRow {
  id: string;
  at: Date;
  /** The API key's name (never the key); null when the request had no valid key. */
  apiKeyName: string | null;
  method: string;
  /** The route as declared ("/v1/orders/:orderNumber/context"), so rows group by endpoint. */
  route: string;
  subjectType: AuditSubjectType | null;
  /**
   * Order number, action or task id; for a customer, `email:` or `phone:` and a SHA-256 of the
   * normalized value (pseudonymous: findable by the same email, not readable).
   */
  subject: string | null;
  status: number;
  /**
   * ok, not_found, invalid_request, unauthorized, forbidden, rate_limited, conflict, unavailable,
   * error; or a more precise word an endpoint gives a success (claim_overridden).
   */
  outcome: string;
  /** What the endpoint adds, e.g. whose claim an admin override took over; null for most rows. */
  detail?: string | null;
  requestId: string;
  latencyMs: number;
}

export const AUDIT_ENTITY = 'AuditEvent';

export function auditEntity(kind: DatabaseKind): EntitySchema<AuditRow> {
  return new EntitySchema<AuditRow>({
    name: AUDIT_ENTITY,
    tableName: 'hub_audit',
    columns: {
      id: { type: 'varchar', length: 36, primary: true },
      at: { type: timestampType(kind) },
      apiKeyName: { name: 'api_key_name', type: 'varchar', length: 100, nullable: true },
      method: { type: 'varchar', length: 10 },
      route: { type: 'varchar', length: 200 },
      subjectType: { name: 'subject_type', type: 'varchar', length: 20, nullable: true },
      subject: { type: 'varchar', length: 200, nullable: true },
      status: { type: 'integer' },
      outcome: { type: 'varchar', length: 30 },
      detail: { type: 'varchar', length: 300, nullable: true },
      requestId: { name: 'request_id', type: 'varchar', length: 100 },
      latencyMs: { name: 'latency_ms', type: 'integer' },
    },
    indices: [
      { name: 'ix_hub_audit_at', columns: ['at'] },
      { name: 'ix_hub_audit_subject', columns: ['subjectType', 'subject', 'at'] },
      { name: 'ix_hub_audit_key', columns: ['apiKeyName', 'at'] },
    ],
  });
}
