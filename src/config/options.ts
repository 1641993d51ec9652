import { DEFAULT_AUDIT_DB_PATH } from '../audit/defaults.ts';
import { z } from 'zod';
import {
  batchBodyProblem,
  DEFAULT_BATCH_BODY,
  DEFAULT_BATCH_SIZE,
  DEFAULT_BODY_TEMPLATE,
  DEFAULT_BREAKER_COOLDOWN_MS,
  DEFAULT_BREAKER_FAILURES,
  DEFAULT_CACHE_MAX,
  DEFAULT_CACHE_TTL_MS,
  DEFAULT_CONCURRENCY,
  DEFAULT_CONCURRENCY_MAX,
  DEFAULT_CONCURRENCY_MIN,
  DEFAULT_JSON_PATH,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_METHOD,
  DEFAULT_RATE_PER_SECOND,
  DEFAULT_READ_AS,
  DEFAULT_RETRY_BASE_MS,
  DEFAULT_TIMEOUT_MS,
  ORDER_METHODS,
  RESULT_READERS,
} from '../checker/index.ts';
import { DEFAULT_FLEET_LEASE_MS } from '../fleet/fleet-budget.ts';
import { DEFAULT_LEARN_PER_KEY } from '../learning/place-learner.ts';
import { DEFAULT_LOG_LEVEL } from '../log/logger.ts';
import { DEFAULT_MAX_CANDIDATES } from '../plan/search-request.ts';
import { DEFAULT_SEARCH_DEADLINE_MS } from '../search/search-engine.ts';
import {
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_PERSISTED_OPERATIONS,
  DEFAULT_REQUEST_TIMEOUT_MS,
  DEFAULT_SHUTDOWN_GRACE_MS,
} from '../server/defaults.ts';
import { parseAllowedOrigins } from '../server/origin-policy.ts';
import { DEFAULT_SEED } from '../simulator/server.ts';

/**
 * Every setting of the service, as data: its environment variable, its flag, its default and how it
 * is validated. `loadConfig` parses from it and `--help` is printed from it, so the two cannot drift. *
 * A setting's key here is its name in `Config` and in the module that uses it, with the group's prefix
 * (`breakerCooldownMs` is `check.breaker.cooldownMs` and the checker's `breaker.cooldownMs`), so a
 * setting can be followed by name from here to its use. The variables and flags are public and keep
 * their older spellings (`checkRatePerSecond` is still CHECK_RATE_LIMIT / --check-rate-limit).
 */
export interface OptionSpec {
  readonly env: string;
  readonly flag: string;
  readonly description: string;
  readonly schema: z.ZodType;
  /** The value when neither the flag nor the variable is set. */
  readonly default?: string | number | boolean;
  /** Shown in --help instead of `default` when the default is not a plain value (e.g. "true in dev mode"). */
  readonly defaultText?: string;
  /** Values that are credentials: never echoed back in errors. */
  readonly secret?: boolean;
}

const int = (min: number, max = Number.MAX_SAFE_INTEGER) => z.coerce.number().int().min(min).max(max);
const bool = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => ['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off', ''].includes(v), 'expected true or false')
  .transform((v) => ['1', 'true', 'yes', 'on', ''].includes(v));
const statusList = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map(Number),
  )
  .refine(
    (list) => list.every((n) => Number.isInteger(n) && n >= 100 && n <= 599),
    'expected HTTP statuses like 404,410',
  );
const headerObject = z.string().transform((v, ctx) => {
  try {
    const parsed: unknown = JSON.parse(v);
    if (
      parsed &&
      typeof parsed === 'object' &&
      !Array.isArray(parsed) &&
      Object.values(parsed).every((x) => typeof x === 'string')
    ) {
      return parsed as Record<string, string>;
    }
  } catch {
    // reported below
  }
  ctx.addIssue({ code: 'custom', message: 'expected a JSON object of string header values, e.g. {"X-Api-Key":"…"}' });
  return z.NEVER;
});
const list = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);

export const OPTIONS = {
  mode: {
    env: 'PHONEMATCH_MODE',
    flag: 'mode',
    description: 'dev (loopback only, no API keys, GraphiQL) or production (API keys required)',
    schema: z.enum(['dev', 'production']),
    defaultText: 'dev',
  },
  host: {
    env: 'HOST',
    flag: 'host',
    description: 'Address to listen on (dev mode allows loopback only)',
    schema: z.string().min(1),
    default: '127.0.0.1',
  },
  port: {
    env: 'PORT',
    flag: 'port',
    description: 'Port to listen on (0 picks a free one)',
    schema: int(0, 65535),
    default: 4000,
  },
  logLevel: {
    env: 'LOG_LEVEL',
    flag: 'log-level',
    description: 'Log level',
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    default: DEFAULT_LOG_LEVEL,
  },
  graphiql: {
    env: 'GRAPHIQL',
    flag: 'graphiql',
    description: 'Serve GraphiQL at /graphql to browsers',
    schema: bool,
    defaultText: 'true in dev mode, unless PERSISTED_OPERATIONS=only or INTROSPECTION=off',
  },
  introspection: {
    env: 'INTROSPECTION',
    flag: 'introspection',
    description:
      'on: clients may read the schema (__schema, __type); off: refused with INTROSPECTION_DISABLED (__typename always works)',
    schema: z.enum(['on', 'off']),
    defaultText: 'on in dev mode or with GraphiQL, else off',
  },
  phoneDatPath: {
    env: 'PHONE_DAT_PATH',
    flag: 'phone-dat',
    description:
      'A newer community phone.dat build, layered over the shipped one (data/segments/phone-2004.dat); reloaded on SIGHUP',
    schema: z.string().min(1),
  },
  segmentsOverlayPath: {
    env: 'SEGMENTS_OVERLAY_PATH',
    flag: 'segments-overlay',
    description:
      'CSV of segment (1990100 or 1990100-1990199),province,city[,carrier] layered over all segment data; every line is checked, a bad file is not used; reloaded on SIGHUP',
    schema: z.string().min(1),
  },
  learnPlaces: {
    env: 'LEARN_PLACES',
    flag: 'learn-places',
    description:
      "on: a matched search that named a city records the match's 7-digit segment in that city (no number), and later searches check such segments earlier; off: nothing is recorded or used",
    schema: z.enum(['on', 'off']),
    default: 'on',
  },
  learnPlacesPerKey: {
    env: 'LEARN_PLACES_PER_KEY',
    flag: 'learn-places-per-key',
    description: 'Most evidence one API key can give one segment in one city (one key cannot flood a segment)',
    schema: int(1, 1000),
    default: DEFAULT_LEARN_PER_KEY,
  },
  maxCandidates: {
    env: 'MAX_CANDIDATES',
    flag: 'max-candidates',
    description: 'Largest candidate set of one search',
    schema: int(1),
    default: DEFAULT_MAX_CANDIDATES,
  },
  searchDeadlineMs: {
    env: 'SEARCH_DEADLINE_MS',
    flag: 'search-deadline-ms',
    description: 'Overall deadline of one search (then TIMED_OUT)',
    schema: int(1),
    default: DEFAULT_SEARCH_DEADLINE_MS,
  },
  requestTimeoutMs: {
    env: 'REQUEST_TIMEOUT_MS',
    flag: 'request-timeout-ms',
    description:
      "Time a client has to send a request's headers and body (then 408 and the connection is closed); responses such as SSE and WebSocket streams are not limited",
    schema: int(1000),
    default: DEFAULT_REQUEST_TIMEOUT_MS,
  },
  searchUnwatchedGraceMs: {
    env: 'SEARCH_UNWATCHED_GRACE_MS',
    flag: 'search-unwatched-grace-ms',
    description: 'A started search (startSearch) nobody watches is cancelled after this long without a watcher',
    schema: int(0),
    default: 60_000,
  },
  searchRetentionMs: {
    env: 'SEARCH_RETENTION_MS',
    flag: 'search-retention-ms',
    description: 'How long a finished started search stays readable (search, searchEvents)',
    schema: int(0),
    default: 600_000,
  },
  shutdownGraceMs: {
    env: 'SHUTDOWN_GRACE_MS',
    flag: 'shutdown-grace-ms',
    description: 'On SIGTERM, how long running searches may finish before they are cancelled',
    schema: int(0),
    default: DEFAULT_SHUTDOWN_GRACE_MS,
  },

  ordersUrlTemplate: {
    env: 'ORDERS_URL',
    flag: 'orders-url',
    description:
      'Order service URL template with {phone}; unset: the bundled simulator in dev mode, a configuration error in production (see ORDERS_SIMULATOR)',
    schema: z.string().url(),
    // A URL may carry a token (?token=, user:pass@): never echoed back.
    secret: true,
  },
  ordersSimulator: {
    env: 'ORDERS_SIMULATOR',
    flag: 'orders-simulator',
    description:
      "on: answer from the bundled simulator's made-up orders instead of an order service (never with ORDERS_URL); production refuses to start without ORDERS_URL unless this is on",
    schema: bool,
    defaultText: 'on in dev mode without ORDERS_URL, else off',
  },
  ordersCookie: {
    env: 'ORDERS_COOKIE',
    flag: 'orders-cookie',
    description: 'Session token sent as Cookie: session=<token> (or a whole Cookie header value)',
    schema: z.string().min(1),
    secret: true,
  },
  ordersBearerToken: {
    env: 'ORDERS_BEARER_TOKEN',
    flag: 'orders-bearer-token',
    description: 'Sent as Authorization: Bearer <token>',
    schema: z.string().min(1),
    secret: true,
  },
  ordersMethod: {
    env: 'ORDERS_METHOD',
    flag: 'orders-method',
    description: ORDER_METHODS.join(' or '),
    schema: z.enum(ORDER_METHODS),
    default: DEFAULT_METHOD,
  },
  ordersBodyTemplate: {
    env: 'ORDERS_BODY',
    flag: 'orders-body',
    description: 'JSON body template for POST, {phone} substituted',
    schema: z.string().min(1),
    defaultText: DEFAULT_BODY_TEMPLATE,
  },
  ordersHeaders: {
    env: 'ORDERS_HEADERS',
    flag: 'orders-headers',
    description: 'Extra request headers as a JSON object',
    schema: headerObject,
    secret: true,
  },
  ordersJsonPath: {
    env: 'ORDERS_JSON_PATH',
    flag: 'orders-json-path',
    description: 'Dotted path of the value to read in the reply',
    schema: z.string().min(1),
    default: DEFAULT_JSON_PATH,
  },
  ordersReadAs: {
    env: 'ORDERS_READ_AS',
    flag: 'orders-read-as',
    description: `How the value means "has orders": ${RESULT_READERS.join(', ')}`,
    schema: z.enum(RESULT_READERS),
    default: DEFAULT_READ_AS,
  },
  ordersNoOrdersStatuses: {
    env: 'ORDERS_NO_ORDERS_STATUS',
    flag: 'orders-no-orders-status',
    description: 'Statuses that mean "no orders", e.g. 404',
    schema: statusList,
  },
  ordersBatchUrl: {
    env: 'ORDERS_BATCH_URL',
    flag: 'orders-batch-url',
    description:
      'Batch contract: URL that answers many numbers in one POST (same cookie, headers and token); set, every check goes in batches',
    schema: z.string().url(),
    secret: true,
  },
  ordersBatchBodyTemplate: {
    env: 'ORDERS_BATCH_BODY',
    flag: 'orders-batch-body',
    description: 'Batch contract: JSON body template, {phones} becomes the JSON array of numbers',
    schema: z.string().superRefine((v, ctx) => {
      const problem = batchBodyProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
    defaultText: DEFAULT_BATCH_BODY,
  },
  ordersBatchSize: {
    env: 'ORDERS_BATCH_SIZE',
    flag: 'orders-batch-size',
    description: 'Batch contract: most numbers in one request',
    schema: int(1, 10_000),
    default: DEFAULT_BATCH_SIZE,
  },
  ordersBatchResultsPath: {
    env: 'ORDERS_BATCH_RESULTS_PATH',
    flag: 'orders-batch-results-path',
    description: 'Batch contract: dotted path of the per-number answers in the reply (unset: the reply itself)',
    schema: z.string().min(1),
  },
  ordersBatchPhoneField: {
    env: 'ORDERS_BATCH_PHONE_FIELD',
    flag: 'orders-batch-phone-field',
    description:
      'Batch contract: unset, the answers are an object keyed by number; set, an array of objects naming their number in this field',
    schema: z.string().min(1),
  },

  checkConcurrency: {
    env: 'CHECK_CONCURRENCY',
    flag: 'check-concurrency',
    description:
      "Requests in flight at the order service, across all searches: auto (find the service's knee and follow it) or a number to pin",
    schema: z.union([z.literal('auto'), int(1, 10_000)], { error: 'expected auto or a whole number from 1 to 10000' }),
    default: DEFAULT_CONCURRENCY,
  },
  checkConcurrencyMin: {
    env: 'CHECK_CONCURRENCY_MIN',
    flag: 'check-concurrency-min',
    description: 'With auto: the in-flight limit never goes below this',
    schema: int(1, 10_000),
    default: DEFAULT_CONCURRENCY_MIN,
  },
  checkConcurrencyMax: {
    env: 'CHECK_CONCURRENCY_MAX',
    flag: 'check-concurrency-max',
    description: 'With auto: the in-flight limit never goes above this (also the connection pool size)',
    schema: int(1, 10_000),
    default: DEFAULT_CONCURRENCY_MAX,
  },
  checkRatePerSecond: {
    env: 'CHECK_RATE_LIMIT',
    flag: 'check-rate-limit',
    description: 'Requests per second to the order service (0 = no cap)',
    schema: int(0),
    default: DEFAULT_RATE_PER_SECOND,
  },
  checkTimeoutMs: {
    env: 'CHECK_TIMEOUT_MS',
    flag: 'check-timeout-ms',
    description: 'Timeout of one attempt',
    schema: int(1),
    default: DEFAULT_TIMEOUT_MS,
  },
  checkMaxAttempts: {
    env: 'CHECK_MAX_ATTEMPTS',
    flag: 'check-max-attempts',
    description: 'Attempts per check, first included',
    schema: int(1, 20),
    default: DEFAULT_MAX_ATTEMPTS,
  },
  checkRetryBaseMs: {
    env: 'CHECK_RETRY_BASE_MS',
    flag: 'check-retry-base-ms',
    description: 'Backoff base: retry n waits a random time below base * 2^(n-1)',
    schema: int(0),
    default: DEFAULT_RETRY_BASE_MS,
  },
  breakerConsecutiveFailures: {
    env: 'BREAKER_FAILURES',
    flag: 'breaker-failures',
    description: 'Consecutive failed requests that open the circuit breaker',
    schema: int(1),
    default: DEFAULT_BREAKER_FAILURES,
  },
  breakerCooldownMs: {
    env: 'BREAKER_COOLDOWN_MS',
    flag: 'breaker-cooldown-ms',
    description: 'Time the breaker stays open before one probe request',
    schema: int(0),
    default: DEFAULT_BREAKER_COOLDOWN_MS,
  },
  cacheMax: {
    env: 'CACHE_MAX',
    flag: 'cache-max',
    description: 'Definite answers kept in the cache',
    schema: int(1),
    default: DEFAULT_CACHE_MAX,
  },
  cacheTtlMs: {
    env: 'CACHE_TTL_MS',
    flag: 'cache-ttl-ms',
    description: 'How long a cached answer stays fresh',
    schema: int(1),
    default: DEFAULT_CACHE_TTL_MS,
  },

  simLatencyMs: {
    env: 'SIM_LATENCY_MS',
    flag: 'sim-latency-ms',
    description: 'Bundled simulator: reply latency',
    schema: int(0),
    default: 20,
  },
  simJitterMs: {
    env: 'SIM_JITTER_MS',
    flag: 'sim-jitter-ms',
    description: 'Bundled simulator: latency jitter',
    schema: int(0),
    default: 10,
  },
  simWorkers: {
    env: 'SIM_WORKERS',
    flag: 'sim-workers',
    description: 'Bundled simulator: requests it works on at once (unset = unlimited)',
    schema: int(1, 100_000),
  },
  simQueue: {
    env: 'SIM_QUEUE',
    flag: 'sim-queue',
    description: 'Bundled simulator: requests waiting for a worker before it answers 429',
    schema: int(0, 100_000),
    default: 0,
  },
  simSeed: {
    env: 'SIM_SEED',
    flag: 'sim-seed',
    description: 'Bundled simulator: seed of its numbers with orders',
    schema: int(0),
    default: DEFAULT_SEED,
  },
  simCount: {
    env: 'SIM_COUNT',
    flag: 'sim-count',
    description: 'Bundled simulator: how many numbers have orders',
    schema: int(1, 10_000_000),
    default: 5000,
  },

  apiKeys: {
    env: 'API_KEYS',
    flag: 'api-keys',
    description: 'Comma-separated id:sha256hex pairs of accepted API keys (production mode)',
    schema: list,
    secret: true,
  },
  maxDepth: {
    env: 'MAX_DEPTH',
    flag: 'max-depth',
    description: 'Deepest field nesting of an operation (introspection excepted)',
    schema: int(1, 100),
    default: 8,
  },
  maxAliases: {
    env: 'MAX_ALIASES',
    flag: 'max-aliases',
    description: 'Aliases in one operation (an aliased matchPhone would run several searches)',
    schema: int(0, 1000),
    default: 5,
  },
  maxTokens: {
    env: 'MAX_TOKENS',
    flag: 'max-tokens',
    description: 'Lexical tokens in one operation document',
    schema: int(1, 1_000_000),
    default: 1000,
  },
  maxCost: {
    env: 'MAX_COST',
    flag: 'max-cost',
    description: 'Cost of one operation (graphql-armor: 2 per object, 1 per scalar, x1.5 per level)',
    schema: int(1),
    default: 5000,
  },
  maxDirectives: {
    env: 'MAX_DIRECTIVES',
    flag: 'max-directives',
    description: 'Directives in one operation',
    schema: int(0, 1000),
    default: 10,
  },
  maxBodyBytes: {
    env: 'MAX_BODY_BYTES',
    flag: 'max-body-bytes',
    description: 'Largest HTTP request body and WebSocket message, in bytes (larger: 413)',
    schema: int(256),
    default: DEFAULT_MAX_BODY_BYTES,
  },
  searchesInFlightPerKey: {
    env: 'SEARCHES_IN_FLIGHT_PER_KEY',
    flag: 'searches-in-flight-per-key',
    description: 'Searches one API key may run at once (more: TOO_MANY_SEARCHES)',
    schema: int(1),
    default: 4,
  },
  searchesPerMinutePerKey: {
    env: 'SEARCHES_PER_MINUTE_PER_KEY',
    flag: 'searches-per-minute-per-key',
    description: 'Searches one API key may start per minute (more: RATE_LIMITED)',
    schema: int(1),
    default: 30,
  },
  auditPath: {
    env: 'AUDIT_DB_PATH',
    flag: 'audit-db',
    description: 'Append-only SQLite audit of every search; "off" disables it (dev mode only)',
    schema: z.string().min(1),
    defaultText: DEFAULT_AUDIT_DB_PATH,
  },
  auditFullNumbers: {
    env: 'AUDIT_FULL_NUMBERS',
    flag: 'audit-full-numbers',
    description: 'Write matched numbers to the audit in full (otherwise masked, 138****1234)',
    schema: bool,
    default: false,
  },
  persistedOperations: {
    env: 'PERSISTED_OPERATIONS',
    flag: 'persisted-operations',
    description:
      'allow: run documents and persisted ids (documentId, from schema/generated/persisted-documents.json); only: persisted ids alone (public frontends; GraphiQL off)',
    schema: z.enum(['allow', 'only']),
    default: DEFAULT_PERSISTED_OPERATIONS,
  },
  redisUrl: {
    env: 'REDIS_URL',
    flag: 'redis-url',
    description: 'Redis shared by a fleet of instances (budget, cache, quotas, searches); unset runs alone, in memory',
    schema: z
      .string()
      .url()
      .refine((v) => /^rediss?:\/\//.test(v), 'expected redis://[:password@]host:port[/db] or rediss://…'),
    // May carry a password.
    secret: true,
  },
  redisClusterNodes: {
    env: 'REDIS_CLUSTER_NODES',
    flag: 'redis-cluster-nodes',
    description:
      'A Redis Cluster for the fleet, in place of REDIS_URL: comma-separated host:port seed nodes (the others are found from them)',
    schema: list.pipe(
      z
        .array(
          z
            .string()
            .regex(/^[^\s:]+:\d{1,5}$/, 'expected host:port')
            .transform((node) => {
              const at = node.lastIndexOf(':');
              return { host: node.slice(0, at), port: Number(node.slice(at + 1)) };
            }),
        )
        .min(1, 'expected at least one host:port'),
    ),
  },
  redisKeyPrefix: {
    env: 'REDIS_KEY_PREFIX',
    flag: 'redis-key-prefix',
    description: 'Prefix of every Redis key and channel of this fleet (several fleets can share one Redis)',
    schema: z.string().min(1).max(100),
    default: 'phonematch:',
  },
  fleetLeaseMs: {
    env: 'FLEET_LEASE_MS',
    flag: 'fleet-lease-ms',
    description: "How long a silent instance's permits and searches stay its own before the fleet takes them back",
    schema: int(500, 600_000),
    default: DEFAULT_FLEET_LEASE_MS,
  },
  allowedOrigins: {
    env: 'ALLOWED_ORIGINS',
    flag: 'allowed-origins',
    description:
      "Comma-separated browser origins allowed besides the service's own (CORS, CSRF, WebSocket), as browsers send them (https://app.example.com), or * for any",
    schema: list.transform((entries, ctx) => {
      const { origins, problems } = parseAllowedOrigins(entries);
      for (const message of problems) ctx.addIssue({ code: 'custom', message });
      return origins;
    }),
  },
} as const satisfies Record<string, OptionSpec>;

export type OptionName = keyof typeof OPTIONS;
