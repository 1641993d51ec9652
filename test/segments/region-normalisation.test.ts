import { describe, expect, it } from 'vitest';
import { RegionRegistry } from '../../src/regions/region-registry.ts';
import { embeddedIndex } from '../support/segment-data.ts';

const key = (city: { key: string } | undefined) => city?.key;

describe('normalising the places the sources write', () => {
  const regions = new RegionRegistry();

  it.each([
    // municipalities: city = municipality, 天津 once without 市
    ['北京市', '北京|北京'],
    ['天津', '天津|天津'],
    ['重庆市', '重庆|重庆'],
    // autonomous regions by short name only
    ['广西柳州市', '广西|柳州'],
    ['内蒙古呼和浩特市', '内蒙古|呼和浩特'],
    ['新疆巴音郭楞蒙古自治州', '新疆|巴音郭楞'],
    ['新疆伊犁哈萨克自治州', '新疆|伊犁'],
    ['新疆克孜勒苏柯尔克孜自治州', '新疆|克孜勒苏'],
    // suffixes 市, 地区, 盟, 林区 and (ethnic names)自治州
    ['浙江省杭州市', '浙江|杭州'],
    ['新疆喀什地区', '新疆|喀什'],
    ['内蒙古兴安盟', '内蒙古|兴安'],
    ['湖北省神农架林区', '湖北|神农架'],
    ['贵州省黔东南苗族侗族自治州', '贵州|黔东南'],
    ['贵州省黔南布依族苗族自治州', '贵州|黔南'],
    ['青海省海西蒙古族藏族自治州', '青海|海西'],
    ['云南省红河哈尼族彝族自治州', '云南|红河'],
    ['湖北省恩施土家族苗族自治州', '湖北|恩施'],
    // renamed or merged
    ['湖北省襄樊市', '湖北|襄阳'],
    ['山东省莱芜市', '山东|济南'],
    ['安徽省巢湖市', '安徽|合肥'],
    // same name as a province
    ['青海省海南藏族自治州', '青海|海南'],
    ['吉林省吉林市', '吉林|吉林'],
  ])('geocoding text %s -> %s', (text, expected) => {
    expect(key(regions.placeFromGeocode(text))).toBe(expected);
  });

  it.each([
    ['重庆', '万州', '重庆|重庆'],
    ['重庆', '涪陵', '重庆|重庆'],
    ['重庆', '黔江', '重庆|重庆'],
    ['内蒙古', '海拉尔', '内蒙古|呼伦贝尔'],
    ['新疆', '库尔勒', '新疆|巴音郭楞'],
    ['贵州', '凯里', '贵州|黔东南'],
    ['吉林', '延吉', '吉林|延边'],
    ['云南', '思茅', '云南|普洱'],
    ['内蒙古', '锡林郭勒盟', '内蒙古|锡林郭勒'],
    ['海南', '三亚', '海南|三亚'],
  ])('phone.dat %s|%s -> %s', (province, city, expected) => {
    expect(key(regions.placeFromPhoneDat(province, city))).toBe(expected);
  });

  it('keeps full names, current where the source has an old one', () => {
    expect(regions.placeFromGeocode('四川省凉山彝族自治州')?.full).toBe('凉山彝族自治州');
    expect(regions.placeFromGeocode('贵州省铜仁地区')?.full).toBe('铜仁市');
    expect(regions.placeFromGeocode('天津')?.full).toBe('天津市');
  });

  it('does not let a renamed city lend its English name to the city it became', () => {
    const registry = new RegionRegistry();
    registry.placeFromGeocode('山东省莱芜市', 'Laiwu, Shandong');
    expect(registry.placeFromGeocode('山东省济南市', 'Jinan, Shandong')?.english).toBe('Jinan');
    expect(registry.placeFromGeocode('湖北省襄樊市', 'Xiangfan, Hubei')?.english).toBe('Xiangyang');
    expect(registry.placeFromGeocode('陕西省西安市', 'XiAn, Shaanxi')?.english).toBe("Xi'an");
  });
});

// What a customer types (city at any level, addresses, pinyin) is tested in test/regions.
describe('the cities segment data places numbers in', () => {
  const { regions } = embeddedIndex();

  it('every city of the embedded data has full and English names', () => {
    for (const city of regions.cities) {
      expect(city.full, city.key).toMatch(/(市|州|地区|盟|林区)$/);
      expect(city.english, city.key).toBeTruthy();
    }
  });
});
