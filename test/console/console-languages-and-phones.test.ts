import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureConsoleBuilt } from '../../src/server/console-build.ts';
import { useBrowser } from '../support/browser.ts';
import { candidateAt } from '../support/tier-numbers.ts';
import { expectNoHorizontalOverflow, fill, openConsole, regionsLoaded } from './console-page.ts';

const ONLY = { PERSISTED_OPERATIONS: 'only', GRAPHIQL: 'false' };
const HANGZHOU = { prefix: '1380571', suffix: '1', city: '杭州' } as const;

beforeAll(async () => {
  await ensureConsoleBuilt();
}, 120_000);

describe('the console in a browser that prefers Chinese', () => {
  const browser = useBrowser({ locale: 'zh-CN' });

  it('speaks Simplified Chinese by default: labels, tiers, verdict, errors and numbers', async () => {
    const number = candidateAt(HANGZHOU, 'CITY', 700);
    const { page } = await openConsole(browser(), { simulator: { numbers: new Set([number]) }, env: ONLY });
    await page.evaluate(() => localStorage.removeItem('phonematch.language'));
    await page.reload();
    await regionsLoaded(page);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await page.getByRole('heading', { name: '查找号码' }).waitFor();

    // An input problem in Chinese, by its reason, with the API's suggestion.
    await fill(page, { 前缀: HANGZHOU.prefix, 后缀: HANGZHOU.suffix, 城市: '杭洲' });
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await page.locator('#city-error').getByText('不是已知的城市。').waitFor();
    await page.locator('#city-error').getByRole('button', { name: '杭州 (浙江, Hangzhou)' }).click();

    await page.getByRole('button', { name: '查询', exact: true }).click();
    await page.getByRole('heading', { name: '已找到号码' }).waitFor();
    expect(await page.locator('.subtitle').textContent()).toBe('共 1,000 个可能的号码');
    expect(await page.getByRole('progressbar', { name: '本市' }).getAttribute('aria-valuetext')).toMatch(
      /^已查 [\d,]+ \/ 1,000，失败 0，有订单 1$/,
    );
    expect(await page.locator('.tier-table thead').textContent()).toBe('层级候选已查失败有订单用时结果');
    expect(await page.locator('.history-entry').first().textContent()).toContain('已找到号码');
    await browser().screenshot(page, 'console-zh-matched');
  });

  it('switches to English and remembers it', async () => {
    const { page } = await openConsole(browser(), { env: ONLY });
    await page.evaluate(() => localStorage.removeItem('phonematch.language'));
    await page.reload();
    await page.getByRole('button', { name: '将界面切换为英文（English）' }).click();
    await page.getByRole('heading', { name: 'Find the number' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Find the number' }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('phonematch.language'))).toBe('en');
    await page.getByRole('button', { name: 'Switch the console to Chinese (中文)' }).click();
    await page.getByRole('heading', { name: '查找号码' }).waitFor();
  });
});

describe('the console on a phone, a small phone and a desktop', () => {
  const browser = useBrowser();

  /** Every visible control is at least 44 px high (a thumb's size). */
  async function smallestTouchTarget(page: Page): Promise<number> {
    return page.evaluate(() =>
      Math.min(
        ...[...document.querySelectorAll('button, input, select, .history-entry a')]
          .map((e) => e.getBoundingClientRect())
          .filter((r) => r.width > 0)
          .map((r) => r.height),
      ),
    );
  }

  it.each([360, 390, 1366])('at %i px: nothing scrolls sideways, the progress is scrolled into view', async (width) => {
    const number = candidateAt(HANGZHOU, 'CITY', 400);
    const { page } = await openConsole(browser(), {
      simulator: { numbers: new Set([number]), faults: { failPhones: [candidateAt(HANGZHOU, 'CITY', 3)] } },
      env: { ...ONLY, CHECK_MAX_ATTEMPTS: '1' },
    });
    await page.setViewportSize({ width, height: width < 800 ? 780 : 900 });
    await regionsLoaded(page);
    await expectNoHorizontalOverflow(page);
    await fill(page, { Prefix: HANGZHOU.prefix, Suffix: HANGZHOU.suffix, City: HANGZHOU.city });
    await page.getByRole('button', { name: 'Search' }).click();
    // The progress is on screen once the search starts (on a phone it sits below the form).
    await page.waitForFunction(() => {
      const top = document.querySelector('.results')!.getBoundingClientRect().top;
      return top >= 0 && top < window.innerHeight;
    });
    await page.getByRole('heading', { name: 'Number found' }).waitFor();
    await page.locator('.failed-numbers summary').click();
    await expectNoHorizontalOverflow(page);
    for (const field of ['#prefix', '#suffix', '#city']) {
      const box = (await page.locator(field).boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(width);
    }
    const copy = (await page.getByRole('button', { name: 'Copy number' }).boundingBox())!;
    expect(copy.x + copy.width).toBeLessThanOrEqual(width);
    if (width < 700) expect(await smallestTouchTarget(page)).toBeGreaterThanOrEqual(44);
    await browser().screenshot(page, `console-width-${width}`);
  });
});
