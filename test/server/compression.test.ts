import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { MatchPhoneEventsDocument, RegionsDocument } from '../../schema/generated/graphql.ts';
import { startTestService } from '../support/test-service.ts';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A request with the bytes as they come over the wire (fetch would decompress them). */
function raw(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<RawResponse>((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers: init.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

const decode = (r: RawResponse) =>
  r.headers['content-encoding'] === 'br'
    ? brotliDecompressSync(r.body)
    : r.headers['content-encoding'] === 'gzip'
      ? gunzipSync(r.body)
      : r.body;

describe('compression', () => {
  it('GraphiQL: a small compressed page, its library and styles as hashed files cached for good', async () => {
    const service = await startTestService();
    const page = await raw(service.graphqlUrl, { headers: { accept: 'text/html', 'accept-encoding': 'gzip, br' } });
    expect(page.status).toBe(200);
    expect(page.headers['content-encoding']).toBe('br');
    const html = decode(page).toString('utf8');
    const assets = [...html.matchAll(/(?:src|href)="(\/graphiql-assets\/[0-9a-f]{20}\.(?:js|css))"/g)].map(
      (m) => m[1]!,
    );
    expect(assets).toHaveLength(2);

    let sent = page.body.byteLength;
    for (const path of assets) {
      const asset = await raw(`${service.url}${path}`, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(asset.headers['content-encoding']).toBe('br');
      const gzip = await raw(`${service.url}${path}`, { headers: { 'accept-encoding': 'gzip' } });
      // Buffer.equals: toEqual walks 8 MB element by element.
      expect(decode(gzip).equals(decode(asset))).toBe(true);
      sent += asset.body.byteLength;
    }
    const before = Buffer.byteLength(renderGraphiQL({}), 'utf8');
    console.info(
      `GraphiQL: ${(before / 1e6).toFixed(1)} MB inline before; page ${(page.body.byteLength / 1e3).toFixed(0)} kB + assets, ${(sent / 1e6).toFixed(2)} MB over the wire (brotli)`,
    );
    expect(sent).toBeLessThan(before / 4);
  }, 120_000);

  it('a GraphQL result is compressed when the client accepts it, and only then', async () => {
    const service = await startTestService();
    const post = (encoding?: string) =>
      raw(service.graphqlUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json',
          ...(encoding ? { 'accept-encoding': encoding } : {}),
        },
        body: JSON.stringify({ query: print(RegionsDocument) }),
      });
    const gzipped = await post('gzip;q=1, br;q=0');
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers.vary).toContain('accept-encoding');
    const plain = await post();
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(decode(gzipped).toString('utf8'))).toEqual(JSON.parse(plain.body.toString('utf8')));
    expect(gzipped.body.byteLength).toBeLessThan(plain.body.byteLength / 3);
  });

  it('never an SSE stream: its events arrive as they happen, uncompressed', async () => {
    const service = await startTestService({ simulator: { latencyMs: 20 }, env: { CHECK_CONCURRENCY: '2' } });
    const response = await fetch(service.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', 'accept-encoding': 'gzip, br' },
      body: JSON.stringify({ query: print(MatchPhoneEventsDocument), variables: { input: { mask: '138****1234' } } }),
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    // Yoga marks its streams `content-encoding: none`, so proxies leave them alone too.
    expect([null, 'none']).toContain(response.headers.get('content-encoding'));
    const reader = response.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    // The first event came while the search (10,000 numbers at 20 ms, two at a time) is far from done.
    expect(first + new TextDecoder().decode((await reader.read()).value)).toContain('SearchStarted');
    expect(service.engine.activeSearches).toBe(1);
    await reader.cancel();
  });
});
