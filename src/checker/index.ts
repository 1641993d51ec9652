export { OrderChecker } from './order-checker.ts';
export type { OrderCheckerDeps } from './order-checker.ts';
export { CheckSession } from './session.ts';
export type { RunCallback, RunSummary } from './session.ts';
export { resolveCheckerConfig } from './config.ts';
export type {
  AimdConfig,
  BatchContractConfig,
  BreakerConfig,
  CacheConfig,
  CheckerConfig,
  OrderServiceConfig,
  ResolvedCheckerConfig,
  ResultReader,
  RetryConfig,
} from './config.ts';
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
export type { FailureReason } from './errors.ts';
export type { CheckResult, FailedResult, NoOrdersResult, OrdersResult } from './result.ts';
export type { BreakerState } from './breaker.ts';
export { LATENCY_BUCKETS_MS } from './stats.ts';
export type { CheckerHooks, CheckerStats, RequestEvent, RequestOutcome } from './stats.ts';
