import { Cluster, Redis, type RedisOptions } from 'ioredis';
import { silentLogger, type Logger } from '../log/logger.ts';
import { redisFailure } from './errors.ts';
import { FleetScripts, type RedisClient } from './fleet-scripts.ts';

/** Where the fleet's Redis is: one server (or a Sentinel-fronted one) by URL, or a Redis Cluster by its seed nodes. */
export type RedisTarget =
  { readonly url: string } | { readonly clusterNodes: ReadonlyArray<{ readonly host: string; readonly port: number }> };

export interface RedisConnectionOptions {
  /** `{ url }` (`redis://[:password@]host:port[/db]`, never logged: it may carry a password) or `{ clusterNodes }`. */
  target: RedisTarget;
  /** Prepended to every key and channel, so several fleets (or tests) share one Redis. */
  keyPrefix: string;
  /** Shown in `CLIENT LIST`, e.g. `phonematch:<instance>`. */
  name?: string;
  logger?: Logger;
  /** How long a command may wait for Redis before it fails. @default 1000 */
  commandTimeoutMs?: number;
}

/**
 * The fleet's one Redis connection (plus a second one for subscriptions, which Redis makes exclusive).
 * Lazy: nothing connects until `connect()`. Commands fail at once while Redis is away (no offline
 * queue), so callers fall back or refuse instead of piling up; the connection keeps reconnecting in
 * the background with a capped backoff, and `reachable` says where it stands.
 */
export class RedisConnection {
  readonly keyPrefix: string;
  readonly client: RedisClient;
  /** Every Lua script of the fleet, on `client`. */
  readonly scripts: FleetScripts;
  private subscriber: RedisClient | undefined;
  /** Listeners per subscribed channel; one Redis subscription per channel, whoever listens. */
  private readonly channels = new Map<string, ChannelEntry>();
  private readonly log: Logger;
  private readonly options: RedisOptions;
  private wasReady = false;

  constructor(private readonly config: RedisConnectionOptions) {
    this.keyPrefix = config.keyPrefix;
    this.log = (config.logger ?? silentLogger).child({ component: 'redis' });
    this.options = {
      lazyConnect: true,
      keyPrefix: config.keyPrefix,
      connectionName: config.name ?? 'phonematch',
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: config.commandTimeoutMs ?? 1000,
      connectTimeout: 2000,
      // Reconnect forever, backing off to 1 s: a Redis restart must not need an instance restart.
      retryStrategy: (attempt) => Math.min(50 * attempt, 1000),
    };
    this.client = this.create('main');
    this.scripts = new FleetScripts(this.client, 'clusterNodes' in config.target);
  }

  /** Connected and ready for commands right now. */
  get reachable(): boolean {
    return this.client.status === 'ready';
  }

  /** Connects; resolves false (and keeps retrying in the background) when Redis does not answer in time. */
  async connect(timeoutMs = 3000): Promise<boolean> {
    if (this.client.status === 'wait') this.client.connect().catch(() => {});
    return this.reachable || readyWithin(this.client, timeoutMs);
  }

  /**
   * Calls `listener` with every message published on `channel` (a name from `channel()`) until the
   * returned function is called. The subscription is made on the subscriber connection once it is ready,
   * and made again whenever it reconnects, so one asked for while Redis is away or still connecting is
   * not lost (a SUBSCRIBE sent before the connection is ready would fail: there is no offline queue).
   * Resolves once Redis confirmed it, or after `timeoutMs` (at once while Redis is known to be away) with
   * the subscription still pending. What is published while the subscriber is away is lost: `onResubscribed`
   * is called each time the subscription is made again after that, for a listener that can read what it
   * missed from elsewhere (a stream).
   */
  async subscribe(
    channel: string,
    listener: (message: string) => void,
    { timeoutMs = 2000, onResubscribed }: SubscribeOptions = {},
  ): Promise<() => void> {
    let entry = this.channels.get(channel);
    if (!entry) {
      const sub = this.subscriberConnection();
      const created: ChannelEntry = { listeners: new Set(), resubscribed: new Set(), confirmed: Promise.resolve() };
      this.channels.set(channel, (entry = created));
      // Every listener of the channel awaits the same confirmation: a second one must not go on (and
      // replay a stream) while the first SUBSCRIBE is still on its way.
      // With Redis known to be away there is nothing to wait for: start-up serves on its fallbacks at once.
      const wait = ['reconnecting', 'close', 'end'].includes(this.client.status) ? 0 : timeoutMs;
      created.confirmed = (async () => {
        if (sub.status !== 'ready' && !(await readyWithin(sub, wait))) return; // made on the next 'ready'
        if (this.channels.get(channel) === created) await sub.subscribe(channel).catch(() => {});
      })();
    }
    entry.listeners.add(listener);
    if (onResubscribed) entry.resubscribed.add(onResubscribed);
    const subscribed = entry;
    await subscribed.confirmed;
    return () => {
      if (onResubscribed) subscribed.resubscribed.delete(onResubscribed);
      if (!subscribed.listeners.delete(listener) || subscribed.listeners.size > 0) return;
      if (this.channels.get(channel) === subscribed) this.channels.delete(channel);
      // While the subscriber is away there is nothing to unsubscribe: its next 'ready' subscribes only
      // the channels still listened to (ioredis' own re-subscription is off).
      if (this.subscriber?.status === 'ready') this.subscriber.unsubscribe(channel).catch(() => {});
    };
  }

  private subscriberConnection(): RedisClient {
    if (!this.subscriber) {
      // Keyspace prefixes do not apply to channels; callers prefix channel names with `channel()`.
      const sub = (this.subscriber = this.create('subscriber', { autoResubscribe: false }));
      sub.on('message', (channel: string, message: string) => {
        for (const listener of this.channels.get(channel)?.listeners ?? []) listener(message);
      });
      let readyBefore = false;
      sub.on('ready', () => {
        const again = readyBefore;
        readyBefore = true;
        if (this.channels.size === 0) return;
        const entries = [...this.channels.values()];
        sub
          .subscribe(...this.channels.keys())
          .then(() => {
            if (again) for (const entry of entries) for (const notify of entry.resubscribed) notify();
          })
          .catch(() => {});
      });
      sub.connect().catch(() => {});
    }
    return this.subscriber;
  }

  /** A channel name in this fleet's namespace. */
  channel(name: string): string {
    return `${this.keyPrefix}${name}`;
  }

  /** `PING` round trip; false when Redis does not answer. */
  async ping(): Promise<boolean> {
    try {
      return (await this.client.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  /** Runs `fn`, turning any ioredis failure into a RedisUnavailableError. */
  async run<T>(what: string, fn: (redis: RedisClient) => Promise<T>): Promise<T> {
    try {
      return await fn(this.client);
    } catch (error) {
      throw redisFailure(what, error);
    }
  }

  async close(): Promise<void> {
    await Promise.all([quit(this.client), this.subscriber ? quit(this.subscriber) : undefined]);
  }

  private create(role: string, extra: RedisOptions = {}): RedisClient {
    const { retryStrategy, enableOfflineQueue, ...perNode } = this.options;
    const options = { ...perNode, ...extra, connectionName: `${this.options.connectionName}:${role}` };
    const target = this.config.target;
    const redis: RedisClient =
      'url' in target
        ? new Redis(target.url, { ...options, retryStrategy, enableOfflineQueue })
        : // A cluster client keeps one connection per node and follows the slots as they move; it
          // reconnects as a whole with the same backoff (slots are refreshed from the seeds).
          new Cluster([...target.clusterNodes], {
            lazyConnect: true,
            enableOfflineQueue,
            clusterRetryStrategy: retryStrategy,
            redisOptions: options,
          });
    redis.on('ready', () => {
      if (role === 'main') this.wasReady = true;
      this.log.info({ role }, 'Redis connected');
    });
    // ioredis emits 'error' on every failed reconnect; one warning per outage is enough.
    redis.on('error', (err: Error) => {
      if (role !== 'main' || !this.wasReady) return;
      this.wasReady = false;
      this.log.warn(
        { role, err: { name: err.name, code: (err as { code?: string }).code } },
        'Redis unreachable; retrying',
      );
    });
    return redis;
  }
}

export interface SubscribeOptions {
  /** How long `subscribe` waits for Redis' confirmation. @default 2000 */
  timeoutMs?: number;
  /** Called once the subscription is made again after the subscriber connection was lost. */
  onResubscribed?: () => void;
}

interface ChannelEntry {
  readonly listeners: Set<(message: string) => void>;
  /** Told when the channel is subscribed again after a lost connection (messages may have been missed). */
  readonly resubscribed: Set<() => void>;
  /** Settles once Redis confirmed the subscription, or once waiting for the connection gave up. */
  confirmed: Promise<void>;
}

/** Whether `redis` becomes ready within `timeoutMs`. */
function readyWithin(redis: RedisClient, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      resolve(ok);
    };
    const onReady = () => done(true);
    const timer = setTimeout(() => done(false), timeoutMs);
    redis.on('ready', onReady);
  });
}

async function quit(redis: RedisClient): Promise<void> {
  try {
    if (redis.status === 'ready') await redis.quit();
    else redis.disconnect();
  } catch {
    redis.disconnect();
  }
}
