import type { Rng } from './prng.ts';

/**
 * What the simulator can do instead of answering normally:
 * - `error`: 503 with a JSON error body
 * - `rate-limit`: 429 with `Retry-After`
 * - `hang`: never answer; the request stays open until the client gives up
 * - `reset`: headers and part of the body, then the socket is destroyed
 * - `malformed-html`: 200 with an HTML page (a login wall or proxy error page)
 * - `malformed-json`: 200 `application/json` whose body is truncated JSON
 */
export type FaultKind = 'error' | 'rate-limit' | 'hang' | 'reset' | 'malformed-html' | 'malformed-json';

/** Random fault rates, each a probability in 0..1, checked in this order on every request. */
export interface FaultRates {
  /** @default 0 */
  errorRate?: number;
  /** @default 0 */
  rateLimitRate?: number;
  /** @default 0 */
  hangRate?: number;
  /** @default 0 */
  resetRate?: number;
  /** Split evenly between HTML and truncated JSON. @default 0 */
  malformedRate?: number;
}

/** A deterministic fault for one number, optionally only for its first `times` requests. */
export type PhoneFault = FaultKind | { kind: FaultKind; times: number };

export interface FaultOptions extends FaultRates {
  /** Numbers that always get a 503 (shorthand for `phoneFaults` entries of `'error'`). */
  failPhones?: Iterable<string>;
  /** Deterministic per-number faults; these win over random rates. */
  phoneFaults?: ReadonlyMap<string, PhoneFault> | Iterable<[string, PhoneFault]>;
  /** Numbers the batch endpoint leaves out of its replies (the rest of the batch is answered). */
  omitFromBatch?: Iterable<string>;
  /**
   * Value of `Retry-After` on 429 replies (seconds, or an HTTP date string).
   * @default '1'
   */
  retryAfter?: string;
  /**
   * Status used by the `error` fault.
   * @default 503
   */
  errorStatus?: number;
}

/** Decides, per request, which fault (if any) applies. State lives here so `setFaults` can swap it atomically. */
export class FaultPlan {
  readonly rates: Required<FaultRates>;
  readonly retryAfter: string;
  readonly errorStatus: number;
  readonly omitFromBatch: ReadonlySet<string>;
  private readonly perPhone = new Map<string, { kind: FaultKind; remaining: number }>();

  constructor(options: FaultOptions = {}) {
    this.rates = {
      errorRate: rate(options.errorRate, 'errorRate'),
      rateLimitRate: rate(options.rateLimitRate, 'rateLimitRate'),
      hangRate: rate(options.hangRate, 'hangRate'),
      resetRate: rate(options.resetRate, 'resetRate'),
      malformedRate: rate(options.malformedRate, 'malformedRate'),
    };
    this.retryAfter = options.retryAfter ?? '1';
    this.errorStatus = options.errorStatus ?? 503;
    this.omitFromBatch = new Set(options.omitFromBatch ?? []);
    for (const phone of options.failPhones ?? []) this.perPhone.set(phone, { kind: 'error', remaining: Infinity });
    for (const [phone, fault] of options.phoneFaults ?? []) {
      this.perPhone.set(
        phone,
        typeof fault === 'string' ? { kind: fault, remaining: Infinity } : { kind: fault.kind, remaining: fault.times },
      );
    }
  }

  pick(phone: string, rng: Rng): FaultKind | undefined {
    return this.pickFixed(phone) ?? this.pickRandom(rng);
  }

  /**
   * The fault of a whole batch: the first of its numbers with a deterministic fault gives it to the
   * batch (one bad row fails a bulk query), else the random rates are drawn once, as for one request.
   */
  pickBatch(phones: readonly string[], rng: Rng): FaultKind | undefined {
    for (const phone of phones) {
      const fixed = this.pickFixed(phone);
      if (fixed !== undefined) return fixed;
    }
    return this.pickRandom(rng);
  }

  private pickFixed(phone: string): FaultKind | undefined {
    const fixed = this.perPhone.get(phone);
    if (fixed === undefined || fixed.remaining <= 0) return undefined;
    fixed.remaining--;
    return fixed.kind;
  }

  private pickRandom(rng: Rng): FaultKind | undefined {
    const r = this.rates;
    if (r.errorRate > 0 && rng() < r.errorRate) return 'error';
    if (r.rateLimitRate > 0 && rng() < r.rateLimitRate) return 'rate-limit';
    if (r.hangRate > 0 && rng() < r.hangRate) return 'hang';
    if (r.resetRate > 0 && rng() < r.resetRate) return 'reset';
    if (r.malformedRate > 0 && rng() < r.malformedRate) return rng() < 0.5 ? 'malformed-html' : 'malformed-json';
    return undefined;
  }
}

function rate(value: number | undefined, name: string): number {
  const v = value ?? 0;
  if (!(v >= 0 && v <= 1)) throw new RangeError(`${name} must be within 0..1`);
  return v;
}
