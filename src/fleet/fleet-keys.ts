/**
 * Every Redis key and channel name of the fleet, built here and nowhere else (code and tests import
 * it). Names are relative: the connection prepends REDIS_KEY_PREFIX to keys (ioredis' keyPrefix) and
 * `RedisConnection.channel()` to channels.
 *
 * Hash tags (`{...}`): Redis Cluster places a key by the part in braces, and a script may only touch
 * keys of one slot. So the keys one script touches share a tag: the budget's under `{budget}`,
 * a search's record, events and watchers under its id, a key's quota under its key id, answers under
 * a bucket of the number (a batch of lookups then goes in one script call per bucket on a cluster, in
 * one call on a single server). A prefix with braces of its own puts everything in one slot, which
 * works too.
 */
export const fleetKeys = {
  /**
   * The in-flight budget (see renewBudget-7.lua): per instance its lease expiry, permits held, wanted,
   * proposed limit, head start and fencing token; and the budget's epoch (when it began, the last token).
   */
  budget: {
    leases: '{budget}:leases',
    held: '{budget}:held',
    want: '{budget}:want',
    limit: '{budget}:limit',
    headStart: '{budget}:head-start',
    tokens: '{budget}:tokens',
    epoch: '{budget}:epoch',
  },
  /** The fleet's CHECK_RATE_LIMIT bucket. */
  rateBucket: '{rate}:bucket',
  /** A search's record (hash), event stream and watcher leases. */
  search(id: string): { readonly record: string; readonly events: string; readonly watchers: string } {
    return { record: `search:{${id}}`, events: `search:{${id}}:events`, watchers: `search:{${id}}:watchers` };
  },
  /** Running searches by lease expiry: where instances look for lapsed ones to take over. */
  searchIndex: '{searches}:leases',
  /** One number's shared answer and its in-flight claim (one slot, so one script reads both). */
  answer(phone: string): { readonly answer: string; readonly claim: string } {
    const tag = answerBucket(phone);
    return { answer: `answer:{${tag}}:${phone}`, claim: `claim:{${tag}}:${phone}` };
  },
  /** Searches running for an API key (zset of tickets). */
  quotaRunning(keyId: string): string {
    return `quota:{${keyId}}:running`;
  },
  /** The limit last learned for one order service (its URL without credentials), read by instances that start. */
  learnedLimit(service: string): string {
    return `learned-limit:${service}`;
  },
  /** rate-limiter-flexible's key prefix for searches per minute (it appends `:<key id>`). */
  quotaPerMinute: 'quota:minute',
} as const;

/** Channel names (the connection prefixes them). */
export const fleetChannels = {
  /** "<instance>": rebalance the budget now. */
  budgetPoke: 'budget:poke',
  /** "<instance> <ms>": the order service said wait. */
  budgetPause: 'budget:pause',
  /** "phone=v,phone=v": answers just recorded. */
  answers: 'answers',
  /** A search id: cancel it. */
  searchControl: 'searches:control',
  /** "<instance>": it handed its searches over (shutdown); claim them now. */
  searchHandOver: 'searches:hand-over',
  /** "<stream id> <event JSON>": a search's live events. */
  search: (id: string) => `search:${id}`,
} as const;

/** Buckets numbers spread over on a cluster: few enough that a batch costs a handful of calls. */
const ANSWER_BUCKETS = 16;

/** The digits that vary within a search (a search fixes a prefix or a suffix) pick the bucket. */
function answerBucket(phone: string): string {
  let n = 0;
  for (let i = 3; i < Math.min(phone.length, 11); i++) n = (n * 10 + phone.charCodeAt(i) - 48) % ANSWER_BUCKETS;
  return `a${n}`;
}
