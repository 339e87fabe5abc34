import { join } from 'node:path';
import { type SupportCase } from '../../../src/canonical';
import { projectRoot } from '../../../src/common/project-root';
import { MappingRegistry } from '../../../src/mapping/mapping.registry';
import { type Json, zendeskReply } from '../../fixtures/zendesk';

const CTX = { connector: 'zendesk', agentUrl: 'https://acme.zendesk.com/agent' };

describe('mappings/zendesk/ticket.yaml', () => {
  let registry: MappingRegistry;
  const tickets: Json[] = zendeskReply('tickets-requested').tickets;
  const ticket = (id: number): Json => structuredClone(tickets.find((t) => t.id === id));
  const map = (payload: Json) => registry.map<SupportCase>('zendesk', 'ticket', payload, CTX);

  beforeEach(() => {
    registry = new MappingRegistry({ dirs: [join(projectRoot(), 'mappings')] });
  });

  it('maps a ticket field by field', async () => {
    await expect(map(ticket(20417))).resolves.toEqual({
      id: '20417',
      subject: 'Where is my order #1001?',
      status: 'open',
      priority: 'high',
      channel: 'email',
      createdAt: '2025-05-20T08:12:03Z',
      updatedAt: '2025-05-21T10:00:00Z',
      sources: [{ connector: 'zendesk', id: '20417', url: 'https://acme.zendesk.com/agent/tickets/20417' }],
    });
  });

  it.each([
    [20399, 'on_hold', 'urgent', 'web'],
    [20388, 'pending', 'normal', 'chat'],
    [20101, 'solved', 'low', 'voice'],
    [19876, 'closed', undefined, 'social'],
  ])('maps ticket %s to status %s, priority %s, channel %s', async (id, status, priority, channel) => {
    const mapped = await map(ticket(id));
    expect(mapped).toMatchObject({ id: String(id), status, channel });
    expect(mapped.priority).toBe(priority);
    expect(registry.unknownValues()).toEqual({});
  });

  it.each([
    ['sms', 'sms'],
    ['api', 'api'],
    ['twitter', 'social'],
    ['native_messaging', 'chat'],
    ['rule', 'other'],
  ])('maps via.channel %s to %s without counting it', async (via, channel) => {
    const payload = ticket(20417);
    payload.via.channel = via;
    await expect(map(payload)).resolves.toMatchObject({ channel });
    expect(registry.unknownValues()).toEqual({});
  });

  it('maps values it does not know to unknown / other / nothing, and counts each', async () => {
    const payload = ticket(20417);
    payload.status = 'archived';
    payload.priority = 'critical';
    payload.via.channel = 'carrier_pigeon';

    const mapped = await map(payload);

    expect(mapped.status).toBe('unknown');
    expect(mapped.channel).toBe('other');
    expect(mapped).not.toHaveProperty('priority');
    const counts = registry.unknownValues();
    expect(Object.keys(counts)).toHaveLength(3);
    expect(counts).toMatchObject({
      'zendesk/ticket status=archived': 1,
      'zendesk/ticket channel=carrier_pigeon': 1,
    });
    expect(Object.entries(counts)).toContainEqual([
      expect.stringMatching(/^zendesk\/ticket priority.*=critical$/),
      1,
    ]);
  });

  it('uses raw_subject when subject is missing', async () => {
    const payload = ticket(20388);
    delete payload.subject;
    await expect(map(payload)).resolves.toMatchObject({ subject: 'Wrong size delivered' });
  });
});
