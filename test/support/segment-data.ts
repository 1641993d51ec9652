import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SegmentIndex } from '../../src/segments/segment-index.ts';
import { SHIPPED_PHONE_DAT } from '../../src/segments/shipped-data.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The community segment file beside the repo (tests and benchmarks only; never copied in). */
export const SHARED_PHONE_DAT = resolve(repoRoot, '..', 'shared', 'data', 'phone.dat');
export const hasSharedPhoneDat = existsSync(SHARED_PHONE_DAT);

let embedded: SegmentIndex | undefined;
let layered: SegmentIndex | undefined;
let shipped: SegmentIndex | undefined;

/** The index on the embedded data, loaded once per test file. */
export function embeddedIndex(): SegmentIndex {
  embedded ??= SegmentIndex.load();
  return embedded;
}

/** The index with ../shared/data/phone.dat layered on; only call when hasSharedPhoneDat. */
export function layeredIndex(): SegmentIndex {
  layered ??= SegmentIndex.load({ phoneDatPath: SHARED_PHONE_DAT });
  return layered;
}

/** The index the service loads by default: the embedded data with the shipped phone-2004.dat on top. */
export function shippedIndex(): SegmentIndex {
  shipped ??= SegmentIndex.load({ shippedPath: SHIPPED_PHONE_DAT });
  return shipped;
}
