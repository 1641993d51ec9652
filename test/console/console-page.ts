import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { TestBrowser } from '../support/browser.ts';
import { type TestService, startTestService } from '../support/test-service.ts';

export type FieldLabel = 'Prefix' | 'Suffix' | 'Mask' | 'Province' | 'City' | 'Address';

/** The service (with its simulator) and a tab on its console; `at` opens another address than the service's own. */
export async function openConsole(
  browser: TestBrowser,
  options: Parameters<typeof startTestService>[0] & { at?: (service: TestService) => Promise<string> } = {},
): Promise<{ page: Page; service: TestService }> {
  const service = await startTestService(options);
  const page = await browser.newPage();
  await page.goto(`${options.at ? await options.at(service) : service.url}/console`);
  return { page, service };
}

/** The pickers are filled once the `regions` query has answered. */
export async function regionsLoaded(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll('#city-options option').length > 100);
}

/** Fills the form's fields by their labels (in the console's language). */
export async function fill(page: Page, fields: Partial<Record<string, string>>): Promise<void> {
  for (const [label, value] of Object.entries(fields)) await page.getByLabel(label, { exact: true }).fill(value ?? '');
}

export const bar = (page: Page, tier: string) => page.getByRole('progressbar', { name: tier, exact: true });
export const checkedOf = async (page: Page, tier: string) =>
  Number(await bar(page, tier).getAttribute('aria-valuenow'));

/** The page is no wider than the window: nothing scrolls sideways. */
export async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(scroll, 'the page scrolls sideways').toBeLessThanOrEqual(client);
}
