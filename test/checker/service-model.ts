import type { ConcurrencyLimiter, LimitChange } from '../../src/checker/index.ts';
import { LoopDelay } from '../../src/checker/limiter/loop-delay.ts';
import { mulberry32 } from '../../src/simulator/index.ts';

/**
 * An order service in simulated time, as the simulator's capacity model has it (workers, a queue,
 * service time with jitter, 429 when the queue is full), driven by a limiter in a closed loop with
 * endless demand. Pure arithmetic on a fake clock: a minute of traffic runs in milliseconds, and the
 * limiter under test sees exactly the samples the checker would give it.
 */
export interface ModelOptions {
  workers: number;
  queue: number;
  serviceMs: number;
  jitterMs?: number;
  /** Mean of an exponential delay added to each round trip on the client's side (a busy event loop). */
  clientLagMs?: number;
  /**
   * The client's event loop is blocked for `forMs` of every `everyMs` from `fromMs` on (a busy
   * neighbour on the same cores): answers that arrive meanwhile are read when it ends.
   */
  loopStalls?: { fromMs: number; everyMs: number; forMs: number };
  /** Measure the client's loop with a 2 ms timer (LoopDelay) and hand its delay to the limiter, as the checker does. */
  measureLoop?: boolean;
  /** Requests other clients keep at the service at all times (they take workers and queue places). */
  externalInFlight?: number;
  seed?: number;
}

interface Request {
  readonly sentAt: number;
  readonly inFlight: number;
  readonly external: boolean;
}

interface Event {
  readonly at: number;
  readonly request: Request;
  readonly outcome: 'answered' | 'rate-limited';
  /** Set once the client-side lag has been added (only with `clientLagMs`). */
  readonly lagged?: boolean;
}

export interface Second {
  /** Answered requests of ours in this second. */
  answered: number;
  rejected: number;
  rttSum: number;
  limitMax: number;
  limitMin: number;
}

export class ServiceModel {
  now = 0;
  /** Per simulated second, what happened to our requests. */
  readonly seconds: Second[] = [];
  readonly changes: { at: number; change: LimitChange }[] = [];
  workers: number;
  queue: number;
  serviceMs: number;
  jitterMs: number;
  /** Share of requests answered 429 at once, whatever the load (a storm). */
  rejectShare = 0;
  private busy = 0;
  private readonly waiting: Request[] = [];
  private readonly events: Event[] = [];
  private inFlight = 0;
  private readonly rng: () => number;
  private readonly clientLagMs: number;
  private readonly stalls: ModelOptions['loopStalls'];
  private readonly loop: LoopDelay | undefined;
  private nextTickDue = 2;

  constructor(
    private readonly limiter: ConcurrencyLimiter,
    options: ModelOptions,
  ) {
    this.workers = options.workers;
    this.queue = options.queue;
    this.serviceMs = options.serviceMs;
    this.jitterMs = options.jitterMs ?? 0;
    this.rng = mulberry32(options.seed ?? 7);
    this.clientLagMs = options.clientLagMs ?? 0;
    this.stalls = options.loopStalls;
    this.loop = options.measureLoop ? new LoopDelay() : undefined;
    for (let i = 0; i < (options.externalInFlight ?? 0); i++) this.arrive({ sentAt: 0, inFlight: 0, external: true });
    this.fill();
  }

  /** Changes the capacity now (more workers take queued requests at once). */
  setWorkers(workers: number): void {
    this.workers = workers;
    while (this.busy < this.workers && this.waiting.length > 0) this.startWork(this.waiting.shift()!);
  }

  /** Runs until `until` ms of simulated time. */
  runUntil(until: number): void {
    while (this.events.length > 0 && this.events[0]!.at <= until) {
      const event = this.events.shift()!;
      this.now = event.at;
      this.complete(event);
    }
    this.now = until;
  }

  /** Our answered requests per second over [fromMs, toMs). */
  throughput(fromMs: number, toMs: number): number {
    let answered = 0;
    for (let s = Math.floor(fromMs / 1000); s < Math.floor(toMs / 1000); s++)
      answered += this.seconds[s]?.answered ?? 0;
    return (answered * 1000) / (toMs - fromMs);
  }

  meanRtt(fromMs: number, toMs: number): number {
    let answered = 0;
    let sum = 0;
    for (let s = Math.floor(fromMs / 1000); s < Math.floor(toMs / 1000); s++) {
      answered += this.seconds[s]?.answered ?? 0;
      sum += this.seconds[s]?.rttSum ?? 0;
    }
    return sum / answered;
  }

  rejected(fromMs: number, toMs: number): number {
    let n = 0;
    for (let s = Math.floor(fromMs / 1000); s < Math.floor(toMs / 1000); s++) n += this.seconds[s]?.rejected ?? 0;
    return n;
  }

  /** Highest and lowest limit in force over [fromMs, toMs). */
  limitRange(fromMs: number, toMs: number): { min: number; max: number } {
    let min = Infinity;
    let max = 0;
    for (let s = Math.floor(fromMs / 1000); s < Math.floor(toMs / 1000); s++) {
      const second = this.seconds[s];
      if (!second) continue;
      min = Math.min(min, second.limitMin);
      max = Math.max(max, second.limitMax);
    }
    return { min, max };
  }

  private second(): Second {
    const s = Math.floor(this.now / 1000);
    const limit = this.limiter.limit;
    return (this.seconds[s] ??= { answered: 0, rejected: 0, rttSum: 0, limitMax: limit, limitMin: limit });
  }

  private fill(): void {
    while (this.inFlight < this.limiter.limit) {
      this.inFlight++;
      this.arrive({ sentAt: this.now, inFlight: this.inFlight, external: false });
    }
    const second = this.second();
    second.limitMax = Math.max(second.limitMax, this.limiter.limit);
    second.limitMin = Math.min(second.limitMin, this.limiter.limit);
  }

  private arrive(request: Request): void {
    if (!request.external && this.rejectShare > 0 && this.rng() < this.rejectShare)
      return this.schedule({ at: this.now + 0.5, request, outcome: 'rate-limited', lagged: false });
    if (this.busy < this.workers) return this.startWork(request);
    if (this.waiting.length < this.queue) return void this.waiting.push(request);
    this.schedule({ at: this.now + 0.5, request, outcome: 'rate-limited', lagged: false });
  }

  private startWork(request: Request): void {
    this.busy++;
    const ms = Math.max(0.1, this.serviceMs + (this.rng() * 2 - 1) * this.jitterMs);
    this.schedule({ at: this.now + ms, request, outcome: 'answered', lagged: false });
  }

  private schedule(event: Event): void {
    let i = this.events.length;
    while (i > 0 && this.events[i - 1]!.at > event.at) i--;
    this.events.splice(i, 0, event);
  }

  private complete(event: Event): void {
    const { request, outcome } = event;
    if (event.lagged === false && !request.external) {
      // The service is done (its worker is free); the client reads the answer only after its lag.
      const lag = this.clientLagMs > 0 ? -Math.log(1 - this.rng()) * this.clientLagMs : 0;
      const readAt = this.afterStall(this.now + lag);
      if (readAt > this.now) {
        if (outcome === 'answered') this.release();
        return this.schedule({ at: readAt, request, outcome, lagged: true });
      }
    }
    if (outcome === 'answered' && !event.lagged) this.release();
    this.deliver(request, outcome);
  }

  private release(): void {
    this.busy--;
    // A worker that is over the (possibly reduced) capacity retires instead of taking the next one.
    if (this.busy < this.workers) {
      const next = this.waiting.shift();
      if (next) this.startWork(next);
    }
  }

  /** When the client's loop is free at or after `t`. */
  private afterStall(t: number): number {
    const s = this.stalls;
    if (!s || t < s.fromMs) return t;
    const phase = (t - s.fromMs) % s.everyMs;
    return phase < s.forMs ? t - phase + s.forMs : t;
  }

  /** The 2 ms timer's ticks up to now (one due in a stall runs when it ends), then the delay since `from`. */
  private loopDelaySince(from: number): number {
    if (!this.loop) return 0;
    while (this.nextTickDue <= this.now) {
      const ranAt = this.afterStall(this.nextTickDue);
      if (ranAt > this.now) break;
      this.loop.tick(this.nextTickDue, ranAt);
      this.nextTickDue = ranAt + 2;
    }
    return this.loop.waitOf(from, this.now, this.nextTickDue);
  }

  private deliver(request: Request, outcome: Event['outcome']): void {
    if (request.external) {
      this.arrive({ sentAt: this.now, inFlight: 0, external: true });
      return;
    }
    this.inFlight--;
    const rttMs = this.now - request.sentAt;
    const second = this.second();
    if (outcome === 'answered') {
      second.answered++;
      second.rttSum += rttMs;
    } else second.rejected++;
    const loopDelayMs = this.loopDelaySince(request.sentAt);
    const sample = { outcome, rttMs, loopDelayMs, inFlight: request.inFlight, size: 1 };
    const change = this.limiter.onSample(sample, this.now);
    if (change) this.changes.push({ at: this.now, change });
    this.fill();
  }
}
