import { print } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CandidatePlanDocument,
  MatchPhoneDocument,
  MatchPhoneEventsDocument,
  type MatchPhoneInput,
  StartSearchDocument,
} from '../../schema/generated/graphql.ts';
import { wsClient } from '../support/clients.ts';
import { type TestService, startTestService } from '../support/test-service.ts';
import { candidateAt } from '../support/tier-numbers.ts';

const YIWU_ADDRESS = '浙江省金华市义乌市稠城街道工人北路1号';
const BY_ADDRESS = { prefix: '138', suffix: '1234', address: YIWU_ADDRESS } as const;
/** A number in 金华, the city 义乌 is in; the simulator has orders for it only. */
const JINHUA_MATCH = candidateAt({ prefix: '138', suffix: '1234', city: '金华' }, 'CITY', 7);

describe('places as agents have them, through the GraphQL API', () => {
  let running: TestService;
  beforeAll(async () => {
    running = await startTestService({
      simulator: { numbers: new Set([JINHUA_MATCH]) },
      env: { SEARCHES_PER_MINUTE_PER_KEY: '100000' },
    });
  });
  const plan = async (input: MatchPhoneInput) => {
    const { data, errors } = await running.graphql(CandidatePlanDocument, { input });
    expect(errors).toBeUndefined();
    return data!.candidatePlan;
  };

  it('candidatePlan reads province and city from an address and says so', async () => {
    const fromAddress = await plan(BY_ADDRESS);
    expect(fromAddress).toMatchObject({
      city: '金华',
      province: '浙江',
      cityFrom: 'ADDRESS',
      provinceFrom: 'ADDRESS',
      placeName: '义乌市',
    });
    // The same tiers as the prefecture typed as city.
    const byCity = await plan({ prefix: '138', suffix: '1234', city: '金华' });
    expect(byCity).toMatchObject({ cityFrom: 'CITY', provinceFrom: 'CITY', placeName: '金华市' });
    expect(fromAddress.tiers).toEqual(byCity.tiers);
    expect(fromAddress.tiers[0]).toMatchObject({ tier: 'CITY', skipped: false });
  });

  it.each([
    [{ city: 'Pudong' }, { city: '上海', province: '上海', placeName: '浦东新区' }],
    [{ city: '莱芜' }, { city: '济南', province: '山东', placeName: '莱芜区' }],
    [{ city: '都匀' }, { city: '黔南', province: '贵州', placeName: '都匀市' }],
    [
      { city: 'Kunshan', province: '江苏' },
      { city: '苏州', provinceFrom: 'PROVINCE', cityFrom: 'CITY' },
    ],
    [
      { province: '河南', address: '鼓楼区中山路' },
      { city: '开封', provinceFrom: 'PROVINCE', cityFrom: 'ADDRESS' },
    ],
  ])('candidatePlan reads %j as %j', async (place, expected) => {
    expect(await plan({ prefix: '138', suffix: '1234', ...place })).toMatchObject(expected);
  });

  it('a city with no segments of its own names the place and skips the CITY tier', async () => {
    const tianmen = await plan({ prefix: '138', suffix: '1234', city: '天门' });
    expect(tianmen).toMatchObject({ city: '天门', province: '湖北', placeName: '天门市' });
    expect(tianmen.tiers[0]).toMatchObject({ tier: 'CITY', skipped: true, candidates: 0 });
    expect(tianmen.tiers[1]).toMatchObject({ tier: 'PROVINCE', skipped: false });
  });

  it('a shared name is AMBIGUOUS_PLACE with suggestions and picks; sending a pick settles it', async () => {
    const { errors } = await running.graphql(CandidatePlanDocument, {
      input: { prefix: '138', suffix: '1234', city: '鼓楼区' },
    });
    const extensions = errors?.[0]?.extensions as { picks: Array<{ province: string; city: string }> };
    expect(extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'city',
      reason: 'AMBIGUOUS_PLACE',
      accepted: expect.any(String),
      suggestions: ['鼓楼区 (江苏 南京)', '鼓楼区 (江苏 徐州)', '鼓楼区 (福建 福州)', '鼓楼区 (河南 开封)'],
      violations: [expect.objectContaining({ picks: extensions.picks })],
    });
    const picked = await plan({ prefix: '138', suffix: '1234', ...extensions.picks[2]! });
    expect(picked).toMatchObject({ province: '福建', city: '福州', placeName: '鼓楼区' });
  });

  it('an address against the city is CONFLICTING_PLACE, before any check', async () => {
    const { errors } = await running.graphql(MatchPhoneDocument, { input: { ...BY_ADDRESS, city: '杭州' } });
    expect(errors?.[0]?.extensions).toMatchObject({ field: 'address', reason: 'CONFLICTING_PLACE' });
    expect(errors?.[0]?.message).toContain('金华市');
    expect(running.simulator.stats().requests).toBe(0);
  });

  it('matchPhone with an address finds the number in its CITY tier', async () => {
    const { data, errors } = await running.graphql(MatchPhoneDocument, { input: BY_ADDRESS });
    expect(errors).toBeUndefined();
    expect(data!.matchPhone.status).toBe('MATCHED');
    expect(data!.matchPhone.matches).toEqual([
      { phone: JINHUA_MATCH, tier: 'CITY', location: expect.objectContaining({ province: '浙江', city: '金华' }) },
    ]);
    expect(data!.matchPhone.tiers[0]).toMatchObject({ tier: 'CITY', outcome: 'STOPPED_AT_MATCH' });
  });

  it('matchPhoneEvents and startSearch take the address too', async () => {
    const client = wsClient(running.graphqlUrl);
    try {
      const events = [];
      for await (const event of client.iterate({
        query: print(MatchPhoneEventsDocument),
        variables: { input: BY_ADDRESS },
      }))
        events.push(event);
      expect(events.at(-1)?.data).toMatchObject({
        matchPhoneEvents: { result: { status: 'MATCHED', matches: [{ phone: JINHUA_MATCH, tier: 'CITY' }] } },
      });
    } finally {
      await client.dispose();
    }
    const { data, errors } = await running.graphql(StartSearchDocument, { input: BY_ADDRESS });
    expect(errors).toBeUndefined();
    expect(data!.startSearch.input).toMatchObject({ city: '金华', province: '浙江' });
  });
});
