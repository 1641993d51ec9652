import { describe, expect, it } from 'vitest';
import { fullJitterDelay, parseRetryAfter } from '../../src/checker/backoff.ts';
import { CircuitBreaker } from '../../src/checker/breaker.ts';
import { ConfigError, OrderChecker, resolveCheckerConfig } from '../../src/checker/index.ts';
import type { Permit } from '../../src/checker/budget/in-flight-budget.ts';
import { LocalBudget } from '../../src/checker/budget/local-budget.ts';
import { FixedLimiter } from '../../src/checker/limiter/limiter.ts';
import { FairScheduler, type Job, type JobSource } from '../../src/checker/scheduler.ts';
import { TokenBucket } from '../../src/checker/token-bucket.ts';

describe('backoff', () => {
  it('draws full-jitter delays below a doubling, capped ceiling', () => {
    expect(fullJitterDelay(1, 100, 5000, () => 0.999)).toBe(99);
    expect(fullJitterDelay(3, 100, 5000, () => 0.5)).toBe(200);
    expect(fullJitterDelay(20, 100, 5000, () => 0.999)).toBe(4995);
    expect(fullJitterDelay(2, 100, 5000, () => 0)).toBe(0);
  });

  it('parses Retry-After seconds and HTTP dates, capped', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('2', 30_000, now)).toBe(2000);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:05 GMT', 30_000, now)).toBe(5000);
    expect(parseRetryAfter('Tue, 31 Dec 2024 23:00:00 GMT', 30_000, now)).toBe(0);
    expect(parseRetryAfter('3600', 30_000, now)).toBe(30_000);
    expect(parseRetryAfter('soon', 30_000, now)).toBeUndefined();
    expect(parseRetryAfter(undefined, 30_000, now)).toBeUndefined();
  });
});

describe('token bucket', () => {
  it('allows a burst, then refills at the rate', () => {
    const bucket = new TokenBucket(10, 2, 0);
    expect(bucket.ready(0)).toBe(true);
    bucket.take();
    bucket.take();
    expect(bucket.ready(0)).toBe(false);
    expect(bucket.msUntilReady(0)).toBe(100);
    expect(bucket.ready(100)).toBe(true);
  });
});

describe('circuit breaker', () => {
  const options = { consecutiveFailures: 3, failureRatio: 0.5, windowSize: 10, minRequests: 4, cooldownMs: 100 };

  it('lets exactly one probe through when half-open', () => {
    const breaker = new CircuitBreaker(options);
    for (let i = 0; i < 3; i++) breaker.onFailure(0);
    expect(breaker.state).toBe('open');
    expect(breaker.tryAcquire(50)).toBe(false);
    expect(breaker.tryAcquire(150)).toBe(true);
    expect(breaker.state).toBe('half-open');
    expect(breaker.tryAcquire(150)).toBe(false);
    breaker.onAbandoned(); // probe cancelled: someone else may probe
    expect(breaker.tryAcquire(151)).toBe(true);
    breaker.onSuccess();
    expect(breaker.state).toBe('closed');
  });

  it('opens on the failure ratio', () => {
    const breaker = new CircuitBreaker(options);
    for (const failed of [false, true, false, true]) failed ? breaker.onFailure(0) : breaker.onSuccess();
    expect(breaker.state).toBe('open');
  });
});

describe('fair scheduler', () => {
  /** A scheduler over a fixed budget of `limit`; `release()` ends the oldest started job. */
  const setup = (limit: number, headStart = 0) => {
    const started: string[] = [];
    const held: Permit[] = [];
    const scheduler = new FairScheduler(new LocalBudget(new FixedLimiter(limit)), { headStart: () => headStart });
    const source = (name: string, count: number): JobSource => {
      let left = count;
      return {
        pull: (): Job | undefined =>
          left-- > 0
            ? {
                start: (permit) => {
                  started.push(name);
                  held.push(permit);
                },
              }
            : undefined,
      };
    };
    const release = (times: number) => {
      for (let i = 0; i < times; i++) held.shift()?.release();
    };
    return { started, scheduler, source, release };
  };

  it('takes one job per source in turn and respects the budget', () => {
    const { started, scheduler, source, release } = setup(2);
    const a = source('a', 5);
    const b = source('b', 5);
    scheduler.notify(a);
    expect(started).toEqual(['a', 'a']);
    scheduler.notify(b);
    release(6);
    expect(started).toEqual(['a', 'a', 'a', 'b', 'a', 'b', 'a', 'b']);
    expect(scheduler.peakInFlight).toBe(2);
  });

  it('gives a newcomer a head start, then interleaves; the long runner is never starved beyond it', () => {
    const { started, scheduler, source, release } = setup(1, 3);
    const big = source('big', 100);
    scheduler.notify(big);
    release(9);
    scheduler.notify(source('small', 5));
    release(10);
    // big had 10 dispatches; small starts 3 behind it, catches up, then they alternate.
    expect(started.slice(10)).toEqual(['small', 'small', 'small', 'big', 'small', 'big', 'small', 'big', 'big', 'big']);
  });

  it('a source that comes back after idling cannot claim the service it missed, only the head start', () => {
    const { started, scheduler, source, release } = setup(1, 2);
    const a = source('a', 3);
    const b = source('b', 100);
    scheduler.notify(b);
    scheduler.notify(a);
    release(9);
    // The same source comes back with more work (as a session does when its search starts a new tier).
    const more = source('a', 3);
    a.pull = () => more.pull();
    scheduler.notify(a);
    release(4);
    expect(started.slice(0, 10)).toEqual(['b', 'a', 'b', 'a', 'b', 'a', 'b', 'b', 'b', 'b']);
    // a had 3, b 7: a re-enters at 7 - 2, not at 3, so it gets two turns ahead and then alternates.
    expect(started.slice(10)).toEqual(['a', 'a', 'b', 'a']);
  });

  it('tells a shared budget what it wants: work waiting, and the head start owed, capped by the work left', () => {
    const { scheduler, source, release } = setup(2, 3);
    expect(scheduler.demand()).toEqual({ waiting: false, headStart: 0 });
    scheduler.notify(source('a', 10));
    // Two dispatched (the budget is spent), one of its three head-start dispatches left, the rest waiting.
    expect(scheduler.demand()).toEqual({ waiting: true, headStart: 1 });
    release(1);
    expect(scheduler.demand()).toEqual({ waiting: true, headStart: 0 });
    // A newcomer is owed its head start whether or not it has company...
    scheduler.notify(source('b', 5));
    expect(scheduler.demand().headStart).toBe(3);
    // ...but no more than the work it says it has left.
    const small = source('c', 1);
    scheduler.notify({ ...small, backlog: () => 1 });
    expect(scheduler.demand().headStart).toBe(3 + 1);
    release(30);
    // Everything dispatched: nothing waits, and sources that left owe nothing.
    expect(scheduler.demand()).toEqual({ waiting: false, headStart: 0 });
  });

  it('returns an unused permit when a source turns out to have nothing', () => {
    const budget = new LocalBudget(new FixedLimiter(1));
    const scheduler = new FairScheduler(budget);
    scheduler.notify({ pull: () => undefined });
    expect(budget.inFlight).toBe(0);
  });
});

describe('config', () => {
  it('fills documented defaults', () => {
    const config = resolveCheckerConfig({
      orderService: { urlTemplate: 'http://127.0.0.1:4001/orders?phone={phone}' },
    });
    expect(config).toMatchObject({
      concurrency: { auto: true, min: 4, max: 256 },
      ratePerSecond: 0,
      orderService: { method: 'GET', jsonPath: 'total', readAs: 'number>0', noOrdersStatuses: [] },
      retry: { maxAttempts: 4 },
    });
  });

  it('rejects bad values with ConfigError', () => {
    expect(() => new OrderChecker({ orderService: { urlTemplate: 'http://x/orders' } })).toThrow(ConfigError);
    expect(() => resolveCheckerConfig({ orderService: { urlTemplate: 'not a url {phone}' } })).toThrow(ConfigError);
    expect(() => resolveCheckerConfig({ orderService: { urlTemplate: 'http://x/{phone}' }, concurrency: 0 })).toThrow(
      /concurrency/,
    );
  });
});
