import {
  contactEmail,
  conversationId,
  inputText,
  IntercomRequestSchema,
  shownStoredData,
} from '../../../src/doors/intercom/intercom-request.schema';
import { INTERCOM_ADMIN, intercomContact, intercomInitialize } from '../../support/intercom-requests';

/**
 * The requests as Intercom's Canvas Kit reference shows them for an inbox app in the conversation
 * details (initialize; submit adds component_id, current_canvas, input_values and user), with
 * values of our own: the door must read every variant Intercom documents.
 */
const contact = intercomContact('Benjamin.Carter@Example.com');
const initialize = intercomInitialize(contact.email);
const storedData = { v: 1, email: 'benjamin.carter@example.com' };
const submit = {
  ...initialize,
  component_id: 'refund:1037',
  current_canvas: {
    content: { components: [{ type: 'text', text: 'Order #1037' }] },
    stored_data: storedData,
  },
  input_values: { 'refund-amount': ' 12.50 ', 'note-text': '' },
  user: contact,
};

describe('Canvas Kit requests, as Intercom documents them', () => {
  it('initialize: the contact (lower case), the conversation (a number in context, a string in conversation)', () => {
    const body = IntercomRequestSchema.parse(initialize);
    expect(contactEmail(body)).toBe('benjamin.carter@example.com');
    expect(conversationId(body)).toBe('215468733781234');
    expect(body.admin).toMatchObject({ id: '4817281', name: 'Dana Reyes' });
    expect(body.component_id).toBeUndefined();
    // Fields the door does not read pass through.
    expect(body.conversation).toMatchObject({ state: 'open' });
  });

  it('submit: the clicked component, what was typed, and the stored data of the canvas shown', () => {
    const body = IntercomRequestSchema.parse(submit);
    expect(body.component_id).toBe('refund:1037');
    expect(inputText(body, 'refund-amount')).toBe('12.50');
    expect(inputText(body, 'note-text')).toBeUndefined();
    expect(inputText(body, 'missing')).toBeUndefined();
    expect(shownStoredData(body)).toEqual(storedData);
    // Intercom's typed client nests the shown canvas once more: read there too.
    const nested = IntercomRequestSchema.parse({
      ...submit,
      current_canvas: { current_canvas: { stored_data: storedData } },
    });
    expect(shownStoredData(nested)).toEqual(storedData);
  });

  it('a lead without an email, an older payload with `customer`, an app outside a conversation', () => {
    const lead = IntercomRequestSchema.parse({
      ...initialize,
      contact: { ...contact, role: 'lead', email: null },
    });
    expect(contactEmail(lead)).toBeUndefined();
    const older = IntercomRequestSchema.parse({
      workspace_id: 'ecahpwf5',
      admin: INTERCOM_ADMIN,
      context: { location: 'conversation' },
      customer: { type: 'user', id: '5a1f', email: 'ada@example.com' },
    });
    expect(contactEmail(older)).toBe('ada@example.com');
    expect(conversationId(older)).toBeUndefined();
    const empty = IntercomRequestSchema.parse({
      context: null,
      conversation: null,
      contact: null,
      input_values: null,
    });
    expect([contactEmail(empty), conversationId(empty), shownStoredData(empty)]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('refuses what is not a request object (the service answers it with a readable canvas)', () => {
    expect(IntercomRequestSchema.safeParse([1, 2, 3]).success).toBe(false);
    expect(IntercomRequestSchema.safeParse({ contact: 'someone' }).success).toBe(false);
  });
});
