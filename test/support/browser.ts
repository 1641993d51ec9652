import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll, expect, onTestFinished } from 'vitest';

/** Debian's chromium (installed by `.ci/run`); Playwright's own browser downloads are not used. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Where screenshots go (gitignored; CI keeps the folder as the run's artifacts). */
export const SCREENSHOT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-results');

/**
 * Headless, and quiet: no GPU, no QUIC, no first-run UI, and none of the background traffic
 * (updates, sync, component downloads) that would wait on a network these machines do not have.
 */
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BrowserOptions {
  /** The browser's preferred language, as a BCP 47 tag (default en-US, whatever the machine's LANG). */
  locale?: string;
}

export interface TestBrowser {
  /** The browser's one context (a persistent context on a fresh temp profile). */
  readonly context: BrowserContext;
  /**
   * A new tab for the running test: closed when the test ends, and on failure screenshotted to
   * `test-results/` with its page errors and console errors printed. Call it inside a test.
   */
  newPage(): Promise<Page>;
  /** Saves a full-page PNG as `test-results/<name>.png`; returns its path. */
  screenshot(page: Page, name: string): Promise<string>;
  /** Closes the browser and removes its profile directory. */
  close(): Promise<void>;
}

/**
 * Launches chromium on a fresh temp `--user-data-dir`. Playwright refuses that flag in `args` and
 * takes the directory as `launchPersistentContext`'s first argument instead, which is the same thing.
 * The directory is removed on `close()`, and at process exit if the test never got that far.
 */
export async function launchBrowser(options: BrowserOptions = {}): Promise<TestBrowser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'phonematch-chromium-'));
  const removeProfile = () => rmSync(userDataDir, { recursive: true, force: true });
  process.once('exit', removeProfile);
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_FLAGS,
      // Two cores shared by many test workers: a cold start can take several seconds.
      timeout: 60_000,
      // The page's languages (navigator.languages, Accept-Language): the console picks its own from them.
      locale: options.locale ?? 'en-US',
    });
  } catch (error) {
    removeProfile();
    process.off('exit', removeProfile);
    throw error;
  }
  // Below vitest's 30 s test timeout, so a stuck locator fails with Playwright's message (what it waited for).
  context.setDefaultTimeout(15_000);
  // The persistent context opens with one blank tab; tests open their own.
  await Promise.all(context.pages().map((page) => page.close()));

  const screenshot = async (page: Page, name: string) => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const path = join(SCREENSHOT_DIR, `${fileSafe(name)}.png`);
    await page.screenshot({ path, fullPage: true });
    return path;
  };

  return {
    context,
    screenshot,
    async newPage() {
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
      });
      const testName = expect.getState().currentTestName ?? 'page';
      // One handler for both, so the screenshot is taken before the page closes.
      onTestFinished(async ({ task }) => {
        if (task.result?.state === 'fail' && !page.isClosed()) {
          const path = await screenshot(page, `failed ${testName}`).catch(() => undefined);
          console.error(
            [`${testName}: ${page.url()}`, path ? `screenshot: ${path}` : 'no screenshot', ...problems].join('\n  '),
          );
        }
        await page.close().catch(() => undefined);
      });
      return page;
    },
    async close() {
      await context.close();
      removeProfile();
      process.off('exit', removeProfile);
    },
  };
}

/**
 * One browser for the enclosing file or describe block: launched before its tests, closed after.
 * Returns a getter, since the browser exists only once `beforeAll` has run.
 */
export function useBrowser(options: BrowserOptions = {}): () => TestBrowser {
  let browser: TestBrowser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser(options);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('the browser is not launched yet: use it inside a test or hook');
    return browser;
  };
}

function fileSafe(name: string): string {
  return name
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120);
}
