import type { CheckerConfig, OrderServiceConfig } from '../checker/index.ts';
import type { Config } from '../config/config.ts';

/** The checker's settings from the service configuration, pointed at `urlTemplate`. */
export function checkerConfigFrom(config: Config, urlTemplate: string, sessionToken?: string): CheckerConfig {
  const { orders, check } = config;
  const headers = { ...orders.headers };
  let token = sessionToken;
  // ORDERS_COOKIE is usually the session token; a value with '=' is taken as the whole Cookie header.
  if (orders.cookie?.includes('=')) headers.cookie = orders.cookie;
  else if (orders.cookie) token = orders.cookie;
  const orderService: OrderServiceConfig = {
    urlTemplate,
    method: orders.method,
    headers,
    jsonPath: orders.jsonPath,
    readAs: orders.readAs,
    noOrdersStatuses: orders.noOrdersStatuses,
    ...(orders.bodyTemplate ? { bodyTemplate: orders.bodyTemplate } : {}),
    ...(token ? { sessionToken: token } : {}),
    ...(orders.bearerToken ? { bearerToken: orders.bearerToken } : {}),
  };
  return {
    orderService,
    concurrency: check.concurrency,
    concurrencyMin: check.concurrencyMin,
    concurrencyMax: check.concurrencyMax,
    ratePerSecond: check.ratePerSecond,
    timeoutMs: check.timeoutMs,
    retry: { ...check.retry },
    breaker: { ...check.breaker },
    cache: { ...check.cache },
    ...(orders.batch
      ? {
          batch: {
            url: orders.batch.url,
            size: orders.batch.size,
            resultsPath: orders.batch.resultsPath,
            phoneField: orders.batch.phoneField,
            ...(orders.batch.bodyTemplate ? { bodyTemplate: orders.batch.bodyTemplate } : {}),
          },
        }
      : {}),
  };
}
