import { LRUCache } from 'lru-cache';
import type { ResolvedCheckerConfig } from './config.ts';

/**
 * Definite answers only (has orders / has none), so a repeated search costs no requests. Failures are
 * never stored: the next search must try again rather than inherit an outage.
 */
export class AnswerCache {
  private readonly lru: LRUCache<string, boolean>;

  constructor(options: ResolvedCheckerConfig['cache']) {
    // ttlAutopurge off: lru-cache then checks staleness on read instead of arming a timer per entry.
    this.lru = new LRUCache<string, boolean>({ max: options.max, ttl: options.ttlMs, ttlAutopurge: false });
  }

  /** true = has orders, false = none, undefined = unknown or expired. */
  get(phone: string): boolean | undefined {
    return this.lru.get(phone);
  }

  set(phone: string, hasOrders: boolean): void {
    this.lru.set(phone, hasOrders);
  }

  get size(): number {
    return this.lru.size;
  }

  clear(): void {
    this.lru.clear();
  }
}
