import { describe, expect, it } from 'vitest';
import { MatchPhoneDocument } from '../../schema/generated/graphql.ts';
import { HANGZHOU, startMatchingService } from '../support/test-service.ts';
import { waitFor } from '../support/wait-for.ts';

describe('metrics, health and readiness', () => {
  const value = (text: string, series: string) => {
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line === undefined ? undefined : Number(line.slice(series.length + 1));
  };

  it('exposes the named metrics, and they move after a search', async () => {
    const service = await startMatchingService();
    const scrape = async () => {
      const response = await fetch(`${service.url}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/text\/plain/);
      return response.text();
    };
    const before = await scrape();
    for (const name of [
      'phonematch_searches_total',
      'phonematch_checks_total',
      'phonematch_upstream_request_duration_seconds',
      'phonematch_upstream_retries_total',
      'phonematch_cache_hits_total',
      'phonematch_checks_in_flight',
      'phonematch_breaker_state',
      'phonematch_searches_in_flight',
      'process_cpu_seconds_total',
    ]) {
      expect(before).toContain(`# TYPE ${name} `);
    }
    expect(value(before, 'phonematch_breaker_state')).toBe(0);
    expect(value(before, 'phonematch_searches_in_flight')).toBe(0);

    await service.graphql(MatchPhoneDocument, { input: HANGZHOU });
    await service.graphql(MatchPhoneDocument, { input: HANGZHOU });
    const after = await scrape();
    expect(value(after, 'phonematch_searches_total{status="MATCHED"}')).toBe(2);
    expect(value(after, 'phonematch_checks_total{outcome="orders",reason=""}')).toBe(1);
    // Every request is observed once it ends (requests cancelled at the match too).
    const observed = (text: string) =>
      text
        .split('\n')
        .filter((l) => l.startsWith('phonematch_upstream_request_duration_seconds_count{'))
        .reduce((sum, l) => sum + Number(l.split(' ')[1]), 0);
    let latest = '';
    await waitFor(
      async () => observed((latest = await scrape())) === service.checker.stats().requests,
      'every request observed',
    );
    expect(value(latest, 'phonematch_upstream_request_duration_seconds_count{outcome="orders"}')).toBe(1);
    expect(value(after, 'phonematch_cache_hits_total')).toBeGreaterThan(0);
  });

  it('/health and /ready answer 200 on a running service, without a key', async () => {
    const service = await startMatchingService();
    const health = await fetch(`${service.url}/health`);
    expect(health.status).toBe(200);
    expect((await fetch(`${service.url}/ready`)).status).toBe(200);

    expect((await fetch(`${service.url}/health`)).status).toBe(200);
  });
});
