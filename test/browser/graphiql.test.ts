import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey } from '../../src/auth/api-keys.ts';
import { loadConfig } from '../../src/config/config.ts';
import { createLogger } from '../../src/log/logger.ts';
import { buildSchema } from '../../src/schema/index.ts';
import { exampleOperation } from '../../src/server/graphiql.ts';
import { type RunningService, graphiqlExamples, startService } from '../../src/service/start-service.ts';
import { useBrowser } from '../support/browser.ts';
import { leave } from '../support/leftovers.ts';
import { embeddedIndex } from '../support/segment-data.ts';
import { waitFor } from '../support/wait-for.ts';

/**
 * GraphiQL as a developer meets it in production (`GRAPHIQL=true`): the service with its bundled
 * simulator at its default latency, the key typed into GraphiQL's headers editor.
 */
const KEY = 'graphiql-test-key-0123456789';
const browser = useBrowser();
let service: RunningService;
let auditDir: string;

beforeAll(async () => {
  auditDir = mkdtempSync(join(tmpdir(), 'phonematch-audit-'));
  leave(() => rmSync(auditDir, { recursive: true, force: true }));
  const config = loadConfig([], {
    PORT: '0',
    PHONEMATCH_MODE: 'production',
    ORDERS_SIMULATOR: 'on',
    API_KEYS: `dev:${hashApiKey(KEY)}`,
    GRAPHIQL: 'true',
    AUDIT_DB_PATH: join(auditDir, 'audit.sqlite'),
  });
  if (config === 'help') throw new Error('unexpected --help');
  service = await startService(config, { logger: createLogger({ level: 'silent' }), index: embeddedIndex() });
  leave(() => service.close());
}, 60_000);

/** Replaces the text of a Monaco editor, by its model's name (insertText: no auto-closed brackets). */
async function replaceEditorText(page: Page, model: string, text: string) {
  await page.locator(`.monaco-editor[data-uri*="${model}"]`).click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

const responseText = (page: Page) => page.locator('.graphiql-response').innerText();

describe('GraphiQL in production', () => {
  it(
    'takes the key from its headers editor for the docs and for a subscription that visibly streams',
    { timeout: 120_000 },
    async () => {
      const page = await browser().newPage();
      // A 9 MB page (GraphiQL with its assets inline): generous on a shared machine.
      await page.goto(service.graphqlUrl, { waitUntil: 'domcontentloaded', timeout: 60_000 });
      await page.locator('.graphiql-execute-button').waitFor({ timeout: 60_000 });

      // The streaming example, typed into the open tab as a developer would (GraphiQL keeps headers per tab).
      const examples = graphiqlExamples(service.index, service.exampleNumbers, { simulated: true });
      await replaceEditorText(
        page,
        'operation',
        exampleOperation(buildSchema(), 'MatchPhoneEvents', { input: examples.eventsInput }),
      );
      await page.getByRole('button', { name: 'Headers' }).click();
      await replaceEditorText(page, 'headers', JSON.stringify({ authorization: `Bearer ${KEY}` }));

      // The schema was refused at load (no key yet); refetched with the key, the docs explorer shows it.
      await page.getByRole('button', { name: /Re-fetch GraphQL schema/ }).click();
      await page.getByRole('button', { name: /Show Documentation Explorer/ }).click();
      const docs = page.locator('.graphiql-doc-explorer');
      await docs.getByText('Subscription', { exact: false }).first().waitFor();
      await docs.getByRole('link', { name: 'Subscription' }).click();
      await docs.getByText('matchPhoneEvents').first().waitFor();
      await browser().screenshot(page, 'graphiql production docs');

      await page.locator('.graphiql-execute-button').click();
      const seen = new Set<string>();
      await waitFor(
        async () => {
          const text = await responseText(page);
          if (text.includes('TierProgress')) seen.add(text);
          return text.includes('SearchFinished');
        },
        'the subscription to finish in GraphiQL',
        30_000,
      );
      await browser().screenshot(page, 'graphiql production subscription');
      // Several distinct progress states were on screen before the end: it streamed, not one final blob.
      expect(seen.size).toBeGreaterThanOrEqual(3);
      expect(await responseText(page)).toContain('MATCHED');
      expect(service.audit!.rows().at(-1)).toMatchObject({ key_id: 'dev', status: 'MATCHED' });
    },
  );
});
