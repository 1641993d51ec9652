import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey } from '../../src/auth/api-keys.ts';
import { ensureConsoleBuilt } from '../../src/server/console-build.ts';
import { useBrowser } from '../support/browser.ts';
import type { TestService } from '../support/test-service.ts';
import { candidateAt } from '../support/tier-numbers.ts';
import { waitFor, waitUntilSteady } from '../support/wait-for.ts';
import { bar, checkedOf, fill as fillFields, openConsole as open, regionsLoaded } from './console-page.ts';

const HANGZHOU = { prefix: '138', suffix: '1234', city: '杭州' } as const;
const AGENT_KEY = 'agent-key-5b1d0c7e9a2f4463';

describe('the agent console, in headless Chromium against the running service and the simulator', () => {
  const browser = useBrowser();
  let running: TestService | undefined;

  beforeAll(async () => {
    await ensureConsoleBuilt();
  }, 120_000);

  async function openConsole(options: Parameters<typeof open>[1] = {}): Promise<Page> {
    const opened = await open(browser(), options);
    running = opened.service;
    return opened.page;
  }

  const fill = (page: Page, fields: Partial<Record<'Prefix' | 'Suffix' | 'Mask' | 'Province' | 'City', string>>) =>
    fillFields(page, fields);

  it('a search that matches: a progress bar per tier while it runs, the match as soon as found, the final table', async () => {
    const number = candidateAt(HANGZHOU, 'PROVINCE', 120);
    const page = await openConsole({
      simulator: { numbers: new Set([number]), latencyMs: 15 },
      env: { CHECK_CONCURRENCY: '4' },
    });
    await regionsLoaded(page);
    // The city picker lists Chinese names with their full and English forms.
    expect(await page.locator('#city-options option[value="杭州"]').getAttribute('label')).toBe(
      '杭州市 · 浙江 · Hangzhou',
    );
    await fill(page, { Prefix: HANGZHOU.prefix, Suffix: HANGZHOU.suffix, City: HANGZHOU.city });
    await browser().screenshot(page, 'console-1-form');
    await page.getByRole('button', { name: 'Search' }).click();

    for (const tier of ['City', 'Province', 'National', 'Unlocated'])
      await expect.poll(() => bar(page, tier).count()).toBe(1);
    await waitFor(async () => (await checkedOf(page, 'City')) > 0, 'City tier progress');
    expect(await page.getByRole('button', { name: 'Cancel' }).isEnabled()).toBe(true);
    const cityRow = page.locator('.tier').first();
    expect(await cityRow.locator('.counts').textContent()).toMatch(/^\d+ \/ \d+ checked$/);
    await browser().screenshot(page, 'console-2-running');

    const match = page.getByRole('article', { name: `Match ${number}` });
    await match.waitFor();
    expect(await match.textContent()).toContain(`${number.slice(0, 3)} ${number.slice(3, 7)} ${number.slice(7)}`);
    expect(await match.textContent()).toContain('浙江');

    await page.getByRole('heading', { name: 'Number found' }).waitFor();
    const city = bar(page, 'City');
    expect(await city.getAttribute('aria-valuenow')).toBe(await city.getAttribute('aria-valuemax'));
    const rows = await page.locator('.tier-table tbody tr').allTextContents();
    expect(rows).toHaveLength(4);
    expect(rows[0]).toContain('All checked');
    expect(rows[1]).toContain('Stopped at the match');
    expect(rows[2]).toContain('Not needed');
    expect(await page.getByRole('button', { name: 'Search' }).isEnabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Cancel' }).isDisabled()).toBe(true);
    await browser().screenshot(page, 'console-3-matched');
  });

  it('an order service that fails every check: the search ends at once with "order service not answering"', async () => {
    const page = await openConsole({ env: { CHECK_MAX_ATTEMPTS: '1', BREAKER_FAILURES: '5' } });
    running!.simulator.setFaults({ errorRate: 1 });
    await regionsLoaded(page);
    await fill(page, { Prefix: HANGZHOU.prefix, Suffix: HANGZHOU.suffix, City: HANGZHOU.city });
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('heading', { name: 'The order service is not answering' }).waitFor();
    expect(await page.locator('.verdict').textContent()).toMatch(/checks failed/);
    expect(await page.locator('.tier-table').textContent()).toContain('Order service down');
    expect(await page.locator('.failed-numbers summary').textContent()).toMatch(/numbers could not be checked/);
    await browser().screenshot(page, 'console-4-order-service-down');
  });

  it('some checks failed and nothing matched: "not sure", with the numbers to retry', async () => {
    const input = { prefix: '1380571', suffix: '1', city: '杭州' };
    const failing = [candidateAt(input, 'CITY', 5), candidateAt(input, 'CITY', 700)];
    const page = await openConsole({
      simulator: { faults: { failPhones: failing } },
      env: { CHECK_MAX_ATTEMPTS: '1' },
    });
    await regionsLoaded(page);
    await fill(page, { Prefix: input.prefix, Suffix: input.suffix, City: input.city });
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('heading', { name: 'Not sure: some checks failed' }).waitFor();
    expect(await page.locator('.verdict').textContent()).toContain('2 checks failed');
    // The City bar: every candidate checked, two of them failed.
    expect(await bar(page, 'City').getAttribute('aria-valuetext')).toBe(
      '1,000 of 1,000 checked, 2 failed, 0 with orders',
    );
    expect(await page.locator('.tier').first().locator('.counts').textContent()).toBe(
      '1,000 / 1,000 checked · 2 failed',
    );
    await page.locator('.failed-numbers summary').click();
    const listed = await page.locator('.failed-numbers li').allTextContents();
    expect(listed.map((n) => n.replace(/ /g, '')).sort()).toEqual([...failing].sort());
    await browser().screenshot(page, 'console-5-incomplete');
  });

  it('Cancel stops the search (cancelSearch), and the order service hears nothing more', async () => {
    const page = await openConsole({ simulator: { latencyMs: 25 }, env: { CHECK_CONCURRENCY: '4' } });
    await regionsLoaded(page);
    await fill(page, { Mask: '138****1234' });
    await page.getByRole('button', { name: 'Search' }).click();
    await waitFor(async () => (await checkedOf(page, 'National')) >= 8, 'some checks');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('heading', { name: 'Search cancelled' }).waitFor();

    const simulator = running!.simulator;
    const steady = await waitUntilSteady(() => simulator.stats().requests, 300);
    await waitFor(() => simulator.stats().inFlight === 0, 'no request in flight');
    expect(running!.engine.activeSearches).toBe(0);
    // Far from the tier's 10,000 candidates: the search stopped where it was cancelled.
    expect(steady).toBeLessThan(200);
    expect(await page.getByRole('button', { name: 'Search' }).isEnabled()).toBe(true);
    const national = await page.locator('.tier-table tbody tr').nth(2).textContent();
    expect(national).toContain('Cancelled');
    await browser().screenshot(page, 'console-6-cancelled');
  });

  it('a reload re-attaches to the running search (started with startSearch, watched with searchEvents)', async () => {
    const page = await openConsole({ simulator: { latencyMs: 25 }, env: { CHECK_CONCURRENCY: '4' } });
    await regionsLoaded(page);
    await fill(page, { Mask: '139****5678' });
    await page.getByRole('button', { name: 'Search' }).click();
    await waitFor(async () => (await checkedOf(page, 'National')) >= 8, 'some checks');
    const before = await checkedOf(page, 'National');
    // The address is the search's link: a reload opens it again.
    const id = new URL(page.url()).hash.replace('#search=', '');
    expect(id).toMatch(/^[\w-]{20,}$/);

    await page.reload();
    // Back where the search stands (the replay), and still moving.
    await waitFor(async () => (await bar(page, 'National').count()) === 1, 'the National bar after the reload');
    await waitFor(async () => (await checkedOf(page, 'National')) > before, 'progress after the reload');
    expect(running!.engine.activeSearches).toBe(1);
    expect(await page.getByLabel('Mask', { exact: true }).inputValue()).toBe('139****5678');
    expect(await page.getByRole('button', { name: 'Cancel' }).isEnabled()).toBe(true);
    await browser().screenshot(page, 'console-7-reattached');

    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('heading', { name: 'Search cancelled' }).waitFor();
    expect(await page.locator('.verdict').textContent()).toContain('You cancelled it');
    await waitFor(() => running!.simulator.stats().inFlight === 0, 'no request in flight');
  });

  it('bad input: the API’s problem at its field with its suggestions, which fill the field in', async () => {
    const page = await openConsole();
    await regionsLoaded(page);
    await fill(page, { Prefix: '138', Suffix: '1234', City: '杭洲' });
    await page.getByRole('button', { name: 'Search' }).click();
    const cityError = page.locator('#city-error');
    // The API's suggestion, as it names it; choosing it fills in the city and its province.
    const suggestion = cityError.getByRole('button', { name: '杭州 (浙江, Hangzhou)' });
    await suggestion.waitFor();
    expect(await page.getByLabel('City', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await browser().screenshot(page, 'console-8-bad-city');
    await suggestion.click();
    expect(await page.getByLabel('City', { exact: true }).inputValue()).toBe('杭州');
    expect(await page.getByLabel('Province', { exact: true }).inputValue()).toBe('浙江');
    expect(await cityError.textContent()).toBe('');

    await fill(page, { Prefix: '13a' });
    await page.getByRole('button', { name: 'Search' }).click();
    await page.locator('#prefix-error p').first().waitFor();
    expect(await page.locator('#prefix-error').textContent()).toMatch(/digit/i);
    expect(running!.simulator.stats().requests).toBe(0);
  });

  it('too many searches for the key: says so and when to retry', async () => {
    const page = await openConsole({ env: { SEARCHES_PER_MINUTE_PER_KEY: '1' } });
    await regionsLoaded(page);
    await fill(page, { Prefix: '1380571', Suffix: '1' });
    await page.getByRole('button', { name: 'Search' }).click();
    await page.locator('.verdict h3').waitFor();
    await page.getByRole('button', { name: 'Search' }).click();
    const alert = page.locator('.problem');
    await alert.getByText('Too many searches', { exact: true }).waitFor();
    // Said once, and counted down: the search starts again by itself when the quota allows.
    const countdown = alert.locator('.countdown');
    const first = Number(/in (\d+) s/.exec((await countdown.textContent())!)?.[1]);
    expect(first).toBeGreaterThan(1);
    await waitFor(
      async () => Number(/in (\d+) s/.exec((await countdown.textContent())!)?.[1]) < first,
      'the countdown',
    );
    expect(await alert.textContent()).not.toMatch(/Retry in/);
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(await alert.isHidden()).toBe(true);
  });

  it('production: asks for the API key once, keeps it for the session, never in the URL', async () => {
    const page = await openConsole({
      env: { PHONEMATCH_MODE: 'production', API_KEYS: `agent:${hashApiKey(AGENT_KEY)}` },
    });
    const dialog = page.getByRole('dialog', { name: 'API key' });
    await dialog.waitFor();
    await dialog.getByLabel('API key').fill('not-the-key');
    await dialog.getByRole('button', { name: 'Use this key' }).click();
    await dialog.getByText('did not accept that key').waitFor();
    await browser().screenshot(page, 'console-9-key-refused');
    await dialog.getByLabel('API key').fill(AGENT_KEY);
    await dialog.getByRole('button', { name: 'Use this key' }).click();
    await regionsLoaded(page);

    await fill(page, { Prefix: '1380571', Suffix: '1' });
    await page.getByRole('button', { name: 'Search' }).click();
    await page.locator('.verdict h3').waitFor();
    expect(running!.simulator.stats().requests).toBeGreaterThan(0);

    // A reload keeps the key (the tab's session), so it is not asked again.
    await page.reload();
    await regionsLoaded(page);
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(page.url()).not.toContain(AGENT_KEY);
    expect(await page.evaluate(() => sessionStorage.getItem('phonematch.apiKey'))).toBe(AGENT_KEY);
    expect(await page.evaluate(() => document.cookie)).toBe('');
  });
});
