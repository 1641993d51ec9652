import { beforeAll, describe, expect, it } from 'vitest';
import {
  CandidatePlanDocument,
  MatchPhoneDocument,
  PhoneLocationDocument,
  RegionsDocument,
} from '../../schema/generated/graphql.ts';
import { post } from '../support/http.ts';
import { type TestService, startTestService } from '../support/test-service.ts';

describe('lookups and bad input over HTTP', () => {
  let running: TestService;
  beforeAll(async () => {
    running = await startTestService();
  });

  it('phoneLocation resolves a number and a segment with full and English names', async () => {
    for (const number of ['13805711234', '1380571', '１３８０５７１']) {
      const { data, errors } = await running.graphql(PhoneLocationDocument, { number });
      expect(errors).toBeUndefined();
      expect(data!.phoneLocation).toMatchObject({
        segment: '1380571',
        province: '浙江',
        provinceFullName: '浙江省',
        provinceEnglishName: 'Zhejiang',
        city: '杭州',
        cityFullName: '杭州市',
        cityEnglishName: 'Hangzhou',
        carrier: '中国移动',
        carrierEnglishName: 'China Mobile',
        located: true,
        allocated: true,
      });
    }
  });

  it('phoneLocation says "unknown location" for an allocated segment without data, null for an unallocated one', async () => {
    const unlocated = await running.graphql(PhoneLocationDocument, { number: '1990280' });
    expect(unlocated.data!.phoneLocation).toMatchObject({
      allocated: true,
      located: false,
      province: null,
      city: null,
      carrier: '中国电信',
    });
    const unallocated = await running.graphql(PhoneLocationDocument, { number: '1000000' });
    expect(unallocated.data!.phoneLocation).toBeNull();
  });

  it.each([
    ['12345', 'WRONG_LENGTH'],
    ['138-0571', 'NOT_DIGITS'],
    ['13٨0571', 'LOOKALIKE_DIGIT'],
    ['', 'EMPTY'],
    ['2380571', 'NOT_MOBILE_PREFIX'],
  ])('phoneLocation(%s) is refused with %s', async (number, reason) => {
    const { errors } = await running.graphql(PhoneLocationDocument, { number });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'number', reason });
  });

  it('regions lists every province with its cities and segment counts', async () => {
    const { data } = await running.graphql(RegionsDocument);
    expect(data!.regions).toHaveLength(31);
    const zhejiang = data!.regions.find((p) => p.name === '浙江')!;
    expect(zhejiang).toMatchObject({ fullName: '浙江省', englishName: 'Zhejiang' });
    expect(zhejiang.cities.map((c) => c.name)).toContain('杭州');
    expect(zhejiang.segmentCount).toBe(zhejiang.cities.reduce((sum, c) => sum + c.segmentCount, 0));
    const qinghai = data!.regions.find((p) => p.name === '青海')!;
    expect(qinghai.cities.map((c) => c.name)).toContain('海南');
  });

  it('candidatePlan counts every tier without asking the order service', async () => {
    const before = running.simulator.stats().requests;
    const { data } = await running.graphql(CandidatePlanDocument, { input: { mask: '138****1234', city: 'Hangzhou' } });
    expect(data!.candidatePlan).toMatchObject({ query: '138****1234', city: '杭州', province: '浙江', total: 10_000 });
    expect(data!.candidatePlan.tiers.map((t) => t.tier)).toEqual(['CITY', 'PROVINCE', 'NATIONAL', 'UNLOCATED']);
    expect(running.simulator.stats().requests).toBe(before);
  });

  it('a bad matchPhone input is BAD_USER_INPUT naming the field, the reason, what is accepted and suggestions', async () => {
    const before = running.simulator.stats().requests;
    const { data, errors } = await running.graphql(MatchPhoneDocument, {
      input: { prefix: '138', suffix: '1234', city: 'Hangzou' },
    });
    expect(data).toBeNull();
    expect(errors).toHaveLength(1);
    expect(errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'city',
      reason: 'UNKNOWN_CITY',
      accepted: expect.stringContaining('Hangzhou'),
      suggestions: expect.arrayContaining(['杭州 (浙江, Hangzhou)']),
    });
    expect(running.simulator.stats().requests).toBe(before);
  });

  it('lists every violation of one input', async () => {
    const { errors } = await running.graphql(MatchPhoneDocument, {
      input: { prefix: '1a8', suffix: '12b4', province: '' },
    });
    const violations = errors![0]!.extensions!.violations as Array<{ field: string }>;
    expect(violations.map((v) => v.field).sort()).toEqual(['prefix', 'province', 'suffix']);
  });

  it('masks unexpected errors', async () => {
    const { json, text } = await post(running.graphqlUrl, {
      query: '{ matchPhone(input: { prefix: 138 }) { status } }',
    });
    // A validation error (wrong type) is the client's; it is reported, and no stack leaks.
    expect(text).not.toMatch(/at .*\.ts:\d+/);
    expect(json.errors![0]!.message).toMatch(/String/);
  });
});
