import { describe, expect, it } from 'vitest';
import { type EvidenceRow, LearnedPlaces } from '../../src/learning/learned-places.ts';
import { buildSearchRequest, type SearchInput } from '../../src/plan/search-request.ts';
import { TIERS } from '../../src/plan/tier-plan.ts';
import { leave } from '../support/leftovers.ts';
import { embeddedIndex } from '../support/segment-data.ts';

const CHENGDU_199 = { prefix: '199', suffix: '1234', city: '成都' } as const;

/** Plans `input` with `rows` learned (each key capped at 3), and the same plan with nothing learned. */
function plans(input: SearchInput, rows: EvidenceRow[]) {
  const index = embeddedIndex();
  const without = buildSearchRequest(index, input).plan;
  index.learned = LearnedPlaces.fromRows(rows, index.regions, 3);
  leave(() => (index.learned = undefined));
  return { with: buildSearchRequest(index, input).plan, without };
}

const all = (plan: ReturnType<typeof plans>['with']) => TIERS.flatMap((tier) => [...plan.candidates(tier)]);
const row = (segment: number, cityKey: string, count = 1, keyId = 'k1'): EvidenceRow => ({
  segment,
  cityKey,
  keyId,
  count,
});

describe('learned places reorder the plan, never shrink it', () => {
  it('a segment learned in the customer’s city moves from UNLOCATED to the front of CITY', () => {
    const plan = plans(CHENGDU_199, [row(1990280, '四川|成都')]);
    expect(plan.without.slice('CITY').candidates).toBe(0);
    expect(plan.with.slice('CITY')).toMatchObject({ candidates: 1, learnedSegments: 1, skipped: false });
    expect([...plan.with.candidates('CITY')]).toEqual(['19902801234']);
    expect(plan.with.tierOf('19902801234')).toBe('CITY');
    // Every candidate is still there, once.
    expect(plan.with.total).toBe(plan.without.total);
    expect(all(plan.with).sort()).toEqual(all(plan.without).sort());
  });

  it('a segment learned in another city of the province goes to PROVINCE, its unlocated block-mates after it', () => {
    const plan = plans(CHENGDU_199, [row(1990285, '四川|绵阳')]);
    expect(plan.with.slice('CITY').candidates).toBe(0);
    const province = [...plan.with.candidates('PROVINCE')];
    expect(plan.with.slice('PROVINCE').learnedSegments).toBe(10);
    expect(province[0]).toBe('19902851234');
    expect(province.slice(1).sort()).toEqual([0, 1, 2, 3, 4, 6, 7, 8, 9].map((d) => `199028${d}1234`));
    expect(all(plan.with).sort()).toEqual(all(plan.without).sort());
  });

  it('evidence for another province changes nothing; more evidence goes first', () => {
    const elsewhere = plans(CHENGDU_199, [row(1990280, '浙江|杭州')]);
    expect(elsewhere.with.tiers).toEqual(elsewhere.without.tiers);
    const ranked = plans(CHENGDU_199, [
      row(1990300, '四川|成都'),
      row(1990400, '四川|成都', 2),
      row(1990400, '四川|成都', 1, 'k2'),
    ]);
    expect([...ranked.with.candidates('CITY')]).toEqual(['19904001234', '19903001234']);
  });

  it('within CITY, a located segment with evidence goes first; the rest keep ascending order', () => {
    const input = { prefix: '138', suffix: '1234', city: '杭州' };
    const base = buildSearchRequest(embeddedIndex(), input).plan;
    const last = base.slice('CITY').segments.at(-1)!;
    const plan = plans(input, [row(last, '浙江|杭州')]);
    const city = plan.with.slice('CITY');
    expect(city.segments[0]).toBe(last);
    expect([...city.segments.slice(1)]).toEqual([...base.slice('CITY').segments.slice(0, -1)]);
    expect(city.candidates).toBe(base.slice('CITY').candidates);
  });

  it('caps each API key: one key cannot outvote two others', () => {
    const learned = LearnedPlaces.fromRows(
      [row(1990280, '四川|成都', 50, 'flood'), row(1990280, '四川|绵阳', 1, 'a'), row(1990280, '四川|绵阳', 3, 'b')],
      embeddedIndex().regions,
      3,
    );
    expect(learned.evidence(1990280).map((e) => [e.city.short, e.count])).toEqual([
      ['绵阳', 4],
      ['成都', 3],
    ]);
  });
});
