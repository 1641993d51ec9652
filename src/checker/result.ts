import type { CheckError, FailureReason } from './errors.ts';

export interface OrdersResult {
  readonly outcome: 'orders';
  /** True when answered from the cache without a request. */
  readonly cached: boolean;
}

export interface NoOrdersResult {
  readonly outcome: 'no-orders';
  readonly cached: boolean;
}

export interface FailedResult {
  readonly outcome: 'failed';
  readonly cached: false;
  readonly reason: FailureReason;
  /** Stable error code, e.g. `PM_CHECK_TIMEOUT`. */
  readonly code: string;
  /** HTTP status, for `http-status` failures. */
  readonly status?: number;
  /** Safe to log or show: no full number, no credential. */
  readonly message: string;
  readonly error: CheckError;
}

/** Exactly one of: has orders, has none, or could not tell (never guessed as "no orders"). */
export type CheckResult = OrdersResult | NoOrdersResult | FailedResult;

// Success results carry no per-check data, so they are shared constants: no allocation per check.
export const ORDERS: OrdersResult = Object.freeze({ outcome: 'orders', cached: false });
export const ORDERS_CACHED: OrdersResult = Object.freeze({ outcome: 'orders', cached: true });
export const NO_ORDERS: NoOrdersResult = Object.freeze({ outcome: 'no-orders', cached: false });
export const NO_ORDERS_CACHED: NoOrdersResult = Object.freeze({ outcome: 'no-orders', cached: true });

export function answer(hasOrders: boolean, cached: boolean): OrdersResult | NoOrdersResult {
  if (hasOrders) return cached ? ORDERS_CACHED : ORDERS;
  return cached ? NO_ORDERS_CACHED : NO_ORDERS;
}

export function failure(error: CheckError): FailedResult {
  const result: FailedResult = {
    outcome: 'failed',
    cached: false,
    reason: error.reason,
    code: error.code,
    message: error.message,
    error,
  };
  return error.status === undefined ? result : { ...result, status: error.status };
}
