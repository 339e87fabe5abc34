import { join } from 'node:path';
import { type Customer } from '../../../src/canonical';
import { projectRoot } from '../../../src/common/project-root';
import { MappingRegistry } from '../../../src/mapping/mapping.registry';
import { hubspotReply } from '../../fixtures/hubspot';

const CTX = { connector: 'hubspot', recordUrl: 'https://app.hubspot.com/contacts/1234567/record' };

describe('mappings/hubspot/contact.yaml', () => {
  const registry = new MappingRegistry({ dirs: [join(projectRoot(), 'mappings')] });
  const [jane, mobileOnly] = hubspotReply('contacts-search-phone').results;

  it('maps a contact: properties as strings, E.164 phone, ISO date without milliseconds, deep link', async () => {
    await expect(registry.map<Customer>('hubspot', 'contact', jane, CTX)).resolves.toEqual({
      id: '51',
      email: 'jane.doe@example.com',
      phone: '+14155550123',
      name: 'Jane Doe',
      firstName: 'Jane',
      lastName: 'Doe',
      createdAt: '2023-03-14T09:26:47.515Z',
      tags: [],
      sources: [
        {
          connector: 'hubspot',
          id: '51',
          url: 'https://app.hubspot.com/contacts/1234567/record/0-1/51',
        },
      ],
    });
  });

  it('falls back to the mobile phone and omits properties HubSpot sent as null', async () => {
    const customer = await registry.map<Customer>('hubspot', 'contact', mobileOnly, CTX);
    expect(customer).toEqual({
      id: '2251',
      email: 'jd@work.example',
      phone: '+14155550123',
      name: 'J.',
      firstName: 'J.',
      createdAt: '2024-11-02T18:40:00.002Z',
      tags: [],
      sources: [
        { connector: 'hubspot', id: '2251', url: 'https://app.hubspot.com/contacts/1234567/record/0-1/2251' },
      ],
    });
  });

  it('reads the top-level createdAt when createdate was not returned', async () => {
    const contact = { ...jane, properties: { ...jane.properties, createdate: null } };
    const customer = await registry.map<Customer>('hubspot', 'contact', contact, CTX);
    expect(customer.createdAt).toBe('2023-03-14T09:26:47.515Z');
  });

  it('leaves the deep link out without a portal id', async () => {
    const customer = await registry.map<Customer>('hubspot', 'contact', jane, { connector: 'hubspot-eu' });
    expect(customer.sources).toEqual([{ connector: 'hubspot-eu', id: '51' }]);
  });
});
