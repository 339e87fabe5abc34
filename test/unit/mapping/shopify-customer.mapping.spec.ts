import { join } from 'node:path';
import { type Customer } from '../../../src/canonical';
import { MappingRegistry } from '../../../src/mapping/mapping.registry';
import { shopifyReply } from '../../fixtures/shopify';

const MAPPINGS = join(__dirname, '../../../mappings');
const CTX = { connector: 'shopify', adminUrl: 'https://admin.shopify.com/store/acme' };

describe('mappings/shopify/customer.yaml', () => {
  const registry = new MappingRegistry({ dirs: [MAPPINGS] });
  const [jane, promo] = shopifyReply('customers').data.customers.nodes;

  it('maps a full customer: normalized email, E.164 phone, count from UnsignedInt64, exact money', async () => {
    await expect(registry.map<Customer>('shopify', 'customer', jane, CTX)).resolves.toEqual({
      id: 'gid://shopify/Customer/7012345678901',
      email: 'jane.doe@example.com',
      phone: '+14155550123',
      name: 'Jane Doe',
      firstName: 'Jane',
      lastName: 'Doe',
      createdAt: '2023-05-14T09:30:00Z',
      tags: ['vip', 'newsletter'],
      ordersCount: 7,
      totalSpent: { amount: '612.40', currency: 'USD' },
      sources: [
        {
          connector: 'shopify',
          id: 'gid://shopify/Customer/7012345678901',
          url: 'https://admin.shopify.com/store/acme/customers/7012345678901',
        },
      ],
    });
  });

  it('reads a phone written without its country in the shop’s region (phones.defaultRegion)', async () => {
    const typed = { ...jane, phone: '020 7946 0958' };
    const inGb = new MappingRegistry({ dirs: [MAPPINGS], phoneRegion: 'GB' });
    await expect(inGb.map<Customer>('shopify', 'customer', typed, CTX)).resolves.toMatchObject({
      phone: '+442079460958',
    });
    // Without a region the number keeps the form the shop has: no country can be assumed.
    await expect(registry.map<Customer>('shopify', 'customer', typed, CTX)).resolves.toMatchObject({
      phone: '020 7946 0958',
    });
  });

  it('omits what Shopify sent as null', async () => {
    await expect(registry.map<Customer>('shopify', 'customer', promo, CTX)).resolves.toEqual({
      id: 'gid://shopify/Customer/7012345678999',
      email: 'jane.doe+promo@example.com',
      name: 'jane.doe+promo@example.com',
      createdAt: '2024-12-01T00:15:00Z',
      tags: [],
      ordersCount: 0,
      totalSpent: { amount: '0.00', currency: 'USD' },
      sources: [
        {
          connector: 'shopify',
          id: 'gid://shopify/Customer/7012345678999',
          url: 'https://admin.shopify.com/store/acme/customers/7012345678999',
        },
      ],
    });
  });

  it('leaves the deep link out when there is no admin URL in the context', async () => {
    const customer = await registry.map<Customer>('shopify', 'customer', jane, { connector: 'shopify-eu' });
    expect(customer.sources).toEqual([
      { connector: 'shopify-eu', id: 'gid://shopify/Customer/7012345678901' },
    ]);
  });
});
