import { followIds, type IdMemory } from '../../../src/connectors/contract';

/** An id memory in a Map, with what it was told. */
function memory(initial: Record<string, string[]> = {}) {
  const stored = new Map(Object.entries(initial));
  const told: [string, readonly string[]][] = [];
  const memo: IdMemory = {
    recall: async (kind, key) => stored.get(`${kind}:${key}`),
    remember: (kind, key, ids) => {
      told.push([`${kind}:${key}`, ids]);
      stored.set(`${kind}:${key}`, [...ids]);
    },
  };
  return { memo, stored, told };
}

/** A promise settled from outside: a lookup that answers when the test says. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('followIds (issue 11: remembered ids give follow-ups a head start)', () => {
  it('with nothing remembered, follows the ids found and remembers them', async () => {
    const { memo, told } = memory();
    const follow = jest.fn(async (ids: readonly string[]) => ids.map((id) => `ticket of ${id}`));
    const result = await followIds(memo, 'contacts', 'a@x.com', async () => ['51'], follow);
    expect(result).toEqual(['ticket of 51']);
    expect(follow).toHaveBeenCalledTimes(1);
    expect(told).toEqual([['contacts:a@x.com', ['51']]]);
  });

  it('starts the follow-up with the remembered ids before the lookup answers, and keeps it when they match', async () => {
    const { memo, told } = memory({ 'contacts:a@x.com': ['51'] });
    const lookup = deferred<readonly string[]>();
    const started = deferred<readonly string[]>();
    const follow = jest.fn(async (ids: readonly string[]) => {
      started.resolve(ids);
      return ids.map((id) => `ticket of ${id}`);
    });
    const result = followIds(memo, 'contacts', 'a@x.com', () => lookup.promise, follow);
    // The follow-up runs while the lookup has not answered yet.
    await expect(started.promise).resolves.toEqual(['51']);
    lookup.resolve(['51']);
    await expect(result).resolves.toEqual(['ticket of 51']);
    expect(follow).toHaveBeenCalledTimes(1);
    expect(told).toEqual([]);
  });

  it('never shows what the remembered ids led to when the lookup finds others (an email moved)', async () => {
    const { memo, stored } = memory({ 'contacts:a@x.com': ['51'] });
    const follow = jest.fn(async (ids: readonly string[]) => ids.map((id) => `ticket of ${id}`));
    const result = await followIds(memo, 'contacts', 'a@x.com', async () => ['77'], follow);
    expect(result).toEqual(['ticket of 77']);
    expect(follow.mock.calls.map(([ids]) => ids)).toEqual([['51'], ['77']]);
    expect(stored.get('contacts:a@x.com')).toEqual(['77']);
  });

  it('answers undefined and forgets the ids when the lookup finds no one', async () => {
    const { memo, told } = memory({ 'contacts:a@x.com': ['51'] });
    const result = await followIds(
      memo,
      'contacts',
      'a@x.com',
      async () => [],
      async () => ['x'],
    );
    expect(result).toBeUndefined();
    expect(told).toEqual([['contacts:a@x.com', []]]);
  });

  it('fails with the lookup, leaving no failed early follow-up unhandled', async () => {
    const { memo } = memory({ 'contacts:a@x.com': ['51'] });
    const failing = async () => {
      throw new Error('tickets down');
    };
    await expect(
      followIds(memo, 'contacts', 'a@x.com', async () => Promise.reject(new Error('search down')), failing),
    ).rejects.toThrow('search down');
  });

  it('does not wait for a memory that does not answer once the lookup is in', async () => {
    const silent: IdMemory = { recall: () => new Promise(() => undefined), remember: () => undefined };
    const follow = jest.fn(async (ids: readonly string[]) => ids.length);
    await expect(followIds(silent, 'contacts', 'k', async () => ['1', '2'], follow)).resolves.toBe(2);
    expect(follow).toHaveBeenCalledTimes(1);
  });

  it('works without a memory', async () => {
    await expect(
      followIds(
        undefined,
        'contacts',
        'k',
        async () => ['1'],
        async (ids) => ids.length,
      ),
    ).resolves.toBe(1);
  });
});
