import { OrderChecker, type CheckerConfig, type OrderServiceConfig } from '../../src/checker/index.ts';
import type { OrderCheckerDeps } from '../../src/checker/order-checker.ts';
import type { Simulator } from '../../src/simulator/index.ts';

export { waitFor } from '../support/wait-for.ts';

export const TOKEN = 'sekrit-session-token-42';

/** Distinct valid numbers: `numbers(3, '139')` -> 13900000000, 13900000001, 13900000002. */
export function numbers(count: number, prefix = '139', start = 0): string[] {
  return Array.from({ length: count }, (_, i) => prefix + String(start + i).padStart(11 - prefix.length, '0'));
}

/** A checker pointed at `sim` with test-friendly timings (short timeout and backoff). */
export function checkerFor(
  sim: Simulator,
  overrides: Partial<Omit<CheckerConfig, 'orderService'>> & { orderService?: Partial<OrderServiceConfig> } = {},
  deps: OrderCheckerDeps = {},
): OrderChecker {
  const { orderService, ...rest } = overrides;
  return new OrderChecker(
    {
      timeoutMs: 300,
      ...rest,
      orderService: { urlTemplate: sim.ordersUrlTemplate, sessionToken: TOKEN, ...orderService },
      retry: { baseDelayMs: 5, maxDelayMs: 20, ...rest.retry },
    },
    deps,
  );
}
