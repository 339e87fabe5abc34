import { ConnectorError } from '../../../src/connectors/contract';
import { ConnectorPolicy } from '../../../src/resilience/connector-policy';
import { PolicySettingsSchema } from '../../../src/resilience/resilience.schema';
import { failure } from '../../support/connector-failure';

const settings = (over: Record<string, number> = {}) =>
  PolicySettingsSchema.parse({ backoffMs: 1, maxBackoffMs: 5, ...over });
const plenty = () => 10_000;
const signal = () => new AbortController().signal;

/** A call that fails with the given errors, then succeeds; counts its attempts. */
function flaky(...errors: ConnectorError[]) {
  const state = { calls: 0 };
  const call = async () => {
    const error = errors[state.calls++];
    if (error) throw error;
    return 'answer';
  };
  return { state, call };
}

/**
 * The breaker's half-open wait and the retry waits on a clock the test moves (jest's fake timers:
 * cockatiel reads Date.now() and sleeps with setTimeout), so no test depends on how fast this
 * machine is. Promise machinery stays real.
 */
const fakeClock = () => jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });

describe('ConnectorPolicy', () => {
  afterEach(() => jest.useRealTimers());
  it('retries a retryable read and returns its answer', async () => {
    const policy = new ConnectorPolicy('shopify', settings({ retries: 2 }));
    const { state, call } = flaky(
      new ConnectorError('timeout', 'slow'),
      new ConnectorError('upstream_unavailable', '503'),
    );
    expect(await policy.execute(call, plenty, signal())).toBe('answer');
    expect(state.calls).toBe(3);
  });

  it('gives up after the configured retries', async () => {
    const policy = new ConnectorPolicy('shopify', settings({ retries: 1 }));
    const { state, call } = flaky(...Array(5).fill(new ConnectorError('timeout', 'slow')));
    expect((await failure(policy.execute(call, plenty, signal()))).code).toBe('timeout');
    expect(state.calls).toBe(2);
  });

  it('never retries what retrying cannot fix', async () => {
    const policy = new ConnectorPolicy('shopify', settings());
    for (const code of ['auth_failed', 'bad_request', 'invalid_response'] as const) {
      const { state, call } = flaky(new ConnectorError(code, 'no'));
      expect((await failure(policy.execute(call, plenty, signal()))).code).toBe(code);
      expect(state.calls).toBe(1);
    }
  });

  it('waits at least what the vendor asked for (Retry-After, THROTTLED restore time)', async () => {
    fakeClock();
    const policy = new ConnectorPolicy('shopify', settings({ retries: 1 }), () => 0);
    const { state, call } = flaky(new ConnectorError('rate_limited', 'slow down', { retryAfterMs: 40 }));
    const answer = policy.execute(call, plenty, signal());
    await jest.advanceTimersByTimeAsync(39);
    expect(state.calls).toBe(1); // still waiting out the vendor's 40 ms
    await jest.advanceTimersByTimeAsync(1);
    expect(await answer).toBe('answer');
    expect(state.calls).toBe(2);
  });

  it('does not retry when the request deadline leaves no time for the wait and an attempt', async () => {
    const policy = new ConnectorPolicy('shopify', settings({ retries: 2 }));
    const { state, call } = flaky(new ConnectorError('rate_limited', 'later', { retryAfterMs: 500 }));
    expect((await failure(policy.execute(call, () => 300, signal()))).code).toBe('rate_limited');
    expect(state.calls).toBe(1);
  });

  it('opens the circuit after consecutive failures, fails fast, and closes after a good half-open probe', async () => {
    fakeClock();
    const policy = new ConnectorPolicy(
      'shopify',
      settings({ retries: 0, breakerFailures: 3, halfOpenAfterMs: 50 }),
    );
    const down = flaky(...Array(3).fill(new ConnectorError('upstream_unavailable', 'down')));
    for (let i = 0; i < 3; i++) await failure(policy.execute(down.call, plenty, signal()));
    expect(policy.circuit).toBe('open');

    const untouched = flaky();
    const fast = await failure(policy.execute(untouched.call, plenty, signal()));
    expect(fast).toMatchObject({ code: 'circuit_open', retryable: false });
    expect(untouched.state.calls).toBe(0);

    jest.advanceTimersByTime(49); // halfOpenAfterMs is 50: still open
    expect(await failure(policy.execute(untouched.call, plenty, signal()))).toMatchObject({
      code: 'circuit_open',
    });
    jest.advanceTimersByTime(1);
    expect(await policy.execute(flaky().call, plenty, signal())).toBe('answer');
    expect(policy.circuit).toBe('closed');
  });

  it('does not let a slow call from before the outage re-open the circuit while the probe is out', async () => {
    fakeClock();
    const policy = new ConnectorPolicy(
      'shopify',
      settings({ retries: 0, breakerFailures: 1, halfOpenAfterMs: 50 }),
    );
    // A call let through while all was well, that fails only after the circuit has opened and
    // gone half-open (a connector timeout longer than halfOpenAfterMs).
    let failSlow!: () => void;
    const slow = failure(
      policy.execute(
        () =>
          new Promise<string>(
            (_, reject) => (failSlow = () => reject(new ConnectorError('timeout', 'too slow'))),
          ),
        plenty,
        signal(),
      ),
    );
    await failure(
      policy.execute(flaky(new ConnectorError('upstream_unavailable', 'down')).call, plenty, signal()),
    );
    expect(policy.circuit).toBe('open');
    jest.advanceTimersByTime(50); // halfOpenAfterMs
    let passProbe!: () => void;
    const probe = policy.execute(
      () => new Promise<string>((r) => (passProbe = () => r('probe answered'))),
      plenty,
      signal(),
    );
    expect(policy.circuit).toBe('half_open');
    failSlow();
    expect((await slow).code).toBe('timeout');
    expect(policy.circuit).toBe('half_open');
    passProbe();
    expect(await probe).toBe('probe answered');
    expect(policy.circuit).toBe('closed');
  });

  it('counts the probe that fails with the same error as a call from before the outage (one shared request)', async () => {
    fakeClock();
    const policy = new ConnectorPolicy(
      'hubspot',
      settings({ retries: 0, breakerFailures: 1, halfOpenAfterMs: 50 }),
    );
    // One in-flight vendor request that both calls join (as a connector's single flight does).
    let failShared!: () => void;
    const shared = new Promise<string>(
      (_, reject) => (failShared = () => reject(new ConnectorError('timeout', 'search too slow'))),
    );
    shared.catch(() => undefined);
    const before = failure(policy.execute(() => shared, plenty, signal()));
    await failure(
      policy.execute(flaky(new ConnectorError('upstream_unavailable', 'down')).call, plenty, signal()),
    );
    jest.advanceTimersByTime(50); // halfOpenAfterMs
    const probe = failure(policy.execute(() => shared, plenty, signal()));
    failShared();
    expect((await before).code).toBe('timeout');
    expect((await probe).code).toBe('timeout');
    expect(policy.circuit).toBe('open');
  });

  it('still counts a failed probe: the circuit opens again', async () => {
    fakeClock();
    const policy = new ConnectorPolicy(
      'shopify',
      settings({ retries: 0, breakerFailures: 1, halfOpenAfterMs: 50 }),
    );
    await failure(
      policy.execute(flaky(new ConnectorError('upstream_unavailable', 'down')).call, plenty, signal()),
    );
    jest.advanceTimersByTime(50); // halfOpenAfterMs
    await failure(policy.execute(flaky(new ConnectorError('timeout', 'still down')).call, plenty, signal()));
    expect(policy.circuit).toBe('open');
  });

  it('does not count "no such record" or our own bad requests against the vendor', async () => {
    const policy = new ConnectorPolicy('shopify', settings({ retries: 0, breakerFailures: 2 }));
    for (let i = 0; i < 3; i++) await policy.execute(async () => null, plenty, signal());
    for (let i = 0; i < 3; i++)
      await failure(policy.execute(flaky(new ConnectorError('bad_request', 'ours')).call, plenty, signal()));
    expect(policy.circuit).toBe('closed');
  });

  it('caps the calls in flight: beyond the queue a call fails fast', async () => {
    const policy = new ConnectorPolicy('shopify', settings({ maxConcurrent: 1, maxQueued: 0 }));
    let release!: () => void;
    const slow = policy.execute(
      () => new Promise<string>((r) => (release = () => r('first'))),
      plenty,
      signal(),
    );
    const rejected = await failure(policy.execute(async () => 'second', plenty, signal()));
    expect(rejected).toMatchObject({ code: 'rate_limited', retryable: false });
    release();
    expect(await slow).toBe('first');
  });
});
