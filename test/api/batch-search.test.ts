import { describe, expect, it } from 'vitest';
import { MatchPhoneDocument } from '../../schema/generated/graphql.ts';
import { startTestService } from '../support/test-service.ts';
import { candidateAt } from '../support/tier-numbers.ts';

const INPUT = { prefix: '138', suffix: '1234', city: '杭州' } as const;

describe('searches through the batch contract', () => {
  it('finds the match through batches, configured by ORDERS_BATCH_URL and ORDERS_BATCH_SIZE', async () => {
    const match = candidateAt(INPUT, 'CITY', -1);
    const running = await startTestService({
      simulator: { numbers: new Set([match]) },
      env: (sim) => ({ ORDERS_BATCH_URL: sim.batchUrl, ORDERS_BATCH_SIZE: '20' }),
    });
    const { data, errors } = await running.graphql(MatchPhoneDocument, { input: { ...INPUT, stopAt: 'FIRST_MATCH' } });
    expect(errors).toBeUndefined();
    expect(data!.matchPhone).toMatchObject({ status: 'MATCHED', matches: [{ phone: match, tier: 'CITY' }] });
    const stats = running.simulator.stats();
    expect(stats.requests).toBe(stats.batchRequests);
    expect(running.simulator.requestLog.every((e) => (e.batch?.length ?? 0) >= 1 && e.batch!.length <= 20)).toBe(true);
  });

  it('ends INCOMPLETE with the number the reply left out in failedNumbers, never NOT_FOUND', async () => {
    const left = candidateAt(INPUT, 'CITY', 3);
    const running = await startTestService({
      simulator: { faults: { omitFromBatch: [left] } },
      env: (sim) => ({ ORDERS_BATCH_URL: sim.batchUrl, ORDERS_BATCH_SIZE: '200' }),
    });
    const { data, errors } = await running.graphql(MatchPhoneDocument, { input: { ...INPUT, stopAt: 'ALL' } });
    expect(errors).toBeUndefined();
    expect(data!.matchPhone).toMatchObject({
      status: 'INCOMPLETE',
      failedNumbers: [left],
      failures: [{ reason: 'MISSING_FROM_BATCH', count: 1 }],
    });
    expect(running.simulator.requestsFor(left)).toBe(1);
  });
});
