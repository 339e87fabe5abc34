import { join } from 'node:path';
import { StageIndex } from '../../../connectors/hubspot/hubspot.stages';
import { type SupportCase } from '../../../src/canonical';
import { projectRoot } from '../../../src/common/project-root';
import { MappingRegistry } from '../../../src/mapping/mapping.registry';
import { hubspotReply, type Json } from '../../fixtures/hubspot';

const CTX = { connector: 'hubspot', recordUrl: 'https://app.hubspot.com/contacts/1234567/record' };

/** What the connector hands on: the batch-read ticket with its stage resolved from the pipelines. */
function resolved(ticketId: string, edit: (t: Json) => void = () => {}): Json {
  const index = new StageIndex(hubspotReply('pipelines-tickets'));
  const ticket = hubspotReply('tickets-batch-read').results.find((t: Json) => t.id === ticketId);
  edit(ticket);
  const stage = index.find(ticket.properties.hs_pipeline, ticket.properties.hs_pipeline_stage) ?? {
    id: ticket.properties.hs_pipeline_stage,
  };
  return { ...ticket, stage };
}

describe('mappings/hubspot/ticket.yaml', () => {
  let registry: MappingRegistry;
  const map = (payload: Json) => registry.map<SupportCase>('hubspot', 'ticket', payload, CTX);

  beforeEach(() => {
    registry = new MappingRegistry({ dirs: [join(projectRoot(), 'mappings')] });
  });

  it('maps a ticket in the first stage of the support pipeline', async () => {
    await expect(map(resolved('1570001'))).resolves.toEqual({
      id: '1570001',
      subject: 'Where is my order #1001?',
      status: 'new',
      priority: 'high',
      channel: 'email',
      createdAt: '2025-05-20T08:12:03.114Z',
      updatedAt: '2025-05-21T10:00:00Z',
      sources: [
        {
          connector: 'hubspot',
          id: '1570001',
          url: 'https://app.hubspot.com/contacts/1234567/record/0-5/1570001',
        },
      ],
    });
    expect(registry.unknownValues()).toEqual({});
  });

  it.each([
    ['1570002', 'pending', 'normal', 'chat'], // OPEN stage "Waiting on contact"
    ['1570003', 'closed', 'low', 'voice'], // CLOSED stage
    ['1570004', 'open', 'urgent', 'web'], // OPEN stage of another pipeline, label unknown to us
  ])('maps ticket %s to status %s, priority %s, channel %s', async (id, status, priority, channel) => {
    await expect(map(resolved(id))).resolves.toMatchObject({ id, status, priority, channel });
  });

  it('takes open/closed from the stage metadata, not from the stage id or label', async () => {
    const payload = resolved('1570001');
    payload.stage = { id: '1', label: 'New', ticketState: 'CLOSED', pipeline: { id: '0' } };
    await expect(map(payload)).resolves.toMatchObject({ status: 'closed' });

    payload.stage = { id: '4', label: 'Done and dusted', ticketState: 'OPEN', pipeline: { id: '0' } };
    await expect(map(payload)).resolves.toMatchObject({ status: 'open' });
  });

  it('says unknown when the stage is in no pipeline, without counting a vendor value', async () => {
    const payload = resolved('1570001', (t) => (t.properties.hs_pipeline_stage = '999'));
    expect(payload.stage).toEqual({ id: '999' });
    await expect(map(payload)).resolves.toMatchObject({ status: 'unknown' });
    expect(registry.unknownValues()).toEqual({});
  });

  it('maps values it does not know to unknown / other / nothing, and counts each', async () => {
    const payload = resolved('1570001', (t) => {
      t.properties.hs_ticket_priority = 'CRITICAL';
      t.properties.source_type = 'WHATSAPP';
    });
    payload.stage = { ...payload.stage, ticketState: 'ARCHIVED' };

    const mapped = await map(payload);

    expect(mapped.status).toBe('unknown');
    expect(mapped.channel).toBe('other');
    expect(mapped).not.toHaveProperty('priority');
    const counts = registry.unknownValues();
    expect(Object.keys(counts)).toHaveLength(3);
    expect(counts).toMatchObject({
      'hubspot/ticket status=ARCHIVED': 1,
      'hubspot/ticket channel=WHATSAPP': 1,
    });
    expect(Object.entries(counts)).toContainEqual([
      expect.stringMatching(/^hubspot\/ticket priority.*=CRITICAL$/),
      1,
    ]);
  });

  it('omits priority, channel and subject when HubSpot has none', async () => {
    const payload = resolved('1570002', (t) => {
      t.properties.hs_ticket_priority = null;
      t.properties.source_type = null;
      t.properties.subject = null;
    });
    const mapped = await map(payload);
    expect(mapped).not.toHaveProperty('priority');
    expect(mapped).not.toHaveProperty('channel');
    expect(mapped).not.toHaveProperty('subject');
    expect(registry.unknownValues()).toEqual({});
  });
});
