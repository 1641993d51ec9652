import { print } from 'graphql';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { MatchPhoneEventsDocument, RegionsDocument } from '../../schema/generated/graphql.ts';
import { hashApiKey } from '../../src/auth/api-keys.ts';
import { loadConfig } from '../../src/config/config.ts';
import { createLogger } from '../../src/log/logger.ts';
import { startTestService } from '../support/test-service.ts';
import { configProblems } from '../support/config.ts';

const APP = 'http://127.0.0.1:4250';
const OTHER_APP = 'https://app.example.com';
const EVIL = 'http://evil.example';
const REGIONS_URL = (graphqlUrl: string) => `${graphqlUrl}?query=${encodeURIComponent(print(RegionsDocument))}`;

async function start(env: Record<string, string>) {
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger({
    level: 'info',
    destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
  });
  const running = await startTestService({ env, logger });
  return { service: running, url: running.graphqlUrl, lines };
}

async function get(url: string, headers: Record<string, string>) {
  const response = await fetch(url, { headers: { accept: 'application/json', ...headers } });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: JSON.parse(text) as { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> },
  };
}

function upgrade(graphqlUrl: string, origin: string): Promise<number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(graphqlUrl.replace(/^http/, 'ws'), 'graphql-transport-ws', { headers: { origin } });
    socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.on('open', () => {
      socket.close();
      resolve(101);
    });
  });
}

describe('ALLOWED_ORIGINS', () => {
  const load = (value: string) => loadConfig([], { ALLOWED_ORIGINS: value, AUDIT_DB_PATH: 'off' });
  const problemsOf = (value: string) => configProblems({ ALLOWED_ORIGINS: value, AUDIT_DB_PATH: 'off' }).join('\n');

  it('takes origins as browsers send them, without duplicates', () => {
    const config = load(`${APP}, ${OTHER_APP},${APP}`);
    expect(config !== 'help' && config.allowedOrigins).toEqual([APP, OTHER_APP]);
    const any = load('*');
    expect(any !== 'help' && any.allowedOrigins).toEqual(['*']);
  });

  it('refuses entries that would never match a browser, saying what to write', () => {
    expect(problemsOf(`${APP}/`)).toContain(`no trailing slash: write ${APP}`);
    expect(problemsOf('127.0.0.1:4250')).toContain('starts with its scheme: write http://127.0.0.1:4250');
    expect(problemsOf('https://app.example.com/app')).toContain('no path');
    expect(problemsOf('HTTPS://App.Example.com:443')).toContain(
      'write it as browsers send it: https://app.example.com',
    );
    expect(problemsOf('ftp://files.example')).toContain('http:// or https://');
    expect(problemsOf(`*,${APP}`)).toContain('cannot be combined');
  });
});

describe('browser requests by origin (CSRF and CORS)', () => {
  it('an allowed origin needs no CSRF header and reads the response, x-request-id included', async () => {
    const { url } = await start({ ALLOWED_ORIGINS: `${APP},${OTHER_APP}` });
    const response = await get(REGIONS_URL(url), { origin: OTHER_APP, 'x-request-id': 'trace-1' });
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(response.headers.get('access-control-allow-origin')).toBe(OTHER_APP);
    expect(response.headers.get('access-control-expose-headers')).toContain('x-request-id');
    expect(response.headers.get('x-request-id')).toBe('trace-1');
    expect(response.headers.get('vary')).toMatch(/Origin/);
  });

  it("the service's own origin needs no CSRF header, by Origin or by Sec-Fetch-Site", async () => {
    const { url, service } = await start({});
    const own = new URL(service.url).origin;
    expect((await get(REGIONS_URL(url), { origin: own })).status).toBe(200);
    expect((await get(REGIONS_URL(url), { 'sec-fetch-site': 'same-origin' })).status).toBe(200);
  });

  it('answers an allowed preflight with what the browser asked for', async () => {
    const { url } = await start({ ALLOWED_ORIGINS: APP });
    const response = await fetch(url, {
      method: 'OPTIONS',
      headers: {
        origin: APP,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,authorization',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(response.headers.get('access-control-allow-headers')).toBe('content-type,authorization');
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
  });

  it('refuses a foreign origin before anything runs, saying why, and logs it', async () => {
    const { url, service, lines } = await start({ ALLOWED_ORIGINS: APP });
    const input = { prefix: '138', suffix: '1234' };
    const query = `${url}?query=${encodeURIComponent('query($input: MatchPhoneInput!) { matchPhone(input: $input) { status } }')}&variables=${encodeURIComponent(JSON.stringify({ input }))}`;
    const attempts: Array<Record<string, string>> = [{ origin: EVIL }, { origin: EVIL, 'x-graphql-yoga-csrf': '1' }];
    for (const headers of attempts) {
      const refused = await get(query, headers);
      expect(refused.status).toBe(403);
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN_ORIGIN');
      expect(refused.body.errors?.[0]?.message).toContain(`origin ${EVIL} is not allowed`);
      expect(refused.body.errors?.[0]?.message).toContain('ALLOWED_ORIGINS');
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    }
    const preflight = await fetch(url, {
      method: 'OPTIONS',
      headers: { origin: EVIL, 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(403);
    expect(await preflight.text()).toContain('ALLOWED_ORIGINS');
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    // An <img> or a link from another site: no Origin, but Fetch Metadata says where it comes from.
    const crossSite = await get(query, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    expect(crossSite.body.errors?.[0]?.message).toContain('without an Origin header');

    expect(service.simulator.stats().requests).toBe(0);
    const refusals = lines.filter((line) => String(line.msg).startsWith('request refused'));
    expect(refusals).toHaveLength(4);
    expect(refusals[0]).toMatchObject({ level: 40, origin: EVIL, method: 'GET' });
    expect(refusals[2]).toMatchObject({ origin: EVIL, method: 'OPTIONS' });
  });

  it('keeps the CSRF header rule for requests that name no origin (not a browser)', async () => {
    const { url } = await start({});
    const refused = await get(REGIONS_URL(url), {});
    expect(refused.status).toBe(403);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('CSRF_HEADER_REQUIRED');
    expect(refused.body.errors?.[0]?.message).toContain('x-graphql-yoga-csrf');
    expect((await get(REGIONS_URL(url), { 'apollo-require-preflight': 'true' })).status).toBe(200);
  });

  it('streams a subscription over GET (EventSource) to an allowed origin without any custom header', async () => {
    const { url } = await start({ ALLOWED_ORIGINS: APP });
    const variables = JSON.stringify({ input: { prefix: '1380571', suffix: '1', city: '杭州', stopAt: 'ALL' } });
    const response = await fetch(
      `${url}?query=${encodeURIComponent(print(MatchPhoneEventsDocument))}&variables=${encodeURIComponent(variables)}`,
      { headers: { accept: 'text/event-stream', origin: APP } },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    const text = await response.text();
    expect(text).toContain('"__typename":"SearchStarted"');
    expect(text).toContain('"__typename":"SearchFinished"');
  });

  it('"*" lets every origin in, over HTTP and WebSocket alike, without credentials', async () => {
    const { url, lines } = await start({ ALLOWED_ORIGINS: '*' });
    const response = await get(REGIONS_URL(url), { origin: EVIL });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(EVIL);
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(await upgrade(url, EVIL)).toBe(101);
    expect(lines.some((line) => String(line.msg).startsWith('ALLOWED_ORIGINS=*'))).toBe(true);
  });
});

describe('WebSocket doors', () => {
  it('lets the own and allowed origins upgrade, refuses and logs a foreign one', async () => {
    const { url, service, lines } = await start({ ALLOWED_ORIGINS: APP });
    expect(await upgrade(url, APP)).toBe(101);
    expect(await upgrade(url, new URL(service.url).origin)).toBe(101);
    expect(await upgrade(url, EVIL)).toBe(403);
    expect(lines.find((line) => String(line.msg).startsWith('websocket upgrade refused'))).toMatchObject({
      origin: EVIL,
      msg: expect.stringContaining('ALLOWED_ORIGINS'),
    });
  });

  it('in production closes a connection without a key with a reason that says what to send, and logs it', async () => {
    const key = 'web-test-key-0123456789';
    const { url, lines } = await start({ PHONEMATCH_MODE: 'production', API_KEYS: `web:${hashApiKey(key)}` });
    const closeOf = (payload: Record<string, string>) =>
      new Promise<{ code: number; reason: string }>((resolve) => {
        const socket = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws');
        socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload })));
        socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
      });
    expect(await closeOf({})).toEqual({
      code: 4403,
      reason: expect.stringContaining('API key required: send {"authorization":"Bearer <key>"}'),
    });
    expect(await closeOf({ authorization: 'Bearer wrong' })).toEqual({
      code: 4403,
      reason: expect.stringContaining('invalid API key'),
    });
    const refusals = lines.filter((line) => String(line.msg).startsWith('websocket connection refused'));
    expect(refusals.map((line) => line.msg)).toEqual([
      expect.stringContaining('API key required'),
      expect.stringContaining('invalid API key'),
    ]);
    expect(JSON.stringify(lines)).not.toContain('wrong');
  });
});
