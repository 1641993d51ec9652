import { beforeAll, describe, expect, it } from 'vitest';
import type { MatchPhoneInput } from '../../schema/generated/graphql.ts';
import { createLogger } from '../../src/log/logger.ts';
import { useBrowser } from '../support/browser.ts';
import { buildClientBundle, type PageServer, servePage } from '../support/client-pages.ts';
import { type TestService, startTestService } from '../support/test-service.ts';
import { candidateAt } from '../support/tier-numbers.ts';
import type { Clients, Outcome } from './page/clients.ts';

/**
 * Each standard client, with its defaults, in headless Chromium, from a page on another origin that
 * ALLOWED_ORIGINS lists; and the same clients from an origin it does not list.
 */
const INPUT = {
  prefix: '1380571',
  suffix: '1',
  city: '杭州',
  stopAt: 'FIRST_MATCH',
} as const satisfies MatchPhoneInput;
const MATCH = candidateAt(INPUT, 'CITY', 7);

const browser = useBrowser();
let service: TestService;
let allowed: PageServer;
let foreign: PageServer;
let bundle: string;
const logLines: Array<Record<string, unknown>> = [];

beforeAll(async () => {
  bundle = await buildClientBundle();
  allowed = await servePage(bundle);
  foreign = await servePage(bundle);
  const logger = createLogger({
    level: 'info',
    destination: { write: (line: string) => void logLines.push(JSON.parse(line) as Record<string, unknown>) },
  });
  service = await startTestService({
    simulator: { numbers: new Set([MATCH]) },
    env: { ALLOWED_ORIGINS: allowed.origin },
    logger,
  });
}, 120_000);

/**
 * Opens the frontend at `origin` (a page server's, or a page of the service itself with the bundle
 * added) and runs one client there; returns its outcome and the methods it used.
 */
async function runIn(origin: string, client: keyof Clients) {
  const page = await browser().newPage();
  const graphqlUrl = service.graphqlUrl;
  const methods: string[] = [];
  page.on('request', (request) => {
    if (request.url().startsWith(graphqlUrl)) methods.push(request.method());
  });
  if (origin === service.url) {
    await page.goto(`${origin}/health`);
    await page.addScriptTag({ content: bundle, type: 'module' });
  } else {
    await page.goto(`${origin}/`);
  }
  await page.waitForFunction(() => 'phonematchClients' in globalThis);
  const outcome = await page.evaluate(
    ([name, url, input]) =>
      (globalThis as unknown as { phonematchClients: Clients }).phonematchClients[name](url, input),
    [client, graphqlUrl, INPUT] as const,
  );
  return { outcome: outcome as Outcome, methods };
}

describe('from an allowed origin, with default settings', () => {
  it('urql (@urql/core) sends its short query as GET, with no CSRF header, and gets the match', async () => {
    const { outcome, methods } = await runIn(allowed.origin, 'urql');
    expect(outcome).toEqual({ result: 'MATCHED' });
    expect(methods).toContain('GET');
  });

  it.each(['apollo', 'graphqlRequest'] as const)('%s gets the match', async (client) => {
    const { outcome, methods } = await runIn(allowed.origin, client);
    expect(outcome).toEqual({ result: 'MATCHED' });
    expect(methods).toContain('POST');
  });

  it.each(['graphqlWs', 'graphqlSse', 'eventSource'] as const)(
    '%s receives the whole event stream of a subscription',
    async (client) => {
      const { outcome } = await runIn(allowed.origin, client);
      expect(outcome.error).toBeUndefined();
      const events = outcome.result as string[];
      expect(events[0]).toBe('SearchStarted');
      expect(events).toContain('MatchFound');
      expect(events.at(-1)).toBe('SearchFinished');
    },
  );

  it("native EventSource from the service's own origin needs nothing either", async () => {
    const { outcome } = await runIn(service.url, 'eventSource');
    expect((outcome.result as string[]).at(-1)).toBe('SearchFinished');
  });
});

describe('from an origin ALLOWED_ORIGINS does not list', () => {
  it('every client is refused, nothing runs, and each refusal is logged with its origin', async () => {
    const searchesBefore = service.audit!.rows().length;
    const refusalsBefore = logLines.filter((line) => line.origin === foreign.origin).length;
    for (const client of ['urql', 'apollo', 'graphqlRequest', 'graphqlWs', 'graphqlSse', 'eventSource'] as const) {
      const { outcome } = await runIn(foreign.origin, client);
      expect(outcome.result, client).toBeUndefined();
      expect(outcome.error, client).toBeTruthy();
    }
    expect(service.audit!.rows().length).toBe(searchesBefore);
    const refusals = logLines.filter((line) => line.origin === foreign.origin).slice(refusalsBefore);
    expect(refusals.length).toBeGreaterThanOrEqual(6);
    for (const line of refusals) expect(String(line.msg)).toMatch(/refused: origin .* is not allowed/);
  });
});
