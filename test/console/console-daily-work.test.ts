import type { WebSocket } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureConsoleBuilt } from '../../src/server/console-build.ts';
import { useBrowser } from '../support/browser.ts';
import { type CuttableProxy, startCuttableProxy } from '../support/cuttable-proxy.ts';
import { waitFor } from '../support/wait-for.ts';
import { checkedOf, fill, openConsole, regionsLoaded } from './console-page.ts';

/**
 * An agent's day with the console, against a service that runs the committed operations only
 * (PERSISTED_OPERATIONS=only, as the README recommends for public frontends).
 */
const ONLY = { PERSISTED_OPERATIONS: 'only', GRAPHIQL: 'false' };
const WITH_ORDERS = '13805711234';

describe('the agent console with PERSISTED_OPERATIONS=only', () => {
  const browser = useBrowser();

  beforeAll(async () => {
    await ensureConsoleBuilt();
  }, 120_000);

  it('sends document ids, never query text: the pickers fill and a complete number is checked alone', async () => {
    const { page, service } = await openConsole(browser(), {
      simulator: { numbers: new Set([WITH_ORDERS]) },
      env: ONLY,
    });
    const sent: string[] = [];
    page.on('websocket', (socket: WebSocket) => socket.on('framesent', ({ payload }) => sent.push(String(payload))));
    await page.reload();
    await regionsLoaded(page);
    await fill(page, { Mask: WITH_ORDERS, City: '杭州' });
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('heading', { name: 'Number found' }).waitFor();
    expect(await page.locator('.subtitle').textContent()).toBe('1 possible number');
    expect(service.simulator.stats().requests).toBe(1);

    const subscribes = sent.map((frame) => JSON.parse(frame) as { type: string; payload?: Record<string, unknown> });
    const operations = subscribes.filter((m) => m.type === 'subscribe');
    expect(operations.length).toBeGreaterThanOrEqual(3);
    for (const { payload } of operations) {
      expect(payload?.query).toBe('');
      expect(payload?.extensions).toMatchObject({ persistedQuery: { version: 1, sha256Hash: /^[0-9a-f]{64}$/ } });
    }
    await browser().screenshot(page, 'console-10-complete-number-persisted-only');
  });

  it('keeps recent searches (masked until shown) and opens one by its link, with its result', async () => {
    const { page, service } = await openConsole(browser(), {
      simulator: { numbers: new Set([WITH_ORDERS]) },
      env: ONLY,
    });
    await page.evaluate(() => localStorage.removeItem('phonematch.history'));
    await regionsLoaded(page);
    await fill(page, { Prefix: '1380571', Suffix: '1234', City: '杭州' });
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('heading', { name: 'Number found' }).waitFor();
    const reference = await page.locator('.reference .ref').textContent();
    expect(reference).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}$/);
    const link = page.url();
    expect(link).toMatch(/\/console#search=[\w-]+$/);

    const entry = page.locator('.history-entry').first();
    // All 11 digits were given: the list keeps the input masked all the same.
    expect(await entry.getByRole('link').textContent()).toBe('138****1234');
    expect(await entry.locator('.history-match').textContent()).toBe('138****1234');
    // The stored list holds the matched number (the answer) and the masked input, nothing else of the number.
    const stored = await page.evaluate(() => localStorage.getItem('phonematch.history') ?? '');
    expect(stored).toContain(WITH_ORDERS);
    expect(stored.match(/(?<![\w-])1\d{10}(?![\w-])/g)).toEqual([WITH_ORDERS]);
    await entry.getByRole('button', { name: 'Show the full number' }).click();
    expect(await entry.locator('.history-match').textContent()).toBe('138 0571 1234');
    await browser().screenshot(page, 'console-11-history');

    // The link in a fresh tab shows the finished search's result, without searching again.
    const requests = service.simulator.stats().requests;
    const other = await browser().newPage();
    await other.goto(link);
    await other.getByRole('heading', { name: 'Number found' }).waitFor();
    expect(await other.locator('.reference .ref').textContent()).toBe(reference);
    expect(service.simulator.stats().requests).toBe(requests);
  });

  it('after a lost connection reconnects by itself and re-attaches to the search, saying so meanwhile', async () => {
    let proxy: CuttableProxy | undefined;
    const { page } = await openConsole(browser(), {
      simulator: { latencyMs: 25 },
      env: { ...ONLY, CHECK_CONCURRENCY: '4' },
      at: async (service) => (proxy = await startCuttableProxy(service.url)).url,
    });
    if (!proxy) throw new Error('no proxy');
    await regionsLoaded(page);
    await fill(page, { Mask: '139****5678' });
    await page.getByRole('button', { name: 'Search' }).click();
    await waitFor(async () => (await checkedOf(page, 'National')) >= 8, 'some checks');

    proxy.cut();
    await page.getByText('Reconnecting to the service').first().waitFor();
    expect(await page.locator('.tier[data-phase="running"] .outcome').textContent()).toBe('Reconnecting…');
    await browser().screenshot(page, 'console-12-reconnecting');
    const before = await checkedOf(page, 'National');
    proxy.restore();
    await waitFor(async () => (await checkedOf(page, 'National')) > before, 'progress after reconnecting');
    expect(await page.locator('.problem').isHidden()).toBe(true);
    expect(await page.getByRole('button', { name: 'Cancel' }).isEnabled()).toBe(true);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('heading', { name: 'Search cancelled' }).waitFor();
  });
});
