import { describe, expect, it } from 'vitest';
import { MatchPhoneDocument } from '../../schema/generated/graphql.ts';
import { startTestService } from '../support/test-service.ts';

/** A number the customer read out in full: the agent checks it as a search of one candidate. */
const WITH_ORDERS = '13805711234';
const WITHOUT_ORDERS = '13805711235';

describe('a complete number', () => {
  it('is checked as a one-candidate search, as a mask or as a prefix, and says whether it has orders', async () => {
    const service = await startTestService({ simulator: { numbers: new Set([WITH_ORDERS]) } });
    const found = await service.graphql(MatchPhoneDocument, { input: { mask: WITH_ORDERS, city: '杭州' } });
    expect(found.errors).toBeUndefined();
    expect(found.data?.matchPhone).toMatchObject({
      status: 'MATCHED',
      query: WITH_ORDERS,
      totals: { candidates: 1, checked: 1 },
      matches: [{ phone: WITH_ORDERS, tier: 'CITY' }],
    });

    const none = await service.graphql(MatchPhoneDocument, { input: { prefix: WITHOUT_ORDERS } });
    expect(none.data?.matchPhone).toMatchObject({ status: 'NOT_FOUND', totals: { candidates: 1, checked: 1 } });
    expect(service.simulator.stats().requests).toBe(2);
  });

  it('still has to be a mobile number that exists', async () => {
    const service = await startTestService();
    const { errors } = await service.graphql(MatchPhoneDocument, { input: { mask: '14000001234' } });
    expect(errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'UNALLOCATED_PREFIX',
      field: 'mask',
    });
  });
});
