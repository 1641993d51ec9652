import { describe, expect, it } from 'vitest';
import { AdaptiveLimiter, FixedLimiter } from '../../src/checker/index.ts';
import { LoopDelay, processLoopDelay } from '../../src/checker/limiter/loop-delay.ts';
import { ServiceModel } from './service-model.ts';

/** A 2 ms timer's ticks from `from` to `to` on a loop blocked over `stalls` ([start, end) each). */
function ticks(delay: LoopDelay, from: number, to: number, stalls: [number, number][] = []): void {
  let due = from;
  while (due <= to) {
    const stall = stalls.find(([s, e]) => due >= s && due < e);
    const ran = stall ? stall[1] : due;
    delay.tick(due, ran);
    due = ran + 2;
  }
}

describe('LoopDelay: the wait of a reply for this process’s loop (injected clock)', () => {
  it('reads nothing without ticks, or from a loop that runs its timers on time', () => {
    const delay = new LoopDelay();
    expect(delay.waitOf(0, 30)).toBe(0);
    ticks(delay, 0, 100);
    expect(delay.waitOf(75, 100, 102)).toBe(0);
  });

  it('a reply read right after a stall arrived in it: half the stall, from when the request was sent', () => {
    const delay = new LoopDelay();
    ticks(delay, 0, 70, [[40, 70]]); // the tick due at 40 ran at 70
    expect(delay.waitOf(20, 70)).toBeCloseTo(15, 5);
    // Sent in the middle of it (a request the loop sent before a GC pause began): half of the rest.
    expect(delay.waitOf(60, 70)).toBeCloseTo(5, 5);
    // Read a moment after the stall: what the loop did since counts too.
    expect(delay.waitOf(20, 71)).toBeCloseTo(16, 5);
  });

  it('a stall at the start of a request’s life delayed nothing of a reply read after the loop was free again', () => {
    const delay = new LoopDelay();
    ticks(delay, 0, 100, [[40, 70]]);
    // Sent at 35, stalled 40 to 70, answered at 95: the ticks since 70 ran on time.
    expect(delay.waitOf(35, 95)).toBe(0);
    // And a stall before the request was sent delays nothing.
    const before = new LoopDelay();
    ticks(before, 0, 70, [[40, 70]]);
    expect(before.waitOf(70, 71)).toBe(0);
  });

  it('a reply read while a tick is overdue waited half of the stall so far', () => {
    const delay = new LoopDelay();
    ticks(delay, 0, 50);
    // The next tick was due at 52; at 64 the loop is still busy (reading a burst of replies).
    expect(delay.waitOf(30, 64, 52)).toBeCloseTo(6, 5);
    expect(delay.waitOf(58, 64, 52)).toBeCloseTo(3, 5);
  });

  it('the process sampler starts when read and sees a blocked loop', async () => {
    const sentAt = performance.now();
    processLoopDelay.waitOf(sentAt);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const busyUntil = performance.now() + 40;
    while (performance.now() < busyUntil); // the loop is ours to block: 40 ms
    // Read now, inside the stall (its tick is overdue): about 20 ms, more on a busy machine.
    expect(processLoopDelay.waitOf(sentAt)).toBeGreaterThan(10);
    await new Promise((resolve) => setTimeout(resolve, 20));
    // The loop has been free since: a reply read now waited for next to nothing (a timer's own slack).
    expect(processLoopDelay.waitOf(performance.now() - 5)).toBeLessThan(3);
  });
});

describe('adaptive limiter: a busy neighbour is not a queue at the service (injected clock)', () => {
  // The loop is blocked 20 ms of every 40 (another process on the same cores), from the start.
  const busy = {
    workers: 200,
    queue: 200,
    serviceMs: 20,
    jitterMs: 5,
    loopStalls: { fromMs: 0, everyMs: 40, forMs: 20 },
  };

  it('the no-load round trip read is the service’s, not the service’s plus our own delay', () => {
    const measured = new AdaptiveLimiter({ min: 4, max: 256 });
    new ServiceModel(measured, { ...busy, measureLoop: true }).runUntil(20_000);
    const unmeasured = new AdaptiveLimiter({ min: 4, max: 256 });
    new ServiceModel(unmeasured, busy).runUntil(20_000);
    expect(measured.noLoadRttMs!).toBeLessThan(20 * 1.15);
    // Without the loop's delay taken off, its wait counts as the service's.
    expect(unmeasured.noLoadRttMs!).toBeGreaterThan(measured.noLoadRttMs! + 3);
  });

  it('keeps up with an oracle that knows the capacity (a fixed window of 200) on the same busy loop', () => {
    const oracle = new ServiceModel(new FixedLimiter(200), busy);
    oracle.runUntil(20_000);
    const limiter = new AdaptiveLimiter({ min: 4, max: 256 });
    const service = new ServiceModel(limiter, { ...busy, measureLoop: true });
    service.runUntil(20_000);
    // From 2 s on (a running service's searches; a ramp-up through such stalls may end early and take
    // a few windows more to double to the knee).
    expect(service.throughput(2000, 20_000)).toBeGreaterThanOrEqual(0.95 * oracle.throughput(2000, 20_000));
    expect(service.rejected(0, 20_000)).toBe(0);
  });
});
