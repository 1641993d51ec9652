import { FixedLimiter } from '../../src/checker/index.ts';
import { FleetBudget } from '../../src/fleet/fleet-budget.ts';
import { RedisConnection, type RedisTarget } from '../../src/fleet/redis-connection.ts';
import { RedisTraffic } from '../../src/fleet/redis-traffic.ts';
import { leave } from './leftovers.ts';

export interface BusyBudgetOptions {
  readonly instanceId: string;
  /** The limit it proposes (a fixed one). */
  readonly limit: number;
  readonly leaseTtlMs?: number;
  /** Where its Redis calls are counted (a test may watch its renewals). */
  readonly traffic?: RedisTraffic;
}

/**
 * A real FleetBudget on its own connection to `target`, joined to the fleet, whose searches always
 * have work waiting and none of it new; closed when the test ends.
 */
export async function startBusyBudget(
  target: RedisTarget,
  keyPrefix: string,
  options: BusyBudgetOptions,
): Promise<FleetBudget> {
  const redis = new RedisConnection({ target, keyPrefix });
  await redis.connect();
  const budget = new FleetBudget(redis, {
    instanceId: options.instanceId,
    limiter: new FixedLimiter(options.limit),
    leaseTtlMs: options.leaseTtlMs,
    traffic: options.traffic ?? new RedisTraffic(),
  });
  budget.watchDemand(() => ({ waiting: true, headStart: 0 }));
  leave(async () => {
    await budget.close();
    await redis.close();
  });
  await budget.start();
  return budget;
}
