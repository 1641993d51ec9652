import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureConsoleBuilt } from '../../src/server/console-build.ts';
import { useBrowser } from '../support/browser.ts';
import { candidateAt } from '../support/tier-numbers.ts';
import { expectNoHorizontalOverflow, fill, openConsole, regionsLoaded } from './console-page.ts';

/**
 * The Address field (issue 18): an agent pastes the order's address, the console shows the province and
 * city the service reads from it (candidatePlan) before the search starts, and a place several cities
 * share is offered as choices that fill province and city in. Against a service that runs the committed
 * operations only, so the reading works where a public frontend's service takes nothing else.
 */
const ONLY = { PERSISTED_OPERATIONS: 'only', GRAPHIQL: 'false' };
const YIWU_ADDRESS = '浙江省金华市义乌市稠城街道工人北路1号';
const IN_JINHUA = { prefix: '138', suffix: '1234', address: YIWU_ADDRESS } as const;

beforeAll(async () => {
  await ensureConsoleBuilt();
}, 120_000);

/** Pastes into a field: the whole text arrives in one input event, as a paste does. */
async function paste(page: Page, label: string, text: string): Promise<void> {
  const field = page.getByLabel(label, { exact: true });
  await field.fill('');
  await field.focus();
  await page.keyboard.insertText(text);
}

const placeRead = (page: Page) => page.locator('#place-read');

describe('the Address field, in English', () => {
  const browser = useBrowser();

  it('a pasted address shows the province and city read from it before searching, and the search finds the number', async () => {
    // A number with orders in 金华's own tier: found only if the address was read as 金华.
    const number = candidateAt(IN_JINHUA, 'CITY', 5);
    const { page, service } = await openConsole(browser(), { simulator: { numbers: new Set([number]) }, env: ONLY });
    await regionsLoaded(page);
    await fill(page, { Prefix: IN_JINHUA.prefix, Suffix: IN_JINHUA.suffix });
    await paste(page, 'Address', YIWU_ADDRESS);

    await expect.poll(() => placeRead(page).textContent()).toBe('Reads as 义乌市 → 浙江 金华 (from the address)');
    expect(await placeRead(page).locator('.read-place').textContent()).toBe('浙江 金华');
    // Read before any search: the order service has heard nothing yet.
    expect(service.simulator.stats().requests).toBe(0);
    await browser().screenshot(page, 'console-address-read');

    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('heading', { name: 'Number found' }).waitFor();
    const match = page.getByRole('article', { name: `Match ${number}` });
    expect(await match.textContent()).toContain('金华');
    // Found in the City tier, which is 金华's numbers: the search used the place read from the address.
    expect(await page.locator('.tier-table tbody tr').first().textContent()).toContain('Stopped at the match');
    // The recent search is labelled with the place read from the address.
    expect(await page.locator('.history-entry').first().textContent()).toContain('浙江 金华');
    await browser().screenshot(page, 'console-address-matched');
  });

  it('a newer address replaces what an older one read, and clearing the place clears the reading', async () => {
    const { page } = await openConsole(browser(), { env: ONLY });
    await regionsLoaded(page);
    await paste(page, 'Address', '深圳南山区科技园');
    await expect.poll(() => placeRead(page).textContent()).toContain('南山区 → 广东 深圳');
    await paste(page, 'Address', '四川成都武侯区人民南路四段');
    // Another one quickly after it: whichever answer comes last, the reading is of the last address.
    await page.waitForTimeout(320);
    await paste(page, 'Address', YIWU_ADDRESS);
    await expect.poll(() => placeRead(page).textContent()).toContain('义乌市 → 浙江 金华');
    await page.waitForTimeout(800);
    expect(await placeRead(page).textContent()).toContain('义乌市 → 浙江 金华');

    await page.getByLabel('Address', { exact: true }).fill('');
    await expect.poll(() => placeRead(page).isHidden()).toBe(true);
  });

  it('a place several cities share: its choices are shown before searching, and one fills in province and city', async () => {
    const { page, service } = await openConsole(browser(), { env: ONLY });
    await regionsLoaded(page);
    await fill(page, { City: '鼓楼区' });
    const choices = page.locator('#city-error .suggestion');
    await expect
      .poll(() => choices.allTextContents())
      .toEqual(['鼓楼区 (江苏 南京)', '鼓楼区 (江苏 徐州)', '鼓楼区 (福建 福州)', '鼓楼区 (河南 开封)']);
    expect(await page.getByLabel('City', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    // The agent keeps typing where they were: the reading does not take the focus.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('city');
    await browser().screenshot(page, 'console-address-ambiguous');

    await page.locator('#city-error').getByRole('button', { name: '鼓楼区 (江苏 南京)' }).click();
    expect(await page.getByLabel('Province', { exact: true }).inputValue()).toBe('江苏');
    expect(await page.getByLabel('City', { exact: true }).inputValue()).toBe('南京鼓楼区');
    await expect
      .poll(() => placeRead(page).textContent())
      .toBe('Reads as 鼓楼区 → 江苏 南京 (from the province and city)');
    expect(await page.locator('#city-error').textContent()).toBe('');
    expect(service.simulator.stats().requests).toBe(0);
  });

  it('an address that disagrees with the city: the place it names, which settles province and city', async () => {
    const { page } = await openConsole(browser(), { env: ONLY });
    await regionsLoaded(page);
    await fill(page, { City: '南京鼓楼区' });
    await paste(page, 'Address', YIWU_ADDRESS);
    const choice = page.locator('#address-error').getByRole('button', { name: '义乌市 (浙江 金华)' });
    await choice.waitFor();
    await choice.click();
    expect(await page.getByLabel('Province', { exact: true }).inputValue()).toBe('浙江');
    expect(await page.getByLabel('City', { exact: true }).inputValue()).toBe('金华义乌市');
    expect(await page.getByLabel('Address', { exact: true }).inputValue()).toBe(YIWU_ADDRESS);
    await expect.poll(() => placeRead(page).textContent()).toContain('义乌市 → 浙江 金华');
  });
});

describe('the Address field on a phone, in Chinese', () => {
  const browser = useBrowser({ locale: 'zh-CN' });

  it('at 390×844: the field fits and is thumb-sized, an ambiguous address offers its choices, one is chosen', async () => {
    const { page } = await openConsole(browser(), { env: ONLY });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.evaluate(() => localStorage.removeItem('phonematch.language'));
    await page.reload();
    await regionsLoaded(page);
    const address = page.getByLabel('地址', { exact: true });
    const box = (await address.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(box.height).toBeGreaterThanOrEqual(44);

    await paste(page, '地址', '鼓楼区中山路1号');
    const addressError = page.locator('#address-error');
    await addressError.getByText('有多个同名地点').waitFor();
    const choice = addressError.getByRole('button', { name: '鼓楼区 (福建 福州)' });
    expect((await choice.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await expectNoHorizontalOverflow(page);
    await browser().screenshot(page, 'console-address-phone-ambiguous');

    await choice.click();
    expect(await page.getByLabel('省份', { exact: true }).inputValue()).toBe('福建');
    expect(await page.getByLabel('城市', { exact: true }).inputValue()).toBe('福州鼓楼区');
    await expect.poll(() => placeRead(page).textContent()).toBe('识别为：鼓楼区 → 福建 福州（来自省份和城市）');
    await expectNoHorizontalOverflow(page);
    await browser().screenshot(page, 'console-address-phone-read');
  });
});
