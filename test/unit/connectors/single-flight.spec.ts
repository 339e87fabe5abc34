import { SingleFlight } from '../../../src/connectors/single-flight';

describe('SingleFlight', () => {
  const slow = (counter: { calls: number }, value?: string) => () =>
    new Promise<string>((resolve) => setTimeout(() => resolve(value ?? `answer ${++counter.calls}`), 5));

  it('shares one call among identical lookups in flight together', async () => {
    const flight = new SingleFlight<string>();
    const counter = { calls: 0 };
    const answers = await Promise.all([
      flight.run('ada', slow(counter)),
      flight.run('ada', slow(counter)),
      flight.run('bob', slow(counter)),
    ]);
    expect(answers).toEqual(['answer 1', 'answer 1', 'answer 2']);
    expect(counter.calls).toBe(2);
  });

  it('asks again once the call has settled', async () => {
    const flight = new SingleFlight<string>();
    const counter = { calls: 0 };
    expect(await flight.run('ada', slow(counter))).toBe('answer 1');
    expect(await flight.run('ada', slow(counter))).toBe('answer 2');
  });

  it('shares a failure only with the callers already waiting', async () => {
    const flight = new SingleFlight<string>();
    const failing = () => new Promise<string>((_, reject) => setTimeout(() => reject(new Error('429')), 5));
    const both = [flight.run('k', failing), flight.run('k', failing)];
    await expect(Promise.all(both)).rejects.toThrow('429');
    expect(await flight.run('k', async () => 'fine')).toBe('fine');
  });
});
