import { describe, expect, it } from 'vitest';
import { placeOfSuggestion } from '../../console/src/place-suggestion.ts';

const PROVINCES = new Set(['浙江', '江苏', '北京']);
const isProvince = (name: string) => PROVINCES.has(name);

// The console fills the place fields from a suggestion's text when it comes without its pick.
describe('console: the place a suggestion names', () => {
  it.each([
    ['杭州 (浙江, Hangzhou)', { province: '浙江', city: '杭州' }],
    ['鼓楼区 (江苏 南京)', { province: '江苏', city: '南京鼓楼区' }],
    ['南京 (江苏 南京)', { province: '江苏', city: '南京' }],
    ['浙江 (Zhejiang)', { province: '浙江' }],
    ['北京', { province: '北京' }],
    ['义乌', { city: '义乌' }],
    // A province the console does not know: the city alone.
    ['台北 (台湾, Taipei)', { city: '台北' }],
  ])('%s', (suggestion, place) => {
    expect(placeOfSuggestion(suggestion, isProvince)).toEqual(place);
  });
});
