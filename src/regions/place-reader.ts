import { type Division, isWithin } from './divisions.ts';
import type { PlaceIndex } from './place-index.ts';

/** What a text says about a place. */
export interface PlaceReading {
  /** The units it names, as narrowed as the text allows; empty when it names none. */
  readonly units: readonly Division[];
  /** Whether the text was place names to the end (not only at its start, as an address is). */
  readonly whole: boolean;
  /** An official name that does not fit what came before it (浙江省南京市), or fits no given context. */
  readonly clash?: { readonly name: string; readonly units: readonly Division[] };
}

export interface ReadOptions {
  /** What other input already says: the text must fit it and is narrowed within it. */
  readonly within?: readonly Division[] | undefined;
  /** An address: the place names are read from its start (or after its first non-Chinese run), the rest ignored. */
  readonly address?: boolean;
}

const SEPARATORS = /[\s,，、;；:：/\\|·.。()（）[\]【】\-—_#＃]/;
/**
 * Suffixes written after a short name that with it are no name in the list: 莱芜市 (now 莱芜区), 襄樊市,
 * 铜仁地区 (now 铜仁市).
 */
const LOOSE_SUFFIXES = ['地区', '省', '市', '区', '县', '旗', '州', '盟'];
const CJK = /\p{Script=Han}/u;
const LEVEL_RANK = { province: 0, prefecture: 1, county: 2 } as const;

/**
 * Reads the places a text names, outermost first, as an address writes them: `浙江省金华市义乌市稠城街道`
 * is 浙江省, then 金华市 in it, then 义乌市 in that; the reading stops at the first text that is no
 * place inside the last (稠城街道), so street names (中山路, 长安街) never count. A name shared by
 * several units stays ambiguous until a later (or a given) name settles it; a prefecture-level
 * name wins over district and county names (朝阳 is 辽宁's 朝阳市, 北京朝阳 is 北京's 朝阳区).
 */
export function readPlace(index: PlaceIndex, text: string, options: ReadOptions = {}): PlaceReading {
  const trimmed = text.trim();
  if (!CJK.test(trimmed)) return readLatin(index, trimmed, options);
  if (!options.address) return readChain(index, trimmed, 0, options.within);
  let first: PlaceReading | undefined;
  for (let start = 0; start < trimmed.length; start++) {
    // A place starts the text or follows something not Chinese (a name, a colon, a phone number).
    if (start > 0 && CJK.test(trimmed[start - 1]!)) continue;
    const reading = readChain(index, trimmed, start, options.within);
    first ??= reading;
    if (reading.units.length > 0 || reading.clash) return reading;
  }
  return first ?? { units: [], whole: false };
}

function readChain(
  index: PlaceIndex,
  text: string,
  start: number,
  within: readonly Division[] | undefined,
): PlaceReading {
  const end = follow(index, text, start, within, false, 0);
  return {
    units: end.read ? (end.units ?? []) : [],
    whole: end.read && end.position >= text.length,
    ...(end.clash ? { clash: end.clash } : {}),
  };
}

interface ChainEnd {
  readonly units: readonly Division[] | undefined;
  readonly read: boolean;
  /** Where the reading stopped, separators after it skipped. */
  readonly position: number;
  readonly clash?: PlaceReading['clash'];
}

/** More names than any address holds (province, city, county, and a repeat or two). */
const MAX_NAMES = 8;

/**
 * Reads on from `position`: each name that fits there is tried, longest first, and the reading that
 * gets furthest wins (济南市中区 is 济南 + 市中区, not 济南市 + 中区).
 */
function follow(
  index: PlaceIndex,
  text: string,
  from: number,
  current: readonly Division[] | undefined,
  read: boolean,
  depth: number,
): ChainEnd {
  let position = from;
  while (position < text.length && SEPARATORS.test(text[position]!)) position++;
  const here: ChainEnd = { units: current, read, position };
  if (position >= text.length || depth >= MAX_NAMES) return here;
  let best: ChainEnd | undefined;
  let misfit: PlaceReading['clash'];
  for (const match of index.namesAt(text, position)) {
    // An official name means that unit, not another's short form (沙县 is 沙县, not 沙县区).
    const units = match.official ? match.units.filter((u) => u.name === match.name) : match.units;
    const fits = current ? units.filter((u) => current.some((c) => isWithin(u, c) || isWithin(c, u))) : [...units];
    if (fits.length === 0) {
      if (match.official) misfit ??= { name: match.name, units };
      continue;
    }
    const after = position + match.name.length;
    const suffix = match.official ? undefined : LOOSE_SUFFIXES.find((s) => text.startsWith(s, after));
    const narrowed = narrow(current, preferHigher(fits));
    for (const next of suffix ? [after + suffix.length, after] : [after]) {
      const end = follow(index, text, next, narrowed, true, depth + 1);
      if (!best || end.position > best.position) best = end;
    }
  }
  if (best) return best;
  // After a county the text goes on to towns and streets, which may be named like other places.
  if (misfit && !current?.some((c) => c.level === 'county')) return { ...here, clash: misfit };
  return here;
}

/** A Latin text: comma- or space-separated names in any order (`Yiwu, Zhejiang`, `Pudong Shanghai`). */
function readLatin(index: PlaceIndex, text: string, options: ReadOptions): PlaceReading {
  const groups: Division[][] = [];
  let whole = text !== '';
  for (const part of text
    .split(/[,;/]+/)
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    const units = index.latin(part);
    if (units.length > 0) {
      groups.push([...units]);
      continue;
    }
    for (const word of part.split(/\s+/)) {
      const wordUnits = index.latin(word);
      if (wordUnits.length > 0) groups.push([...wordUnits]);
      else whole = false;
    }
  }
  if (groups.length === 0) return { units: [], whole: false };
  // Outermost first, whatever order they were written in.
  groups.sort((a, b) => minRank(a) - minRank(b));
  let current = options.within;
  for (const units of groups) {
    const fits = current ? units.filter((u) => current!.some((c) => isWithin(u, c) || isWithin(c, u))) : units;
    if (fits.length === 0) return { units: [], whole, clash: { name: units[0]!.name, units } };
    current = narrow(current, preferCountyCities(preferHigher(fits)));
  }
  return { units: current ?? [], whole };
}

function minRank(units: readonly Division[]): number {
  return Math.min(...units.map((u) => LEVEL_RANK[u.level]));
}

/** A prefecture-level name wins over the district and county names it shares (朝阳市 over 朝阳区). */
function preferHigher(units: Division[]): Division[] {
  return units.some((u) => u.level !== 'county') ? units.filter((u) => u.level !== 'county') : units;
}

/**
 * Pinyin drops the characters that tell places apart (Yiwu: 义乌市 and 伊吾县): a county-level city is
 * the one people mean far more often than a county spelled the same.
 */
function preferCountyCities(units: Division[]): Division[] {
  const cities = units.filter((u) => u.level === 'county' && u.name.endsWith('市'));
  return cities.length > 0 && cities.length < units.length && units.every((u) => u.level === 'county') ? cities : units;
}

/** The units both say: the more specific of every pair that lies on one line (浙江 and 杭州: 杭州). */
function narrow(current: readonly Division[] | undefined, fits: readonly Division[]): readonly Division[] {
  if (!current) return fits;
  const out = new Set<Division>();
  for (const u of fits) for (const c of current) if (isWithin(u, c)) out.add(u);
  for (const c of current) for (const u of fits) if (isWithin(c, u)) out.add(c);
  return [...out];
}
