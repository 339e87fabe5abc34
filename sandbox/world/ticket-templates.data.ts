import { type Situation, type TicketTemplate } from './ticket-spec.types';
import { type Ticket } from './world.types';

/** What everyday support mail looks like, by what happened to the order it is about. */
export const TEMPLATES: Record<Situation, readonly TicketTemplate[]> = {
  unshipped: [
    {
      subject: (f) => `When will order ${f.name} ship?`,
      description: (f) => `I ordered the ${f.item} and it still says unfulfilled. When will it be sent?`,
      from: 'placed',
      hours: [20, 40],
    },
    {
      subject: (f) => `Change the delivery address for ${f.name}`,
      description: (f) => `I just noticed a typo in my address on ${f.name}. Can you fix it before it ships?`,
      from: 'placed',
      hours: [1, 6],
    },
    {
      subject: (f) => `Please cancel order ${f.name}`,
      description: () => 'I ordered the wrong colour. Please cancel it if it has not shipped yet.',
      from: 'placed',
      hours: [1, 10],
    },
  ],
  moving: [
    {
      subject: (f) => `Where is my order ${f.name}?`,
      description: (f) => `The ${f.carrier} tracking has not updated for a while. Any news?`,
      from: 'shipped',
      hours: [30, 70],
    },
    {
      subject: (f) => `Tracking for ${f.name} is not working`,
      description: (f) => `The ${f.carrier} link in my shipping email says the number is not found.`,
      from: 'shipped',
      hours: [2, 12],
    },
  ],
  delivered: [
    {
      subject: (f) => `${f.item} arrived damaged`,
      description: (f) => `The ${f.item} from order ${f.name} arrived damaged. Photos attached.`,
      from: 'delivered',
      hours: [3, 48],
    },
    {
      subject: (f) => `Exchange for a different size (${f.name})`,
      description: (f) => `The ${f.item} is too small. Can I exchange it for the next size up?`,
      from: 'delivered',
      hours: [20, 96],
    },
    {
      subject: (f) => `Item missing from order ${f.name}`,
      description: () => 'The parcel arrived but one item is missing from the box.',
      from: 'delivered',
      hours: [2, 30],
    },
    {
      subject: () => 'Thank you!',
      description: (f) => `Just wanted to say I love the ${f.item}. Fast delivery too.`,
      from: 'delivered',
      hours: [24, 120],
    },
  ],
  returning: [
    {
      subject: (f) => `Return label for order ${f.name}`,
      description: () => 'I requested a return but never received the label. Can you send it again?',
      from: 'return',
      hours: [20, 60],
    },
    {
      subject: (f) => `Status of my return for ${f.name}`,
      description: (f) => `I sent the ${f.item} back last week. Has it arrived?`,
      from: 'return',
      hours: [72, 160],
    },
  ],
  refunded: [
    {
      subject: (f) => `Refund for ${f.name} not received`,
      description: () => 'You said my refund was issued, but I cannot see it on my statement yet.',
      from: 'refund',
      hours: [48, 140],
    },
    {
      subject: (f) => `Refund amount on ${f.name} looks wrong`,
      description: () => 'The refund is less than I paid. Was the shipping fee kept?',
      from: 'refund',
      hours: [6, 48],
    },
  ],
  cancelled: [
    {
      subject: (f) => `Was I charged for cancelled order ${f.name}?`,
      description: () => 'My order was cancelled but I still see a pending charge on my card.',
      from: 'cancelled',
      hours: [4, 30],
    },
    {
      subject: (f) => `Why was order ${f.name} cancelled?`,
      description: () => 'I got an email that my order was cancelled. I did not ask for that.',
      from: 'cancelled',
      hours: [1, 12],
    },
  ],
  general: [
    {
      subject: () => "Charge I don't recognise",
      description: () =>
        'There is a charge from your shop on my card statement and I do not remember ordering.',
      from: 'now',
      hours: [-400, -2],
    },
    {
      subject: () => 'Discount code not working',
      description: () => 'The code from your newsletter says it is invalid at checkout.',
      from: 'now',
      hours: [-300, -2],
    },
    {
      subject: () => 'Please update my email address',
      description: () => 'I have a new email address. Can you update my account?',
      from: 'now',
      hours: [-500, -2],
    },
    {
      subject: (f) => `Is the ${f.item} back in stock soon?`,
      description: () => 'It has been sold out in my size for weeks. Any restock date?',
      from: 'now',
      hours: [-200, -2],
    },
  ],
};

/** Seeded ticket fields, weighted like a small shop's help desk. */
export const PRIORITIES: readonly (readonly [Ticket['priority'], number])[] = [
  ['low', 2],
  ['normal', 6],
  ['high', 2],
  ['urgent', 0.5],
];
export const CHANNELS: readonly (readonly [Ticket['channel'], number])[] = [
  ['email', 6],
  ['web', 3],
  ['chat', 3],
  ['voice', 1],
  ['sms', 0.5],
  ['social', 0.5],
  ['api', 0.5],
];
