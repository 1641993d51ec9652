import type { LearnedLimit } from './learned-limit.ts';
import type { ConcurrencyLimiter, LimitChange, LimitReason, RequestSample } from './limiter.ts';
import { RampUp } from './ramp-up.ts';

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

/** Why the ramp-up ended. */
type RampEnd =
  /** Round trips rose: the knee the rising answers show. */
  | { readonly kind: 'queueing'; readonly knee: number }
  /** A 429 or 503, for a request sent with `inFlight` out. */
  | { readonly kind: 'refused'; readonly inFlight: number; readonly reason: 'rate-limited' | 'unavailable' }
  /**
   * Hand over with the limit where it is: it reached its ceiling, or a request timed out (its in-flight
   * count is a timeout old, too old to go by: the drop rule judges).
   */
  | { readonly kind: 'as-is' };

type Phase =
  /** From the start until the first sign of queueing (see RampUp). */
  | { readonly kind: 'ramp'; readonly ramp: RampUp }
  | { readonly kind: 'normal' }
  /** Limit lowered; waiting one window for the service's queue to drain. */
  | { readonly kind: 'draining'; readonly restore: number; readonly cut: number; readonly probeLimit: number }
  /** Measuring the no-load round trip with only requests sent under the lowered limit. */
  | { readonly kind: 'measuring'; readonly restore: number; readonly cut: number; readonly probeLimit: number };

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
 * Start. A new limiter ramps up (ramp-up.ts): the limit doubles every round trip, as TCP's slow start,
 * while the fastest round trips stay at their floor, so a fresh instance reaches a knee of 200 in about
 * six round trips instead of six windows. The first rise of the floor hands over to the gradient rule
 * below, the limit set at once to the knee the ramp saw; a refused request hands over with the limit
 * halved from what was in flight (TCP's loss in slow start), the ceiling with it left where it is. An
 * instance that knows the limit last learned for the service (`resume`) skips the ramp.
 *
 * Round trips are the service's: each sample's `loopDelayMs` (how long its reply waited for this
 * process's own event loop, loop-delay.ts) is taken off, so a busy process is not read as a queue at the service.
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
 *   grow. Below the last knee seen (`ssthresh`, as TCP's slow start) double; below the limit the last
 *   queueing cut came from, go half the way back (CUBIC); past both, add h/2 a window. After a storm or
 *   a cut that answered noise, the limit thus climbs back in a few windows, instead of sitting low and
 *   creeping up by h/2.
 * - otherwise hold: the limit sits between K + h/2 and K + h.
 *
 * The no-load round trip. Between probes `base` only goes down, and only when five windows in a row
 * were all faster (never on a single sample or window: with a jittery service, or a client whose own
 * event loop lags, the luckiest one is below the mean and everything after it would read as a queue).
 * A minimum only ratchets down, and one measured under load only up, so Gradient2's drift and the
 * creep under modest overload (Netflix/concurrency-limits #88, #134) come from trusting it forever.
 * So every `probeIntervalMs`, as Envoy's gradient controller and brpc do, the limit dips to half the
 * knee for two windows: the first lets the service's queue drain, the second measures `base` afresh
 * from requests sent under the dip only. It is also re-measured early when three windows in a row
 * saw a queue, unless it was measured less than a quarter interval before (a service that got slower,
 * not busier, would otherwise be read as ever more queued; the limit then resumes from before those
 * cuts), and after five windows at the floor (Envoy's rule). A dip costs about one window of half
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
  private phase: Phase;
  /** No sample seen yet: a learned starting point may still replace the ramp. */
  private fresh = true;
  /** No-load round trip (ms), once measured. */
  private base: number | undefined;
  /** When `base` was last measured with nothing queued (the ramp's end, a probe); never for a learned one. */
  private baseMeasuredAt = -Infinity;
  /** The highest limit to double up to: the last knee seen (the ceiling until one is seen). */
  private ssthresh: number;
  /** The limit the last streak of queueing cuts began from (CUBIC's W_max): growth goes back to it quickly. */
  private lastMax = 0;
  private nextProbeAt: number | undefined;
  private queueingStreak = 0;
  /** The limit before the current streak of queueing cuts began. */
  private beforeStreak = 0;
  private floorStreak = 0;
  /** Mean round trips of the last few windows, to lower `base` only on sustained evidence. */
  private readonly recentRtts: number[] = [];
  /** The knee estimated from the last window. */
  private knee: number | undefined;
  /** The fastest round trip seen as measured, before any correction: no answer took the service less. */
  private fastest = Infinity;

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
    this.phase = { kind: 'ramp', ramp: new RampUp(-Infinity) };
  }

  /**
   * Starts from what an earlier instance learned for the same service instead of ramping up: its limit
   * (clamped to this one's bounds) and no-load round trip. Only before the first sample; false after.
   */
  resume(learned: LearnedLimit): boolean {
    if (!this.fresh || !(learned.limit > 0) || !(learned.noLoadRttMs > 0)) return false;
    this.value = clamp(learned.limit, this.options.min, this.options.max);
    this.base = learned.noLoadRttMs;
    this.phase = { kind: 'normal' };
    return true;
  }

  /**
   * What to remember for the next instance: the limit outside probes and the no-load round trip.
   * Undefined until the ramp-up ended and the round trip was measured.
   */
  get learned(): LearnedLimit | undefined {
    const phase = this.phase;
    if (phase.kind === 'ramp' || this.base === undefined) return undefined;
    const limit = phase.kind === 'normal' ? this.limit : Math.max(1, Math.floor(phase.cut)); // not the dip
    return { limit, noLoadRttMs: this.base };
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
    this.fresh = false;
    if (sample.outcome === 'answered' && sample.rttMs < this.fastest) this.fastest = sample.rttMs;
    const rtt = this.serviceRtt(sample);
    if (this.phase.kind === 'ramp') return this.rampUp(this.phase.ramp, sample, rtt, now);
    const w = (this.window ??= emptyWindow(now));
    if (sample.outcome === 'answered') {
      // While measuring, only requests sent under the dip say what an unloaded service answers in.
      if (this.phase.kind === 'measuring' && sample.inFlight > this.phase.probeLimit) return undefined;
      w.answered++;
      w.rttSum += rtt;
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

  private rampUp(ramp: RampUp, sample: RequestSample, rtt: number, now: number): LimitChange | undefined {
    const outcome = sample.outcome;
    // A timeout's in-flight count is from `timeoutMs` ago, when the limit may have been a fraction of
    // today's: it ends the ramp and leaves the cut to the drop rule.
    if (outcome === 'timeout') return this.endRamp(ramp, now, { kind: 'as-is' });
    if (outcome === 'rate-limited' || outcome === 'unavailable') {
      return this.endRamp(ramp, now, { kind: 'refused', inFlight: sample.inFlight, reason: outcome });
    }
    const step = ramp.onAnswer(rtt, now - sample.rttMs, sample.inFlight, this.value, now);
    if (step?.kind === 'queueing') return this.endRamp(ramp, now, step);
    const change = step ? this.set(this.value + step.by, 'ramp-up') : undefined;
    if (this.value >= this.options.max) this.endRamp(ramp, now, { kind: 'as-is' });
    return change;
  }

  /** Hands over to the gradient rule, with the limit the ramp's end calls for. */
  private endRamp(ramp: RampUp, now: number, end: RampEnd): LimitChange | undefined {
    this.base = ramp.noLoadRtt(this.value); // undefined when refused before any answer: the first window measures it
    this.baseMeasuredAt = now;
    this.phase = { kind: 'normal' };
    this.window = emptyWindow(now);
    this.nextProbeAt = now + this.options.probeIntervalMs;
    switch (end.kind) {
      case 'as-is':
        return undefined;
      case 'queueing':
        // The knee the ramp saw, at once.
        this.knee = end.knee;
        return this.set(Math.max(end.knee + Math.max(1, Math.sqrt(end.knee)), this.value / 2), 'queueing');
      case 'refused': {
        // The service holds fewer than were in flight, queue included: halve (TCP's answer to a loss in
        // slow start) at once rather than after a window of refusals (a fast service with a short queue
        // refuses thousands in one). Then as after a queueing cut: double no further than here, go half
        // the way back to where it refused each clear window; the drop rule judges further refusals.
        const limit = Math.min(this.value, end.inFlight / 2);
        this.ssthresh = Math.max(this.options.min, limit);
        this.lastMax = end.inFlight;
        return this.set(limit, end.reason);
      }
    }
  }

  private closeWindow(w: Window, now: number): LimitChange | undefined {
    const o = this.options;
    const phase = this.phase;
    if (phase.kind === 'draining') {
      this.phase = { ...phase, kind: 'measuring' };
      return undefined;
    }
    if (phase.kind === 'measuring') {
      if (w.answered === 0) return undefined; // keep measuring
      const before = this.base;
      this.base = w.rttSum / w.answered;
      this.baseMeasuredAt = now;
      // Back to where the streak began only if the service did get slower; otherwise the cuts were
      // right (a limit far above the knee, e.g. a learned one the service no longer has, takes several).
      const slower = before === undefined || this.base > before * SLOWER;
      this.phase = { kind: 'normal' };
      this.nextProbeAt = now + o.probeIntervalMs;
      this.queueingStreak = 0;
      this.floorStreak = 0;
      this.recentRtts.length = 0;
      // Not slower: the cuts were right, and the limit before them is no place to go back to.
      if (!slower) this.lastMax = 0;
      return this.set(slower ? phase.restore : phase.cut, 'probe-done');
    }

    const total = w.answered + w.drops;
    const dropShare = w.drops / total;
    if (dropShare > o.dropTolerance && w.worstDrop !== undefined) {
      this.queueingStreak = 0;
      return this.afterWindow(now, this.set(this.value * (1 - Math.min(0.5, dropShare / 2)), w.worstDrop));
    }
    if (w.answered === 0) return undefined;

    const rtt = w.rttSum / w.answered;
    this.recentRtts.push(rtt);
    if (this.recentRtts.length > RECENT_WINDOWS) this.recentRtts.shift();
    // One quick window (a lull in the client's own scheduling noise) must not become the baseline:
    // lower it only when a run of windows were all faster.
    const sustained = this.recentRtts.length === RECENT_WINDOWS ? Math.max(...this.recentRtts) : Infinity;
    if (this.base === undefined) this.base = rtt;
    else if (sustained < this.base) this.base = sustained;
    this.nextProbeAt ??= now + o.probeIntervalMs;
    const used = w.inFlightSum / w.answered;
    const knee = (used * this.base) / rtt;
    this.knee = knee;
    const queued = used - knee;
    const allowance = Math.max(1, Math.sqrt(knee));

    let change: LimitChange | undefined;
    if (queued > allowance) {
      if (this.queueingStreak++ === 0) this.beforeStreak = this.value;
      this.ssthresh = Math.max(o.min, knee);
      // Where the streak of cuts began: a burst of noise cuts several windows in a row, each from
      // where the last left it, and the way back is to before the first.
      this.lastMax = this.beforeStreak;
      change = this.set(Math.max(knee + allowance, this.value / 2), 'queueing');
    } else {
      this.queueingStreak = 0;
      const saturated = w.inFlightMax >= Math.floor(this.limit * 0.9);
      if (queued < allowance / 2 && saturated) {
        change = this.set(Math.max(this.grown(allowance), this.value + 1), 'growing');
      }
    }
    return this.afterWindow(now, change);
  }

  /**
   * The next limit after a window that used the limit and met no queue. Below the last knee seen
   * (`ssthresh`) it doubles. Below the limit the last queueing cut came from, it goes half the way back
   * at once (CUBIC's return to W_max): the cut may have answered a moment's noise (a GC pause here or at
   * the service, another process on the cores), and this window just said there is room; if the queue
   * was real, it shows again before the old limit is reached. Past both, it probes by h/2 a window.
   */
  private grown(allowance: number): number {
    if (this.value < this.ssthresh) return Math.min(this.ssthresh, this.value * 2);
    if (this.value < this.lastMax) return this.value + Math.max(allowance / 2, (this.lastMax - this.value) / 2);
    return this.value + allowance / 2;
  }

  /** Starts a re-measurement of the no-load round trip when one is due. */
  private afterWindow(now: number, change: LimitChange | undefined): LimitChange | undefined {
    this.floorStreak = this.limit <= this.options.min ? this.floorStreak + 1 : 0;
    // A streak right after the round trip was measured says the load is high, not that the service got
    // slower since (at 9,000 requests a second our own and the service's process add a few ms a round
    // trip); re-measuring then costs two windows at half the limit for nothing.
    const suspect = this.queueingStreak >= STREAK && now - this.baseMeasuredAt >= this.options.probeIntervalMs / 4;
    const due = (this.nextProbeAt !== undefined && now >= this.nextProbeAt) || suspect || this.floorStreak >= 5;
    if (!due || this.base === undefined) return change;
    // After a streak of cuts that did not empty the queue, the baseline is suspect, not the limit:
    // re-measure, then resume from where the streak began if the service got slower.
    const restore = suspect ? Math.max(this.value, this.beforeStreak) : this.value;
    const probeLimit = Math.max(this.options.min, Math.floor(Math.min(this.value, this.knee ?? this.value) / 2));
    this.phase = { kind: 'draining', restore, cut: this.value, probeLimit };
    this.queueingStreak = 0;
    this.floorStreak = 0;
    const previous = change?.previous ?? this.limit;
    const dip = this.set(probeLimit, 'probe');
    return dip === undefined ? change : { ...dip, previous };
  }

  /**
   * The round trip as the service took it: the reply's wait for this process's own loop taken off. That
   * wait is an estimate (loop-delay.ts: half of the stall the reply was read after), so the result is
   * never taken below the fastest round trip measured: a low outlier would become the ramp's floor or
   * the no-load round trip, and every later answer would read as queued.
   */
  private serviceRtt(sample: RequestSample): number {
    return Math.max(sample.rttMs - (sample.loopDelayMs ?? 0), Math.min(sample.rttMs, this.fastest));
  }

  private set(next: number, reason: LimitReason): LimitChange | undefined {
    const previous = this.limit;
    this.value = clamp(next, this.options.min, this.options.max);
    if (this.limit === previous) return undefined;
    this.lastReason = reason;
    return { limit: this.limit, previous, reason };
  }
}

/** Windows of evidence needed to lower the no-load round trip between probes. */
const RECENT_WINDOWS = 5;
/** A re-measured no-load round trip this much above the last says the service got slower. */
const SLOWER = 1.1;
/** Queueing cuts in a row that make the no-load round trip suspect. */
const STREAK = 3;

function emptyWindow(start: number): Window {
  return { start, answered: 0, rttSum: 0, inFlightSum: 0, inFlightMax: 0, drops: 0, worstDrop: undefined };
}

function clamp(v: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, v));
}
