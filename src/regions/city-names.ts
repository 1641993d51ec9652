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

/**
 * Strips the ethnic names an autonomous unit's name ends with (`黔东南苗族侗族` -> `黔东南`), keeping at
 * least two characters. `groups` longest first; `bare` says which groups may be written without 族.
 */
export function stripEthnicGroups(
  name: string,
  groups: readonly string[] = ETHNIC_GROUPS,
  bare: (group: string) => boolean = (group) => BARE_ETHNIC_GROUPS.has(group),
): string {
  let city = name;
  for (let changed = true; changed;) {
    changed = false;
    for (const group of groups) {
      const withZu = `${group}族`;
      const cut = city.endsWith(withZu) ? withZu.length : bare(group) && city.endsWith(group) ? group.length : 0;
      if (cut > 0 && city.length - cut >= 2) {
        city = city.slice(0, -cut);
        changed = true;
      }
    }
  }
  return city;
}

/**
 * Names the division list lacks, by the code of the unit they stand for: prefectures renamed before
 * the list's time, and 江汉, which phone.dat uses for 潜江 (江汉油田). Merged cities (莱芜, 巢湖) and
 * the county seats phone.dat uses as cities (都匀, 库尔勒) are in the list as county-level units.
 */
export const FORMER_NAMES: ReadonlyMap<string, string> = new Map([
  ['襄樊', '420600'],
  ['江汉', '429005'],
  ['伊克昭', '150600'],
  ['哲里木', '150500'],
  ['昭乌达', '150400'],
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
