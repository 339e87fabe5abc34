/**
 * What Intercom sends an inbox app in the conversation details, shaped after the request examples
 * in Intercom's Canvas Kit reference (initialize; submit adds component_id, current_canvas,
 * input_values and user), with values of our own: ids as Intercom sends them (the context's
 * conversation id a number, the conversation's a string) and fields the door does not read.
 */
export const INTERCOM_ADMIN = {
  type: 'admin',
  id: '4817281',
  name: 'Dana Reyes',
  email: 'dana.reyes@shop.example',
  away_mode_enabled: false,
  away_mode_reassign: false,
  has_inbox_seat: true,
  team_ids: [5011],
  avatar: { image_url: 'https://static.intercomassets.com/avatars/4817281/square_128/dana.png' },
};

export function intercomContact(email: string | null, name = 'Benjamin Carter') {
  return {
    type: 'contact',
    id: '6657a1f3c8e1b40f1d2e3a4b',
    workspace_id: 'ecahpwf5',
    external_id: null,
    role: 'user',
    email,
    phone: null,
    name,
    custom_attributes: {},
  };
}

/** An initialize request for a conversation with this contact. */
export function intercomInitialize(email: string | null, conversation = '215468733781234') {
  const contact = intercomContact(email);
  return {
    workspace_id: 'ecahpwf5',
    workspace_region: 'us',
    admin: INTERCOM_ADMIN,
    card_creation_options: {},
    context: { conversation_id: Number(conversation), location: 'conversation', locale: 'en' },
    conversation: {
      type: 'conversation',
      id: conversation,
      created_at: 1764660000,
      updated_at: 1764661000,
      waiting_since: null,
      snoozed_until: null,
      state: 'open',
      source: {
        type: 'conversation',
        id: '2214',
        delivered_as: 'customer_initiated',
        subject: '',
        body: '<p>Where is my parcel?</p>',
      },
      contacts: { type: 'contact.list', contacts: [{ type: 'contact', id: contact.id }] },
    },
    contact,
  };
}
