import type Redis from 'ioredis';
import { namedQuietly } from '../../../src/actions/action-queues';

/** A connection whose CLIENT calls all fail with `message`, and the calls it got. */
function failing(message: string) {
  const calls: unknown[][] = [];
  const client = {
    client: (...args: unknown[]) => {
      calls.push(args);
      return Promise.reject(new Error(message));
    },
  };
  const named = namedQuietly(client as unknown as Redis);
  // Bull sends the subcommand in lower case, which ioredis's typings do not list.
  return { call: named.client.bind(named) as (...args: string[]) => Promise<unknown>, calls };
}

describe('namedQuietly (Bull blocking connections)', () => {
  it('a name a closed connection never got resolves, and the name was still sent', async () => {
    const { call, calls } = failing('Connection is closed.');
    await expect(call('setname', 'hub:bull:d2ViaG9va3M=')).resolves.toBe('OK');
    await expect(call('SETNAME', 'x')).resolves.toBe('OK');
    expect(calls).toEqual([
      ['setname', 'hub:bull:d2ViaG9va3M='],
      ['SETNAME', 'x'],
    ]);
  });

  it('any other failure of the name, and every other CLIENT call, still rejects', async () => {
    await expect(failing('ERR unknown command').call('setname', 'x')).rejects.toThrow('unknown command');
    await expect(failing('Connection is closed.').call('list')).rejects.toThrow('Connection is closed.');
  });
});
