import { describe, expect, it } from 'vitest';
import { AdaptiveLimiter } from '../../src/checker/limiter/adaptive-limiter.ts';
import { ServiceModel } from './service-model.ts';

const auto = () => new AdaptiveLimiter({ min: 4, max: 256 });
const large = { workers: 200, queue: 200, serviceMs: 20, jitterMs: 5 };

describe('adaptive limiter: ramp-up from a fresh start (injected clock)', () => {
  it('doubles every round trip while answers stay at their floor: a 200-worker service is full within 200 ms', () => {
    const limiter = auto();
    const service = new ServiceModel(limiter, large);
    service.runUntil(1000);
    const ramp = service.changes.filter((c) => c.change.reason === 'ramp-up');
    // 4 to 256 is six doublings; each takes one 20 ms round trip, in four moves.
    expect(ramp.at(-1)!.change.limit).toBe(256);
    expect(ramp.at(-1)!.at).toBeLessThan(200);
    expect(ramp.length).toBeLessThan(30);
    // The first second of a fresh instance, its first round trip included (the old rule: about 50%).
    expect(service.throughput(0, 1000)).toBeGreaterThanOrEqual(0.85 * (200 / 20e-3));
    expect(service.rejected(0, 1000)).toBe(0);
    // Then the gradient rule holds the knee.
    service.runUntil(5000);
    expect(service.limitRange(1000, 5000).max).toBeLessThanOrEqual(200 + 2 * Math.sqrt(200));
    expect(service.meanRtt(1000, 5000)).toBeLessThanOrEqual(1.3 * 20);
  });

  it('ends at the first sign of queueing, before the queue overflows', () => {
    for (const [workers, queue] of [
      [8, 16],
      [32, 64],
    ] as const) {
      const limiter = auto();
      const service = new ServiceModel(limiter, { workers, queue, serviceMs: 20, jitterMs: 5 });
      service.runUntil(3000);
      const end = service.changes.findIndex((c) => c.change.reason !== 'ramp-up');
      const peak = Math.max(...service.changes.slice(0, end).map((c) => c.change.limit));
      expect(peak, `${workers} workers`).toBeLessThanOrEqual(workers + queue);
      expect(peak, `${workers} workers`).toBeGreaterThan(workers);
      // It hands over with the limit set to the knee the ramp saw, not halved nor left at the peak.
      expect(service.changes[end]!.change.reason).toBe('queueing');
      expect(service.changes[end]!.change.limit).toBeLessThanOrEqual(workers + 2 * Math.sqrt(workers));
      expect(service.rejected(0, 3000)).toBe(0);
      expect(limiter.noLoadRttMs!).toBeGreaterThan(17);
      expect(limiter.noLoadRttMs!).toBeLessThan(23);
    }
  });

  it('is not stopped by jitter: 20 services of 20±5 ms all reach 200 in flight within 400 ms', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const limiter = auto();
      const service = new ServiceModel(limiter, { ...large, seed });
      service.runUntil(400);
      expect(service.limitRange(300, 400).min, `seed ${seed}`).toBeGreaterThanOrEqual(200);
    }
  });

  it('reads the no-load round trip past a cold start: the slow first answers do not set it', () => {
    const limiter = auto();
    let now = 0;
    // A fresh checker's first answers pay for new connections and cold code: 40 ms on a 20 ms service.
    for (let i = 0; i < 6; i++) limiter.onSample({ outcome: 'answered', rttMs: 40, inFlight: 4, size: 1 }, (now += 10));
    for (let i = 0; i < 40; i++) {
      const rttMs = 15 + ((i * 7) % 11); // 15 to 25 ms, 20 on average
      limiter.onSample({ outcome: 'answered', rttMs, inFlight: 4, size: 1 }, (now += 2));
    }
    // A refusal ends the ramp with what it read (the no-load round trip of the answers so far).
    limiter.onSample({ outcome: 'rate-limited', rttMs: 1, inFlight: 8, size: 1 }, (now += 1));
    expect(limiter.noLoadRttMs!).toBeGreaterThanOrEqual(19);
    expect(limiter.noLoadRttMs!).toBeLessThanOrEqual(21); // a mean would read 22.6
  });

  it('a refused request ends the ramp at once, and the drop rule takes over', () => {
    const limiter = auto();
    const service = new ServiceModel(limiter, { workers: 16, queue: 0, serviceMs: 20, jitterMs: 5 });
    service.runUntil(2000);
    const firstRefused = service.seconds[0]!.rejected;
    expect(firstRefused).toBeGreaterThan(0);
    const afterRamp = service.changes.filter((c) => c.change.reason !== 'ramp-up');
    expect(afterRamp[0]!.change.reason).toBe('rate-limited');
    expect(service.changes.filter((c) => c.change.reason === 'ramp-up').at(-1)!.change.limit).toBeLessThan(64);
  });

  it('a fast service with a short queue refuses a handful during the ramp, not a window’s worth', () => {
    for (const [serviceMs, workers, queue] of [
      [10, 32, 16],
      [2, 16, 16],
      [1, 64, 32],
    ] as const) {
      const limiter = auto();
      const service = new ServiceModel(limiter, { workers, queue, serviceMs, jitterMs: serviceMs / 5 });
      service.runUntil(3000);
      const end = service.changes.find((c) => c.change.reason !== 'ramp-up')!;
      // Refused at some in-flight above workers + queue: the limit goes to half of that at once.
      expect(end.change.reason, `${serviceMs} ms`).toBe('rate-limited');
      expect(end.change.limit, `${serviceMs} ms`).toBeLessThanOrEqual(workers + queue);
      expect(end.change.limit, `${serviceMs} ms`).toBeGreaterThanOrEqual((workers + queue) / 2);
      expect(service.rejected(0, 3000), `${serviceMs} ms`).toBeLessThan(queue * 2);
      // And it climbs back to the knee: full throughput from 2 s on, no refusal there.
      expect(service.throughput(2000, 3000), `${serviceMs} ms`).toBeGreaterThanOrEqual(
        0.9 * (workers / (serviceMs / 1000)),
      );
    }
  });

  it('a ramp refused before any answer leaves the no-load round trip to the first window', () => {
    const limiter = auto();
    limiter.onSample({ outcome: 'rate-limited', rttMs: 1, inFlight: 4, size: 1 }, 1);
    expect(limiter.noLoadRttMs).toBeUndefined();
    const service = new ServiceModel(limiter, { workers: 32, queue: 64, serviceMs: 20, jitterMs: 5 });
    service.runUntil(5000);
    expect(limiter.noLoadRttMs!).toBeGreaterThan(17);
    expect(limiter.noLoadRttMs!).toBeLessThan(23);
    expect(service.throughput(2000, 5000)).toBeGreaterThanOrEqual(0.9 * (32 / 20e-3));
  });
});

describe('adaptive limiter: resuming from a learned limit', () => {
  it('a restart starts at the learned limit: full speed from the first request, no ramp', () => {
    const first = auto();
    new ServiceModel(first, large).runUntil(15_000);
    const learned = first.learned!;
    expect(learned.limit).toBeGreaterThanOrEqual(200);
    expect(learned.limit).toBeLessThanOrEqual(200 + 2 * Math.sqrt(200));
    expect(learned.noLoadRttMs).toBeGreaterThan(17);
    expect(learned.noLoadRttMs).toBeLessThan(23);

    const next = auto();
    expect(next.resume(learned)).toBe(true);
    expect(next.limit).toBe(learned.limit);
    const service = new ServiceModel(next, { ...large, seed: 11 });
    service.runUntil(3000);
    expect(service.changes.map((c) => c.change.reason)).not.toContain('ramp-up');
    expect(service.throughput(0, 1000)).toBeGreaterThanOrEqual(0.95 * (200 / 20e-3));
    expect(service.meanRtt(0, 3000)).toBeLessThanOrEqual(1.3 * 20);
  });

  it('a learned limit the service no longer has is cut to the new knee within half a second', () => {
    const limiter = auto();
    limiter.resume({ limit: 214, noLoadRttMs: 20 });
    const service = new ServiceModel(limiter, { workers: 32, queue: 200, serviceMs: 20, jitterMs: 5 });
    service.runUntil(600);
    expect(limiter.limit).toBeLessThanOrEqual(32 + 2 * Math.sqrt(32));
    service.runUntil(5000);
    expect(service.limitRange(1000, 5000).max).toBeLessThanOrEqual(32 + 2 * Math.sqrt(32));
    expect(service.throughput(1000, 5000)).toBeGreaterThanOrEqual(0.9 * (32 / 20e-3));
    expect(service.rejected(0, 5000)).toBe(0);
  });

  it('resumes only before the first answer, and says nothing worth keeping until the ramp is over', () => {
    const limiter = auto();
    expect(limiter.learned).toBeUndefined();
    const service = new ServiceModel(limiter, large);
    service.runUntil(50);
    expect(limiter.learned).toBeUndefined(); // still ramping
    expect(limiter.resume({ limit: 100, noLoadRttMs: 20 })).toBe(false);
    service.runUntil(2000);
    expect(limiter.learned?.limit).toBe(limiter.limit);
  });

  it('ignores a learned limit that is not one', () => {
    const limiter = new AdaptiveLimiter({ min: 4, max: 64 });
    expect(limiter.resume({ limit: 0, noLoadRttMs: 20 })).toBe(false);
    expect(limiter.resume({ limit: 50, noLoadRttMs: Number.NaN })).toBe(false);
    expect(limiter.resume({ limit: 500, noLoadRttMs: 20 })).toBe(true);
    expect(limiter.limit).toBe(64); // clamped to this instance's bounds
  });
});
