import { describe, expect, it } from 'vitest';
import { buildSearchRequest } from '../../src/plan/search-request.ts';
import { SearchEngine } from '../../src/search/search-engine.ts';
import { startChecker } from '../support/checker.ts';
import { embeddedIndex } from '../support/segment-data.ts';
import { waitFor } from '../support/wait-for.ts';

describe('search engine', () => {
  it('never claims NOT_FOUND when the checker is closed under a running search', async () => {
    const { sim: simulator, checker } = await startChecker({ latencyMs: 20 }, { concurrency: 4 });
    const engine = new SearchEngine(checker);
    const pending = engine.search(
      buildSearchRequest(embeddedIndex(), { prefix: '1380571', suffix: '1', city: '杭州' }),
      { stopAt: 'ALL' },
    );
    await waitFor(() => simulator.stats().requests > 8, 'checks to start');
    await checker.close();
    const result = await pending;
    expect(result.status).toBe('CANCELLED');
    expect(result.totals.checked).toBeLessThan(result.totals.candidates);
  });
});
