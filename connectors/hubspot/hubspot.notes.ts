import {
  type ActionFailure,
  type ActionRequest,
  type ActionResult,
  type CallOptions,
  ConnectorError,
  type ManualSteps,
  writeOnce,
} from '../../src/connectors/contract';
import { type HubspotApi } from './hubspot.api';
import { crmObjectSchema, type HubspotContact } from './hubspot.payloads';

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

interface NoteTexts {
  email?: string;
  orderNumber: string;
  note: string;
  marker: string;
}

const CONTACTS = 'HubSpot → CRM → Contacts';
const addNote = (t: NoteTexts) => `click Note, enter "${t.note}" and click Create note.`;

/**
 * A note by hand, by what the person has to do first. HubSpot knows people, not orders: every
 * path leads to the contact's record (its timeline holds the notes), never to an order.
 */
const NOTE_STEPS: Record<'add' | 'refused' | 'noContact' | 'noEmail' | 'check', (t: NoteTexts) => string> = {
  add: (t) =>
    `In ${CONTACTS} search for ${t.email} and open the contact. If its timeline already has a note ending ` +
    `in ${t.marker}, there is nothing to do. Otherwise ${addNote(t)}`,
  refused: (t) =>
    `HubSpot refused the note (see what failed). In ${CONTACTS} search for ${t.email} and check the contact ` +
    `still exists and is not merged into another; then, on that contact's record, unless its timeline ` +
    `already has a note ending in ${t.marker}, ${addNote(t)}`,
  noContact: (t) =>
    `HubSpot has no contact with the email ${t.email}. In ${CONTACTS} search for ${t.email}, then for the ` +
    `customer's name: they may be filed under another email. If that finds them, use that record. If not, ` +
    `and order #${t.orderNumber} is a real customer's (its email in the shop's order system is ${t.email}), ` +
    `click Create contact, enter ${t.email} and the customer's name, and click Create. Then, on the ` +
    `contact's record, ${addNote(t)}`,
  noEmail: (t) =>
    `HubSpot files notes on contacts, and this action names no customer email. Find the customer's email ` +
    `on order #${t.orderNumber} in the shop's order system, then in ${CONTACTS} search for it; if there is ` +
    `no contact, click Create contact with that email and the customer's name. Then, on the contact's ` +
    `record, ${addNote(t)}`,
  check: (t) =>
    `In ${CONTACTS} search for ${t.email} and open the contact: the note was added if its timeline ` +
    `(Activity → Notes) has a note ending in ${t.marker}.`,
};

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
    private readonly contactsByEmail: (email: string, options?: CallOptions) => Promise<HubspotContact[]>,
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
    // No idempotency key: a failure after HubSpot may have made the note goes to a person.
    const reply = await writeOnce(() =>
      this.api.post(
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
      ),
    );
    return {
      externalId: reply.data.id,
      url: this.contactUrl(contact.id),
      summary: `HubSpot note ${reply.data.id} added to contact ${email} about order #${action.orderNumber}.`,
    };
  }

  /**
   * Steps to add the note by hand, by what HubSpot said (NOTE_STEPS): the usual ones on the
   * contact, or, when HubSpot has no contact with the email (`not_found`), find or create the
   * contact first. A CRM has no orders to cancel or refund.
   */
  manual(action: ActionRequest, failure?: ActionFailure): ManualSteps {
    if (action.type !== 'note') {
      return {
        instructions: `HubSpot keeps contacts, not orders, so it cannot ${action.type} one: do it in the shop's order system.`,
      };
    }
    const texts = this.texts(action);
    const steps = !texts.email
      ? NOTE_STEPS.noEmail
      : failure?.code === 'not_found'
        ? NOTE_STEPS.noContact
        : failure?.code === 'rejected'
          ? NOTE_STEPS.refused
          : NOTE_STEPS.add;
    return { instructions: steps(texts), url: this.url(texts.email) };
  }

  /** Where a person sees whether the note was already added: the contact's timeline, by the hub's marker. */
  check(action: ActionRequest): ManualSteps {
    if (action.type !== 'note') return this.manual(action);
    const texts = this.texts(action);
    return { instructions: NOTE_STEPS.check(texts), url: this.url(texts.email) };
  }

  private texts(action: NoteAction): NoteTexts {
    return {
      email: action.params.customerEmail?.trim().toLowerCase(),
      orderNumber: action.orderNumber,
      note: noteText(action),
      marker: `[hub:${action.id}]`,
    };
  }

  /** The contact once known, else the contact search for the email (the contact list without one). */
  private url(email: string | undefined): string | undefined {
    const known = email ? this.contactIds.get(email) : undefined;
    if (known) return this.contactUrl(known);
    if (!this.appUrl) return undefined;
    const list = `${this.appUrl}/objects/0-1/views/all/list`;
    return email ? `${list}?query=${encodeURIComponent(email)}` : list;
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
