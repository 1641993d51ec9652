import { describe, expect, it } from 'vitest';
import type { OrderChecker } from '../../src/checker/index.ts';
import type { Simulator, SimulatorOptions } from '../../src/simulator/index.ts';
import { checkerFor, startChecker, TOKEN } from '../support/checker.ts';

const WITH = '13800001234';
const WITHOUT = '13800005678';

let sim: Simulator;
let checker: OrderChecker;

async function setup(options: SimulatorOptions = {}, overrides: Parameters<typeof checkerFor>[1] = {}) {
  ({ sim, checker } = await startChecker(
    { numbers: new Map([[WITH, 3]]), ...options },
    { retry: { maxAttempts: 1 }, ...overrides },
  ));
}

describe('outcome classification', () => {
  it('reads total > 0 as orders and total 0 as no orders', async () => {
    await setup();
    expect(await checker.check(WITH)).toEqual({ outcome: 'orders', cached: false });
    expect(await checker.check(WITHOUT)).toEqual({ outcome: 'no-orders', cached: false });
  });

  it.each([
    ['error', 'http-status', 503],
    ['rate-limit', 'http-status', 429],
    ['hang', 'timeout', undefined],
    ['reset', 'network', undefined],
    ['malformed-html', 'unreadable', undefined],
    ['malformed-json', 'unreadable', undefined],
  ] as const)('fault %s fails as %s, never as no-orders', async (kind, reason, status) => {
    await setup({ faults: { phoneFaults: new Map([[WITHOUT, kind]]) } });
    const result = await checker.check(WITHOUT);
    expect(result.outcome).toBe('failed');
    if (result.outcome !== 'failed') return;
    expect(result.reason).toBe(reason);
    expect(result.status).toBe(status);
    expect(result.cached).toBe(false);
    expect(result.error.reason).toBe(reason);
    expect(result.code).toMatch(/^PM_CHECK_/);
  });

  it('a wrong session token is an http-status failure (401), not retried', async () => {
    await setup({}, { orderService: { sessionToken: 'wrong' }, retry: { maxAttempts: 3 } });
    const result = await checker.check(WITH);
    expect(result).toMatchObject({ outcome: 'failed', reason: 'http-status', status: 401 });
    expect(sim.stats().requests).toBe(1);
  });

  it('a 404 declared as "no orders" is no-orders; undeclared it is a failure', async () => {
    await setup({ noOrdersStatus: 404 }, { orderService: { noOrdersStatuses: [404] } });
    expect(await checker.check(WITHOUT)).toEqual({ outcome: 'no-orders', cached: false });
    expect(await checker.check(WITH)).toEqual({ outcome: 'orders', cached: false });
    await checker.close();

    checker = checkerFor(sim, { retry: { maxAttempts: 1 } });
    expect(await checker.check(WITHOUT)).toMatchObject({ outcome: 'failed', reason: 'http-status', status: 404 });
  });

  it('refuses to read a missing path or a value of the wrong type', async () => {
    await setup({}, { orderService: { jsonPath: 'data.nothing' } });
    expect(await checker.check(WITH)).toMatchObject({ outcome: 'failed', reason: 'unreadable' });
    await checker.close();
    checker = checkerFor(sim, { orderService: { jsonPath: 'phone' } });
    expect(await checker.check(WITH)).toMatchObject({ outcome: 'failed', reason: 'unreadable' });
  });
});

describe('configurable contract', () => {
  it('POSTs a JSON body and reads a dotted path', async () => {
    await setup({}, { orderService: { method: 'POST', bodyTemplate: '{"phone":"{phone}"}', jsonPath: 'data.total' } });
    expect(await checker.check(WITH)).toMatchObject({ outcome: 'orders' });
    expect(await checker.check(WITHOUT)).toMatchObject({ outcome: 'no-orders' });
    expect(sim.requestLog.map((e) => e.method)).toEqual(['POST', 'POST']);
  });

  it('reads a boolean with the "true" reader', async () => {
    await setup({}, { orderService: { jsonPath: 'hasOrders', readAs: 'true' } });
    expect(await checker.check(WITH)).toMatchObject({ outcome: 'orders' });
    expect(await checker.check(WITHOUT)).toMatchObject({ outcome: 'no-orders' });
  });

  it('reads an array with the "non-empty-array" reader', async () => {
    await setup({}, { orderService: { jsonPath: 'orders', readAs: 'non-empty-array' } });
    expect(await checker.check(WITH)).toMatchObject({ outcome: 'orders' });
    expect(await checker.check(WITHOUT)).toMatchObject({ outcome: 'no-orders' });
  });

  it('sends the cookie from extra headers when no session token is configured', async () => {
    await setup({}, { orderService: { sessionToken: undefined, headers: { Cookie: `session=${TOKEN}` } } });
    expect(await checker.check(WITH)).toMatchObject({ outcome: 'orders' });
  });
});
