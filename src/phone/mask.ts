/**
 * Phone numbers are personal data: anything that leaves the process as text (logs, error messages,
 * audit rows unless an operator opts in) carries the masked form, `138****1234`.
 */
export function maskPhone(phone: string): string {
  if (phone.length <= 7) return phone.length <= 3 ? phone : `${phone.slice(0, 3)}${'*'.repeat(phone.length - 3)}`;
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}

// Also with the country code in front (8613812345678, +86 13812345678), as upstream errors may write it.
const FULL_NUMBER = /(?<!\d)((?:86[ -]?)?1[3-9]\d)[ -]?\d{4}[ -]?(\d{4})(?!\d)/g;

/** Masks every full mobile number inside free text (URLs, upstream error messages). */
export function maskPhonesIn(text: string): string {
  return text.replace(FULL_NUMBER, '$1****$2');
}
