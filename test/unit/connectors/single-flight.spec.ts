import { SingleFlight } from '../../../src/connectors/single-flight';

describe('SingleFlight', () => {
  it('shares one call among identical lookups of the same moment', async () => {
    const flight = new SingleFlight<string>();
    let calls = 0;
    const call = () => new Promise<string>((resolve) => setTimeout(() => resolve(`answer ${++calls}`), 5));
    const answers = await Promise.all([
      flight.run('ada', call),
      flight.run('ada', call),
      flight.run('bob', call),
    ]);
    expect(answers).toEqual(['answer 1', 'answer 1', 'answer 2']);
    expect(calls).toBe(2);
  });

  it('reuses an answer only within its time to live', async () => {
    let now = 0;
    const flight = new SingleFlight<number>(2_000, 10, () => now);
    let calls = 0;
    await flight.run('k', async () => ++calls);
    now = 1_999;
    expect(await flight.run('k', async () => ++calls)).toBe(1);
    now = 2_000;
    expect(await flight.run('k', async () => ++calls)).toBe(2);
  });

  it('never keeps a failure for later callers', async () => {
    const flight = new SingleFlight<string>();
    await expect(flight.run('k', async () => Promise.reject(new Error('429')))).rejects.toThrow('429');
    expect(await flight.run('k', async () => 'fine')).toBe('fine');
  });

  it('stays bounded', async () => {
    const flight = new SingleFlight<number>(60_000, 2);
    let calls = 0;
    for (const key of ['a', 'b', 'c']) await flight.run(key, async () => ++calls);
    expect(await flight.run('a', async () => ++calls)).toBe(4); // evicted, asked again
    expect(await flight.run('c', async () => ++calls)).toBe(3);
  });
});
