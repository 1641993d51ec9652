import { describe, expect, it } from 'vitest';
import { AdaptiveLimiter } from '../../src/checker/limiter/adaptive-limiter.ts';
import { FixedLimiter } from '../../src/checker/limiter/limiter.ts';
import { ServiceModel } from './service-model.ts';

const auto = () => new AdaptiveLimiter({ min: 4, max: 256 });

describe('adaptive limiter against a modelled order service (injected clock)', () => {
  it('steady state: finds the knee of 32 workers at 20 ms and holds just above it', () => {
    const limiter = auto();
    const service = new ServiceModel(limiter, { workers: 32, queue: 64, serviceMs: 20, jitterMs: 5 });
    service.runUntil(30_000);
    const capacity = 32 / 20e-3;
    expect(service.throughput(2000, 30_000)).toBeGreaterThanOrEqual(0.9 * capacity);
    expect(service.meanRtt(2000, 30_000)).toBeLessThanOrEqual(1.3 * 20);
    expect(service.rejected(2000, 30_000)).toBe(0);
    const { max } = service.limitRange(2000, 30_000);
    expect(max).toBeLessThanOrEqual(32 + 12);
  });

  it('grows past 64 for a large service (200 workers)', () => {
    const limiter = auto();
    const service = new ServiceModel(limiter, { workers: 200, queue: 200, serviceMs: 20, jitterMs: 5 });
    service.runUntil(20_000);
    expect(service.throughput(2000, 20_000)).toBeGreaterThanOrEqual(0.9 * (200 / 20e-3));
    expect(service.meanRtt(2000, 20_000)).toBeLessThanOrEqual(1.3 * 20);
    expect(service.limitRange(2000, 20_000).min).toBeGreaterThan(64);
  });

  it('follows capacity that halves, then doubles, within 3 s each time', () => {
    const limiter = auto();
    const service = new ServiceModel(limiter, { workers: 32, queue: 64, serviceMs: 20, jitterMs: 5 });
    service.runUntil(10_000);
    service.setWorkers(16);
    service.runUntil(20_000);
    // From 3 s after the change: back at the new knee: no more in flight than 16 plus the allowance, and the service kept busy.
    expect(service.limitRange(13_000, 20_000).max).toBeLessThanOrEqual(16 + 8);
    expect(service.throughput(13_000, 20_000)).toBeGreaterThanOrEqual(0.9 * (16 / 20e-3));
    service.setWorkers(32);
    service.runUntil(30_000);
    expect(service.throughput(23_000, 30_000)).toBeGreaterThanOrEqual(0.9 * (32 / 20e-3));
    expect(service.meanRtt(23_000, 30_000)).toBeLessThanOrEqual(1.3 * 20);
  });

  it('backs off in a 429 storm, then climbs back instead of sitting at the minimum', () => {
    const limiter = auto();
    const service = new ServiceModel(limiter, { workers: 32, queue: 64, serviceMs: 20, jitterMs: 5 });
    service.runUntil(5_000);
    const before = limiter.limit;
    service.rejectShare = 0.3;
    service.runUntil(10_000);
    expect(service.limitRange(9_000, 10_000).max).toBeLessThan(before / 2);
    service.rejectShare = 0;
    service.runUntil(20_000);
    // Within 3 s of the storm's end the service is back at >= 90% of its capacity.
    expect(service.throughput(13_000, 20_000)).toBeGreaterThanOrEqual(0.9 * (32 / 20e-3));
    expect(service.limitRange(12_000, 20_000).min).toBeGreaterThan(4);
  });

  it('re-measures the no-load round trip: a slower service is not read as an ever longer queue', () => {
    const limiter = auto();
    const service = new ServiceModel(limiter, { workers: 32, queue: 64, serviceMs: 20, jitterMs: 5 });
    service.runUntil(10_000);
    service.serviceMs = 40;
    service.runUntil(25_000);
    // Same 32 workers, each slower: the knee is still 32, not the minimum.
    expect(service.throughput(18_000, 25_000)).toBeGreaterThanOrEqual(0.85 * (32 / 40e-3));
    expect(limiter.noLoadRttMs).toBeGreaterThan(35);
    // And back: a faster service is re-measured down, so the queue it would hide is seen again.
    service.serviceMs = 20;
    service.runUntil(40_000);
    expect(limiter.noLoadRttMs).toBeLessThan(25);
    expect(service.meanRtt(33_000, 40_000)).toBeLessThanOrEqual(1.3 * 20);
  });

  it('does not creep up under modest overload from other clients', () => {
    const limiter = auto();
    // Other clients keep 24 of the 32 workers' worth of requests at the service all the time.
    const service = new ServiceModel(limiter, {
      workers: 32,
      queue: 64,
      serviceMs: 20,
      jitterMs: 5,
      externalInFlight: 24,
    });
    service.runUntil(120_000);
    const early = service.limitRange(10_000, 40_000).max;
    const late = service.limitRange(40_000, 120_000).max;
    expect(late).toBeLessThanOrEqual(early + 2);
    expect(late).toBeLessThanOrEqual(24);
    expect(service.rejected(10_000, 120_000)).toBe(0);
  });

  it('says why the limit moved', () => {
    const limiter = auto();
    const service = new ServiceModel(limiter, { workers: 32, queue: 64, serviceMs: 20 });
    service.runUntil(15_000);
    const reasons = new Set(service.changes.map((c) => c.change.reason));
    expect(reasons).toContain('growing');
    expect(reasons).toContain('queueing');
    expect(reasons).toContain('probe');
    expect(reasons).toContain('probe-done');
    for (const { change } of service.changes) expect(change.limit).not.toBe(change.previous);
  });

  it('never leaves its bounds', () => {
    const limiter = new AdaptiveLimiter({ min: 8, max: 20 });
    const service = new ServiceModel(limiter, { workers: 100, queue: 0, serviceMs: 20 });
    service.runUntil(5_000);
    expect(service.limitRange(0, 5_000)).toEqual({ min: 8, max: 20 });
    service.rejectShare = 0.9;
    service.runUntil(10_000);
    expect(service.limitRange(5_000, 10_000).min).toBe(8);
  });

  it('a pinned limit never moves', () => {
    const service = new ServiceModel(new FixedLimiter(16), { workers: 8, queue: 100, serviceMs: 20 });
    service.runUntil(5_000);
    expect(service.limitRange(0, 5_000)).toEqual({ min: 16, max: 16 });
    expect(service.changes).toEqual([]);
  });
});
