import type { ConcurrencyLimiter, LimitChange, LimitReason, RequestSample } from './limiter.ts';

export interface AdaptiveLimiterOptions {
  /** The limit never goes below this. */
  readonly min: number;
  /** The limit never goes above this. */
  readonly max: number;
  /** Where the limit starts. @default min */
  readonly initial?: number;
  /** Shortest sampling window, in ms. @default 100 */
  readonly minWindowMs?: number;
  /** A window also lasts at least this many no-load round trips. @default 4 */
  readonly windowRtts?: number;
  /** A window closes only once it holds this many samples. @default 10 */
  readonly minSamples?: number;
  /** The no-load round trip is re-measured this often, in ms. @default 10000 */
  readonly probeIntervalMs?: number;
  /** Share of 429/503/timeouts in a window below which they are noise, not overload. @default 0.02 */
  readonly dropTolerance?: number;
}

interface Window {
  start: number;
  answered: number;
  rttSum: number;
  inFlightSum: number;
  inFlightMax: number;
  drops: number;
  worstDrop: 'rate-limited' | 'unavailable' | 'timeout' | undefined;
}

type Phase =
  | { readonly kind: 'normal' }
  /** Limit lowered; waiting one window for the service's queue to drain. */
  | { readonly kind: 'draining'; readonly restore: number; readonly probeLimit: number }
  /** Measuring the no-load round trip with only requests sent under the lowered limit. */
  | { readonly kind: 'measuring'; readonly restore: number; readonly probeLimit: number };

/**
 * `CHECK_CONCURRENCY=auto`: finds the order service's knee (the most requests it works on at once
 * before they start to queue) and keeps the limit just above it, following it when it moves.
 *
 * Model. The service has K workers: up to K requests in flight, each takes the no-load round trip
 * `base`; beyond K they queue and every round trip grows (Little's law: rtt = base * inFlight / K).
 * So from one window of samples, with `used` the mean in-flight at send and `rtt` the mean round trip,
 * the knee is K = used * base / rtt (brpc's peak throughput * no-load latency) and the requests
 * waiting in its queue are q = used - K (Vegas' L * (1 - minRTT/rtt)).
 *
 * Each window (at least `minWindowMs`, `windowRtts` round trips and `minSamples` samples; closed by
 * the sample that ends it, so the class needs no timer):
 * - more than `dropTolerance` of the window's requests were refused (429/503) or timed out: the
 *   service says it is over capacity whatever the latency says; cut the limit by half the drop share
 *   (at most halve it). A 30% storm cuts 15% a window: the limit backs off steadily, not to the
 *   floor in one step, and the cuts stop as soon as the storm does.
 * - q above the allowance h = sqrt(K) (Envoy's and Gradient2's queue allowance, a few requests
 *   waiting so a worker never idles between two of ours): set the limit to K + h in one step (at
 *   most halve it). `sqrt` keeps the extra wait at most 1/sqrt(K) of a service time (18% at K = 32).
 * - q below h/2 and the window used the limit (an app-limited window says nothing about capacity):
 *   grow. Below the last knee seen (`ssthresh`, as TCP's slow start) double; past it, add h/2 a
 *   window. After a storm the limit thus climbs back to the old knee in a few windows, instead of
 *   sitting at the minimum and creeping up one by one.
 * - otherwise hold: the limit sits between K + h/2 and K + h.
 *
 * The no-load round trip. Between probes `base` is the lowest window mean seen (never a single
 * sample: with a jittery service the fastest sample is below the mean and would read as a queue).
 * A minimum only ratchets down, and one measured under load only up, so Gradient2's drift and the
 * creep under modest overload (Netflix/concurrency-limits #88, #134) come from trusting it forever.
 * So every `probeIntervalMs`, as Envoy's gradient controller and brpc do, the limit dips to half the
 * knee for two windows: the first lets the service's queue drain, the second measures `base` afresh
 * from requests sent under the dip only. It is also re-measured early when three windows in a row
 * saw a queue (a service that got slower, not busier, would otherwise be read as ever more queued)
 * and after five windows at the floor (Envoy's rule). A dip costs about one window of half
 * throughput per interval (0.5% at the defaults); it sends nothing more, so it cannot cause errors.
 *
 * Timeouts are drops, never round trips: a service that answers every request at the timeout has a
 * constant latency and would otherwise read as healthy (Netflix/concurrency-limits #137).
 */
export class AdaptiveLimiter implements ConcurrencyLimiter {
  private value: number;
  private lastReason: LimitReason = 'start';
  private readonly options: Required<AdaptiveLimiterOptions>;
  private window: Window | undefined;
  private phase: Phase = { kind: 'normal' };
  /** No-load round trip (ms), once measured. */
  private base: number | undefined;
  /** The highest limit to double up to: the last knee seen (the ceiling until one is seen). */
  private ssthresh: number;
  private nextProbeAt: number | undefined;
  private queueingStreak = 0;
  private floorStreak = 0;
  /** The knee estimated from the last window. */
  private knee: number | undefined;

  constructor(options: AdaptiveLimiterOptions) {
    this.options = {
      initial: options.min,
      minWindowMs: 100,
      windowRtts: 4,
      minSamples: 10,
      probeIntervalMs: 10_000,
      dropTolerance: 0.02,
      ...options,
    };
    this.value = clamp(this.options.initial, options.min, options.max);
    this.ssthresh = options.max;
  }

  get limit(): number {
    return Math.max(1, Math.floor(this.value));
  }

  get reason(): LimitReason {
    return this.lastReason;
  }

  /** The no-load round trip in force (ms), for tests and diagnostics. */
  get noLoadRttMs(): number | undefined {
    return this.base;
  }

  onSample(sample: RequestSample, now: number): LimitChange | undefined {
    if (sample.outcome === 'ignored') return undefined;
    const w = (this.window ??= emptyWindow(now));
    if (sample.outcome === 'answered') {
      // While measuring, only requests sent under the dip say what an unloaded service answers in.
      if (this.phase.kind === 'measuring' && sample.inFlight > this.phase.probeLimit) return undefined;
      w.answered++;
      w.rttSum += sample.rttMs;
      w.inFlightSum += sample.inFlight;
      if (sample.inFlight > w.inFlightMax) w.inFlightMax = sample.inFlight;
    } else {
      w.drops++;
      w.worstDrop ??= sample.outcome;
    }
    const o = this.options;
    const length = Math.max(o.minWindowMs, o.windowRtts * (this.base ?? 0));
    if (now - w.start < length || w.answered + w.drops < o.minSamples) return undefined;
    this.window = emptyWindow(now);
    return this.closeWindow(w, now);
  }

  private closeWindow(w: Window, now: number): LimitChange | undefined {
    const o = this.options;
    const phase = this.phase;
    if (phase.kind === 'draining') {
      this.phase = { kind: 'measuring', restore: phase.restore, probeLimit: phase.probeLimit };
      return undefined;
    }
    if (phase.kind === 'measuring') {
      if (w.answered === 0) return undefined; // keep measuring
      this.base = w.rttSum / w.answered;
      this.phase = { kind: 'normal' };
      this.nextProbeAt = now + o.probeIntervalMs;
      this.queueingStreak = 0;
      this.floorStreak = 0;
      return this.set(phase.restore, 'probe-done');
    }

    const total = w.answered + w.drops;
    const dropShare = w.drops / total;
    if (dropShare > o.dropTolerance && w.worstDrop !== undefined) {
      this.queueingStreak = 0;
      return this.afterWindow(now, this.set(this.value * (1 - Math.min(0.5, dropShare / 2)), w.worstDrop));
    }
    if (w.answered === 0) return undefined;

    const rtt = w.rttSum / w.answered;
    if (this.base === undefined || rtt < this.base) this.base = rtt;
    this.nextProbeAt ??= now + o.probeIntervalMs;
    const used = w.inFlightSum / w.answered;
    const knee = (used * this.base) / rtt;
    this.knee = knee;
    const queued = used - knee;
    const allowance = Math.max(1, Math.sqrt(knee));

    let change: LimitChange | undefined;
    if (queued > allowance) {
      this.queueingStreak++;
      this.ssthresh = Math.max(o.min, knee);
      change = this.set(Math.max(knee + allowance, this.value / 2), 'queueing');
    } else {
      this.queueingStreak = 0;
      const saturated = w.inFlightMax >= Math.floor(this.limit * 0.9);
      if (queued < allowance / 2 && saturated) {
        const next = this.value < this.ssthresh ? Math.min(this.ssthresh, this.value * 2) : this.value + allowance / 2;
        change = this.set(Math.max(next, this.value + 1), 'growing');
      }
    }
    return this.afterWindow(now, change);
  }

  /** Starts a re-measurement of the no-load round trip when one is due. */
  private afterWindow(now: number, change: LimitChange | undefined): LimitChange | undefined {
    this.floorStreak = this.limit <= this.options.min ? this.floorStreak + 1 : 0;
    const due =
      (this.nextProbeAt !== undefined && now >= this.nextProbeAt) || this.queueingStreak >= 3 || this.floorStreak >= 5;
    if (!due || this.base === undefined) return change;
    const restore = this.value;
    const probeLimit = Math.max(this.options.min, Math.floor(Math.min(this.value, this.knee ?? this.value) / 2));
    this.phase = { kind: 'draining', restore, probeLimit };
    this.queueingStreak = 0;
    this.floorStreak = 0;
    const previous = change?.previous ?? this.limit;
    const dip = this.set(probeLimit, 'probe');
    return dip === undefined ? change : { ...dip, previous };
  }

  private set(next: number, reason: LimitReason): LimitChange | undefined {
    const previous = this.limit;
    this.value = clamp(next, this.options.min, this.options.max);
    if (this.limit === previous) return undefined;
    this.lastReason = reason;
    return { limit: this.limit, previous, reason };
  }
}

function emptyWindow(start: number): Window {
  return { start, answered: 0, rttSum: 0, inFlightSum: 0, inFlightMax: 0, drops: 0, worstDrop: undefined };
}

function clamp(v: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, v));
}
