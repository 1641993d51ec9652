import { silentLogger, type Logger } from '../../log/logger.ts';
import { AdaptiveLimiter } from './adaptive-limiter.ts';
import type { ConcurrencyLimiter } from './limiter.ts';

/** What an adaptive limiter learned about an order service, for the next instance to start from. */
export interface LearnedLimit {
  readonly limit: number;
  /** The no-load round trip (ms) the limit was learned with. */
  readonly noLoadRttMs: number;
}

/**
 * Where learned limits are kept between instances: the audit's SQLite database when running alone
 * (src/audit/learned-limit-store.ts), Redis in a fleet (src/fleet/limit-memory.ts). `service` is a
 * `serviceKey`, never a URL with credentials.
 */
export interface LearnedLimitStore {
  /** The last limit kept for the service, if one younger than `maxAgeMs` is there. */
  recall(service: string, maxAgeMs: number): Promise<LearnedLimit | undefined>;
  /** Keeps `learned` as the service's last; it is not used once older than `maxAgeMs`. */
  remember(service: string, learned: LearnedLimit, maxAgeMs: number): Promise<void>;
}

/**
 * Names an order service by its URL without what may be secret: no user:password, no query string
 * (tokens travel there), no fragment. The `{phone}` placeholder stays: it is part of the contract.
 */
export function serviceKey(urlTemplate: string): string {
  const url = new URL(urlTemplate.replace('{phone}', '__phone__'));
  return `${url.protocol}//${url.host}${url.pathname}`.replace('__phone__', '{phone}');
}

export interface LearnedLimitKeeperOptions {
  /** How often the limit in force is written when it moved. @default 10000 */
  intervalMs?: number;
  /** A kept limit older than this is not used. @default 7 days */
  maxAgeMs?: number;
  logger?: Logger;
}

/**
 * Starts an adaptive limiter from the limit last learned for its service and keeps what it learns:
 * written every `intervalMs` when it moved, and on close. A store that fails costs the head start,
 * never a search: failures are logged and the limiter ramps up as a new one does.
 */
export class LearnedLimitKeeper {
  private timer: NodeJS.Timeout | undefined;
  private written: number | undefined;
  private readonly log: Logger;
  private readonly options: Required<Omit<LearnedLimitKeeperOptions, 'logger'>>;

  /** A keeper for `limiter` when it is adaptive and there is a store; undefined otherwise. */
  static for(
    limiter: ConcurrencyLimiter,
    store: LearnedLimitStore | undefined,
    urlTemplate: string,
    options: LearnedLimitKeeperOptions = {},
  ): LearnedLimitKeeper | undefined {
    if (!(limiter instanceof AdaptiveLimiter) || !store) return undefined;
    return new LearnedLimitKeeper(limiter, store, serviceKey(urlTemplate), options);
  }

  constructor(
    private readonly limiter: AdaptiveLimiter,
    private readonly store: LearnedLimitStore,
    private readonly service: string,
    options: LearnedLimitKeeperOptions = {},
  ) {
    this.log = (options.logger ?? silentLogger).child({ component: 'learned-limit' });
    this.options = { intervalMs: 10_000, maxAgeMs: 7 * 24 * 3_600_000, ...options };
  }

  /** Resumes the limiter from the kept limit (if any), then keeps writing. Call before the first request. */
  async start(): Promise<void> {
    try {
      const learned = await this.store.recall(this.service, this.options.maxAgeMs);
      if (learned && this.limiter.resume(learned)) {
        this.written = learned.limit;
        this.log.info(
          { service: this.service, limit: this.limiter.limit, noLoadRttMs: learned.noLoadRttMs },
          'starting from the limit last learned for this order service',
        );
      }
    } catch (err) {
      this.log.warn({ err, service: this.service }, 'could not read the last learned limit; ramping up');
    }
    this.timer = setInterval(() => void this.save(), this.options.intervalMs);
    this.timer.unref();
  }

  /** Writes the limit in force when it moved since the last write. */
  async save(): Promise<void> {
    const learned = this.limiter.learned;
    if (!learned || learned.limit === this.written) return;
    try {
      await this.store.remember(this.service, learned, this.options.maxAgeMs);
      this.written = learned.limit;
    } catch (err) {
      this.log.warn({ err, service: this.service }, 'could not keep the learned limit');
    }
  }

  /** Stops the timer and writes a last time. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.save();
  }
}
