import { print, type DocumentNode } from 'graphql';
import {
  CancelSearchDocument,
  SearchDocument,
  StartSearchDocument,
  type SearchEventsSubscription,
  type SearchQuery,
} from '../../schema/generated/graphql.ts';
import { startInstanceProcess, type InstanceProcess } from '../../scripts/lib/instance-process.ts';
import { startPrivateRedis, type PrivateRedis } from '../../scripts/lib/redis-server.ts';
import { startSimulator, type Simulator } from '../../src/simulator/server.ts';
import { followStartedSearch } from '../support/clients.ts';
import Database from 'better-sqlite3';
import { auditPath } from '../support/audit-files.ts';
import { post } from '../support/http.ts';
import { leave } from '../support/leftovers.ts';
import { nth } from '../support/nth.ts';
import { ORDER_SESSION_TOKEN } from '../support/test-service.ts';
import { candidateAt } from '../support/tier-numbers.ts';
import { waitFor } from '../support/wait-for.ts';

/**
 * A fleet of instances as separate processes on a private redis-server (no persistence) that a test
 * can kill, restart empty or freeze, against the bundled simulator over loopback. The bound is
 * CHECK_CONCURRENCY fleet-wide; the simulator's own high-water mark says whether it held.
 */
export type SearchEvent = SearchEventsSubscription['searchEvents'];

/** A search whose plan reaches NATIONAL (a few thousand numbers), with one number with orders there. */
export const INPUT = { prefix: '1380571', suffix: '3', stopAt: 'ALL' as const };
export const WITH_ORDERS = candidateAt(INPUT, 'NATIONAL', -3);
export const BOUND = 6;
/** Generous against a loaded machine: a frozen or dead holder is noticed after this. */
export const LEASE_MS = 3000;
/** Each wait of a chaos test (a search's run, a takeover, a Redis coming back). */
export const CHAOS_WAIT_MS = 120_000;

export interface ChaosFleet {
  readonly redis: PrivateRedis;
  readonly simulator: Simulator;
  readonly instances: InstanceProcess[];
  /** The `n`th of `instances` (from 0); throws when there is none, so tests need no casts. */
  instance(n: number): InstanceProcess;
  /** Each instance's audit database, by its place in `instances` (and in the order `add` started them). */
  readonly auditPaths: string[];
  /** Waits until the order service has had `requests` requests in all (`what` names the wait in its error). */
  requested(requests: number, what: string): Promise<void>;
  /** Starts one more instance (a replacement, or one started while Redis is away), with `env` over the fleet's. */
  add(env?: Record<string, string>): Promise<InstanceProcess>;
}

export async function startChaosFleet(size: number, env: Record<string, string> = {}): Promise<ChaosFleet> {
  const redis = await startPrivateRedis();
  leave(() => redis.stop());
  const simulator = await startSimulator({
    token: ORDER_SESSION_TOKEN,
    latencyMs: 15,
    numbers: new Set([WITH_ORDERS]),
  });
  leave(() => simulator.stop());
  const instanceEnv = {
    ORDERS_URL: simulator.ordersUrlTemplate,
    ORDERS_COOKIE: ORDER_SESSION_TOKEN,
    CHECK_CONCURRENCY: String(BOUND),
    // A newcomer's share: while Redis is away the others leave this much room (2 + 2 + 2 for three).
    CHECK_CONCURRENCY_MIN: '2',
    REDIS_URL: redis.url,
    FLEET_LEASE_MS: String(LEASE_MS),
    SEARCH_UNWATCHED_GRACE_MS: '600000',
    // SIGTERM hands searches over at once, rather than letting them run on through a grace.
    SHUTDOWN_GRACE_MS: '0',
    ...env,
  };
  const auditPaths: string[] = [];
  const add = async (own: Record<string, string> = {}) => {
    const audit = auditPath();
    auditPaths.push(audit);
    const instance = await startInstanceProcess({ ...instanceEnv, AUDIT_DB_PATH: audit, ...own });
    leave(() => {
      instance.child.kill('SIGCONT');
      return instance.kill();
    });
    return instance;
  };
  const instances: InstanceProcess[] = [];
  for (let i = 0; i < size; i++) instances.push(await add());
  const requested = (requests: number, what: string) =>
    waitFor(() => simulator.stats().requests >= requests, what, CHAOS_WAIT_MS);
  return { redis, simulator, instances, instance: (n) => nth(instances, n), auditPaths, requested, add };
}

async function graphql<T>(instance: InstanceProcess, document: unknown, variables: object): Promise<T> {
  const { json } = await post<T>(instance.graphqlUrl, { query: print(document as DocumentNode), variables });
  if (!json.data) throw new Error(`GraphQL error: ${JSON.stringify(json.errors)}`);
  return json.data;
}

export async function startSearch(instance: InstanceProcess, input: object = INPUT): Promise<string> {
  const data = await graphql<{ startSearch: { id: string } }>(instance, StartSearchDocument, { input });
  return data.startSearch.id;
}

/** `search(id)` on `instance`: null when it does not know it. */
export async function readSearch(instance: InstanceProcess, id: string): Promise<SearchQuery['search']> {
  return (await graphql<SearchQuery>(instance, SearchDocument, { id })).search;
}

/** A watcher of a search over WebSocket: every event it got, and `ended` once its stream is over. */
export interface Watcher {
  readonly events: SearchEvent[];
  readonly ended: Promise<void>;
}

export async function watch(instance: InstanceProcess, id: string): Promise<Watcher> {
  const watcher = followStartedSearch(instance.graphqlUrl, id);
  await waitFor(() => watcher.events.length > 0, 'the watcher to get the replay', CHAOS_WAIT_MS);
  return watcher;
}

/**
 * What every chaos test asks of a watcher's stream: it ended with one SearchFinished, MATCHED with the
 * one number with orders (the same result as on one instance), every event once where it must be.
 */
export function streamProblems(events: readonly SearchEvent[]): string[] {
  const problems: string[] = [];
  const count = (type: SearchEvent['__typename']) => events.filter((e) => e.__typename === type).length;
  if (count('SearchFinished') !== 1) problems.push(`${count('SearchFinished')} SearchFinished`);
  if (count('SearchStarted') !== 1) problems.push(`${count('SearchStarted')} SearchStarted`);
  if (count('MatchFound') !== 1) problems.push(`${count('MatchFound')} MatchFound`);
  const finishedTiers = events.flatMap((e) => (e.__typename === 'TierFinished' ? [e.report.tier] : []));
  if (new Set(finishedTiers).size !== finishedTiers.length) problems.push(`TierFinished: ${finishedTiers.join(',')}`);
  const last = events.at(-1);
  if (last?.__typename !== 'SearchFinished') problems.push(`ends with ${last?.__typename}`);
  else {
    if (last.result.status !== 'MATCHED') problems.push(`status ${last.result.status}`);
    const phones = last.result.matches.map((m) => m.phone);
    if (phones.join() !== WITH_ORDERS) problems.push(`matches ${phones.join()}`);
  }
  return problems;
}

/** Waits until `instance` reads the search FINISHED; returns the record. */
export async function finishedRecord(instance: InstanceProcess, id: string): Promise<SearchQuery['search']> {
  let record: SearchQuery['search'] = null;
  await waitFor(
    async () => {
      record = await readSearch(instance, id).catch(() => null);
      return record?.state === 'FINISHED';
    },
    `search ${id} to read FINISHED`,
    CHAOS_WAIT_MS,
  );
  return record;
}

/**
 * No quota slot left behind: with SEARCHES_IN_FLIGHT_PER_KEY at `perKey`, `perKey` new searches start
 * on `instance` (none TOO_MANY_SEARCHES); each is cancelled again at once.
 */
export async function expectQuotaFree(instance: InstanceProcess, perKey: number): Promise<void> {
  const ids: string[] = [];
  for (let i = 0; i < perKey; i++) ids.push(await startSearch(instance));
  for (const id of ids) await graphql(instance, CancelSearchDocument, { id });
}

/** The audit rows of `searchId` in the database at `path`, by status. */
export function auditedStatuses(path: string, searchId: string): string[] {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT status FROM searches WHERE search_id = ?').all(searchId) as Array<{
      status: string;
    }>;
    return rows.map((r) => r.status);
  } finally {
    db.close();
  }
}

/** Every line `instance` logs from now on (its log is JSON lines on stdout). */
export function logLines(instance: InstanceProcess): string[] {
  const lines: string[] = [];
  let partial = '';
  instance.child.stdout?.on('data', (d: Buffer) => {
    const parts = (partial + d.toString()).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
  });
  return lines;
}

/** Whether `/ready` on `instance` says Redis is `state` (a frozen Redis reads unreachable too). */
export async function redisSeenAs(instance: InstanceProcess, state: 'reachable' | 'unreachable'): Promise<boolean> {
  const response = await fetch(`${instance.url}/ready`).catch(() => undefined);
  if (!response) return false;
  return ((await response.json()) as { redis?: string }).redis === state;
}
