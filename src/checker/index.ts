// The checker's only way in: everything not exported here is private to src/checker.
export { OrderChecker } from './order-checker.ts';
export type { OrderCheckerDeps } from './order-checker.ts';
export type { CheckSession, RunCallback, RunSummary } from './session.ts';
export {
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
  resolveCheckerConfig,
} from './config.ts';
export type {
  BatchContractConfig,
  BreakerConfig,
  CacheConfig,
  CheckerConfig,
  ConcurrencySettings,
  OrderMethod,
  OrderServiceConfig,
  ResolvedCheckerConfig,
  ResultReader,
  RetryConfig,
} from './config.ts';
export type { InFlightBudget, Permit, RequestEnds } from './budget/in-flight-budget.ts';
export { OncePermit } from './budget/in-flight-budget.ts';
export type { SchedulerDemand } from './scheduler.ts';
export type { SharedPause } from './shared-pause.ts';
export type { ConcurrencyLimiter, LimitChange, LimitReason, RequestSample, SampleOutcome } from './limiter/limiter.ts';
export {
  CheckCancelledError,
  CheckError,
  CheckTimeoutError,
  CircuitOpenError,
  ConfigError,
  HttpStatusError,
  MissingFromBatchError,
  NetworkError,
  UnreadableResponseError,
} from './errors.ts';
export { FAILURE_REASONS } from './errors.ts';
export type { FailureReason } from './errors.ts';
export type { CheckResult, FailedResult, NoOrdersResult, OrdersResult } from './result.ts';
export type { BreakerState } from './breaker.ts';
export { LATENCY_BUCKETS_MS } from './stats.ts';
export type { CheckerHooks, CheckerStats, RequestEvent, AttemptOutcome } from './stats.ts';
// The fleet (src/fleet) plugs into these: its budget, its shared answers, its rate.
export { limiterFor } from './order-checker.ts';
export { FixedLimiter } from './limiter/limiter.ts';
export { AdaptiveLimiter } from './limiter/adaptive-limiter.ts';
export { LearnedLimitKeeper, serviceKey, type LearnedLimit, type LearnedLimitStore } from './limiter/learned-limit.ts';
export type { SharedAnswerStore, SharedLookup } from './shared-answers.ts';
export type { RateGate } from './token-bucket.ts';
