/** What one answered request during the ramp-up says. */
export type RampStep =
  | { readonly kind: 'grow'; readonly by: number }
  /** The first sign of queueing: the knee the round that showed it estimates. */
  | { readonly kind: 'queueing'; readonly knee: number }
  | undefined;

interface Round {
  /** When it began (ms): requests sent from then on belong to it. */
  readonly start: number;
  min: number;
  count: number;
  rttSum: number;
  inFlightSum: number;
}

/**
 * The adaptive limiter's start: TCP's slow start with HyStart++'s exit (RFC 9406), on round trips
 * instead of packets. Pure: time comes in with each answer.
 *
 * - Growth. Each answer to a request sent while at least a third of the limit was out (the limit was
 *   in use, not an idle search's) that met no queue to speak of (within 1.5x the no-load round trip)
 *   earns one more slot, so the limit doubles each round trip. Earned slots
 *   are granted once they reach a quarter of the limit: a doubling is four moves, not one per answer.
 * - Exit. Requests are grouped in rounds (a round ends when the first request sent in it comes back).
 *   Once the current round holds `ROUND_SAMPLES` answers (and a quarter as many as the last round held),
 *   a round minimum above the floor (the lowest earlier round minimum) by an eighth of the no-load
 *   round trip (at least 4 ms, at most 16: HyStart++'s bounds) is the first sign of queueing: below
 *   the knee every round has requests that met no queue, so its fastest answer stays at the floor;
 *   past it every request waits. A minimum, not a mean: jitter moves means, not floors. A few answers
 *   can still all be slow by chance (one round in sixty, with 8 answers of 20±5 ms; more on a busy
 *   machine), and so can a round slowed by something passing (a burst of new connections), so a sign
 *   stops the growth and the first `CONFIRM_SAMPLES` answers to requests sent after it decide (a round
 *   trip later): their minimum still above the floor, the ramp ends; back at it, the ramp goes on
 *   (HyStart++'s conservative phase, holding instead of growing slowly).
 * - The no-load round trip, for the gradient rule that takes over: the median round trip of requests sent
 *   with at most a quarter of the final limit out (the ramp doubles per round trip, so the knee lies
 *   above half of where it stopped), kept by powers of two of the in-flight count.
 */
export class RampUp {
  private round: Round;
  /** The lowest round minimum so far. */
  private floor: number | undefined;
  private lastRoundCount = 0;
  /** Answers to requests sent since a sign of queueing, while they decide whether it was one (no growth meanwhile). */
  private suspect: Round | undefined;
  private credit = 0;
  /** Round trips by in-flight at send: bucket b holds in-flight counts in [2^b, 2^(b+1)). */
  private readonly byInFlight: Bucket[] = [];

  constructor(now: number) {
    this.round = newRound(now);
  }

  /**
   * Feeds one answered request: `rttMs` as the service took it (the process's own delay taken off),
   * `sentAt` when it left, `inFlight` when it was sent, `limit` the limit now.
   */
  onAnswer(rttMs: number, sentAt: number, inFlight: number, limit: number, now: number): RampStep {
    if (sentAt >= this.round.start) {
      const ended = this.round;
      this.round = newRound(now);
      if (ended.count > 0) {
        this.floor = Math.min(this.floor ?? Infinity, ended.min);
        this.lastRoundCount = ended.count;
      }
    }
    add(this.round, rttMs, inFlight);
    const b = Math.floor(Math.log2(Math.max(1, inFlight)));
    const bucket = (this.byInFlight[b] ??= { sum: 0, count: 0, rtts: [] });
    bucket.sum += rttMs;
    // The median needs a sample, not every answer: a ramp whose limit is never in use never ends.
    bucket.rtts[bucket.count % KEPT_PER_BUCKET] = rttMs;
    bucket.count++;

    const base = mean(this.unloaded(limit)); // this answer is in it
    const s = this.suspect;
    if (s && now > s.start + UNDECIDED_RTTS * base) {
      // Undecided for long (traffic stopped, or the limit fell out of use): answers much later, at
      // another load, would decide it wrongly. Drop it and go on growing.
      this.suspect = undefined;
    } else if (s) {
      // Only requests sent since the sign, with the limit in use, say whether it lasts: at 150 in
      // flight, the next 16 answers come within 2 ms and share whatever slowed the ones before (a burst
      // of new connections, a pause of the service's process); answers a round trip later do not.
      if (sentAt < s.start || inFlight * 3 < limit) return undefined;
      add(s, rttMs, inFlight);
      if (s.count < CONFIRM_SAMPLES) return undefined;
      this.suspect = undefined;
      return this.risen(s, base)
        ? { kind: 'queueing', knee: ((s.inFlightSum / s.count) * base) / (s.rttSum / s.count) }
        : undefined;
    }
    if (this.round.count >= Math.max(ROUND_SAMPLES, this.lastRoundCount / 4) && this.risen(this.round, base)) {
      // Decided by requests sent a round trip after the sign: a pause of the service's process or ours
      // (a GC, another process on the cores) lasts a round trip or two and slows all that is out.
      this.suspect = newRound(now + base);
      return undefined;
    }
    // Only answers that met no queue to speak of (and a limit in use) earn slots: past the knee the
    // growth stops with the first queued answers, before the round minimum has risen.
    if (inFlight * 3 < limit || rttMs > base * AT_FLOOR) return undefined;
    if (++this.credit < Math.max(1, limit / 4)) return undefined;
    const by = this.credit;
    this.credit = 0;
    return { kind: 'grow', by };
  }

  /** The fastest answer of `round` is above the floor by more than jitter explains. */
  private risen(round: Round, base: number): boolean {
    if (this.floor === undefined || round.count === 0) return false;
    return round.min >= this.floor + Math.min(Math.max(base / 8, MIN_RISE_MS), MAX_RISE_MS);
  }

  /**
   * The no-load round trip the ramp saw, for a ramp at `limit`: the median of the answers sent with at
   * most a quarter of it out. The median, not the mean: those are the first answers of a fresh
   * checker, and the very first pay for new connections and cold code (30-45 ms on a 20±5 ms service
   * here); a mean taken from them would read every later answer as less queued than it is, and hold the
   * limit above the knee. Undefined before the first answer.
   */
  noLoadRtt(limit: number): number | undefined {
    const buckets = this.unloaded(limit);
    if (buckets.length === 0) return undefined;
    const rtts = buckets.flatMap((bucket) => bucket.rtts).sort((a, b) => a - b);
    const mid = rtts.length >> 1;
    return rtts.length % 2 === 1 ? rtts[mid]! : (rtts[mid - 1]! + rtts[mid]!) / 2;
  }

  /** The buckets of answers sent with at most a quarter of `limit` out (at least `ROUND_SAMPLES` answers). */
  private unloaded(limit: number): Bucket[] {
    const buckets: Bucket[] = [];
    let count = 0;
    for (let b = 0; b < this.byInFlight.length; b++) {
      const bucket = this.byInFlight[b];
      if (2 ** (b + 1) - 1 > limit / 4 && count >= ROUND_SAMPLES) break;
      if (!bucket) continue;
      buckets.push(bucket);
      count += bucket.count;
    }
    return buckets;
  }
}

/** The mean round trip of `buckets` (the running thresholds' base: cheap, and a few slow ones only raise them). */
function mean(buckets: Bucket[]): number {
  let sum = 0;
  let count = 0;
  for (const bucket of buckets) {
    sum += bucket.sum;
    count += bucket.count;
  }
  return sum / count;
}

interface Bucket {
  sum: number;
  count: number;
  /** Up to `KEPT_PER_BUCKET` of its round trips, for the median. */
  rtts: number[];
}

/** Round trips kept per in-flight bucket for the median no-load round trip. */
const KEPT_PER_BUCKET = 256;
/** Round trips after which a sign of queueing not yet decided is dropped. */
const UNDECIDED_RTTS = 8;
/** Answers a round needs before its minimum is compared (HyStart++'s N_RTT_SAMPLE). */
const ROUND_SAMPLES = 8;
/** Answers to requests sent after a sign of queueing that decide it (their minimum must still be above the floor). */
const CONFIRM_SAMPLES = 16;
/** An answer within this factor of the no-load round trip met no queue to speak of. */
const AT_FLOOR = 1.5;
/** The smallest rise of the round minimum read as a queue (HyStart++'s MIN_RTT_THRESH). */
const MIN_RISE_MS = 4;
/** The largest rise needed (HyStart++'s MAX_RTT_THRESH). */
const MAX_RISE_MS = 16;

function add(round: Round, rttMs: number, inFlight: number): void {
  round.count++;
  round.rttSum += rttMs;
  round.inFlightSum += inFlight;
  if (rttMs < round.min) round.min = rttMs;
}

function newRound(start: number): Round {
  return { start, min: Infinity, count: 0, rttSum: 0, inFlightSum: 0 };
}
