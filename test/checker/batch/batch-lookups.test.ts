import { describe, expect, it } from 'vitest';
import type { CheckResult, OrderChecker } from '../../../src/checker/index.ts';
import type { Simulator, SimulatorOptions } from '../../../src/simulator/index.ts';
import { numbers, startChecker } from '../../support/checker.ts';
import { waitFor, waitUntilSteady } from '../../support/wait-for.ts';

let sim: Simulator;
let checker: OrderChecker;

async function setUp(
  options: SimulatorOptions,
  batch: { size: number; resultsPath?: string; phoneField?: string },
  concurrency = 4,
): Promise<void> {
  ({ sim, checker } = await startChecker(options, (sim) => ({ concurrency, batch: { url: sim.batchUrl, ...batch } })));
}

async function runAll(phones: string[]): Promise<Map<string, CheckResult>> {
  const results = new Map<string, CheckResult>();
  await checker.session().run(phones, (phone, result) => void results.set(phone, result));
  return results;
}

/** Sizes of the batch requests the simulator saw, in arrival order. */
const batchSizes = () => sim.requestLog.map((entry) => entry.batch?.length ?? 0);

describe('batch lookups against the simulator', () => {
  it('finds numbers with orders through batches, every number asked once, no per-number request', async () => {
    const phones = numbers(95);
    const withOrders = [phones[7]!, phones[93]!];
    await setUp({ numbers: new Set(withOrders) }, { size: 10 });
    const results = await runAll(phones);
    expect([...results.entries()].filter(([, r]) => r.outcome === 'orders').map(([p]) => p)).toEqual(
      expect.arrayContaining(withOrders),
    );
    expect([...results.values()].filter((r) => r.outcome === 'no-orders')).toHaveLength(93);
    expect(sim.stats()).toMatchObject({ requests: 10, batchRequests: 10, batchNumbers: 95, outcomes: { batch: 10 } });
    expect(batchSizes().every((size) => size >= 1 && size <= 10)).toBe(true);
    expect(Object.values(sim.stats().perPhone).every((n) => n === 1)).toBe(true);
    expect(checker.stats()).toMatchObject({ requests: 10, outcomes: { orders: 2, noOrders: 93 } });
  });

  it('fails a number missing from the reply by name, and answers the rest of its batch', async () => {
    const phones = numbers(20);
    await setUp({ numbers: new Set([phones[3]!]), faults: { omitFromBatch: [phones[12]!] } }, { size: 20 });
    const results = await runAll(phones);
    expect(results.get(phones[12]!)).toMatchObject({
      outcome: 'failed',
      reason: 'missing-from-batch',
      code: 'PM_CHECK_MISSING_FROM_BATCH',
    });
    expect(results.get(phones[3]!)).toMatchObject({ outcome: 'orders' });
    expect([...results.values()].filter((r) => r.outcome === 'no-orders')).toHaveLength(18);
    expect(sim.stats().batchRequests).toBe(1);
  });

  it('halves a batch that keeps failing until the number that breaks it stands alone', async () => {
    const phones = numbers(8);
    const poison = phones[2]!;
    await setUp({ faults: { failPhones: [poison] } }, { size: 8 });
    const results = await runAll(phones);
    expect(results.get(poison)).toMatchObject({ outcome: 'failed', reason: 'http-status', status: 503 });
    expect([...results.values()].filter((r) => r.outcome === 'no-orders')).toHaveLength(7);
    // 8 fails -> 4 + 4; the half with the poison fails -> 2 + 2; again -> 1 + 1; alone it is attempt 4 of 4.
    expect(batchSizes().sort((a, b) => b - a)).toEqual([8, 4, 4, 2, 2, 1, 1]);
    expect(sim.requestsFor(poison)).toBe(4);
    expect(sim.requestLog.filter((e) => e.outcome === 'error').map((e) => e.batch?.length)).toEqual([8, 4, 2, 1]);
  });

  it('retries a rate-limited batch whole', async () => {
    const phones = numbers(6);
    await setUp(
      { faults: { phoneFaults: [[phones[0]!, { kind: 'rate-limit', times: 1 }]], retryAfter: '0' } },
      {
        size: 6,
      },
    );
    const results = await runAll(phones);
    expect([...results.values()].every((r) => r.outcome === 'no-orders')).toBe(true);
    expect(batchSizes()).toEqual([6, 6]);
  });

  it('counts a batch as one request against the in-flight bound', async () => {
    await setUp({ latencyMs: 20 }, { size: 10 }, 2);
    await runAll(numbers(200));
    expect(sim.stats()).toMatchObject({ batchRequests: 20, batchNumbers: 200 });
    expect(sim.stats().peakInFlight).toBeLessThanOrEqual(2);
    expect(checker.stats().inFlightPeak).toBe(2);
  });

  it('stops sending batches when the session is cancelled', async () => {
    await setUp({ latencyMs: 20 }, { size: 10 }, 2);
    const session = checker.session();
    const run = session.run(numbers(5000), () => {});
    await waitFor(() => sim.stats().batchRequests >= 4, 'a few batches');
    session.cancel();
    expect(await run).toMatchObject({ cancelled: true });
    await waitFor(() => sim.stats().inFlight === 0, 'batches in flight to finish');
    const sent = await waitUntilSteady(() => sim.stats().batchRequests, 150);
    expect(sent).toBeLessThan(20);
    expect(sim.stats().batchNumbers).toBe(sent * 10);
  });

  it('stops at the first match: no batch is sent after the one that found it', async () => {
    const phones = numbers(1000);
    await setUp({ numbers: new Set([phones[25]!]) }, { size: 10 }, 1);
    const summary = await checker
      .session()
      .run(phones, (_phone, result) => (result.outcome === 'orders' ? 'stop' : undefined));
    expect(summary).toMatchObject({ stopped: true });
    expect(await waitUntilSteady(() => sim.stats().batchRequests, 100)).toBe(3);
  });

  it('answers repeated numbers from the cache without asking again', async () => {
    const phones = numbers(30);
    await setUp({ numbers: new Set([phones[0]!]) }, { size: 10 });
    await runAll(phones);
    expect(sim.stats().batchNumbers).toBe(30);
    const again = await runAll([...phones, '13912345678']);
    expect([...again.values()].filter((r) => r.cached)).toHaveLength(30);
    expect(again.get(phones[0]!)).toEqual({ outcome: 'orders', cached: true });
    expect(sim.stats()).toMatchObject({ batchRequests: 4, batchNumbers: 31 });
    expect(sim.requestLog.at(-1)!.batch).toEqual(['13912345678']);
  });

  it('asks once for a number already in flight, alone or in another batch', async () => {
    const phones = numbers(40);
    await setUp({ latencyMs: 50 }, { size: 20 });
    const single = checker.check(phones[5]!);
    await waitFor(() => sim.stats().inFlight === 1, 'the single check in flight');
    const [a, b] = await Promise.all([runAll(phones.slice(0, 30)), runAll(phones.slice(10, 40))]);
    expect(await single).toMatchObject({ outcome: 'no-orders' });
    expect(a.size + b.size).toBe(60);
    expect(Object.values(sim.stats().perPhone).every((n) => n === 1)).toBe(true);
    expect(sim.stats().batchNumbers).toBe(40);
    expect(checker.stats().dedupHits).toBeGreaterThanOrEqual(21);
  });

  it('reads a list-shaped reply when told where the answers and their numbers are', async () => {
    const phones = numbers(5);
    await setUp(
      { numbers: new Set([phones[4]!]), batch: { reply: 'list' } },
      { size: 5, resultsPath: 'results', phoneField: 'phone' },
    );
    const results = await runAll(phones);
    expect(results.get(phones[4]!)).toMatchObject({ outcome: 'orders' });
    expect([...results.values()].filter((r) => r.outcome === 'no-orders')).toHaveLength(4);
  });
});
