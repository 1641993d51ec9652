import type { Cluster, Redis } from 'ioredis';
import { RedisProtocolError, redisFailure } from './errors.ts';
import { fleetKeys } from './fleet-keys.ts';
import { loadLuaScripts, type LuaScript } from './lua-scripts.ts';

/** One Redis server or a Redis Cluster: the scripts run the same on either. */
export type RedisClient = Redis | Cluster;

type Arg = string | number;

/** What one budget renewal sends (see renewBudget-7.lua). */
export interface BudgetRenewalRequest {
  readonly instance: string;
  readonly want: number;
  readonly mayHaveOut: number;
  readonly proposedLimit: number;
  readonly leaseMs: number;
  readonly headStart: number;
  readonly headStartFreshMs: number;
  /** Our lease's fencing token; 0 before the first renewal. */
  readonly token: number;
  /** The most we may be granted while the budget warms up (its first lease). */
  readonly warmUpCap: number;
}

export interface BudgetRenewal {
  readonly granted: number;
  readonly fleetLimit: number;
  readonly instances: number;
  readonly fleetHeld: number;
  readonly gaveBack: number;
  readonly fairShare: number;
  /** Our lease's token from now on. */
  readonly token: number;
  /** The token we sent was no longer ours (our lease had lapsed): nothing was granted. */
  readonly stale: boolean;
}

/** A running search's state at its holder's renewal (see renewSearch-2.lua). */
export type SearchRenewal = 'lost' | 'stale' | { readonly watching: number; readonly cancel: boolean };

/** A search's final record, written with its SearchFinished. */
export interface SearchEnd {
  readonly resultJson: string;
  readonly finishedAt: string;
  readonly retentionMs: number;
}

/**
 * Every Lua script the fleet runs, one typed method each (bullmq's Scripts class): nothing else sends
 * Lua. Scripts go by EVALSHA and are sent whole once when a server does not know them yet (NOSCRIPT:
 * a restart, a new cluster node). Keys come from fleet-keys.ts; each call's keys share one hash slot,
 * except batches of answers on a single server, which go whole (on a cluster, one call per slot).
 * Failures come out named: RedisUnavailableError when Redis did not answer, RedisProtocolError when
 * it answered something the scripts never return.
 */
export class FleetScripts {
  private readonly scripts = loadLuaScripts();

  constructor(
    private readonly client: RedisClient,
    /** On a cluster, batches are split by hash slot. */
    private readonly cluster: boolean,
  ) {}

  async renewBudget(r: BudgetRenewalRequest): Promise<BudgetRenewal> {
    const reply = integers(
      await this.run('renewBudget', BUDGET_KEYS, [
        r.instance,
        r.want,
        r.mayHaveOut,
        r.proposedLimit,
        r.leaseMs,
        r.headStart,
        r.headStartFreshMs,
        r.token,
        r.warmUpCap,
      ]),
      8,
    );
    const [granted = 0, fleetLimit = 0, instances = 0, fleetHeld = 0, gaveBack = 0, fairShare = 0, token = 0, stale] =
      reply;
    return { granted, fleetLimit, instances, fleetHeld, gaveBack, fairShare, token, stale: stale === 1 };
  }

  async leaveBudget(instance: string): Promise<void> {
    await this.run('leaveBudget', BUDGET_KEYS.slice(0, 6), [instance]);
  }

  async takeRateTokens(ratePerSecond: number, burst: number, want: number): Promise<{ taken: number; waitMs: number }> {
    const [taken = 0, waitMs = 0] = integers(
      await this.run('takeRateTokens', [fleetKeys.rateBucket], [ratePerSecond, burst, want]),
      2,
    );
    return { taken, waitMs };
  }

  /** Per number: '1', '0', 'c' (claimed by us now) or 'e' (asked elsewhere now); see lookupAnswers.lua. */
  async lookupAnswers(phones: readonly string[], instance: string, claimTtlMs: number): Promise<string[]> {
    const out: string[] = [];
    for (const group of this.bySlot(phones)) {
      const keys = group.flatMap(({ item }) => answerPair(item));
      const reply = strings(await this.run('lookupAnswers', keys, [instance, claimTtlMs]), group.length);
      group.forEach(({ at }, i) => (out[at] = reply[i] ?? ''));
    }
    return out;
  }

  /** Stores answers ('1', '0'; '-' only drops our claim) and publishes them on `channel`. */
  async recordAnswers(
    entries: ReadonlyArray<readonly [phone: string, value: string]>,
    ttlMs: number,
    channel: string,
    instance: string,
  ): Promise<void> {
    for (const group of this.bySlot(entries.map(([phone]) => phone))) {
      const keys = group.flatMap(({ item }) => answerPair(item));
      const pairs = group.flatMap(({ at }) => entries[at] ?? []);
      await this.run('recordAnswers', keys, [ttlMs, channel, instance, ...pairs]);
    }
  }

  /** Admits `ticket` among the key's running searches if fewer than `limit` are live. */
  async startQuotaTicket(keyId: string, ticket: string, limit: number, leaseMs: number): Promise<boolean> {
    return (await this.run('startQuotaTicket', [fleetKeys.quotaRunning(keyId)], [ticket, limit, leaseMs])) === 1;
  }

  /** Renews the key's `tickets` for `leaseMs` from now. */
  async renewQuotaTickets(keyId: string, tickets: readonly string[], leaseMs: number): Promise<void> {
    if (tickets.length > 0) await this.run('renewQuotaTickets', [fleetKeys.quotaRunning(keyId)], [leaseMs, ...tickets]);
  }

  /** Names a running search's ticket `to` (its id), from `from` (the admission's), or takes it over (`from` ''). */
  async moveQuotaTicket(keyId: string, to: string, from: string, leaseMs: number): Promise<void> {
    await this.run('moveQuotaTicket', [fleetKeys.quotaRunning(keyId)], [leaseMs, to, from]);
  }

  /** Writes a running search's record (start, or again after Redis lost it); false if one exists. */
  async writeSearch(
    id: string,
    holder: { instance: string; token: number; leaseMs: number },
    fields: Readonly<Record<string, string>>,
  ): Promise<boolean> {
    const keys = fleetKeys.search(id);
    const args = [holder.leaseMs, holder.instance, holder.token, ...Object.entries(fields).flat()];
    return (await this.run('writeSearch', [keys.record, keys.events], args)) === 1;
  }

  async renewSearch(id: string, token: number, leaseMs: number): Promise<SearchRenewal> {
    const keys = fleetKeys.search(id);
    const reply = await this.run('renewSearch', [keys.record, keys.watchers], [token, leaseMs]);
    if (reply === 'lost' || reply === 'stale') return reply;
    const match = typeof reply === 'string' ? /^(\d+):([01])$/.exec(reply) : null;
    if (!match) throw unexpected('renewSearch', reply);
    return { watching: Number(match[1]), cancel: match[2] === '1' };
  }

  /** The new token of a search taken over; 0 while its holder's lease runs; -1 when it is over or gone. */
  async claimSearch(id: string, instance: string, leaseMs: number): Promise<number> {
    return integer(await this.run('claimSearch', [fleetKeys.search(id).record], [instance, leaseMs]));
  }

  /** Lets a search's lease lapse now (a hand-over); false when the token is no longer the search's. */
  async releaseSearch(id: string, token: number): Promise<boolean> {
    return (await this.run('releaseSearch', [fleetKeys.search(id).record], [token])) === 1;
  }

  /**
   * Appends an event (and with `end`, the final record): its stream id, 'lost' when the record is gone
   * (Redis lost it), 'stale' when the token is no longer the search's.
   */
  async appendSearchEvent(
    id: string,
    token: number,
    eventJson: string,
    channel: string,
    end?: SearchEnd,
  ): Promise<string> {
    const keys = fleetKeys.search(id);
    const reply = await this.run(
      'appendSearchEvent',
      [keys.record, keys.events, keys.watchers],
      [token, eventJson, channel, end?.resultJson ?? '', end?.finishedAt ?? '', end?.retentionMs ?? 0],
    );
    if (typeof reply !== 'string') throw unexpected('appendSearchEvent', reply);
    return reply;
  }

  /** Writes lease expiries into the running searches' index (`leaseMs` 0: lapsed now). */
  async leaseSearches(ids: readonly string[], leaseMs: number): Promise<void> {
    if (ids.length > 0) await this.run('leaseSearches', [fleetKeys.searchIndex], [leaseMs, ...ids]);
  }

  async lapsedSearches(max: number): Promise<string[]> {
    return strings(await this.run('lapsedSearches', [fleetKeys.searchIndex], [max]));
  }

  async leaseWatcher(id: string, leaseMs: number, instance: string): Promise<void> {
    await this.run('leaseWatcher', [fleetKeys.search(id).watchers], [leaseMs, instance]);
  }

  /** Flags a running search cancelled and tells its holder on `channel`; false when it is not running. */
  async requestCancel(id: string, channel: string): Promise<boolean> {
    return (await this.run('requestCancel', [fleetKeys.search(id).record], [channel, id])) === 1;
  }

  private async run(name: string, keys: readonly string[], args: readonly Arg[]): Promise<unknown> {
    const script = this.script(name, keys.length);
    try {
      try {
        return await this.client.evalsha(script.sha, keys.length, ...keys, ...args);
      } catch (error) {
        if (!(error instanceof Error && error.message.startsWith('NOSCRIPT'))) throw error;
        return await this.client.eval(script.lua, keys.length, ...keys, ...args);
      }
    } catch (error) {
      // An error reply is a script's or a key's fault, not Redis being away.
      if (error instanceof Error && error.name === 'ReplyError')
        throw new RedisProtocolError(`script ${name} failed (${error.message.split('\n')[0]})`, { cause: error });
      throw redisFailure(`script ${name}`, error);
    }
  }

  private script(name: string, keys: number): LuaScript {
    const script = this.scripts.get(name);
    if (!script) throw new Error(`no script ${name} in src/fleet/scripts`);
    if (script.numberOfKeys !== undefined && script.numberOfKeys !== keys)
      throw new Error(`script ${name} takes ${script.numberOfKeys} keys, given ${keys}`);
    return script;
  }

  /** Numbers grouped by their answer keys' slot on a cluster; one group (in order) on a single server. */
  private bySlot(phones: readonly string[]): Array<Array<{ item: string; at: number }>> {
    const indexed = phones.map((item, at) => ({ item, at }));
    if (!this.cluster) return indexed.length > 0 ? [indexed] : [];
    const groups = new Map<string, Array<{ item: string; at: number }>>();
    for (const entry of indexed) {
      const tag = /\{([^}]*)\}/.exec(fleetKeys.answer(entry.item).answer)?.[1] ?? '';
      const group = groups.get(tag);
      if (group) group.push(entry);
      else groups.set(tag, [entry]);
    }
    return [...groups.values()];
  }
}

/** The budget's keys in the order renewBudget-7.lua takes them (leaveBudget-6.lua: the first six). */
const BUDGET_KEYS = [
  fleetKeys.budget.leases,
  fleetKeys.budget.held,
  fleetKeys.budget.want,
  fleetKeys.budget.limit,
  fleetKeys.budget.headStart,
  fleetKeys.budget.tokens,
  fleetKeys.budget.epoch,
];

function answerPair(phone: string): [string, string] {
  const { answer, claim } = fleetKeys.answer(phone);
  return [answer, claim];
}

function unexpected(script: string, reply: unknown): RedisProtocolError {
  return new RedisProtocolError(`script ${script} answered ${typeof reply}`);
}

function integer(reply: unknown): number {
  if (typeof reply !== 'number') throw unexpected('an integer script', reply);
  return reply;
}

function integers(reply: unknown, length: number): number[] {
  if (!Array.isArray(reply) || reply.length !== length || !reply.every((v) => typeof v === 'number'))
    throw unexpected('a script of integers', reply);
  return reply;
}

function strings(reply: unknown, length?: number): string[] {
  if (!Array.isArray(reply) || (length !== undefined && reply.length !== length))
    throw unexpected('a script of strings', reply);
  return reply.map(String);
}
