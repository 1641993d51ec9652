import {
  OrderChecker,
  type CheckerConfig,
  type OrderCheckerDeps,
  type OrderServiceConfig,
} from '../../src/checker/index.ts';
import type { Simulator, SimulatorOptions } from '../../src/simulator/index.ts';
import { leave } from './leftovers.ts';
import { startTestSimulator } from './simulator.ts';

export const TOKEN = 'sekrit-session-token-42';

export type CheckerOverrides = Partial<Omit<CheckerConfig, 'orderService'>> & {
  orderService?: Partial<OrderServiceConfig>;
};

/** Distinct valid numbers: `numbers(3, '139')` -> 13900000000, 13900000001, 13900000002. */
export function numbers(count: number, prefix = '139', start = 0): string[] {
  return Array.from({ length: count }, (_, i) => prefix + String(start + i).padStart(11 - prefix.length, '0'));
}

/**
 * A checker pointed at `sim` with test-friendly timings (short timeout and backoff), closed after the
 * test (or after the file, when made in `beforeAll`).
 */
export function checkerFor(
  sim: Simulator,
  overrides: CheckerOverrides = {},
  deps: OrderCheckerDeps = {},
): OrderChecker {
  const { orderService, ...rest } = overrides;
  const checker = new OrderChecker(
    {
      timeoutMs: 300,
      ...rest,
      orderService: { urlTemplate: sim.ordersUrlTemplate, sessionToken: TOKEN, ...orderService },
      retry: { baseMs: 5, maxDelayMs: 20, ...rest.retry },
    },
    deps,
  );
  leave(() => checker.close());
  return checker;
}

/**
 * A simulator that takes the test token (`simulator` adds to its options) and a checker pointed at it
 * (see `checkerFor`; `overrides` is a function when it needs the simulator, e.g. its batch URL); both
 * closed after the test, the checker first.
 */
export async function startChecker(
  simulator: SimulatorOptions = {},
  overrides: CheckerOverrides | ((sim: Simulator) => CheckerOverrides) = {},
  deps: OrderCheckerDeps = {},
): Promise<{ sim: Simulator; checker: OrderChecker }> {
  const sim = await startTestSimulator({ token: TOKEN, ...simulator });
  return { sim, checker: checkerFor(sim, typeof overrides === 'function' ? overrides(sim) : overrides, deps) };
}
