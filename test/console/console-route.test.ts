import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey } from '../../src/auth/api-keys.ts';
import { createApp, type App } from '../../src/server/app.ts';
import { createLogger } from '../../src/log/logger.ts';
import type { Services } from '../../src/schema/context.ts';
import { leave } from '../support/leftovers.ts';

/** A stand-in build: the route serves whatever dist/console holds, so the real build is not needed here. */
function fakeBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'phonematch-console-'));
  leave(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(
    join(dir, 'index.html'),
    '<html><head><meta name="phonematch-api-key" content="optional" /><script src="/console/assets/index-abc123.js"></script></head></html>',
  );
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log("console")');
  return dir;
}

async function serve(options: { dir: string; production?: boolean }): Promise<{ app: App; url: string }> {
  const app = createApp({
    // The route never reaches the schema's services; closing the app only waits for them to be idle.
    services: {
      engine: { idle: () => Promise.resolve() },
      searches: { close: () => Promise.resolve() },
    } as unknown as Services,
    logger: createLogger({ level: 'silent' }),
    consoleDir: options.dir,
    ...(options.production
      ? { apiKeys: { required: true, keys: new Map([['agent', hashApiKey('k-123456789')]]) } }
      : {}),
  });
  const url = await app.listen(0, '127.0.0.1');
  leave(() => app.close({ graceMs: 0 }));
  return { app, url };
}

describe('GET /console', () => {
  const dir = fakeBuild();
  let dev: { app: App; url: string };
  let production: { app: App; url: string };
  beforeAll(async () => {
    dev = await serve({ dir });
    production = await serve({ dir, production: true });
  });

  it('serves the page at /console and /console/, locked to this origin, no key needed to load it', async () => {
    for (const path of ['/console', '/console/']) {
      const response = await fetch(`${production.url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toContain("connect-src 'self'");
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('tells the page whether an API key is needed', async () => {
    expect(await (await fetch(`${dev.url}/console`)).text()).toContain('name="phonematch-api-key" content="optional"');
    expect(await (await fetch(`${production.url}/console`)).text()).toContain(
      'name="phonematch-api-key" content="required"',
    );
  });

  it('serves hashed assets for a year, and nothing else under /console/', async () => {
    const asset = await fetch(`${dev.url}/console/assets/index-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    for (const path of [
      '/console/assets/missing.js',
      '/console/../package.json',
      '/console/%2e%2e/package.json',
      '/console/assets/../index.html.js',
      '/console/other',
    ]) {
      expect((await fetch(`${dev.url}${path}`)).status, path).toBe(404);
    }
    expect((await fetch(`${dev.url}/console`, { method: 'POST' })).status).toBe(405);
  });

  it('answers 503 with what to run when the console is not built', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'phonematch-console-'));
    leave(() => rmSync(empty, { recursive: true, force: true }));
    const unbuilt = await serve({ dir: empty });
    const response = await fetch(`${unbuilt.url}/console`);
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('npm run build:console');
  });
});
