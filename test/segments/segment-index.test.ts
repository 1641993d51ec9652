import { describe, expect, it } from 'vitest';
import { embeddedIndex, hasSharedPhoneDat, layeredIndex } from '../support/segment-data.ts';

describe('segment index on the embedded libphonenumber data', () => {
  const index = embeddedIndex();

  it.each([
    ['1380010', '北京', '北京', '中国移动'],
    ['1380020', '广东', '广州', '中国移动'],
    ['1380021', '上海', '上海', '中国移动'],
    ['1380022', '天津', '天津', '中国移动'],
    ['1380023', '重庆', '重庆', '中国移动'],
    ['1380025', '江苏', '南京', '中国移动'],
    ['1380028', '四川', '成都', '中国移动'],
    ['1380571', '浙江', '杭州', '中国移动'],
    ['1860591', '福建', '福州', '中国联通'],
    ['1330851', '贵州', '贵阳', '中国电信'],
    ['1500991', '新疆', '乌鲁木齐', '中国移动'],
    ['1370471', '内蒙古', '呼和浩特', '中国移动'],
  ])('%s is in %s %s (%s)', (segment, province, city, carrier) => {
    const location = index.lookup(segment);
    expect(location.allocated).toBe(true);
    expect(location.province?.short).toBe(province);
    expect(location.city?.short).toBe(city);
    expect(location.carrier?.name).toBe(carrier);
    expect(index.lookup(`${segment}1234`).city?.short).toBe(city);
  });

  it('covers about 321,000 segments and gives 16x, 19x and 171-175 no location', () => {
    expect(index.stats.locatedSegments).toBeGreaterThan(300_000);
    expect(index.stats.locatedSegments).toBeLessThan(340_000);
    for (const segment of ['1990280', '1660571', '1710000', '1740000']) {
      const location = index.lookup(segment);
      expect(location.allocated).toBe(true);
      expect(location.city).toBeNull();
    }
  });

  it('gives full and English names beside the canonical short ones', () => {
    const location = index.lookup('1380571');
    expect(location.province).toMatchObject({ short: '浙江', full: '浙江省', english: 'Zhejiang' });
    expect(location.city).toMatchObject({ short: '杭州', full: '杭州市', english: 'Hangzhou' });
  });

  it('reports an unallocated segment as such', () => {
    const location = index.lookup('1000000');
    expect(location.allocated).toBe(false);
    expect(location.city).toBeNull();
  });

  it('knows how many segments each city has', () => {
    const hangzhou = index.regions.city('浙江', '杭州')!;
    expect(index.segmentCount(hangzhou)).toBeGreaterThan(1000);
    const total = index.regions.cities.reduce((sum, c) => sum + index.segmentCount(c), 0);
    expect(total).toBe(index.stats.locatedSegments);
  });
});

describe.skipIf(!hasSharedPhoneDat)('segment index with ../shared/data/phone.dat layered on', () => {
  it('locates 19x segments the embedded data does not know, with zip and area code', () => {
    const index = layeredIndex();
    expect(index.stats.layers.find((l) => l.name === 'phone.dat')?.entries).toBe(454_336);
    const location = index.lookup('1990808');
    expect(location.city?.short).toBe('成都');
    expect(location.carrier?.name).toBe('中国电信');
    expect(location.areaCode).toBe('028');
    expect(location.source).toBe('phone.dat');
    expect(index.lookup('1380571')).toMatchObject({ zip: '310000', areaCode: '0571' });
    expect(index.stats.locatedSegments).toBeGreaterThan(embeddedIndex().stats.locatedSegments);
  });

  it('maps every phone.dat place to a canonical city', () => {
    expect(layeredIndex().stats.layers.find((l) => l.name === 'phone.dat')?.unplaced).toBe(0);
  });
});
