import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
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
import { SearchHandedOver } from '../search/search-errors.ts';
import { SearchRun } from '../search/search-run.ts';
import type { MatchResult, SearchEvent, StopAt } from '../search/search-types.ts';
import type { SegmentIndex } from '../segments/segment-index.ts';
import {
  compactLog,
  decodeEvent,
  decodeResult,
  encodableResult,
  encodeEvent,
  repeats,
  type StoredResult,
} from './search-event-codec.ts';
import { fleetChannels, fleetKeys } from './fleet-keys.ts';
import type { FleetRunningSearches } from './fleet-quota.ts';
import type { RedisConnection } from './redis-connection.ts';
import type { RedisTraffic } from './redis-traffic.ts';

// Keys (fleet-keys.ts): a search's record (hash: owner, input, state, startedAt, finishedAt, result,
// holder, token, leaseUntil, cancel), its event stream (the replay; live copies go to its channel) and
// its watchers (instance -> watcher lease, so the watchers of an instance that dies stop counting after
// one lease), all under the search's hash tag; and the index of running searches by lease expiry,
// where instances look for lapsed ones. The lease itself, with its fencing token, is in the record:
// the scripts that renew it, take it over and write events all check the token there.

interface LocalRun {
  readonly run: SearchRun;
  /** The fencing token this instance runs it with (the record's; it moves on when another takes it over). */
  token: number;
  /** The record's fields, to write again if Redis lost them (restarted without persistence). */
  readonly record: Record<string, string>;
  unwatchedSince: number | undefined;
  /** Events appended to Redis, in order (one append at a time per search; an event Redis cannot take holds the rest back). */
  appending: Promise<void>;
  /** What Redis has of it (compacted), to write again if Redis lost it. */
  readonly written: SearchEventLog;
  /** Events logged here and not yet written to Redis, in order; `handed` once the watchers here have them. */
  readonly unwritten: Array<{ readonly event: SearchEvent; readonly json: string; handed: boolean }>;
  /** A write failed and none has succeeded since: new events go to the watchers here at once. */
  stalled: boolean;
  /**
   * Another instance holds the search now: nothing more of this run goes anywhere, not even to the
   * watchers here (its end is CANCELLED by the fencing, not the search's; they get the holder's events).
   */
  fenced: boolean;
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
  /** Told of each run stopped here because another instance holds its search now (it is not audited here). */
  handedOff?: (searchId: string) => void;
  /** The fleet's per-key running searches: a search's quota ticket follows it from instance to instance. */
  quotaTickets?: FleetRunningSearches;
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
  /** Watchers here of each search, handed events at once when Redis cannot take them (see `keep`). */
  private readonly followers = new Map<string, Set<(json: string, event: SearchEvent) => void>>();
  private readonly log: Logger;
  private readonly controlChannel: string;
  private readonly handOverChannel: string;
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
    this.controlChannel = redis.channel(fleetChannels.searchControl);
    this.handOverChannel = redis.channel(fleetChannels.searchHandOver);
  }

  /** Joins the fleet: listens for cancels and live events, renews leases and takes over lapsed ones. */
  async join(): Promise<void> {
    await this.redis.subscribe(this.controlChannel, (id) => this.local.get(id)?.run.cancel());
    // Searches handed over at another's shutdown are claimed now, not at our next tick (a third of a lease).
    await this.redis.subscribe(this.handOverChannel, (from) => {
      if (from !== this.options.instanceId && !this.closed) void this.tick();
    });
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
    };
    try {
      await this.redis.scripts.writeSearch(id, this.holder(FIRST_TOKEN), record);
      await this.redis.scripts.leaseSearches([id], this.options.leaseMs);
    } catch (error) {
      // Never started, so it has ended: its quota slot goes back now (the contract's `onEnd`).
      spec.onEnd?.();
      throw error;
    }
    await this.options.quotaTickets?.follow(spec.owner.apiKeyId, id);
    this.runHere(id, FIRST_TOKEN, record, spec.request, spec.stopAt, spec.owner, spec.onEnd, new Set());
    return { id, state: 'RUNNING', input, progress: [], result: null, startedAt, finishedAt: null };
  }

  async get(id: string, apiKeyId: string): Promise<SearchRecord | undefined> {
    const meta = await this.meta(id, apiKeyId);
    if (!meta) return undefined;
    const result = meta.result ? decodeResult(JSON.parse(meta.result) as StoredResult, this.index) : null;
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
    this.redis.client.zrem(fleetKeys.search(id).watchers, this.options.instanceId).catch(() => {});
  }

  /** This instance's watcher lease on each of `ids`, renewed for one lease from now (Redis' clock). */
  private async leaseWatchers(ids: readonly string[]): Promise<void> {
    await Promise.all(
      ids.map((id) => this.redis.scripts.leaseWatcher(id, this.options.leaseMs, this.options.instanceId)),
    );
  }

  /** How this instance holds a search's lease with `token`. */
  private holder(token: number): { instance: string; token: number; leaseMs: number } {
    return { instance: this.options.instanceId, token, leaseMs: this.options.leaseMs };
  }

  async cancel(id: string, apiKeyId: string): Promise<SearchRecord | undefined> {
    const meta = await this.meta(id, apiKeyId);
    if (!meta) return undefined;
    if (meta.state === 'RUNNING') {
      const events = await this.follow(id, () => {});
      await this.redis.scripts.requestCancel(id, this.controlChannel);
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
      // Every search's lease lapses now, in its record and in the index, so the others claim them all at once.
      const held = [...this.local];
      for (const [id, entry] of held) this.letGo(id, entry);
      await Promise.all(held.map(([id, entry]) => this.redis.scripts.releaseSearch(id, entry.token)))
        .then(() =>
          this.redis.scripts.leaseSearches(
            held.map(([id]) => id),
            0,
          ),
        )
        .then(() => this.redis.client.publish(this.handOverChannel, this.options.instanceId))
        .then(() => this.log.info({ searches: held.length }, 'handed running searches over to the fleet'))
        .catch(() =>
          this.log.warn('Redis unreachable at shutdown: running searches go to others when their leases lapse'),
        );
    }
    for (const entry of running) entry.run.cancel(this.handingOver ? new SearchHandedOver() : undefined);
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
    token: number,
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
      token,
      record,
      unwatchedSince: Date.now(),
      appending: Promise.resolve(),
      written: new SearchEventLog(),
      unwritten: [],
      stalled: false,
      fenced: false,
      mirrored: Promise.resolve(),
    };
    this.local.set(id, entry);
    const append = (event: SearchEvent) => {
      if (entry.fenced || repeats(event, seen)) return;
      entry.unwritten.push({ event, json: encodeEvent(event), handed: false });
      if (entry.stalled) this.handHere(id, entry);
      entry.appending = entry.appending.then(() => this.keep(id, entry, event));
    };
    entry.mirrored = (async () => {
      for await (const event of run.log.follow()) append(event);
    })().catch(() => {});
    run.result.then(
      (result) => this.finished(id, entry, result),
      (error: unknown) => {
        this.log.error({ searchId: id, err: error }, 'search failed unexpectedly');
        return this.finished(id, entry, undefined);
      },
    );
  }

  /**
   * Appends an event to the search's stream and publishes it to live followers, if `token` still holds
   * the search. SearchFinished also writes the final record (state, result, retention) in the same
   * script, so whoever sees SearchFinished, here or on another instance, reads the search as FINISHED.
   */
  private async append(id: string, token: number, event: SearchEvent): Promise<'written' | 'lost' | 'stale'> {
    const json = encodeEvent(event);
    this.options.traffic.count('search-event', 1);
    const end =
      event.type === 'finished'
        ? {
            resultJson: JSON.stringify(encodableResult(event.result)),
            finishedAt: new Date().toISOString(),
            retentionMs: Math.max(1, this.options.retentionMs),
          }
        : undefined;
    if (end) this.options.traffic.count('search-write', 1);
    const channel = this.redis.channel(fleetChannels.search(id));
    const written = await this.redis.scripts.appendSearchEvent(id, token, json, channel, end);
    if (written === 'stale') {
      this.lost(id, token);
      return 'stale';
    }
    if (written === 'lost') return 'lost';
    if (end) await this.redis.client.zrem(fleetKeys.searchIndex, id);
    return 'written';
  }

  /**
   * Writes an event of a search running here to Redis, keeping it until Redis takes it: while Redis is
   * away (or frozen) the event waits, in order, for its turn and the watchers here get it at once;
   * if Redis came back without the search, its record and events so far are written again first.
   * Only shutting down gives up on it (then it is lost with the instance).
   */
  private async keep(id: string, entry: LocalRun, event: SearchEvent): Promise<void> {
    for (let attempt = 0; !this.handingOver && !entry.fenced; attempt++) {
      try {
        const written = await this.append(id, entry.token, event);
        if (written === 'lost') {
          await this.rewrite(id, entry);
          continue;
        }
        entry.unwritten.shift();
        entry.stalled = false;
        if (written !== 'stale') entry.written.append(event);
        return;
      } catch (error) {
        if (attempt === 0) {
          this.log.warn(
            { searchId: id, err: { name: (error as Error).name } },
            'search event kept until Redis answers',
          );
          entry.stalled = true;
          this.handHere(id, entry);
        }
        if (this.closed) return;
        await sleep(Math.min(KEEP_RETRY_MAX_MS, 100 * 2 ** Math.min(attempt, 10)));
      }
    }
  }

  /** Hands the events not yet written to the watchers here (each once): Redis cannot take them now. */
  private handHere(id: string, entry: LocalRun): void {
    for (const item of entry.unwritten) {
      if (item.handed) continue;
      item.handed = true;
      for (const follower of this.followers.get(id) ?? []) follower(item.json, item.event);
    }
  }

  /**
   * Redis lost the record of a search running here (it restarted without persistence): write the
   * record, the lease and the events written so far again from this instance's copy, so watchers and
   * readers anywhere find it as it was. Nothing when the record is there.
   */
  private async rewrite(id: string, entry: LocalRun): Promise<void> {
    // A fenced run's record is another instance's to write now.
    if (entry.fenced) return;
    if (!(await this.redis.scripts.writeSearch(id, this.holder(entry.token), entry.record))) return;
    this.log.warn({ searchId: id }, 'Redis lost a search running here; writing it again');
    await this.redis.scripts.leaseSearches([id], this.options.leaseMs);
    for (const event of entry.written.replay()) await this.append(id, entry.token, event);
  }

  /** A run that ended with a result logged its SearchFinished (appended above); one that failed did not. */
  private async finished(id: string, entry: LocalRun, result: MatchResult | undefined): Promise<void> {
    await entry.mirrored;
    await entry.appending;
    if (this.local.get(id) === entry) this.local.delete(id);
    if (this.handingOver || result) return;
    await this.finish(id, entry.token, await this.abandonedResult(id, 'the search failed unexpectedly'));
  }

  /** Ends a search that is not running here with `result`: logs SearchFinished, which stores it. */
  private async finish(id: string, token: number, result: MatchResult): Promise<void> {
    if (this.handingOver) return;
    try {
      await this.append(id, token, { type: 'finished', searchId: id, result });
    } catch (error) {
      this.log.warn({ searchId: id, err: { name: (error as Error).name } }, 'search end not written to Redis');
    }
  }

  /**
   * Another instance holds the search now (our lease lapsed: we were frozen or cut off): stop it here
   * at once, and write nothing more of it.
   */
  private lost(id: string, token: number): void {
    const entry = this.local.get(id);
    if (!entry || entry.token !== token) return;
    this.log.warn({ searchId: id }, 'another instance took this search over; stopping it here');
    entry.fenced = true;
    entry.unwritten.length = 0;
    this.local.delete(id);
    this.letGo(id, entry);
    entry.run.cancel();
  }

  /** The search is (or is about to be) another instance's: its end, audit row and quota ticket are too. */
  private letGo(id: string, entry: LocalRun): void {
    this.options.handedOff?.(id);
    if (entry.record.owner) this.options.quotaTickets?.letGo(entry.record.owner, id);
  }

  private async meta(id: string, apiKeyId: string): Promise<Record<string, string> | undefined> {
    const meta = await this.redis.run('reading a search', (r) => r.hgetall(fleetKeys.search(id).record));
    return meta.owner === apiKeyId ? meta : undefined;
  }

  private async events(id: string): Promise<SearchEvent[]> {
    const entries = await this.redis.run('reading search events', (r) =>
      r.xrange(fleetKeys.search(id).events, '-', '+'),
    );
    return compactLog(entries.map(([, fields]) => decodeEvent(fields[1] ?? '{}', this.index)));
  }

  /**
   * The replay from the stream, then live events from the channel (subscribed first, so nothing falls
   * between; stream ids drop what the replay already had), through a SearchEventLog for its follower.
   * What the channel carried while the subscriber was away (a cut line, a Redis restart) is read from
   * the stream once it is subscribed again, so a watcher here never waits for an end it missed.
   */
  private async follow(id: string, onClose: () => void): Promise<AsyncIterableIterator<SearchEvent>> {
    const channel = this.redis.channel(fleetChannels.search(id));
    const log = new SearchEventLog();
    const seen = new Set<string>();
    let lastId = '0-0';
    let buffered: string[] | undefined = [];
    const deliver = (event: SearchEvent) => {
      if (!repeats(event, seen)) log.append(event);
    };
    // Events handed over here while Redis could not take them; Redis publishes them once it can.
    const handedHere = new Set<string>();
    const take = (streamId: string, json: string) => {
      if (compareIds(streamId, lastId) <= 0) return;
      lastId = streamId;
      if (!handedHere.delete(json)) deliver(decodeEvent(json, this.index));
    };
    const onMessage = (message: string) => {
      if (buffered) return void buffered.push(message);
      const at = message.indexOf(' ');
      take(message.slice(0, at), message.slice(at + 1));
    };
    const flush = () => {
      const pending = buffered ?? [];
      buffered = undefined;
      for (const message of pending) onMessage(message);
    };
    // Set by each re-subscription: the stream may hold what the channel carried while it was down.
    let missed = false;
    let closed = false;
    // Live messages wait while the stream is read, so none jumps ahead of what it catches up on; a read
    // that fails is tried again (never skipped: flushing would move `lastId` past the gap for good).
    const catchUp = async () => {
      buffered ??= [];
      for (let attempt = 0; missed && !closed; attempt++) {
        missed = false;
        try {
          // From `lastId` itself (`take` drops it): an exclusive start needs Redis 6.2.
          const entries = await this.redis.client.xrange(fleetKeys.search(id).events, lastId, '+');
          for (const [streamId, fields] of entries) take(streamId, fields[1] ?? '{}');
        } catch {
          missed = true;
          await sleep(Math.min(KEEP_RETRY_MAX_MS, 100 * 2 ** Math.min(attempt, 10)));
        }
      }
      flush();
    };
    const onResubscribed = () => {
      missed = true;
      // While a read runs (`buffered`: the first replay, or a catch-up) it loops, or is followed by one.
      if (!buffered) void catchUp();
    };
    const onLocal = (json: string, event: SearchEvent) => {
      handedHere.add(json);
      deliver(event);
    };
    const followers = this.followers.get(id) ?? new Set();
    this.followers.set(id, followers.add(onLocal));
    const unfollow = () => {
      followers.delete(onLocal);
      if (followers.size === 0 && this.followers.get(id) === followers) this.followers.delete(id);
    };
    let unsubscribe: () => void;
    try {
      unsubscribe = await this.redis.subscribe(channel, onMessage, { onResubscribed });
    } catch (error) {
      unfollow();
      throw error;
    }
    try {
      const entries = await this.redis.run('replaying a search', (r) =>
        r.xrange(fleetKeys.search(id).events, '-', '+'),
      );
      // The replay goes into the log before anyone follows it, so superseded progress is dropped.
      const replay = compactLog(entries.map(([, fields]) => decodeEvent(fields[1] ?? '{}', this.index)));
      lastId = entries.at(-1)?.[0] ?? lastId;
      for (const event of replay) deliver(event);
    } catch (error) {
      unsubscribe();
      unfollow();
      throw error;
    }
    // A re-subscription during the replay: what came after the replay's read is in the stream.
    if (missed) void catchUp();
    else flush();
    return log.follow({
      onClose: () => {
        closed = true;
        unsubscribe();
        unfollow();
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
    try {
      if (this.watching.size > 0) {
        this.options.traffic.count('search-watch', this.watching.size);
        await this.leaseWatchers([...this.watching.keys()]);
      }
      await this.renewHeld();
      this.options.traffic.count('search-claim', 1);
      for (const id of await this.redis.scripts.lapsedSearches(8)) {
        if (this.local.has(id)) continue;
        const token = await this.redis.scripts.claimSearch(id, this.options.instanceId, this.options.leaseMs);
        if (token < 0) await this.redis.client.zrem(fleetKeys.searchIndex, id);
        if (token <= 0) continue;
        await this.redis.scripts.leaseSearches([id], this.options.leaseMs);
        await this.resume(id, token);
      }
    } catch {
      // Redis away: searches here go on; leases are renewed (or taken over) once it answers.
    }
  }

  /**
   * Checks at once that every search running here is still ours (after a freeze or a reconnect), and
   * stops those another instance took over.
   */
  async revalidate(): Promise<void> {
    await this.renewHeld();
  }

  /** Renews the lease of every search running here, and acts on what each record says. */
  private async renewHeld(): Promise<void> {
    const held = [...this.local];
    if (held.length === 0) return;
    this.options.traffic.count('search-lease', held.length);
    const states = await Promise.all(
      held.map(([id, entry]) => this.redis.scripts.renewSearch(id, entry.token, this.options.leaseMs)),
    );
    const now = Date.now();
    held.forEach(([id, entry], i) => {
      const state = states[i];
      if (this.local.get(id) !== entry || state === undefined) return;
      if (state === 'lost') return void this.restore(id, entry);
      if (state === 'stale') return this.lost(id, entry.token);
      if (state.cancel) return entry.run.cancel();
      if (state.watching > 0) entry.unwatchedSince = undefined;
      else entry.unwatchedSince ??= now;
      if (entry.unwatchedSince !== undefined && now - entry.unwatchedSince >= this.options.unwatchedGraceMs)
        entry.run.cancel();
    });
    await this.redis.scripts.leaseSearches(
      held.filter(([id, entry]) => this.local.get(id) === entry).map(([id]) => id),
      this.options.leaseMs,
    );
  }

  /** Redis lost a search running here: write it again, in turn with its events (see `rewrite`). */
  private async restore(id: string, entry: LocalRun): Promise<void> {
    entry.appending = entry.appending.then(() => this.rewrite(id, entry));
    await entry.appending.catch(() => {});
  }

  /** A lapsed search taken over with `token`: run it again here, or end it with a result that says why not. */
  private async resume(id: string, token: number): Promise<void> {
    const meta = await this.redis.client.hgetall(fleetKeys.search(id).record);
    if (!meta.owner || meta.state !== 'RUNNING') return;
    const input = JSON.parse(meta.input ?? '{}') as SearchedFor;
    if (meta.cancel === '1') {
      await this.finish(id, token, await this.abandonedResult(id, 'the search was cancelled', 'CANCELLED'));
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
        token,
        await this.abandonedResult(id, 'the instance running this search stopped and it could not be resumed'),
      );
      return;
    }
    this.log.warn({ searchId: id }, 'resuming a search whose instance stopped renewing its lease');
    const seen = new Set<string>();
    for (const event of await this.events(id)) repeats(event, seen);
    const record = { owner: meta.owner, input: meta.input ?? '{}', state: 'RUNNING', startedAt: meta.startedAt ?? '' };
    // Its quota ticket comes along: counted under this instance until the search ends here.
    const owner = meta.owner;
    const quota = this.options.quotaTickets;
    await quota?.takeOver(owner, id);
    const onEnd = quota ? () => quota.end(owner, id) : undefined;
    this.runHere(id, token, record, request, input.stopAt, { apiKeyId: owner }, onEnd, seen);
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

/** The longest wait between two tries to write a kept event while Redis is away. */
const KEEP_RETRY_MAX_MS = 2000;

/** The token of a search's first run; each takeover moves it on by one. */
const FIRST_TOKEN = 1;

/** Orders Redis stream ids (`ms-seq`). */
function compareIds(a: string, b: string): number {
  const [am = 0, as = 0] = a.split('-').map(Number);
  const [bm = 0, bs = 0] = b.split('-').map(Number);
  return am - bm || as - bs;
}
