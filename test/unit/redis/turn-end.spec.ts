import { atTurnEnd } from '../../../src/redis/turn-end';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('atTurnEnd', () => {
  it('runs what one turn deferred together, after that turn, in the order it was deferred', async () => {
    const ran: string[] = [];
    atTurnEnd(() => ran.push('copies'));
    atTurnEnd(() => ran.push('budget'));
    expect(ran).toEqual([]); // not before the turn ends
    // Both in one run: nothing else (no microtask, no I/O) comes between them.
    let between = false;
    atTurnEnd(() => {
      ran.push('third');
      void Promise.resolve().then(() => (between = true));
    });
    atTurnEnd(() => ran.push(between ? 'after a microtask' : 'same run'));
    await nextTurn();
    expect(ran).toEqual(['copies', 'budget', 'third', 'same run']);
  });

  it('runs each deferred callback once, and a later turn’s in a later run', async () => {
    let runs = 0;
    atTurnEnd(() => runs++);
    await nextTurn();
    atTurnEnd(() => runs++);
    await nextTurn();
    await nextTurn();
    expect(runs).toBe(2);
  });

  it('loses only the work of a callback that throws', async () => {
    const ran: string[] = [];
    atTurnEnd(() => {
      throw new Error('broken flush');
    });
    atTurnEnd(() => ran.push('still runs'));
    await nextTurn();
    expect(ran).toEqual(['still runs']);
  });
});
