import { ConfigError } from './errors.ts';

/** The ways the value at `jsonPath` can be turned into "has orders" (each read in answer-reader.ts). */
export const RESULT_READERS = ['number>0', 'true', 'non-empty-array'] as const;
/** How the value at `jsonPath` is turned into "has orders". */
export type ResultReader = (typeof RESULT_READERS)[number];

/** The methods the order service can be asked with. */
export const ORDER_METHODS = ['GET', 'POST'] as const;
export type OrderMethod = (typeof ORDER_METHODS)[number];

// Defaults the option table (src/config/options.ts) shares: each is written once, here.
/** `ORDERS_METHOD`'s default. */
export const DEFAULT_METHOD: OrderMethod = 'GET';
/** `ORDERS_BODY`'s default: the JSON body of a POST, `{phone}` substituted. */
export const DEFAULT_BODY_TEMPLATE = '{"phone":"{phone}"}';
/** `ORDERS_JSON_PATH`'s default. */
export const DEFAULT_JSON_PATH = 'total';
/** `ORDERS_READ_AS`'s default. */
export const DEFAULT_READ_AS: ResultReader = 'number>0';
/** `ORDERS_BATCH_BODY`'s default: `{phones}` becomes the JSON array of numbers. */
export const DEFAULT_BATCH_BODY = '{"phones":{phones}}';
/** `ORDERS_BATCH_SIZE`'s default: numbers per batch request. */
export const DEFAULT_BATCH_SIZE = 50;
/** `CHECK_CONCURRENCY`'s default: the in-flight bound follows the service. */
export const DEFAULT_CONCURRENCY = 'auto';
/** The adaptive limit's floor when `concurrency` is `'auto'`. */
export const DEFAULT_CONCURRENCY_MIN = 4;
/** The adaptive limit's ceiling when `concurrency` is `'auto'`. */
export const DEFAULT_CONCURRENCY_MAX = 256;
/** `CHECK_RATE_LIMIT`'s default: no cap on requests per second. */
export const DEFAULT_RATE_PER_SECOND = 0;
/** `CHECK_TIMEOUT_MS`'s default: the timeout of one attempt. */
export const DEFAULT_TIMEOUT_MS = 5000;
/** `CHECK_MAX_ATTEMPTS`'s default, the first attempt included. */
export const DEFAULT_MAX_ATTEMPTS = 4;
/** `CHECK_RETRY_BASE_MS`'s default: the backoff base. */
export const DEFAULT_RETRY_BASE_MS = 100;
/** `BREAKER_FAILURES`'s default: consecutive failed requests that open the breaker. */
export const DEFAULT_BREAKER_FAILURES = 20;
/** `BREAKER_COOLDOWN_MS`'s default: time open before a probe. */
export const DEFAULT_BREAKER_COOLDOWN_MS = 10_000;
/** `CACHE_MAX`'s default: definite answers kept. */
export const DEFAULT_CACHE_MAX = 100_000;
/** `CACHE_TTL_MS`'s default: how long an answer stays fresh (10 min). */
export const DEFAULT_CACHE_TTL_MS = 600_000;

/**
 * The optional batch contract: many numbers in one POST, sent with the per-number contract's cookie,
 * bearer token and headers, and answered with one value per number (read with `jsonPath` / `readAs`).
 */
export interface BatchContractConfig {
  /** Absolute URL the batches are POSTed to, e.g. `http://127.0.0.1:4001/orders/batch`. */
  url: string;
  /** JSON body template; `{phones}` becomes the JSON array of numbers. @default {@link DEFAULT_BATCH_BODY} */
  bodyTemplate?: string;
  /** Most numbers in one request. @default {@link DEFAULT_BATCH_SIZE} */
  size?: number;
  /** Dotted path to the per-number answers in the reply; empty means the reply itself. @default '' */
  resultsPath?: string;
  /**
   * Empty: the answers are an object keyed by number (`{"13800001234":{"total":0}}`). Set: they are an
   * array of objects that name their number in this field (`[{"phone":"13800001234","total":0}]`).
   * @default ''
   */
  phoneField?: string;
}

/** The contract with the operator's order service. */
export interface OrderServiceConfig {
  /** Absolute URL with a `{phone}` placeholder, e.g. `http://127.0.0.1:4001/orders?phone={phone}`. */
  urlTemplate: string;
  /** @default {@link DEFAULT_METHOD} */
  method?: OrderMethod;
  /** JSON body for POST, `{phone}` substituted (JSON-escaped), e.g. `{"phone":"{phone}"}`. @default {@link DEFAULT_BODY_TEMPLATE} */
  bodyTemplate?: string;
  /** Session token sent as `Cookie: session=<token>`. */
  sessionToken?: string;
  /** Bearer token sent as `Authorization: Bearer <token>`. */
  bearerToken?: string;
  /** Extra request headers (may carry credentials; never logged). @default {} */
  headers?: Readonly<Record<string, string>>;
  /** Dotted path to the value to read in the JSON reply, e.g. `data.total`. @default {@link DEFAULT_JSON_PATH} */
  jsonPath?: string;
  /** @default {@link DEFAULT_READ_AS} */
  readAs?: ResultReader;
  /** Statuses the operator uses to say "no orders" (e.g. 404). Any other non-2xx is a failure. @default [] */
  noOrdersStatuses?: readonly number[];
}

export interface CacheConfig {
  /** Definite answers kept. @default {@link DEFAULT_CACHE_MAX} */
  max?: number;
  /** How long an answer stays fresh. @default {@link DEFAULT_CACHE_TTL_MS} */
  ttlMs?: number;
}

export interface RetryConfig {
  /** Attempts per check, including the first. @default {@link DEFAULT_MAX_ATTEMPTS} */
  maxAttempts?: number;
  /** Backoff ceiling for attempt n is `min(maxDelayMs, baseMs * 2^(n-1))`; the delay is random below it. @default {@link DEFAULT_RETRY_BASE_MS} */
  baseMs?: number;
  /** @default 5000 */
  maxDelayMs?: number;
  /** A `Retry-After` longer than this is capped to it. @default 30000 */
  retryAfterMaxMs?: number;
}

export interface BreakerConfig {
  /** Consecutive failed requests that open the breaker. @default {@link DEFAULT_BREAKER_FAILURES} */
  consecutiveFailures?: number;
  /** Failure ratio over the last `windowSize` requests that opens the breaker. @default 0.5 */
  failureRatio?: number;
  /** Requests remembered for the ratio. @default 100 */
  windowSize?: number;
  /** The ratio only counts once the window holds this many requests. @default 20 */
  minRequests?: number;
  /** Time open before a single probe is let through. @default {@link DEFAULT_BREAKER_COOLDOWN_MS} */
  cooldownMs?: number;
}

export interface CheckerConfig {
  orderService: OrderServiceConfig;
  /**
   * Requests in flight at the order service, across every search in the process. `'auto'` finds the
   * service's knee and follows it (see `limiter/adaptive-limiter.ts`); a number pins the bound.
   * @default {@link DEFAULT_CONCURRENCY}
   */
  concurrency?: number | 'auto';
  /** Floor of the adaptive limit. @default {@link DEFAULT_CONCURRENCY_MIN} */
  concurrencyMin?: number;
  /** Ceiling of the adaptive limit; also the connection pool's size. @default {@link DEFAULT_CONCURRENCY_MAX} */
  concurrencyMax?: number;
  /** Optional cap on requests per second (token bucket); 0 means no cap. @default {@link DEFAULT_RATE_PER_SECOND} */
  ratePerSecond?: number;
  /** Token bucket size, i.e. the largest burst allowed. @default max(1, ratePerSecond) */
  rateBurst?: number;
  /**
   * Per-attempt timeout, applied by undici to the headers and to each gap in the body. undici checks it
   * on a shared ~1 s timer wheel, so expect up to about a second of slack.
   * @default {@link DEFAULT_TIMEOUT_MS}
   */
  timeoutMs?: number;
  /** Idle keep-alive connections are closed after this. @default 30000 */
  keepAliveMs?: number;
  retry?: RetryConfig;
  cache?: CacheConfig;
  breaker?: BreakerConfig;
  /** When set, every check goes to the order service in batches through this contract. */
  batch?: BatchContractConfig;
}

/** The in-flight bound: pinned (min = max) or adaptive between min and max. */
export interface ConcurrencySettings {
  readonly auto: boolean;
  readonly min: number;
  readonly max: number;
}

type DeepRequired<T> = {
  readonly [K in keyof T]-?: T[K] extends object | undefined ? Required<NonNullable<T[K]>> : T[K];
};

export interface ResolvedCheckerConfig {
  readonly orderService: Required<OrderServiceConfig>;
  readonly concurrency: ConcurrencySettings;
  readonly ratePerSecond: number;
  readonly rateBurst: number;
  readonly timeoutMs: number;
  readonly keepAliveMs: number;
  readonly retry: DeepRequired<RetryConfig>;
  readonly cache: DeepRequired<CacheConfig>;
  readonly breaker: DeepRequired<BreakerConfig>;
  readonly batch: Readonly<Required<BatchContractConfig>> | undefined;
}

/** Fills in defaults and rejects values that would make the checker misbehave. */
export function resolveCheckerConfig(config: CheckerConfig): ResolvedCheckerConfig {
  const os = config.orderService;
  if (!os || typeof os.urlTemplate !== 'string' || (!os.urlTemplate.includes('{phone}') && os.method !== 'POST')) {
    throw new ConfigError('orderService.urlTemplate must contain {phone} (or use POST with a body template)');
  }
  try {
    new URL(os.urlTemplate.replaceAll('{phone}', '0'));
  } catch {
    throw new ConfigError('orderService.urlTemplate is not an absolute URL');
  }
  const ratePerSecond = config.ratePerSecond ?? DEFAULT_RATE_PER_SECOND;
  const resolved: ResolvedCheckerConfig = {
    orderService: {
      urlTemplate: os.urlTemplate,
      method: os.method ?? DEFAULT_METHOD,
      bodyTemplate: os.bodyTemplate ?? DEFAULT_BODY_TEMPLATE,
      sessionToken: os.sessionToken ?? '',
      bearerToken: os.bearerToken ?? '',
      headers: os.headers ?? {},
      jsonPath: os.jsonPath ?? DEFAULT_JSON_PATH,
      readAs: os.readAs ?? DEFAULT_READ_AS,
      noOrdersStatuses: os.noOrdersStatuses ?? [],
    },
    concurrency: concurrencyFrom(config),
    ratePerSecond,
    rateBurst: config.rateBurst ?? Math.max(1, ratePerSecond),
    timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    keepAliveMs: config.keepAliveMs ?? 30_000,
    retry: {
      maxAttempts: config.retry?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      baseMs: config.retry?.baseMs ?? DEFAULT_RETRY_BASE_MS,
      maxDelayMs: config.retry?.maxDelayMs ?? 5000,
      retryAfterMaxMs: config.retry?.retryAfterMaxMs ?? 30_000,
    },
    cache: { max: config.cache?.max ?? DEFAULT_CACHE_MAX, ttlMs: config.cache?.ttlMs ?? DEFAULT_CACHE_TTL_MS },
    breaker: {
      consecutiveFailures: config.breaker?.consecutiveFailures ?? DEFAULT_BREAKER_FAILURES,
      failureRatio: config.breaker?.failureRatio ?? 0.5,
      windowSize: config.breaker?.windowSize ?? 100,
      minRequests: config.breaker?.minRequests ?? 20,
      cooldownMs: config.breaker?.cooldownMs ?? DEFAULT_BREAKER_COOLDOWN_MS,
    },
    batch: config.batch && resolveBatch(config.batch),
  };
  if (!(ORDER_METHODS as readonly string[]).includes(resolved.orderService.method))
    throw new ConfigError(`orderService.method must be ${oneOf(ORDER_METHODS)}`);
  if (!(RESULT_READERS as readonly string[]).includes(resolved.orderService.readAs)) {
    throw new ConfigError(`orderService.readAs must be ${oneOf(RESULT_READERS)}`);
  }
  positiveInt(resolved.retry.maxAttempts, 'retry.maxAttempts');
  positiveInt(resolved.cache.max, 'cache.max');
  positiveInt(resolved.breaker.consecutiveFailures, 'breaker.consecutiveFailures');
  positiveInt(resolved.breaker.windowSize, 'breaker.windowSize');
  positive(resolved.timeoutMs, 'timeoutMs');
  positive(resolved.cache.ttlMs, 'cache.ttlMs');
  nonNegative(resolved.ratePerSecond, 'ratePerSecond');
  nonNegative(resolved.retry.baseMs, 'retry.baseMs');
  nonNegative(resolved.retry.maxDelayMs, 'retry.maxDelayMs');
  nonNegative(resolved.retry.retryAfterMaxMs, 'retry.retryAfterMaxMs');
  nonNegative(resolved.breaker.cooldownMs, 'breaker.cooldownMs');
  if (!(resolved.breaker.failureRatio > 0 && resolved.breaker.failureRatio <= 1))
    throw new ConfigError('breaker.failureRatio must be in (0, 1]');
  if (resolved.ratePerSecond > 0) positive(resolved.rateBurst, 'rateBurst');
  return resolved;
}

function resolveBatch(batch: BatchContractConfig): Required<BatchContractConfig> {
  const resolved = {
    url: batch.url,
    bodyTemplate: batch.bodyTemplate ?? DEFAULT_BATCH_BODY,
    size: batch.size ?? DEFAULT_BATCH_SIZE,
    resultsPath: batch.resultsPath ?? '',
    phoneField: batch.phoneField ?? '',
  };
  try {
    new URL(resolved.url);
  } catch {
    throw new ConfigError('batch.url is not an absolute URL');
  }
  const problem = batchBodyProblem(resolved.bodyTemplate);
  if (problem) throw new ConfigError(`batch.bodyTemplate ${problem}`);
  positiveInt(resolved.size, 'batch.size');
  return resolved;
}

/** Why a batch body template cannot work, or undefined when it can. Shared with the option table. */
export function batchBodyProblem(template: string): string | undefined {
  if (!template.includes('{phones}')) return 'must contain {phones} (where the JSON array of numbers goes)';
  try {
    JSON.parse(template.replaceAll('{phones}', '["13800001234"]'));
  } catch {
    return 'is not JSON once {phones} is replaced by an array, e.g. {"phones":{phones}}';
  }
  return undefined;
}

function concurrencyFrom(config: CheckerConfig): ConcurrencySettings {
  const c = config.concurrency ?? DEFAULT_CONCURRENCY;
  if (c !== 'auto') {
    positiveInt(c, 'concurrency');
    return { auto: false, min: c, max: c };
  }
  const min = config.concurrencyMin ?? DEFAULT_CONCURRENCY_MIN;
  const max = config.concurrencyMax ?? DEFAULT_CONCURRENCY_MAX;
  positiveInt(min, 'concurrencyMin');
  positiveInt(max, 'concurrencyMax');
  if (min > max) throw new ConfigError('concurrencyMin must not be above concurrencyMax');
  return { auto: true, min, max };
}

/** `a, b or c`. */
function oneOf(values: readonly string[]): string {
  return values.length < 2 ? values.join('') : `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;
}

function positiveInt(v: number, name: string): void {
  if (!Number.isInteger(v) || v < 1) throw new ConfigError(`${name} must be a positive integer`);
}
function positive(v: number, name: string): void {
  if (!(v > 0) || !Number.isFinite(v)) throw new ConfigError(`${name} must be a positive number`);
}
function nonNegative(v: number, name: string): void {
  if (!(v >= 0) || !Number.isFinite(v)) throw new ConfigError(`${name} must be a non-negative number`);
}
