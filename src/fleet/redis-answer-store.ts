import { LRUCache } from 'lru-cache';
import type { SharedAnswerStore, SharedLookup } from '../checker/index.ts';
import { Batcher } from './batcher.ts';
import { fleetChannels } from './fleet-keys.ts';
import type { RedisConnection } from './redis-connection.ts';
import type { RedisTraffic } from './redis-traffic.ts';

// Keys (fleet-keys.ts): per number, its answer ('1' | '0', with the cache TTL) and its claim (the
// instance asking now, with a short TTL, so a dead instance's claim lapses).

/** Answers arrive spread over the turns of the event loop; 5 ms gathers tens of them per write at full speed. */
export const DEFAULT_RECORD_WINDOW_MS = 5;

export interface RedisAnswerStoreOptions {
  /** This process, as written in its claims. */
  instanceId: string;
  /** How long an answer stays in Redis (the checker's cache TTL). */
  answerTtlMs: number;
  /** How long a claim holds without an answer (about one attempt's timeout): then anyone may ask. */
  claimTtlMs: number;
  /** Lookups or records sent in one script call at most. @default 512 */
  maxBatch?: number;
  /**
   * How long an answer may wait to be written with others (one script call for many answers). Another
   * instance sees it that much later: a lookup meanwhile finds our claim and waits for the publish.
   * @default {@link DEFAULT_RECORD_WINDOW_MS}
   */
  recordWindowMs?: number;
  traffic: RedisTraffic;
}

/**
 * The fleet's shared answer cache and cross-instance de-duplication, in Redis. Lookups made in the
 * same turn of the event loop go in one script call (lookup + claim per number); answers are written
 * behind, gathered over a few milliseconds into one script call that also publishes them to waiting
 * instances. So Redis costs a small fraction of a round trip per check, and none for numbers the
 * local LRU already knows.
 */
export class RedisAnswerStore implements SharedAnswerStore {
  private readonly lookups: Batcher<string, SharedLookup>;
  private readonly writes: Batcher<[string, string], void>;
  private readonly waiters = new Map<string, Set<(value: boolean | undefined) => void>>();
  /** Answers published lately: one can arrive on the subscriber before the lookup that says "wait". */
  private readonly recent = new LRUCache<string, string>({ max: 10_000, ttl: 10_000, ttlAutopurge: false });
  private readonly channel: string;
  private subscribed: Promise<void> | undefined;

  constructor(
    private readonly redis: RedisConnection,
    private readonly options: RedisAnswerStoreOptions,
  ) {
    this.channel = redis.channel(fleetChannels.answers);
    const max = options.maxBatch ?? 512;
    // A lookup holds up a check: it goes in the next turn. An answer is already delivered here: it can wait.
    this.lookups = new Batcher({ max }, (phones) => this.lookupBatch(phones));
    this.writes = new Batcher({ max, windowMs: options.recordWindowMs ?? DEFAULT_RECORD_WINDOW_MS }, (entries) =>
      this.recordBatch(entries),
    );
  }

  /** Subscribes to published answers; call once at start (safe to call again). */
  start(): Promise<void> {
    this.subscribed ??= this.redis.subscribe(this.channel, (message) => this.onPublished(message)).then(() => {});
    return this.subscribed;
  }

  lookup(phone: string): Promise<SharedLookup> {
    return this.lookups.add(phone);
  }

  awaitAnswer(phone: string, signal: AbortSignal): Promise<boolean | undefined> {
    const seen = this.recent.get(phone);
    if (seen !== undefined) return Promise.resolve(seen === '-' ? undefined : seen === '1');
    return new Promise((resolve) => {
      let set = this.waiters.get(phone);
      if (!set) this.waiters.set(phone, (set = new Set()));
      const done = (value: boolean | undefined) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        const current = this.waiters.get(phone);
        current?.delete(done);
        if (current?.size === 0) this.waiters.delete(phone);
        resolve(value);
      };
      const onAbort = () => done(undefined);
      // The claim lapses after claimTtlMs: by then either its answer came or anyone may ask again.
      const timer = setTimeout(() => done(undefined), this.options.claimTtlMs);
      signal.addEventListener('abort', onAbort, { once: true });
      set.add(done);
    });
  }

  record(phone: string, hasOrders: boolean): void {
    void this.writes.add([phone, hasOrders ? '1' : '0']);
  }

  release(phone: string): void {
    void this.writes.add([phone, '-']);
  }

  /** Resolves once every buffered write has been sent (shutdown, tests). */
  flush(): Promise<void> {
    return this.writes.drain();
  }

  private async lookupBatch(phones: readonly string[]): Promise<SharedLookup[]> {
    this.options.traffic.count('answer-lookup', phones.length);
    let reply: string[];
    try {
      reply = await this.redis.scripts.lookupAnswers(phones, this.options.instanceId, this.options.claimTtlMs);
    } catch {
      return phones.map(() => UNAVAILABLE);
    }
    return reply.map((v) =>
      v === '1' ? HAS_ORDERS : v === '0' ? NO_ORDERS : v === 'c' ? CLAIMED : v === 'e' ? ELSEWHERE : UNAVAILABLE,
    );
  }

  private async recordBatch(entries: ReadonlyArray<[string, string]>): Promise<void[]> {
    this.options.traffic.count('answer-record', entries.length);
    try {
      await this.redis.scripts.recordAnswers(entries, this.options.answerTtlMs, this.channel, this.options.instanceId);
    } catch {
      // Best effort: the local cache still has the answers, and claims lapse on their own.
    }
    return entries.map(() => undefined);
  }

  private onPublished(message: string): void {
    for (const part of message.split(',')) {
      const at = part.indexOf('=');
      const phone = part.slice(0, at);
      const value = part.slice(at + 1);
      this.recent.set(phone, value);
      const set = this.waiters.get(phone);
      if (!set) continue;
      for (const done of [...set]) done(value === '-' ? undefined : value === '1');
    }
  }
}

const HAS_ORDERS: SharedLookup = Object.freeze({ kind: 'answer', hasOrders: true });
const NO_ORDERS: SharedLookup = Object.freeze({ kind: 'answer', hasOrders: false });
const CLAIMED: SharedLookup = Object.freeze({ kind: 'claimed' });
const ELSEWHERE: SharedLookup = Object.freeze({ kind: 'elsewhere' });
const UNAVAILABLE: SharedLookup = Object.freeze({ kind: 'unavailable' });
