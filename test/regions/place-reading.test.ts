import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type PlaceInput, resolvePlace } from '../../src/regions/resolve-place.ts';
import { parsePhoneDat } from '../../src/segments/sources/phone-dat.ts';
import { SHARED_PHONE_DAT, hasSharedPhoneDat, layeredIndex } from '../support/segment-data.ts';

function placeOf(input: PlaceInput) {
  const resolution = resolvePlace(input);
  if ('problems' in resolution) throw new Error(`${JSON.stringify(input)}: ${resolution.problems[0]!.message}`);
  return resolution.place;
}
function problemOf(input: PlaceInput) {
  const resolution = resolvePlace(input);
  if ('place' in resolution)
    throw new Error(`${JSON.stringify(input)} was accepted as ${JSON.stringify(resolution.place)}`);
  return resolution.problems[0]!;
}
const where = (input: PlaceInput) => {
  const p = placeOf(input);
  return `${p.province} ${p.city} ${p.placeName}`;
};

describe('addresses as orders write them, one or more from every province', () => {
  it.each([
    ['北京市朝阳区建国路88号SOHO现代城', '北京 北京 朝阳区'],
    ['天津市滨海新区塘沽街道', '天津 天津 滨海新区'],
    ['河北省石家庄市长安区中山东路', '河北 石家庄 长安区'],
    ['山西太原小店区长风街', '山西 太原 小店区'],
    ['内蒙古锡林郭勒盟锡林浩特市额尔敦路', '内蒙古 锡林郭勒 锡林浩特市'],
    ['辽宁省大连市甘井子区', '辽宁 大连 甘井子区'],
    ['吉林省延边朝鲜族自治州延吉市', '吉林 延边 延吉市'],
    ['黑龙江省哈尔滨市南岗区西大直街', '黑龙江 哈尔滨 南岗区'],
    ['上海 上海市 浦东新区 张江路', '上海 上海 浦东新区'],
    ['江苏苏州昆山市玉山镇', '江苏 苏州 昆山市'],
    ['浙江省金华市义乌市稠城街道工人北路1号', '浙江 金华 义乌市'],
    ['杭州市余杭区五常街道文一西路969号', '浙江 杭州 余杭区'],
    ['安徽省合肥市巢湖市', '安徽 合肥 巢湖市'],
    ['福建省泉州市晋江市', '福建 泉州 晋江市'],
    ['江西南昌红谷滩区', '江西 南昌 红谷滩区'],
    ['山东省济南市莱芜区凤城街道', '山东 济南 莱芜区'],
    ['河南省郑州市金水区花园路', '河南 郑州 金水区'],
    ['湖北省武汉市洪山区珞喻路', '湖北 武汉 洪山区'],
    ['湖南湘西吉首市人民北路', '湖南 湘西 吉首市'],
    ['深圳南山区科技园', '广东 深圳 南山区'],
    ['广西壮族自治区南宁市青秀区', '广西 南宁 青秀区'],
    ['海南省海口市美兰区', '海南 海口 美兰区'],
    ['重庆市万州区', '重庆 重庆 万州区'],
    ['四川成都武侯区人民南路四段', '四川 成都 武侯区'],
    ['贵州省黔南布依族苗族自治州都匀市', '贵州 黔南 都匀市'],
    ['云南省昆明市五华区', '云南 昆明 五华区'],
    ['西藏拉萨市城关区', '西藏 拉萨 城关区'],
    ['陕西省西安市雁塔区', '陕西 西安 雁塔区'],
    ['甘肃省兰州市城关区', '甘肃 兰州 城关区'],
    ['青海省海南州共和县', '青海 海南 共和县'],
    ['宁夏银川市兴庆区', '宁夏 银川 兴庆区'],
    ['新疆巴音郭楞蒙古自治州库尔勒市', '新疆 巴音郭楞 库尔勒市'],
    ['收货地址：江苏省南京市鼓楼区中山北路', '江苏 南京 鼓楼区'],
    ['张三 13800001111 广东省广州市天河区体育西路', '广东 广州 天河区'],
  ])('%s -> %s', (address, expected) => {
    expect(where({ address })).toBe(expected);
    expect(placeOf({ address })).toMatchObject({ cityFrom: 'address', provinceFrom: 'address' });
  });

  it('reads no street as a place: 上海市南京西路 is 上海, 北京市朝阳区长安街 is 北京 朝阳区', () => {
    expect(where({ address: '上海市南京西路1号' })).toBe('上海 上海 上海市');
    expect(where({ address: '北京市朝阳区长安街1号' })).toBe('北京 北京 朝阳区');
    expect(where({ address: '广东省中山市石岐区' })).toBe('广东 中山 中山市');
  });

  it('an address with no place at its start is UNKNOWN_PLACE, unless province or city tells the place', () => {
    expect(problemOf({ address: '工人北路1号' })).toMatchObject({ field: 'address', reason: 'UNKNOWN_PLACE' });
    expect(placeOf({ address: '工人北路1号', city: '义乌' })).toMatchObject({ city: '金华', cityFrom: 'city' });
  });
});

describe('city at any level below the province', () => {
  it.each([
    ['义乌', '浙江 金华 义乌市'],
    ['昆山市', '江苏 苏州 昆山市'],
    ['晋江', '福建 泉州 晋江市'],
    ['慈溪', '浙江 宁波 慈溪市'],
    ['余杭区', '浙江 杭州 余杭区'],
    ['浦东新区', '上海 上海 浦东新区'],
    ['海淀区', '北京 北京 海淀区'],
    ['杭州', '浙江 杭州 杭州市'],
    ['凉山州', '四川 凉山 凉山彝族自治州'],
    ['南京鼓楼区', '江苏 南京 鼓楼区'],
  ])('%s -> %s', (city, expected) => expect(where({ city })).toBe(expected));

  it.each([
    ['莱芜', '山东 济南 莱芜区'],
    ['莱芜市', '山东 济南 莱芜区'],
    ['巢湖', '安徽 合肥 巢湖市'],
    ['襄樊', '湖北 襄阳 襄阳市'],
    ['思茅', '云南 普洱 思茅区'],
  ])('merged or renamed %s -> %s', (city, expected) => expect(where({ city })).toBe(expected));

  it.each([
    ['Yiwu', '浙江 金华 义乌市'],
    ['Kunshan', '江苏 苏州 昆山市'],
    ['Pudong', '上海 上海 浦东新区'],
    ['Pudong New Area', '上海 上海 浦东新区'],
    ['hangzhou', '浙江 杭州 杭州市'],
    ["Xi'an", '陕西 西安 西安市'],
    ['Harbin', '黑龙江 哈尔滨 哈尔滨市'],
    ['Urumqi', '新疆 乌鲁木齐 乌鲁木齐市'],
  ])('pinyin or English %s -> %s', (city, expected) => expect(where({ city })).toBe(expected));

  it('reads a Latin address in any order', () => {
    expect(where({ address: 'Yiwu, Zhejiang' })).toBe('浙江 金华 义乌市');
    expect(where({ address: 'Zhejiang Jinhua' })).toBe('浙江 金华 金华市');
  });
});

describe('shared names', () => {
  it('a district four cities have is AMBIGUOUS_PLACE, each with the input that picks it', () => {
    const problem = problemOf({ city: '鼓楼区' });
    expect(problem).toMatchObject({ field: 'city', reason: 'AMBIGUOUS_PLACE' });
    expect(problem.suggestions).toEqual([
      '鼓楼区 (江苏 南京)',
      '鼓楼区 (江苏 徐州)',
      '鼓楼区 (福建 福州)',
      '鼓楼区 (河南 开封)',
    ]);
    const picked = problem.picks!.map((pick) => where(pick));
    expect(picked).toEqual(['江苏 南京 鼓楼区', '江苏 徐州 鼓楼区', '福建 福州 鼓楼区', '河南 开封 鼓楼区']);
  });

  it('朝阳区 is 北京 or 长春; a prefecture-level name wins: 朝阳 is 辽宁 朝阳', () => {
    expect(problemOf({ city: '朝阳区' }).suggestions).toEqual(['朝阳区 (北京)', '朝阳区 (吉林 长春)']);
    expect(where({ city: '朝阳' })).toBe('辽宁 朝阳 朝阳市');
    expect(where({ city: '朝阳', province: '北京' })).toBe('北京 北京 朝阳区');
    expect(where({ address: '北京朝阳区' })).toBe('北京 北京 朝阳区');
  });

  it('a province given with the name settles it, for city and for address', () => {
    expect(where({ city: '鼓楼', province: '福建' })).toBe('福建 福州 鼓楼区');
    expect(placeOf({ address: '鼓楼区中山路1号', province: '河南' })).toMatchObject({
      city: '开封',
      provinceFrom: 'province',
      cityFrom: 'address',
    });
    expect(problemOf({ address: '鼓楼区中山路1号' })).toMatchObject({ field: 'address', reason: 'AMBIGUOUS_PLACE' });
  });

  it('pinyin several prefectures share is ambiguous: Fuzhou, Suzhou, Taizhou', () => {
    expect(problemOf({ city: 'Fuzhou' }).suggestions).toEqual(['福州 (福建, Fuzhou)', '抚州 (江西, Fuzhou)']);
    expect(problemOf({ city: 'Taizhou' }).picks).toEqual([
      { province: '江苏', city: '泰州' },
      { province: '浙江', city: '台州' },
    ]);
    expect(where({ city: 'Suzhou', province: 'Anhui' })).toBe('安徽 宿州 宿州市');
  });

  it('海南 and 吉林: a province when an address opens with it, a city in the city field', () => {
    expect(where({ address: '海南海口' })).toBe('海南 海口 海口市');
    expect(where({ address: '吉林长春朝阳区' })).toBe('吉林 长春 朝阳区');
    expect(where({ city: '海南' })).toBe('青海 海南 海南藏族自治州');
    expect(where({ city: '吉林' })).toBe('吉林 吉林 吉林市');
  });
});

describe('fields that must agree', () => {
  it('an address against the city or against itself is CONFLICTING_PLACE naming the conflict', () => {
    const conflict = problemOf({ city: '杭州', address: '浙江省金华市义乌市稠城街道' });
    expect(conflict).toMatchObject({
      field: 'address',
      reason: 'CONFLICTING_PLACE',
      suggestions: ['金华 (浙江, Jinhua)'],
    });
    expect(conflict.message).toContain('金华市');
    expect(conflict.message).toContain('杭州市');
    expect(problemOf({ address: '浙江省南京市玄武区' })).toMatchObject({ reason: 'CONFLICTING_PLACE' });
    expect(problemOf({ province: '江苏', address: '义乌市稠城街道' })).toMatchObject({ reason: 'CONFLICTING_PLACE' });
  });

  it('agreeing fields: the most specific name wins and each value says where it came from', () => {
    expect(placeOf({ province: '浙江', city: '金华', address: '义乌市稠城街道' })).toEqual({
      province: '浙江',
      city: '金华',
      placeName: '义乌市',
      provinceFrom: 'province',
      cityFrom: 'city',
    });
    expect(placeOf({ province: '浙江' })).toMatchObject({ city: null, cityFrom: null, placeName: '浙江省' });
    expect(placeOf({})).toMatchObject({ province: null, city: null, placeName: null, provinceFrom: null });
  });

  it('keeps the old refusals: a city of another province, a province given as city, an unknown name', () => {
    expect(problemOf({ city: '南京', province: '浙江' })).toMatchObject({ reason: 'CITY_NOT_IN_PROVINCE' });
    expect(problemOf({ city: '浙江省' })).toMatchObject({ reason: 'CITY_IS_PROVINCE' });
    expect(problemOf({ city: 'Hangzou' }).suggestions[0]).toBe('杭州 (浙江, Hangzhou)');
    expect(problemOf({ city: '浙江省金华市义乌市稠城街道' }).message).toContain('send it as address');
    expect(problemOf({ province: 'Zhejang' }).suggestions[0]).toBe('浙江 (Zhejiang)');
  });
});

describe.runIf(hasSharedPhoneDat)('the names segment data uses as cities', () => {
  it('every city name of phone.dat resolves, with its province, to the city the segment index files it under', () => {
    const file = parsePhoneDat(readFileSync(SHARED_PHONE_DAT), SHARED_PHONE_DAT);
    const { regions } = layeredIndex();
    const wrong: string[] = [];
    for (const record of new Map(file.records.map((r) => [`${r.province}|${r.city}`, r])).values()) {
      const city = regions.placeFromPhoneDat(record.province, record.city)!;
      const resolution = resolvePlace({ province: record.province, city: record.city });
      const got = 'place' in resolution ? `${resolution.place.province}|${resolution.place.city}` : 'refused';
      if (got !== city.key) wrong.push(`${record.province}|${record.city}: ${got}, segment index ${city.key}`);
    }
    expect(wrong).toEqual([]);
  });

  it.each(['都匀', '临河', '锡林浩特', '吉首', '乌兰浩特', '库尔勒', '海拉尔', '凯里', '延吉', '江汉'])(
    'the county seat %s resolves alone to a city with segments',
    (name) => {
      const place = placeOf({ city: name });
      expect(layeredIndex().regions.city(place.province!, place.city!), name).toBeDefined();
    },
  );
});
