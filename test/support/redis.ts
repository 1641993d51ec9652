import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Cluster, Redis } from 'ioredis';
import { afterAll } from 'vitest';
import { freePort, redisAnswers, startPrivateRedis, type PrivateRedis } from '../../scripts/lib/redis-server.ts';
import type { RedisTarget } from '../../src/fleet/redis-connection.ts';
import { leave } from './leftovers.ts';

export { startPrivateRedis, type PrivateRedis };

let shared: Promise<string> | undefined;
let started: PrivateRedis | undefined;

/**
 * The Redis server tests use: `PHONEMATCH_TEST_REDIS_URL`, else the one at 127.0.0.1:6379, else a
 * private `redis-server` started for this test file (stopped after it). Fails clearly when none can be had.
 */
export function testRedisUrl(): Promise<string> {
  shared ??= (async () => {
    const fromEnv = process.env.PHONEMATCH_TEST_REDIS_URL;
    if (fromEnv) return fromEnv;
    if (await redisAnswers('127.0.0.1', 6379)) return 'redis://127.0.0.1:6379';
    try {
      started = await startPrivateRedis();
    } catch (error) {
      throw new Error(
        `no Redis for the tests: set PHONEMATCH_TEST_REDIS_URL, run one at 127.0.0.1:6379, or install redis-server (${(error as Error).message})`,
      );
    }
    return started.url;
  })();
  return shared;
}

afterAll(async () => {
  await started?.stop();
});

/** A Redis the fleet runs on in tests, as a target and as the environment an instance is given. */
export interface TestRedis {
  readonly target: RedisTarget;
  /** REDIS_URL or REDIS_CLUSTER_NODES, for an instance's environment. */
  readonly env: Readonly<Record<string, string>>;
}

/**
 * The Redis the fleet suite runs on: a cluster when `PHONEMATCH_TEST_REDIS_CLUSTER_NODES` lists its
 * seeds (`.ci/run` runs the suite once more so), else the server of `testRedisUrl()`.
 */
export async function testRedis(): Promise<TestRedis> {
  const nodes = process.env.PHONEMATCH_TEST_REDIS_CLUSTER_NODES;
  if (nodes) return clusterRedis(nodes.split(',').map((n) => n.trim()));
  return serverRedis(await testRedisUrl());
}

export function serverRedis(url: string): TestRedis {
  return { target: { url }, env: { REDIS_URL: url } };
}

function clusterRedis(nodes: string[]): TestRedis {
  const clusterNodes = nodes.map((node) => {
    const [host = '127.0.0.1', port = '0'] = node.split(':');
    return { host, port: Number(port) };
  });
  return { target: { clusterNodes }, env: { REDIS_CLUSTER_NODES: nodes.join(',') } };
}

/** A fresh key prefix for one test (`pmtest:<random>:`); every key under it is deleted by `cleanKeys`. */
export function testKeyPrefix(): string {
  return `pmtest:${randomBytes(6).toString('hex')}:`;
}

/** A client of `target` (server or cluster) for a test's own reads and writes; closed after the test. */
export function testRedisClient(target: RedisTarget, keyPrefix?: string): Redis | Cluster {
  const options = { maxRetriesPerRequest: 1, ...(keyPrefix ? { keyPrefix } : {}) };
  const client =
    'url' in target
      ? new Redis(target.url, options)
      : new Cluster([...target.clusterNodes], { redisOptions: options, clusterRetryStrategy: () => null });
  client.on('error', () => {});
  leave(() => client.disconnect());
  return client;
}

/** Deletes every key under `prefix` (SCAN + UNLINK on every primary; never FLUSHDB on the shared Redis). */
export async function cleanKeys(target: RedisTarget | string, prefix: string): Promise<void> {
  await eachPrimary(target, async (redis) => {
    for (const key of await scanUnder(redis, prefix)) await redis.unlink(key);
  });
}

/** Keys under `prefix`, without the prefix (for asserting what the fleet stores). */
export async function keysUnder(target: RedisTarget | string, prefix: string): Promise<string[]> {
  const out: string[] = [];
  await eachPrimary(target, async (redis) => {
    out.push(...(await scanUnder(redis, prefix)).map((k) => k.slice(prefix.length)));
  });
  return out;
}

async function scanUnder(redis: Redis, prefix: string): Promise<string[]> {
  const out: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    out.push(...keys);
  } while (cursor !== '0');
  return out;
}

/** Runs `fn` on a plain connection to the server, or to each primary of the cluster. */
async function eachPrimary(target: RedisTarget | string, fn: (redis: Redis) => Promise<void>): Promise<void> {
  const resolved = typeof target === 'string' ? { url: target } : target;
  const urls =
    'url' in resolved ? [resolved.url] : await primaries(resolved.clusterNodes[0] ?? { host: '127.0.0.1', port: 0 });
  for (const url of urls) {
    const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
    redis.on('error', () => {});
    try {
      await redis.connect();
      await fn(redis);
    } finally {
      redis.disconnect();
    }
  }
}

async function primaries(seed: { host: string; port: number }): Promise<string[]> {
  const redis = new Redis(seed.port, seed.host, { lazyConnect: true, retryStrategy: () => null });
  redis.on('error', () => {});
  try {
    await redis.connect();
    const nodes = String(await redis.call('CLUSTER', 'NODES'));
    return nodes
      .split('\n')
      .filter((line) => line.includes('master'))
      .map((line) => `redis://${line.split(' ')[1]?.split('@')[0]}`);
  } finally {
    redis.disconnect();
  }
}

/** A private Redis Cluster of three primaries on free loopback ports, for one test file. */
export interface PrivateCluster extends TestRedis {
  readonly ports: readonly number[];
}

/**
 * Starts three `redis-server`s in cluster mode (no persistence) and joins them with
 * `redis-cli --cluster create`; stopped after the test (or the file, from a `beforeAll`).
 */
export async function startPrivateCluster(): Promise<PrivateCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'phonematch-cluster-'));
  leave(() => rmSync(dir, { recursive: true, force: true }));
  const ports: number[] = [];
  for (let i = 0; i < 3; i++) {
    const port = await freePort();
    const server = spawn(
      'redis-server',
      [
        '--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes',
        '--cluster-config-file', join(dir, `nodes-${port}.conf`), '--dir', dir,
        '--save', '', '--appendonly', 'no', '--loglevel', 'warning',
      ], // prettier-ignore
      { stdio: 'ignore' },
    );
    leave(() => server.kill('SIGKILL'));
    ports.push(port);
  }
  for (const port of ports) await until(() => redisAnswers('127.0.0.1', port), `redis-server on ${port}`);
  const nodes = ports.map((port) => `127.0.0.1:${port}`);
  const create = spawnSync('redis-cli', ['--cluster', 'create', ...nodes, '--cluster-replicas', '0', '--cluster-yes'], {
    encoding: 'utf8',
  });
  if (create.status !== 0) throw new Error(`redis-cli --cluster create failed: ${create.stderr || create.stdout}`);
  for (const port of ports)
    await until(async () => {
      const redis = new Redis(port, '127.0.0.1', { lazyConnect: true, retryStrategy: () => null });
      redis.on('error', () => {});
      try {
        await redis.connect();
        return /cluster_state:ok/.test(String(await redis.call('CLUSTER', 'INFO')));
      } finally {
        redis.disconnect();
      }
    }, `the cluster to be ok on ${port}`);
  return { ...clusterRedis(nodes), ports };
}

async function until(ok: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await ok().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
