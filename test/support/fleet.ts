import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/config.ts';
import { createLogger } from '../../src/log/logger.ts';
import { startService, type RunningService } from '../../src/service/start-service.ts';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../src/simulator/server.ts';
import { cleanKeys, testKeyPrefix, testRedisUrl } from './redis.ts';
import { embeddedIndex } from './segment-data.ts';
import { ORDER_SESSION_TOKEN } from './test-service.ts';

export interface TestFleet {
  readonly simulator: Simulator;
  readonly instances: RunningService[];
  readonly redisUrl: string;
  readonly keyPrefix: string;
  /** Starts one more instance on the same simulator and Redis. */
  add(env?: Record<string, string>): Promise<RunningService>;
  close(): Promise<void>;
}

/**
 * `count` real services in this process (index, checker, Yoga, graphql-ws each), on loopback, against
 * one simulator and one Redis under a fresh key prefix, deleted on close.
 */
export async function startTestFleet(
  count: number,
  options: { simulator?: SimulatorOptions; env?: Record<string, string>; redisUrl?: string } = {},
): Promise<TestFleet> {
  const redisUrl = options.redisUrl ?? (await testRedisUrl());
  const keyPrefix = testKeyPrefix();
  const simulator = await startSimulator({ token: ORDER_SESSION_TOKEN, ...options.simulator });
  const auditDir = mkdtempSync(join(tmpdir(), 'phonematch-fleet-'));
  const instances: RunningService[] = [];
  const add = async (env: Record<string, string> = {}) => {
    const config = loadConfig([], {
      AUDIT_DB_PATH: 'off',
      PORT: '0',
      ORDERS_URL: simulator.ordersUrlTemplate,
      ORDERS_COOKIE: ORDER_SESSION_TOKEN,
      CHECK_CONCURRENCY: '16',
      SHUTDOWN_GRACE_MS: '0',
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: keyPrefix,
      ...options.env,
      ...env,
    });
    if (config === 'help') throw new Error('unexpected --help');
    const service = await startService(config, { logger: createLogger({ level: 'silent' }), index: embeddedIndex() });
    instances.push(service);
    return service;
  };
  for (let i = 0; i < count; i++) await add();
  return {
    simulator,
    instances,
    redisUrl,
    keyPrefix,
    add,
    async close() {
      await Promise.all(instances.map((s) => s.close()));
      await simulator.stop();
      await cleanKeys(redisUrl, keyPrefix).catch(() => {});
      rmSync(auditDir, { recursive: true, force: true });
    },
  };
}

/** POSTs an operation to one instance; returns the parsed response. */
export async function post<R = Record<string, unknown>>(
  service: RunningService,
  query: string,
  variables?: Record<string, unknown>,
): Promise<{ data?: R | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }> {
  const response = await fetch(service.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as never;
}
