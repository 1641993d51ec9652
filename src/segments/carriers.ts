/** Carriers by phone.dat card type, which also numbers the carriers in the segment index. */
export interface Carrier {
  readonly code: number;
  /** Canonical short name: 中国移动, 中国联通, 中国电信, 中国广电. */
  readonly name: string;
  readonly english: string;
  /** A mobile virtual network operator riding on the carrier's network. */
  readonly virtual: boolean;
}

export const CARRIERS: ReadonlyArray<Carrier | undefined> = [
  undefined,
  { code: 1, name: '中国移动', english: 'China Mobile', virtual: false },
  { code: 2, name: '中国联通', english: 'China Unicom', virtual: false },
  { code: 3, name: '中国电信', english: 'China Telecom', virtual: false },
  { code: 4, name: '中国电信', english: 'China Telecom', virtual: true },
  { code: 5, name: '中国联通', english: 'China Unicom', virtual: true },
  { code: 6, name: '中国移动', english: 'China Mobile', virtual: true },
  { code: 7, name: '中国广电', english: 'China Broadnet', virtual: false },
  { code: 8, name: '中国广电', english: 'China Broadnet', virtual: true },
];

/** The carrier code for a name as libphonenumber's carrier file writes it; 0 when unknown. */
export function carrierCodeByName(name: string): number {
  const found = CARRIERS.find((c) => c !== undefined && !c.virtual && c.name === name.trim());
  return found?.code ?? 0;
}
