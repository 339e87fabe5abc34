import { join } from 'node:path';
import { type Customer } from '../../../src/canonical';
import { projectRoot } from '../../../src/common/project-root';
import { MappingRegistry } from '../../../src/mapping/mapping.registry';
import { zendeskReply } from '../../fixtures/zendesk';

const CTX = { connector: 'zendesk', agentUrl: 'https://acme.zendesk.com/agent' };

describe('mappings/zendesk/user.yaml', () => {
  const registry = new MappingRegistry({ dirs: [join(projectRoot(), 'mappings')] });
  const [jane, jd] = zendeskReply('users-search-phone').users;

  it('maps an end user: numeric id as a string, tags, agent deep link', async () => {
    await expect(registry.map<Customer>('zendesk', 'user', jane, CTX)).resolves.toEqual({
      id: '35436',
      email: 'jane.doe@example.com',
      phone: '+14155550123',
      name: 'Jane Doe',
      createdAt: '2023-03-14T09:26:47Z',
      tags: ['vip', 'newsletter'],
      sources: [{ connector: 'zendesk', id: '35436', url: 'https://acme.zendesk.com/agent/users/35436' }],
    });
  });

  it('normalizes a formatted phone to E.164 and the email to lower case', async () => {
    const customer = await registry.map<Customer>('zendesk', 'user', jd, CTX);
    expect(customer).toMatchObject({
      id: '902214',
      email: 'jd@work.example',
      phone: '+14155550123',
      tags: [],
    });
  });

  it('omits what Zendesk sent as null', async () => {
    const customer = await registry.map<Customer>(
      'zendesk',
      'user',
      { ...jane, email: null, phone: null },
      CTX,
    );
    expect(customer).not.toHaveProperty('email');
    expect(customer).not.toHaveProperty('phone');
  });
});
