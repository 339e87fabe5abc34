import { type PipelinesReply } from '../../../connectors/hubspot/hubspot.payloads';
import { StageIndex, TicketStageCache } from '../../../connectors/hubspot/hubspot.stages';
import { ConnectorError } from '../../../src/connectors/contract';
import { hubspotReply } from '../../fixtures/hubspot';

const TTL = 600_000;
const FLOOR = 30_000;

function setup() {
  let now = 1_000_000;
  const loads: ((reply: PipelinesReply | Error) => void)[] = [];
  const load = jest.fn(
    () =>
      new Promise<PipelinesReply>((resolve, reject) =>
        loads.push((r) => (r instanceof Error ? reject(r) : resolve(r))),
      ),
  );
  const cache = new TicketStageCache(load, TTL, FLOOR, () => now);
  return {
    cache,
    load,
    answer: (r: PipelinesReply | Error = hubspotReply('pipelines-tickets')) => loads.shift()!(r),
    advance: (ms: number) => (now += ms),
  };
}

describe('StageIndex', () => {
  const index = new StageIndex(hubspotReply('pipelines-tickets'));

  it('finds a stage by pipeline and stage id, with its ticketState', () => {
    expect(index.find('0', '4')).toEqual({
      id: '4',
      label: 'Closed',
      ticketState: 'CLOSED',
      pipeline: { id: '0', label: 'Support Pipeline' },
    });
  });

  it('finds a stage by its id alone (ids are unique in an account), and nothing for unknown ids', () => {
    expect(index.find(null, '101998474')?.pipeline.id).toBe('68735212');
    expect(index.find('0', '101998474')?.pipeline.id).toBe('68735212');
    expect(index.find('0', '999')).toBeUndefined();
    expect(index.find('0', null)).toBeUndefined();
  });
});

describe('TicketStageCache', () => {
  it('fetches once for concurrent callers and serves the result until the TTL passes', async () => {
    const { cache, load, answer, advance } = setup();
    const a = cache.get();
    const b = cache.get();
    answer();
    expect(await a).toBe(await b);
    expect(load).toHaveBeenCalledTimes(1);

    advance(TTL - 1);
    await cache.get();
    expect(load).toHaveBeenCalledTimes(1);

    advance(1);
    const c = cache.get();
    answer();
    await c;
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('refetches after a miss only when the copy is older than the floor', async () => {
    const { cache, load, answer, advance } = setup();
    const first = cache.get();
    answer();
    await first;

    advance(FLOOR - 1);
    await cache.afterMiss();
    expect(load).toHaveBeenCalledTimes(1);

    advance(1);
    const second = cache.afterMiss();
    answer();
    await second;
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('does not keep a failed fetch: the next caller tries again', async () => {
    const { cache, load, answer } = setup();
    const first = cache.get();
    answer(new ConnectorError('upstream_unavailable', 'HubSpot answered HTTP 503'));
    await expect(first).rejects.toMatchObject({ code: 'upstream_unavailable' });

    const second = cache.get();
    answer();
    await expect(second).resolves.toBeInstanceOf(StageIndex);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('lets a caller stop waiting at its deadline while the shared fetch goes on for the others', async () => {
    const { cache, answer } = setup();
    const controller = new AbortController();
    const impatient = cache.get(controller.signal);
    const patient = cache.get();
    controller.abort();
    await expect(impatient).rejects.toMatchObject({ code: 'timeout' });
    answer();
    await expect(patient).resolves.toBeInstanceOf(StageIndex);
  });
});
