import { join } from 'node:path';
import { type Customer } from '../../../src/canonical';
import { MappingRegistry } from '../../../src/mapping/mapping.registry';
import { stripeReply } from '../../fixtures/stripe';

const MAPPINGS = join(__dirname, '../../../mappings');
const CTX = { connector: 'stripe', dashboardUrl: 'https://dashboard.stripe.com' };

describe('mappings/stripe/customer.yaml', () => {
  const registry = new MappingRegistry({ dirs: [MAPPINGS] });

  it('maps a full customer: E.164 phone, unix created, no tags, dashboard link', async () => {
    const [alice] = stripeReply('customers').data;

    await expect(registry.map<Customer>('stripe', 'customer', alice, CTX)).resolves.toEqual({
      id: 'cus_R2xY7pQk9LmN3a',
      email: 'alice.martin@example.com',
      phone: '+12125550142',
      name: 'Alice Martin',
      createdAt: '2023-05-14T09:30:00Z',
      tags: [],
      sources: [
        {
          connector: 'stripe',
          id: 'cus_R2xY7pQk9LmN3a',
          url: 'https://dashboard.stripe.com/customers/cus_R2xY7pQk9LmN3a',
        },
      ],
    });
  });

  it('normalizes an email typed with capitals and spaces, and omits what Stripe sent as null', async () => {
    const [jane, promo] = stripeReply('customers-search').data;

    await expect(registry.map<Customer>('stripe', 'customer', jane, CTX)).resolves.toMatchObject({
      id: 'cus_R5jD9eQ2rS4tU6',
      email: 'jane.doe@example.com',
      name: 'Jane Doe',
    });
    const mapped = await registry.map<Customer>('stripe', 'customer', promo, CTX);
    expect(mapped).toEqual({
      id: 'cus_R5jD9eQ2rS4tU7',
      email: 'jane.doe+promo@example.com',
      createdAt: '2024-12-01T00:15:00Z',
      tags: [],
      sources: [
        {
          connector: 'stripe',
          id: 'cus_R5jD9eQ2rS4tU7',
          url: 'https://dashboard.stripe.com/customers/cus_R5jD9eQ2rS4tU7',
        },
      ],
    });
  });
});
