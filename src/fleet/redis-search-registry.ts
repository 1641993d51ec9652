import { randomUUID } from 'node:crypto';
import type { ChainableCommander } from 'ioredis';
import { silentLogger, type Logger } from '../log/logger.ts';
import { buildSearchRequest, type SearchRequest } from '../plan/search-request.ts';
import { SearchEventLog } from '../search/event-log.ts';
import type { SearchEngine, SearchMeta } from '../search/search-engine.ts';
import {
  abandonedResult,
  progressOf,
  searchedFor,
  type SearchedFor,
  type SearchRecord,
  type SearchRegistry,
  type SearchRegistryOptions,
  type StartSearchSpec,
} from '../search/search-registry.ts';
import { SearchRun } from '../search/search-run.ts';
import type { MatchResult, SearchEvent, StopAt } from '../search/search-types.ts';
import type { SegmentIndex } from '../segments/segment-index.ts';
import { compactLog, decodeEvent, decodeResult, dedupKey, encodableResult, encodeEvent } from './search-event-codec.ts';
import type { RedisConnection } from './redis-connection.ts';
import type { RedisTraffic } from './redis-traffic.ts';

// Keys, under the fleet's prefix:
//   search:<id>         hash: owner, input (JSON), state, startedAt, finishedAt, result (JSON), holder,
//                       cancel ('1' once asked)
//   search:<id>:events  stream of events (field e), the replay; live copies go to channel search:<id>
//   search:<id>:watchers zset: instance id -> lease expiry of its watchers (renewed while it has one), so the
//                       watchers of an instance that dies stop counting after one lease
//   searches:leases     zset: running search id -> lease expiry (ms, Redis' clock), renewed by its holder
// Channel searches:control carries the ids of searches asked to cancel.

/**
 * Renews the leases of the searches this instance runs (ARGV: ttl ms, then ids) and reports, per id,
 * how many instances watch it (unexpired watcher leases) and whether a cancel was asked, or 'lost' when
 * its record is gone (Redis restarted).
 */
const RENEW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local out = {}
for i = 2, #ARGV do
  local id = ARGV[i]
  local key = KEYS[2] .. id
  if redis.call('EXISTS', key) == 0 then
    out[#out + 1] = 'lost'
  else
    redis.call('ZADD', KEYS[1], now + tonumber(ARGV[1]), id)
    local watching = redis.call('ZCOUNT', key .. ':watchers', '(' .. now, '+inf')
    local cancel = redis.call('HGET', key, 'cancel')
    out[#out + 1] = watching .. ':' .. (cancel or '0')
  end
end
return out`;

/** Takes over up to ARGV[3] searches whose lease lapsed (ARGV: instance, ttl ms, max). */
const CLAIM = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[3]))
for _, id in ipairs(ids) do
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), id)
  redis.call('HSET', KEYS[2] .. id, 'holder', ARGV[1])
end
return ids`;

/**
 * Puts ARGV[2] in every zset of KEYS with a lease of ARGV[1] ms on Redis' clock, the clock RENEW and
 * CLAIM read leases on (an instance's own clock may be off by more than a lease).
 */
const LEASE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
for _, key in ipairs(KEYS) do redis.call('ZADD', key, now + tonumber(ARGV[1]), ARGV[2]) end
return #KEYS`;

/** `pmLease(number of keys, ...keys, ttl ms, member)`, on the client and inside MULTI. */
type Lease<R> = (keys: number, ...args: Array<string | number>) => R;

interface ScriptClient {
  pmSearchRenew(...args: Array<string | number>): Promise<string[]>;
  pmSearchClaim(...args: Array<string | number>): Promise<string[]>;
  pmLease: Lease<Promise<number>>;
}

interface LocalRun {
  readonly run: SearchRun;
  /** The record's fields, to write again if Redis lost them (restarted without persistence). */
  readonly record: Record<string, string>;
  unwatchedSince: number | undefined;
  /** Events appended to Redis, in order (one append at a time per search). */
  appending: Promise<void>;
  /** Ends once the run's log has ended and every event of it, SearchFinished last, is chained on `appending`. */
  mirrored: Promise<void>;
}

export interface RedisSearchRegistryOptions extends SearchRegistryOptions {
  instanceId: string;
  /** A search whose holder stops renewing for this long is resumed elsewhere. */
  leaseMs: number;
  /** Largest candidate set of one search (MAX_CANDIDATES), for rebuilding a resumed search's request. */
  maxCandidates: number;
  /** Asked at `close()`: whether other instances can resume the searches running here. */
  handOverOnClose?: () => boolean;
  logger?: Logger;
  traffic: RedisTraffic;
}

/**
 * Searches as fleet resources: each runs on the instance that started it (or resumed it), and its
 * record and event log live in Redis, so `get`, `watch` and `cancel` work from any instance. The
 * holder renews a lease per search; when an instance dies, another claims the lapsed lease and
 * resumes the search from its input (the shared answer cache makes the numbers already answered cost
 * nothing), its watchers seeing one continuous stream; if it cannot be resumed, it is finished with a
 * result that says so. Never RUNNING forever: the deadline holds on every run, and a lapsed lease is
 * always taken. See SearchRegistry for the contract.
 */
export class RedisSearchRegistry implements SearchRegistry {
  private readonly local = new Map<string, LocalRun>();
  /** Watchers on this instance per search id; the instance holds one renewed watcher lease per search. */
  private readonly watching = new Map<string, number>();
  private readonly log: Logger;
  private readonly client: ScriptClient;
  private readonly controlChannel: string;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  /** Shutting down with other instances alive: our searches go to them instead of ending CANCELLED. */
  private handingOver = false;

  constructor(
    private readonly redis: RedisConnection,
    private readonly engine: SearchEngine,
    private readonly index: SegmentIndex,
    private readonly options: RedisSearchRegistryOptions,
  ) {
    this.log = (options.logger ?? silentLogger).child({ component: 'fleet-searches' });
    redis.client.defineCommand('pmSearchRenew', { numberOfKeys: 2, lua: RENEW });
    redis.client.defineCommand('pmSearchClaim', { numberOfKeys: 2, lua: CLAIM });
    redis.client.defineCommand('pmLease', { lua: LEASE });
    this.client = redis.client as unknown as ScriptClient;
    this.controlChannel = redis.channel('searches:control');
  }

  /** Joins the fleet: listens for cancels and live events, renews leases and takes over lapsed ones. */
  async join(): Promise<void> {
    await this.redis.subscribe(this.controlChannel, (id) => this.local.get(id)?.run.cancel());
    this.schedule();
  }

  async start(spec: StartSearchSpec): Promise<SearchRecord> {
    const id = randomUUID();
    const input = searchedFor(spec);
    const startedAt = new Date();
    this.options.traffic.count('search-write', 1);
    const record = {
      owner: spec.owner.apiKeyId,
      input: JSON.stringify(input),
      state: 'RUNNING',
      startedAt: startedAt.toISOString(),
      holder: this.options.instanceId,
    };
    await this.redis.run('starting a search', (r) =>
      leased(r.multi().hset(`search:${id}`, record))
        .pmLease(1, 'searches:leases', this.options.leaseMs, id)
        .exec(),
    );
    this.runHere(id, record, spec.request, spec.stopAt, spec.owner, spec.onEnd, new Set());
    return { id, state: 'RUNNING', input, progress: [], result: null, startedAt, finishedAt: null };
  }

  async get(id: string, apiKeyId: string): Promise<SearchRecord | undefined> {
    const meta = await this.meta(id, apiKeyId);
    if (!meta) return undefined;
    const result = meta.result ? decodeResult(JSON.parse(meta.result) as MatchResult, this.index) : null;
    const progress = result ? result.tiers.map((r) => ({ ...r })) : progressOf(await this.events(id));
    return {
      id,
      state: result ? 'FINISHED' : 'RUNNING',
      input: JSON.parse(meta.input ?? '{}') as SearchedFor,
      progress,
      result,
      startedAt: new Date(meta.startedAt ?? 0),
      finishedAt: meta.finishedAt ? new Date(meta.finishedAt) : null,
    };
  }

  async watch(id: string, apiKeyId: string): Promise<AsyncIterableIterator<SearchEvent> | undefined> {
    if (!(await this.meta(id, apiKeyId))) return undefined;
    this.watching.set(id, (this.watching.get(id) ?? 0) + 1);
    try {
      await this.redis.run('watching a search', () => this.leaseWatchers([id]));
      return await this.follow(id, () => this.unwatch(id));
    } catch (error) {
      this.unwatch(id);
      throw error;
    }
  }

  /** One watcher here left; the last one takes this instance's watcher lease off the search. */
  private unwatch(id: string): void {
    const left = (this.watching.get(id) ?? 1) - 1;
    if (left > 0) return void this.watching.set(id, left);
    this.watching.delete(id);
    this.redis.client.zrem(`search:${id}:watchers`, this.options.instanceId).catch(() => {});
  }

  /** This instance's watcher lease on each of `ids`, renewed for one lease from now (Redis' clock). */
  private leaseWatchers(ids: readonly string[]): Promise<number> {
    const keys = ids.map((id) => `search:${id}:watchers`);
    return this.client.pmLease(keys.length, ...keys, this.options.leaseMs, this.options.instanceId);
  }

  async cancel(id: string, apiKeyId: string): Promise<SearchRecord | undefined> {
    const meta = await this.meta(id, apiKeyId);
    if (!meta) return undefined;
    if (meta.state === 'RUNNING') {
      const events = await this.follow(id, () => {});
      await this.redis.run('cancelling a search', (r) =>
        r.multi().hset(`search:${id}`, 'cancel', '1').publish(this.controlChannel, id).exec(),
      );
      this.local.get(id)?.run.cancel();
      // Wait for its end wherever it runs (a dead holder's search is finished by whoever takes it over).
      const deadline = setTimeout(() => void events.return?.(), 4 * this.options.leaseMs + 5000);
      for await (const event of events) if (event.type === 'finished') break;
      clearTimeout(deadline);
    }
    return this.get(id, apiKeyId);
  }

  /**
   * Shutdown. When other instances can take them (`handOverOnClose`: a rolling deploy), the searches
   * running here are stopped without a final result and their leases expired at once, so another
   * instance resumes them and their watchers see one continuous stream; otherwise they end CANCELLED.
   */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    const running = [...this.local.values()];
    if (running.length > 0 && this.options.handOverOnClose?.()) {
      this.handingOver = true;
      await Promise.all(running.map((e) => e.appending));
      await this.redis.client
        .zadd('searches:leases', 0, ...[...this.local.keys()])
        .then(() => this.log.info({ searches: running.length }, 'handed running searches over to the fleet'))
        .catch(() => {});
    }
    for (const entry of running) entry.run.cancel();
    await Promise.all(
      running.map((e) =>
        e.run.result
          .catch(() => {})
          .then(() => e.mirrored)
          .then(() => e.appending),
      ),
    );
  }

  /** Runs a search here, mirroring its events to Redis; `seen` holds what an earlier run already logged. */
  private runHere(
    id: string,
    record: Record<string, string>,
    request: SearchRequest,
    stopAt: StopAt,
    owner: SearchMeta,
    onEnd: (() => void) | undefined,
    seen: Set<string>,
  ): void {
    const run = new SearchRun(this.engine, request, {
      stopAt,
      searchId: id,
      meta: owner,
      ...(onEnd ? { onEnd } : {}),
    });
    const entry: LocalRun = {
      run,
      record,
      unwatchedSince: Date.now(),
      appending: Promise.resolve(),
      mirrored: Promise.resolve(),
    };
    this.local.set(id, entry);
    const append = (event: SearchEvent) => {
      const key = dedupKey(event);
      if (key !== undefined) {
        if (seen.has(key)) return;
        seen.add(key);
      }
      entry.appending = entry.appending.then(() => this.append(id, event));
    };
    entry.mirrored = (async () => {
      for await (const event of run.log.follow()) append(event);
    })().catch(() => {});
    run.result.then(
      (result) => this.finished(id, entry, result),
      () => this.finished(id, entry, undefined),
    );
  }

  /**
   * Appends an event to the search's stream and publishes it to live followers. SearchFinished also
   * writes the final record (state, result, no lease, retention) in the same transaction, so whoever
   * sees SearchFinished, here or on another instance, reads the search as FINISHED.
   */
  private async append(id: string, event: SearchEvent): Promise<void> {
    if (this.handingOver) return;
    const json = encodeEvent(event);
    this.options.traffic.count('search-event', 1);
    try {
      const tx = this.redis.client.multi().xadd(`search:${id}:events`, '*', 'e', json);
      if (event.type === 'finished') this.writeFinal(tx, id, event.result);
      const streamId = (await tx.exec())?.[0]?.[1];
      if (typeof streamId !== 'string') throw new Error('the event was not stored');
      await this.redis.client.publish(this.redis.channel(`search:${id}`), `${streamId} ${json}`);
    } catch (error) {
      this.log.warn({ searchId: id, err: { name: (error as Error).name } }, 'search event not written to Redis');
    }
  }

  /** A run that ended with a result logged its SearchFinished (appended above); one that failed did not. */
  private async finished(id: string, entry: LocalRun, result: MatchResult | undefined): Promise<void> {
    await entry.mirrored;
    await entry.appending;
    this.local.delete(id);
    if (this.handingOver || result) return;
    await this.finish(id, await this.abandonedResult(id, 'the search failed unexpectedly'));
  }

  /** Ends a search that is not running here with `result`: logs SearchFinished, which stores it. */
  private finish(id: string, result: MatchResult): Promise<void> {
    return this.append(id, { type: 'finished', searchId: id, result });
  }

  /** Adds the final record's writes to `tx`: result, FINISHED, the lease dropped, the retention set. */
  private writeFinal(tx: ChainableCommander, id: string, result: MatchResult): void {
    const retention = Math.max(1, this.options.retentionMs);
    this.options.traffic.count('search-write', 1);
    tx.hset(`search:${id}`, {
      state: 'FINISHED',
      result: JSON.stringify(encodableResult(result)),
      finishedAt: new Date().toISOString(),
    })
      .zrem('searches:leases', id)
      .pexpire(`search:${id}`, retention)
      .pexpire(`search:${id}:events`, retention)
      .pexpire(`search:${id}:watchers`, retention);
  }

  private async meta(id: string, apiKeyId: string): Promise<Record<string, string> | undefined> {
    const meta = await this.redis.run('reading a search', (r) => r.hgetall(`search:${id}`));
    return meta.owner === apiKeyId ? meta : undefined;
  }

  private async events(id: string): Promise<SearchEvent[]> {
    const entries = await this.redis.run('reading search events', (r) => r.xrange(`search:${id}:events`, '-', '+'));
    return compactLog(entries.map(([, fields]) => decodeEvent(fields[1] ?? '{}', this.index)));
  }

  /**
   * The replay from the stream, then live events from the channel (subscribed first, so nothing falls
   * between; stream ids drop what the replay already had), through a SearchEventLog for its follower.
   */
  private async follow(id: string, onClose: () => void): Promise<AsyncIterableIterator<SearchEvent>> {
    const channel = this.redis.channel(`search:${id}`);
    const log = new SearchEventLog();
    const seen = new Set<string>();
    let lastId = '0-0';
    let buffered: string[] | undefined = [];
    const deliver = (event: SearchEvent) => {
      const key = dedupKey(event);
      if (key !== undefined) {
        if (seen.has(key)) return;
        seen.add(key);
      }
      log.append(event);
    };
    const onMessage = (message: string) => {
      if (buffered) return void buffered.push(message);
      const at = message.indexOf(' ');
      const streamId = message.slice(0, at);
      if (compareIds(streamId, lastId) <= 0) return;
      lastId = streamId;
      deliver(decodeEvent(message.slice(at + 1), this.index));
    };
    const unsubscribe = await this.redis.subscribe(channel, onMessage);
    try {
      const entries = await this.redis.run('replaying a search', (r) => r.xrange(`search:${id}:events`, '-', '+'));
      // The replay goes into the log before anyone follows it, so superseded progress is dropped.
      const replay = compactLog(entries.map(([, fields]) => decodeEvent(fields[1] ?? '{}', this.index)));
      lastId = entries.at(-1)?.[0] ?? lastId;
      for (const event of replay) deliver(event);
    } catch (error) {
      unsubscribe();
      throw error;
    }
    const pending = buffered;
    buffered = undefined;
    for (const message of pending) onMessage(message);
    return log.follow({
      onClose: () => {
        unsubscribe();
        onClose();
      },
    });
  }

  private schedule(): void {
    if (this.closed) return;
    this.timer = setTimeout(
      () => void this.tick().finally(() => this.schedule()),
      Math.max(100, this.options.leaseMs / 3),
    );
    this.timer.unref();
  }

  /**
   * Renews our search leases (and the unwatched grace) and our watcher leases, then takes over searches
   * whose holder went silent.
   */
  private async tick(): Promise<void> {
    const ids = [...this.local.keys()];
    try {
      if (this.watching.size > 0) {
        this.options.traffic.count('search-watch', this.watching.size);
        await this.leaseWatchers([...this.watching.keys()]);
      }
      if (ids.length > 0) {
        this.options.traffic.count('search-lease', ids.length);
        const states = await this.client.pmSearchRenew('searches:leases', 'search:', this.options.leaseMs, ...ids);
        const now = Date.now();
        ids.forEach((id, i) => {
          const entry = this.local.get(id);
          const [watchers, cancel] = (states[i] ?? 'lost').split(':');
          if (!entry) return;
          if (states[i] === 'lost') return void this.restore(id, entry);
          if (cancel === '1') return entry.run.cancel();
          if (Number(watchers) > 0) entry.unwatchedSince = undefined;
          else entry.unwatchedSince ??= now;
          if (entry.unwatchedSince !== undefined && now - entry.unwatchedSince >= this.options.unwatchedGraceMs)
            entry.run.cancel();
        });
      }
      this.options.traffic.count('search-claim', 1);
      const claimed = await this.client.pmSearchClaim(
        'searches:leases',
        'search:',
        this.options.instanceId,
        this.options.leaseMs,
        8,
      );
      for (const id of claimed) await this.resume(id);
    } catch {
      // Redis away: searches here go on; leases are renewed (or taken over) once it answers.
    }
  }

  /**
   * Redis lost the record of a search running here (it restarted without persistence): write the
   * record, the lease and the events so far again from this instance's copy, so watchers and readers
   * anywhere find it as it was. Answers already known stay in this instance's cache meanwhile.
   */
  private async restore(id: string, entry: LocalRun): Promise<void> {
    this.log.warn({ searchId: id }, 'Redis lost a running search; writing it again');
    entry.appending = entry.appending.then(async () => {
      await leased(this.redis.client.multi().hset(`search:${id}`, entry.record))
        .pmLease(1, 'searches:leases', this.options.leaseMs, id)
        .del(`search:${id}:events`)
        .exec();
      for (const event of entry.run.log.replay()) await this.append(id, event);
    });
    await entry.appending.catch(() => {});
  }

  /** A lapsed search taken over: run it again here, or end it with a result that says why not. */
  private async resume(id: string): Promise<void> {
    if (this.local.has(id)) return;
    const meta = await this.redis.client.hgetall(`search:${id}`);
    if (!meta.owner || meta.state !== 'RUNNING') {
      await this.redis.client.zrem('searches:leases', id);
      return;
    }
    const input = JSON.parse(meta.input ?? '{}') as SearchedFor;
    if (meta.cancel === '1') {
      await this.finish(id, await this.abandonedResult(id, 'the search was cancelled', 'CANCELLED'));
      return;
    }
    let request: SearchRequest;
    try {
      request = buildSearchRequest(
        this.index,
        {
          mask: input.query,
          ...(input.city ? { city: input.city } : {}),
          ...(input.province ? { province: input.province } : {}),
        },
        this.options.maxCandidates,
      );
    } catch {
      await this.finish(
        id,
        await this.abandonedResult(id, 'the instance running this search stopped and it could not be resumed'),
      );
      return;
    }
    this.log.warn({ searchId: id }, 'resuming a search whose instance stopped renewing its lease');
    const seen = new Set<string>();
    for (const event of await this.events(id)) {
      const key = dedupKey(event);
      if (key !== undefined) seen.add(key);
    }
    const record = { owner: meta.owner, input: meta.input ?? '{}', state: 'RUNNING', startedAt: meta.startedAt ?? '' };
    this.runHere(
      id,
      { ...record, holder: this.options.instanceId },
      request,
      input.stopAt,
      { apiKeyId: meta.owner },
      undefined,
      seen,
    );
  }

  /** A final result for a search that cannot run on (see `abandonedResult`), from its events in Redis. */
  private async abandonedResult(
    id: string,
    note: string,
    status: 'INCOMPLETE' | 'CANCELLED' = 'INCOMPLETE',
  ): Promise<MatchResult> {
    return abandonedResult(id, await this.events(id).catch(() => []), note, status);
  }
}

/** A MULTI with the lease script defined on its client (ioredis adds custom commands to pipelines). */
function leased(tx: ChainableCommander): ChainableCommander & { pmLease: Lease<ChainableCommander> } {
  return tx as ChainableCommander & { pmLease: Lease<ChainableCommander> };
}

/** Orders Redis stream ids (`ms-seq`). */
function compareIds(a: string, b: string): number {
  const [am = 0, as = 0] = a.split('-').map(Number);
  const [bm = 0, bs = 0] = b.split('-').map(Number);
  return am - bm || as - bs;
}
