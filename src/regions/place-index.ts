import { englishKey } from './city-names.ts';
import { type Division, divisions } from './divisions.ts';

/** A name some units go by, as found at a position of the text. */
export interface NameMatch {
  readonly name: string;
  readonly units: readonly Division[];
  /** The official full name of one of the units (义乌市), not a short or colloquial form (义乌). */
  readonly official: boolean;
}

/** English words that say only what kind of place a name is (`Yiwu City`, `Pudong New Area`). */
const LATIN_KIND_WORDS = new Set(
  'province sheng municipality city shi prefecture autonomous region district qu county xian new area league banner'.split(
    ' ',
  ),
);

/**
 * Every unit by every name it goes by, Chinese and Latin. Built once: a lookup is a few map reads, so
 * reading an address costs microseconds.
 */
export class PlaceIndex {
  private readonly byName = new Map<string, Division[]>();
  private readonly officialNames = new Set<string>();
  private readonly byLatin = new Map<string, Division[]>();
  private readonly longestName: number;

  constructor(units: readonly Division[] = divisions()) {
    const add = (map: Map<string, Division[]>, key: string, unit: Division) => {
      const list = map.get(key);
      if (!list) map.set(key, [unit]);
      else if (!list.includes(unit)) list.push(unit);
    };
    for (const unit of units) {
      this.officialNames.add(unit.name);
      for (const name of [unit.name, ...unit.otherNames]) add(this.byName, name, unit);
      for (const name of unit.latinNames) add(this.byLatin, latinKey(name), unit);
    }
    this.longestName = Math.max(...[...this.byName.keys()].map((k) => k.length));
  }

  /** Names that start at `position` of `text`, longest first. */
  namesAt(text: string, position: number): NameMatch[] {
    const out: NameMatch[] = [];
    for (let length = Math.min(this.longestName, text.length - position); length >= 2; length--) {
      const name = text.slice(position, position + length);
      const units = this.byName.get(name);
      if (units) out.push({ name, units, official: this.officialNames.has(name) });
    }
    return out;
  }

  /** Units a Latin name stands for: pinyin or English, any case, spaces, hyphens and `City` ignored. */
  latin(name: string): readonly Division[] {
    const key = latinKey(name);
    return this.byLatin.get(key) ?? this.byLatin.get(englishKey(name)) ?? [];
  }
}

/** `Pudong New Area` -> `pudong`; a name that is only such words keeps them (Xian, Shi). */
function latinKey(name: string): string {
  const words = name
    .toLowerCase()
    .split(/[^a-z']+/)
    .filter((w) => w !== '');
  const named = words.filter((w) => !LATIN_KIND_WORDS.has(w));
  return englishKey((named.length > 0 ? named : words).join(''));
}

let shared: PlaceIndex | undefined;

/** The index over the whole division table, built on first use. */
export function placeIndex(): PlaceIndex {
  shared ??= new PlaceIndex();
  return shared;
}
