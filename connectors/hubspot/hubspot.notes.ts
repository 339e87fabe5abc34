import {
  type ActionRequest,
  type ActionResult,
  type CallOptions,
  ConnectorError,
} from '../../src/connectors/contract';
import { type HubspotApi } from './hubspot.api';
import { type CrmObject, crmObjectSchema } from './hubspot.payloads';

type NoteAction = Extract<ActionRequest, { type: 'note' }>;

/** HubSpot-defined association type: note → contact. https://developers.hubspot.com/docs/api/crm/associations */
export const NOTE_TO_CONTACT = 202;
/** Remembered contact ids are a convenience for deep links; this many is plenty. */
const REMEMBERED = 1_000;

/** `hs_note_body` is rich text (HTML): the hub's text is escaped so it shows as written. */
const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** "Order #1001: <text> — <author> [hub:<id>]": the marker tells staff (and a retry) where it came from. */
export function noteText(action: NoteAction): string {
  const { text, author } = action.params;
  return `Order #${action.orderNumber}: ${text.trim()} — ${author} [hub:${action.id}]`;
}

/**
 * Notes on the order's customer. HubSpot knows people, not orders: the note is filed on the
 * contact with the action's `customerEmail`. HubSpot has no idempotency key for creating objects
 * and its search lags writes, so a second send may add a second note: the write is `unsafe`.
 * https://developers.hubspot.com/docs/api/crm/notes
 */
export class HubspotNotes {
  /** Contact email → id, from recent writes, for deep links without IO. */
  private readonly contactIds = new Map<string, string>();

  constructor(
    private readonly api: HubspotApi,
    private readonly contactsByEmail: (email: string, options?: CallOptions) => Promise<CrmObject[]>,
    /** `https://app.hubspot.com/contacts/<portal>` when the portal id is configured. */
    private readonly appUrl: string | undefined,
  ) {}

  async add(action: NoteAction, options?: CallOptions): Promise<ActionResult> {
    const email = action.params.customerEmail?.trim().toLowerCase();
    if (!email) {
      throw new ConnectorError(
        'bad_request',
        'HubSpot files notes on contacts: the note action needs params.customerEmail',
        { retryable: false },
      );
    }
    const [contact] = await this.contactsByEmail(email, options);
    if (!contact) throw new ConnectorError('not_found', `HubSpot has no contact ${email}`);
    this.remember(email, contact.id);
    const reply = await this.api.post(
      '/crm/v3/objects/notes',
      {
        properties: { hs_note_body: escapeHtml(noteText(action)), hs_timestamp: new Date().toISOString() },
        associations: [
          {
            to: { id: contact.id },
            types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: NOTE_TO_CONTACT }],
          },
        ],
      },
      crmObjectSchema,
      { signal: options?.signal },
    );
    return {
      externalId: reply.data.id,
      url: this.contactUrl(contact.id),
      summary: `HubSpot note ${reply.data.id} added to contact ${email} about order #${action.orderNumber}.`,
    };
  }

  manual(action: ActionRequest): { instructions: string; url?: string } {
    if (action.type !== 'note') {
      return { instructions: `HubSpot cannot ${action.type} an order; do it in the shop's order system.` };
    }
    const email = action.params.customerEmail?.trim().toLowerCase();
    const known = email ? this.contactIds.get(email) : undefined;
    const who = email ?? `the customer of order #${action.orderNumber}`;
    const url = known
      ? this.contactUrl(known)
      : this.appUrl && email
        ? `${this.appUrl}/objects/0-1/views/all/list?query=${encodeURIComponent(email)}`
        : undefined;
    return {
      instructions: [
        `In HubSpot open the contact ${who} (CRM → Contacts, search for ${email ?? 'them'}).`,
        "Look at the contact's activity first: if a note with this text is already there, do nothing.",
        `Otherwise click Note, enter "${noteText(action)}" and click Create note.`,
      ].join(' '),
      url,
    };
  }

  private remember(email: string, contactId: string): void {
    this.contactIds.delete(email);
    this.contactIds.set(email, contactId);
    if (this.contactIds.size > REMEMBERED) this.contactIds.delete(this.contactIds.keys().next().value!);
  }

  private contactUrl(contactId: string): string | undefined {
    return this.appUrl ? `${this.appUrl}/record/0-1/${contactId}` : undefined;
  }
}
