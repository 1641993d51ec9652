/**
 * The community `phone.dat` segment file (format of ls0f/phone and xluohome/phonedata):
 *
 *   0      4 bytes  ASCII version, e.g. "2108"
 *   4      int32 LE offset F of the first index entry
 *   8..F   records "province|city|zip|areacode\0" (UTF-8), one after another
 *   F..EOF 9-byte index entries, ascending: int32 LE 7-digit prefix, int32 LE record offset, uint8 card type
 */

export interface PhoneDatRecord {
  province: string;
  city: string;
  zip: string;
  areaCode: string;
}

export interface PhoneDatFile {
  version: string;
  records: PhoneDatRecord[];
  /** Parallel arrays, one slot per index entry, in ascending segment order. */
  segments: Int32Array;
  recordIndex: Int32Array;
  cardTypes: Uint8Array;
}

export class PhoneDatFormatError extends Error {
  readonly code = 'PHONE_DAT_MALFORMED';
  constructor(detail: string, source?: string) {
    super(`phone.dat${source ? ` (${source})` : ''} is malformed: ${detail}`);
    this.name = 'PhoneDatFormatError';
  }
}

const HEADER_SIZE = 8;
const ENTRY_SIZE = 9;
const UTF8_BOM = [0xef, 0xbb, 0xbf];

export function parsePhoneDat(buffer: Buffer, source?: string): PhoneDatFile {
  const fail = (detail: string): never => {
    throw new PhoneDatFormatError(detail, source);
  };
  if (buffer.length < HEADER_SIZE) fail(`file is ${buffer.length} bytes, shorter than the 8-byte header`);
  const version = buffer.toString('latin1', 0, 4);
  if (!/^[0-9A-Za-z.]{4}$/.test(version)) fail('header does not start with a 4-character version');
  const indexOffset = buffer.readInt32LE(4);
  if (indexOffset < HEADER_SIZE || indexOffset > buffer.length) {
    fail(`index offset ${indexOffset} is outside the file (${buffer.length} bytes)`);
  }
  if ((buffer.length - indexOffset) % ENTRY_SIZE !== 0) {
    fail(`index section of ${buffer.length - indexOffset} bytes is not a whole number of 9-byte entries`);
  }

  // Records, keyed by their byte offset, which is what index entries point at.
  let start = HEADER_SIZE;
  if (UTF8_BOM.every((b, i) => buffer[HEADER_SIZE + i] === b)) start += UTF8_BOM.length;
  const records: PhoneDatRecord[] = [];
  const recordAtOffset = new Map<number, number>();
  while (start < indexOffset) {
    const end = buffer.indexOf(0, start);
    if (end === -1 || end >= indexOffset) fail(`record at offset ${start} is not NUL-terminated before the index`);
    const fields = buffer.toString('utf8', start, end).split('|');
    if (fields.length < 2 || fields[0] === '') fail(`record at offset ${start} is not "province|city|zip|areacode"`);
    recordAtOffset.set(start, records.length);
    records.push({ province: fields[0]!, city: fields[1] ?? '', zip: fields[2] ?? '', areaCode: fields[3] ?? '' });
    start = end + 1;
  }

  const count = (buffer.length - indexOffset) / ENTRY_SIZE;
  if (count === 0) fail('the index has no entries');
  const segments = new Int32Array(count);
  const recordIndex = new Int32Array(count);
  const cardTypes = new Uint8Array(count);
  let previous = -1;
  for (let i = 0, at = indexOffset; i < count; i++, at += ENTRY_SIZE) {
    const segment = buffer.readInt32LE(at);
    const offset = buffer.readInt32LE(at + 4);
    const card = buffer.readUInt8(at + 8);
    if (segment < 1_000_000 || segment > 1_999_999)
      fail(`entry ${i} has prefix ${segment}, not a 7-digit 1xxxxxx segment`);
    if (segment <= previous) fail(`entry ${i} (prefix ${segment}) is not in ascending order after ${previous}`);
    const record = recordAtOffset.get(offset);
    if (record === undefined)
      fail(`entry ${i} (prefix ${segment}) points at offset ${offset}, which is not the start of a record`);
    if (card < 1 || card > 8) fail(`entry ${i} (prefix ${segment}) has card type ${card}, expected 1-8`);
    segments[i] = segment;
    recordIndex[i] = record!;
    cardTypes[i] = card;
    previous = segment;
  }
  return { version, records, segments, recordIndex, cardTypes };
}

/** Writes a phone.dat file; used to make test files and to export an index in the community format. */
export function writePhoneDat(
  version: string,
  entries: ReadonlyArray<{ segment: number; record: PhoneDatRecord; cardType: number }>,
  options: { bom?: boolean } = {},
): Buffer {
  const recordOffsets = new Map<string, number>();
  const recordBytes: Buffer[] = [];
  let offset = HEADER_SIZE;
  if (options.bom) {
    recordBytes.push(Buffer.from(UTF8_BOM));
    offset += UTF8_BOM.length;
  }
  for (const { record } of entries) {
    const text = `${record.province}|${record.city}|${record.zip}|${record.areaCode}`;
    if (recordOffsets.has(text)) continue;
    const bytes = Buffer.from(`${text}\0`, 'utf8');
    recordOffsets.set(text, offset);
    recordBytes.push(bytes);
    offset += bytes.length;
  }
  const sorted = [...entries].sort((a, b) => a.segment - b.segment);
  const index = Buffer.alloc(sorted.length * ENTRY_SIZE);
  sorted.forEach((e, i) => {
    const { province, city, zip, areaCode } = e.record;
    index.writeInt32LE(e.segment, i * ENTRY_SIZE);
    index.writeInt32LE(recordOffsets.get(`${province}|${city}|${zip}|${areaCode}`)!, i * ENTRY_SIZE + 4);
    index.writeUInt8(e.cardType, i * ENTRY_SIZE + 8);
  });
  const header = Buffer.alloc(HEADER_SIZE);
  header.write(version.padEnd(4, '0').slice(0, 4), 0, 'latin1');
  header.writeInt32LE(offset, 4);
  return Buffer.concat([header, ...recordBytes, index]);
}
