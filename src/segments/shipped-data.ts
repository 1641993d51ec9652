import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CANDIDATES = ['../../data/segments/phone-2004.dat', '../data/segments/phone-2004.dat'].map((relative) =>
  fileURLToPath(new URL(relative, import.meta.url)),
);

/**
 * The phone.dat build the repository ships (data/segments/, MIT, ls0f/phone version 2004): the default
 * layer over libphonenumber's data. Found beside the sources (src/segments → data/) or beside a build
 * (dist/segments → dist/data/, which `npm run build` copies).
 */
export const SHIPPED_PHONE_DAT: string = CANDIDATES.find((path) => existsSync(path)) ?? CANDIDATES[0]!;
