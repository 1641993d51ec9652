import { describe, expect, it } from 'vitest';
import { OrderChecker } from '../../src/checker/index.ts';
import { buildSearchRequest } from '../../src/plan/search-request.ts';
import { SearchEngine } from '../../src/search/search-engine.ts';
import { startSimulator } from '../../src/simulator/server.ts';
import { leave } from '../support/leftovers.ts';
import { embeddedIndex } from '../support/segment-data.ts';
import { waitFor } from '../support/wait-for.ts';

describe('search engine', () => {
  it('never claims NOT_FOUND when the checker is closed under a running search', async () => {
    const simulator = await startSimulator({ token: 't', latencyMs: 20 });
    leave(() => simulator.stop());
    const checker = new OrderChecker({
      orderService: { urlTemplate: simulator.ordersUrlTemplate, sessionToken: 't' },
      concurrency: 4,
    });
    const engine = new SearchEngine(embeddedIndex(), checker);
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
