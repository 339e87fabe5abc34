import { hubMarkers, type WriteLedger } from '../../writes/write.ledger';
import { type CrmObject, type HubspotView, time } from './hubspot.view';

/** HubSpot-defined association type ids: note → contact, and contact → note. */
export const NOTE_TO_CONTACT = 202;
export const CONTACT_TO_NOTE = 201;

export interface NoteInput {
  properties?: Record<string, unknown>;
  associations?: {
    to?: { id?: unknown };
    types?: { associationCategory?: unknown; associationTypeId?: unknown }[];
  }[];
}

export type NoteOutcome = { ok: true; note: CrmObject } | { ok: false; message: string };

/**
 * `POST /crm/v3/objects/notes`: a note (an engagement) with `hs_note_body` and the required
 * `hs_timestamp`, associated with contacts (HUBSPOT_DEFINED type 202). HubSpot has no idempotency
 * key for it: every request creates another note, each one lands in the write ledger.
 * https://developers.hubspot.com/docs/api/crm/notes
 */
export class HubspotNoteWrites {
  private seq = 0;

  constructor(
    private readonly view: HubspotView,
    private readonly ledger: WriteLedger,
  ) {}

  create(input: NoteInput): NoteOutcome {
    const props = input.properties;
    if (!props || typeof props !== 'object') return { ok: false, message: 'properties is required' };
    const at = timestamp(props.hs_timestamp);
    if (!at)
      return {
        ok: false,
        message:
          'Property values were not valid: hs_timestamp must be an ISO-8601 time or epoch milliseconds',
      };
    const contacts: string[] = [];
    for (const association of input.associations ?? []) {
      const id = String(association?.to?.id ?? '');
      const types = association?.types ?? [];
      if (
        !types.every(
          (t) => t?.associationCategory === 'HUBSPOT_DEFINED' && t.associationTypeId === NOTE_TO_CONTACT,
        )
      )
        return {
          ok: false,
          message: `The sandbox associates notes with contacts only (HUBSPOT_DEFINED ${NOTE_TO_CONTACT})`,
        };
      if (!this.view.contactsById.has(id))
        return { ok: false, message: `One or more associations are invalid: no contact ${id}` };
      contacts.push(id);
    }
    const now = time(this.ledger.now());
    const id = String(80_000_000_000 + ++this.seq);
    const body = typeof props.hs_note_body === 'string' ? props.hs_note_body : null;
    const note: CrmObject = {
      id,
      properties: {
        hs_createdate: now,
        hs_lastmodifieddate: now,
        hs_note_body: body,
        hs_object_id: id,
        hs_timestamp: at,
        hubspot_owner_id: typeof props.hubspot_owner_id === 'string' ? props.hubspot_owner_id : null,
      },
      createdAt: now,
      updatedAt: now,
      archived: false,
    };
    this.view.notesById.set(id, note);
    for (const contact of contacts)
      this.view.notesOfContact.set(contact, [...(this.view.notesOfContact.get(contact) ?? []), id]);
    this.ledger.record({
      vendor: 'hubspot',
      operation: 'POST /crm/v3/objects/notes',
      orderNumber: /\border\s+#?(\d+)/i.exec(body ?? '')?.[1],
      key: hubMarkers(body).at(-1),
    });
    return { ok: true, note };
  }

  reset(): void {
    this.seq = 0;
  }
}

/** `hs_timestamp` as HubSpot takes it: an ISO-8601 time or epoch milliseconds (number or digits). */
function timestamp(value: unknown): string | undefined {
  const ms =
    typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value))
      ? Number(value)
      : typeof value === 'string'
        ? Date.parse(value)
        : NaN;
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}
