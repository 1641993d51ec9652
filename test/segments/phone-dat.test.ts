import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SegmentIndex } from '../../src/segments/segment-index.ts';
import {
  PhoneDatFormatError,
  type PhoneDatRecord,
  parsePhoneDat,
  writePhoneDat,
} from '../../src/segments/sources/phone-dat.ts';
import { SHARED_PHONE_DAT, hasSharedPhoneDat } from '../support/segment-data.ts';

const chengdu: PhoneDatRecord = { province: '四川', city: '成都', zip: '610000', areaCode: '028' };
const wanzhou: PhoneDatRecord = { province: '重庆', city: '万州', zip: '404000', areaCode: '023' };
const kaili: PhoneDatRecord = { province: '贵州', city: '凯里', zip: '556000', areaCode: '0855' };

function sampleFile(options: { bom?: boolean } = {}): Buffer {
  return writePhoneDat(
    '2401',
    [
      { segment: 1990280, record: chengdu, cardType: 3 },
      { segment: 1990281, record: chengdu, cardType: 3 },
      { segment: 1920000, record: wanzhou, cardType: 7 },
      { segment: 1380571, record: kaili, cardType: 1 },
    ],
    options,
  );
}

function tempFile(bytes: Buffer): string {
  const path = join(mkdtempSync(join(tmpdir(), 'phonematch-')), 'phone.dat');
  writeFileSync(path, bytes);
  return path;
}

describe('phone.dat files', () => {
  it('reads back a file written by the writer, with and without a BOM', () => {
    for (const bom of [false, true]) {
      const file = parsePhoneDat(sampleFile({ bom }));
      expect(file.version).toBe('2401');
      expect([...file.segments]).toEqual([1380571, 1920000, 1990280, 1990281]);
      expect(file.records[file.recordIndex[2]!]).toEqual(chengdu);
      expect([...file.cardTypes]).toEqual([1, 7, 3, 3]);
    }
  });

  it('layers over the embedded data and wins where it has a segment', () => {
    const index = SegmentIndex.load({ phoneDatPath: tempFile(sampleFile()) });
    expect(index.lookup('19902801234')).toMatchObject({ zip: '610000', areaCode: '028', source: 'phone.dat' });
    expect(index.lookup('1990280').city?.key).toBe('四川|成都');
    // phone.dat's 重庆 districts are the municipality; its county seats are their prefecture.
    expect(index.lookup('1920000')).toMatchObject({ carrier: { name: '中国广电', virtual: false } });
    expect(index.lookup('1920000').city?.key).toBe('重庆|重庆');
    expect(index.lookup('1380571').city?.key).toBe('贵州|黔东南');
    // Segments the file does not have keep the embedded location.
    expect(index.lookup('1380010').city?.key).toBe('北京|北京');
    expect(index.lookup('1380010').source).toBe('libphonenumber');
  });

  describe('rejects a malformed file with a clear error', () => {
    const good = sampleFile();
    const firstIndex = good.readInt32LE(4);
    const cases: Array<[string, () => Buffer, RegExp]> = [
      ['shorter than the header', () => good.subarray(0, 6), /shorter than the 8-byte header/],
      ['no version in the header', () => Buffer.concat([Buffer.from([0, 1, 2, 3]), good.subarray(4)]), /version/],
      ['index offset past the end', () => withInt(good, 4, good.length + 100), /outside the file/],
      ['index offset inside the header', () => withInt(good, 4, 2), /outside the file/],
      ['a torn index entry', () => good.subarray(0, good.length - 4), /whole number of 9-byte entries/],
      ['entries out of order', () => withInt(good, firstIndex, 1999999), /not in ascending order/],
      ['an entry pointing between records', () => withInt(good, firstIndex + 4, 9), /not the start of a record/],
      ['an unknown card type', () => withByte(good, firstIndex + 8, 9), /card type 9/],
      ['a prefix that is not a 7-digit segment', () => withInt(good, firstIndex, 123), /not a 7-digit/],
      ['a record without its NUL', () => withInt(good, 4, 12), /not NUL-terminated/],
    ];
    it.each(cases)('%s', (_name, make, message) => {
      expect(() => parsePhoneDat(make(), 'test.dat')).toThrow(PhoneDatFormatError);
      expect(() => parsePhoneDat(make(), 'test.dat')).toThrow(message);
    });

    it('refuses to start with a malformed file rather than ignoring it', () => {
      expect(() => SegmentIndex.load({ phoneDatPath: tempFile(withInt(good, 4, good.length + 100)) })).toThrow(
        /phone\.dat .* is malformed/,
      );
    });
  });

  it.skipIf(!hasSharedPhoneDat)('parses the community file in ../shared/data', () => {
    const file = parsePhoneDat(readFileSync(SHARED_PHONE_DAT));
    expect(file.version).toBe('2108');
    expect(file.segments.length).toBe(454_336);
    expect(file.records.length).toBeGreaterThan(300);
  });
});

function withInt(buffer: Buffer, at: number, value: number): Buffer {
  const copy = Buffer.from(buffer);
  copy.writeInt32LE(value, at);
  return copy;
}

function withByte(buffer: Buffer, at: number, value: number): Buffer {
  const copy = Buffer.from(buffer);
  copy.writeUInt8(value, at);
  return copy;
}
