/**
 * The irregular parts of Chinese place names as the segment sources write them. Each table is one
 * class of irregularity; `normaliseCityName` applies them in order.
 */

/**
 * Ethnic groups named in autonomous prefectures (`凉山彝族自治州`, `伊犁哈萨克自治州`). An explicit list,
 * because a generic "..族" pattern cannot tell where the place name ends (黔东南苗族 would become 黔).
 */
const ETHNIC_GROUPS = [
  '土家',
  '哈尼',
  '景颇',
  '布依',
  '朝鲜',
  '蒙古',
  '哈萨克',
  '柯尔克孜',
  '傈僳',
  '彝',
  '苗',
  '壮',
  '傣',
  '白',
  '侗',
  '藏',
  '羌',
  '回',
];
/** Groups that some names write without 族 (`巴音郭楞蒙古自治州`). */
const BARE_ETHNIC_GROUPS = new Set(['蒙古', '哈萨克', '柯尔克孜']);

/** Administrative suffixes of prefecture-level names, longest first. */
const CITY_SUFFIXES = ['自治州', '林区', '地区', '盟', '市'];

/** Strips administrative suffixes and ethnic names: `黔东南苗族侗族自治州` -> `黔东南`, `兴安盟` -> `兴安`. */
export function stripCitySuffix(name: string): string {
  let city = name.trim();
  for (const suffix of CITY_SUFFIXES) {
    if (city.endsWith(suffix) && city.length > suffix.length + 1) {
      city = city.slice(0, -suffix.length);
      if (suffix === '自治州') city = stripEthnicGroups(city);
      break;
    }
  }
  return city;
}

function stripEthnicGroups(name: string): string {
  let city = name;
  for (let changed = true; changed;) {
    changed = false;
    for (const group of ETHNIC_GROUPS) {
      const withZu = `${group}族`;
      const cut = city.endsWith(withZu)
        ? withZu.length
        : BARE_ETHNIC_GROUPS.has(group) && city.endsWith(group)
          ? group.length
          : 0;
      if (cut > 0 && city.length - cut >= 2) {
        city = city.slice(0, -cut);
        changed = true;
      }
    }
  }
  return city;
}

/**
 * Names that stand for another prefecture, keyed `province|name`: cities renamed or merged since the
 * data was written, and the county seats phone.dat uses in place of their prefecture.
 */
export const CITY_ALIASES: ReadonlyMap<string, string> = new Map([
  // renamed or merged
  ['湖北|襄樊', '襄阳'],
  ['山东|莱芜', '济南'],
  ['安徽|巢湖', '合肥'],
  ['云南|思茅', '普洱'],
  // county seats and county-level cities standing for their prefecture (phone.dat)
  ['内蒙古|海拉尔', '呼伦贝尔'],
  ['内蒙古|锡林浩特', '锡林郭勒'],
  ['内蒙古|乌兰浩特', '兴安'],
  ['内蒙古|临河', '巴彦淖尔'],
  ['内蒙古|集宁', '乌兰察布'],
  ['新疆|库尔勒', '巴音郭楞'],
  ['新疆|奎屯', '伊犁'],
  ['新疆|博乐', '博尔塔拉'],
  ['贵州|凯里', '黔东南'],
  ['贵州|都匀', '黔南'],
  ['贵州|兴义', '黔西南'],
  ['吉林|延吉', '延边'],
  ['吉林|珲春', '延边'],
  ['吉林|梅河口', '通化'],
  ['湖南|吉首', '湘西'],
  ['河南|潢川', '信阳'],
  ['湖北|江汉', '潜江'],
  ['青海|格尔木', '海西'],
  ['青海|德令哈', '海西'],
  ['青海|海晏', '海北'],
  ['青海|共和', '海南'],
  ['陕西|商州', '商洛'],
  ['四川|西昌', '凉山'],
]);

/**
 * Current full names where the source still has an old one (地区 that became 市), and full names of
 * cities only phone.dat knows.
 */
export const CITY_FULL_NAMES: ReadonlyMap<string, string> = new Map([
  ['贵州|铜仁', '铜仁市'],
  ['贵州|毕节', '毕节市'],
  ['青海|海东', '海东市'],
  ['西藏|日喀则', '日喀则市'],
  ['西藏|山南', '山南市'],
  ['西藏|林芝', '林芝市'],
  ['西藏|昌都', '昌都市'],
  ['西藏|那曲', '那曲市'],
  ['新疆|吐鲁番', '吐鲁番市'],
  ['新疆|哈密', '哈密市'],
  ['湖北|襄阳', '襄阳市'],
  ['海南|三亚', '三亚市'],
  ['河南|济源', '济源市'],
]);

/** English names where the geocoding file has none or an outdated one. */
export const CITY_ENGLISH_NAMES: ReadonlyMap<string, string> = new Map([
  ['湖北|襄阳', 'Xiangyang'],
  ['海南|三亚', 'Sanya'],
  ['河南|济源', 'Jiyuan'],
]);

/** Further English spellings users type for a city, beside the canonical one. */
export const CITY_ENGLISH_ALIASES: ReadonlyMap<string, readonly string[]> = new Map([
  ['新疆|乌鲁木齐', ['Urumqi']],
  ['湖北|襄阳', ['Xiangfan']],
  ['内蒙古|呼伦贝尔', ['Hulunbuir']],
  ['内蒙古|锡林郭勒', ['Xilingol']],
  ['内蒙古|兴安', ['Hinggan']],
  ['新疆|伊犁', ['Ili', 'Yili']],
  ['西藏|日喀则', ['Shigatse']],
  ['云南|迪庆', ['Diqing']],
]);

/** `XiAn` -> `Xi'an`: the geocoding file drops the apostrophe that separates syllables. */
export function tidyEnglishName(name: string): string {
  return name.replace(/([a-z])A(?=[a-z]|$)/g, "$1'a");
}

/** Key for matching English input: case, spaces, apostrophes and hyphens do not matter. */
export function englishKey(name: string): string {
  return name.toLowerCase().replace(/[^a-z]/g, '');
}
