import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/checker/index.ts';
import { numbers, startChecker } from '../support/checker.ts';
import { expectNoMoreRequests, waitFor } from '../support/wait-for.ts';
import { CheckSession } from '../../src/checker/session.ts';

describe('scheduling', () => {
  it('never has more requests in flight than the bound, across sessions', async () => {
    const { sim, checker } = await startChecker({ latencyMs: 5, jitterMs: 4 }, { concurrency: 8 });
    const a = checker.session();
    const b = checker.session();
    await Promise.all([
      a.run(numbers(300, '139'), () => {}),
      b.run(numbers(300, '137'), () => {}),
      Promise.all(numbers(100, '135').map((p) => checker.check(p))),
    ]);
    expect(sim.stats().requests).toBe(700);
    expect(sim.stats().peakInFlight).toBeLessThanOrEqual(8);
    expect(checker.stats().inFlightPeak).toBeLessThanOrEqual(8);
  });

  it('interleaves sessions: a small search started after a big one finishes first', async () => {
    const { checker } = await startChecker({ latencyMs: 2 }, { concurrency: 4 });
    const order: string[] = [];
    const big = checker.session().run(numbers(2000, '139'), () => void order.push('big'));
    await waitFor(() => order.length >= 20, 'big search to start', 5000);
    let bigDoneWhenSmallFinished = -1;
    const small = checker.session().run(numbers(50, '137'), () => void order.push('small'));
    await small.then(() => {
      bigDoneWhenSmallFinished = order.filter((o) => o === 'big').length;
    });
    await big;
    // Least-served first: while the small search ran, the big one got about as many slots, not all of them.
    expect(bigDoneWhenSmallFinished).toBeLessThan(20 + 50 * 2 + 10);
    expect(order.filter((o) => o === 'big')).toHaveLength(2000);
  });

  it('pulls candidates lazily: only as many as there are slots', async () => {
    const { sim, checker } = await startChecker({ latencyMs: 20 }, { concurrency: 4 });
    let pulled = 0;
    function* candidates() {
      for (const p of numbers(10_000)) {
        pulled++;
        yield p;
      }
    }
    const session = checker.session();
    const run = session.run(candidates(), () => {});
    await waitFor(() => sim.stats().requests >= 4, 'first requests', 5000);
    expect(pulled).toBeLessThanOrEqual(5);
    session.cancel();
    expect(await run).toMatchObject({ cancelled: true, stopped: false });
  });

  it('stops at the first match and sends nothing more for that session', async () => {
    const phones = numbers(500);
    const { sim, checker } = await startChecker({ numbers: new Set([phones[40]!]), latencyMs: 3 }, { concurrency: 8 });
    const matches: string[] = [];
    const summary = await checker.session().run(phones, (phone, result) => {
      if (result.outcome !== 'orders') return;
      matches.push(phone);
      return 'stop';
    });
    expect(summary).toMatchObject({ stopped: true, cancelled: true });
    expect(matches).toEqual([phones[40]]);
    // Requests already at the service finish there (nothing is aborted), then nothing more is sent.
    await waitFor(() => checker.stats().inFlight === 0, 'requests out at the stop to be answered', 2000);
    expect(sim.stats().requests).toBeLessThan(500);
    await expectNoMoreRequests(sim, { quietMs: 100 });
    expect(sim.stats().outcomes.aborted).toBeUndefined();
  });

  it('one reply path: an answer that stops its run comes before the slot it frees, per number and in batches', async () => {
    const phones = numbers(10, '138');
    for (const batch of [false, true]) {
      const { sim, checker } = await startChecker({ numbers: new Set([phones[0]!]), latencyMs: 5 }, (s) => ({
        concurrency: 1,
        ...(batch ? { batch: { url: s.batchUrl, size: 3 } } : {}),
      }));
      const summary = await checker
        .session()
        .run(phones, (_, result) => (result.outcome === 'orders' ? 'stop' : undefined));
      expect(summary).toMatchObject({ stopped: true, delivered: 1 });
      // The freed slot went to nobody: the stopped search's next request was never sent.
      await expectNoMoreRequests(sim, { quietMs: 100 });
      expect(sim.stats().requests).toBe(1);
    }
  });

  it('cancellation removes queued checks, stops retries, and lets in-flight requests finish', async () => {
    const phones = numbers(200);
    // Every request fails, so without cancellation the checker would keep retrying.
    const { sim, checker } = await startChecker(
      { latencyMs: 10, faults: { errorRate: 1 } },
      { concurrency: 4, retry: { maxAttempts: 10, baseMs: 20, maxDelayMs: 40 } },
    );
    const controller = new AbortController();
    const session = checker.session(controller.signal);
    const results: Promise<CheckResult>[] = phones.map((p) => session.check(p));
    await waitFor(() => sim.stats().requests >= 10, 'traffic', 5000);
    controller.abort();
    const settled = await Promise.all(results);
    expect(settled.every((r) => r.outcome === 'failed')).toBe(true);
    expect(settled.filter((r) => r.outcome === 'failed' && r.reason === 'cancelled').length).toBeGreaterThan(150);
    await waitFor(() => sim.stats().inFlight === 0, 'requests in flight to be answered', 2000);
    expect(sim.stats().outcomes.aborted).toBeUndefined();
    await expectNoMoreRequests(sim, { quietMs: 200 }); // longer than any backoff: a retry would show up
    expect(checker.stats().inFlight).toBe(0);
  });

  it('a per-check signal cancels only that check; its hung request keeps its slot until the timeout and after', async () => {
    const { sim, checker } = await startChecker(
      { faults: { phoneFaults: new Map([['13800000001', 'hang']]) } },
      { timeoutMs: 300 },
    );
    const controller = new AbortController();
    const hung = checker.check('13800000001', { signal: controller.signal });
    const other = checker.check('13800000002');
    await waitFor(() => sim.stats().requests === 2, 'both requests', 2000);
    controller.abort();
    expect(await hung).toMatchObject({ outcome: 'failed', reason: 'cancelled' });
    expect(await other).toEqual({ outcome: 'no-orders', cached: false });
    // The caller is answered at once; the request stays at the service (and counted) until undici's timeout cuts it,
    expect(sim.stats().inFlight).toBe(1);
    expect(checker.stats().inFlight).toBe(1);
    await waitFor(() => sim.stats().inFlight === 0, 'hung request to time out', 3000);
    // and is counted one timeout longer, since a real service may still be working on it.
    expect(checker.stats().inFlight).toBe(1);
    await waitFor(() => checker.stats().inFlight === 0, 'the timed-out request to leave the budget', 3000);
    expect(sim.requestsFor('13800000001')).toBe(1);
  });

  it('honours a requests-per-second cap', async () => {
    const { sim, checker } = await startChecker({}, { concurrency: 16, ratePerSecond: 50, rateBurst: 5 });
    const session = checker.session();
    const run = session.run(numbers(1000), () => {});
    await new Promise((resolve) => setTimeout(resolve, 200));
    // 5 burst + 50/s * 0.2 s = 15, plus slack for timer granularity; far below the 1000 available.
    expect(sim.stats().requests).toBeLessThanOrEqual(25);
    session.cancel();
    await run;
  });
});

describe('a session tells the scheduler how much work it has left', () => {
  const phones = numbers(10, '1380571');

  it('per number: the numbers of its run not yet sent, once the run says its size', async () => {
    const { checker } = await startChecker({ latencyMs: 50 }, { concurrency: 2 });
    const session = checker.session();
    const done = session.run(phones, () => undefined, { size: phones.length });
    // Two went out at once (the limit); eight are still in the iterator.
    expect(CheckSession.stateOf(session).source.backlog?.()).toBe(8);
    await done;
    expect(CheckSession.stateOf(session).source.backlog?.()).toBe(0);
    const unsized = checker.session();
    const running = unsized.run(
      phones.map((p) => p.replace('1380', '1390')),
      () => undefined,
    );
    expect(CheckSession.stateOf(unsized).source.backlog?.()).toBeUndefined();
    await running;
  });

  it('in batches: the requests its numbers still need', async () => {
    const { checker } = await startChecker({ latencyMs: 50 }, (sim) => ({
      concurrency: 1,
      batch: { url: sim.batchUrl, size: 3 },
    }));
    const session = checker.session();
    const done = session.run(phones, () => undefined, { size: phones.length });
    // One batch of three went out; seven numbers are three more requests.
    expect(CheckSession.stateOf(session).source.backlog?.()).toBe(3);
    await done;
    expect(CheckSession.stateOf(session).source.backlog?.()).toBe(0);
  });
});
