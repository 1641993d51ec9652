/**
 * Counts what the fleet asks of Redis: round trips (script calls) and the items they carry, by
 * operation, so "Redis requests per check" can be read off /metrics and the bench.
 */
export class RedisTraffic {
  readonly calls = new Map<string, number>();
  readonly items = new Map<string, number>();

  count(op: string, items: number): void {
    this.calls.set(op, (this.calls.get(op) ?? 0) + 1);
    this.items.set(op, (this.items.get(op) ?? 0) + items);
  }

  get totalCalls(): number {
    let n = 0;
    for (const v of this.calls.values()) n += v;
    return n;
  }
}
