import { loadConfig } from '../../src/config/config.ts';
import { createLogger } from '../../src/log/logger.ts';
import { startService, type RunningService } from '../../src/service/start-service.ts';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../src/simulator/server.ts';
import { leave } from './leftovers.ts';
import { nth } from './nth.ts';
import { cleanKeys, testKeyPrefix, testRedis, type TestRedis } from './redis.ts';
import { embeddedIndex } from './segment-data.ts';
import { ORDER_SESSION_TOKEN } from './test-service.ts';

export interface TestFleet {
  readonly simulator: Simulator;
  /** The instances still running (a test that closes one early takes it out). */
  readonly instances: RunningService[];
  /** The `n`th of `instances` (from 0); throws when there is none, so tests need no casts or `!`. */
  instance(n: number): RunningService;
  readonly redis: TestRedis;
  readonly keyPrefix: string;
  /** Starts one more instance on the same simulator and Redis. */
  add(env?: Record<string, string>): Promise<RunningService>;
}

/**
 * `count` real services in this process (index, checker, Yoga, graphql-ws each), on loopback, against
 * one simulator and one Redis (the suite's server or cluster, see testRedis) under a fresh key prefix.
 * Everything is closed and the keys deleted after the test (or after the file, from a `beforeAll`).
 */
export async function startTestFleet(
  count: number,
  options: { simulator?: SimulatorOptions; env?: Record<string, string>; redis?: TestRedis } = {},
): Promise<TestFleet> {
  const redis = options.redis ?? (await testRedis());
  const keyPrefix = testKeyPrefix();
  leave(() => cleanKeys(redis.target, keyPrefix).catch(() => {}));
  const simulator = await startSimulator({ token: ORDER_SESSION_TOKEN, ...options.simulator });
  leave(() => simulator.stop());
  const instances: RunningService[] = [];
  leave(() => Promise.all(instances.map((s) => s.close())));
  const add = async (env: Record<string, string> = {}) => {
    const config = loadConfig([], {
      AUDIT_DB_PATH: 'off',
      PORT: '0',
      ORDERS_URL: simulator.ordersUrlTemplate,
      ORDERS_COOKIE: ORDER_SESSION_TOKEN,
      CHECK_CONCURRENCY: '16',
      SHUTDOWN_GRACE_MS: '0',
      ...redis.env,
      REDIS_KEY_PREFIX: keyPrefix,
      // The instances share one index in this process: learned places would be one instance's, not each one's.
      LEARN_PLACES: 'off',
      ...options.env,
      ...env,
    });
    if (config === 'help') throw new Error('unexpected --help');
    const service = await startService(config, { logger: createLogger({ level: 'silent' }), index: embeddedIndex() });
    instances.push(service);
    return service;
  };
  for (let i = 0; i < count; i++) await add();
  return { simulator, instances, instance: (n) => nth(instances, n), redis, keyPrefix, add };
}
