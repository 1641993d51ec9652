import { type InputViolation, violation } from '../errors/input-error.ts';

/** Longer input than this is refused before any other work. */
const MAX_FIELD_LENGTH = 64;
const UNKNOWN_MARKS = new Set(['*', 'x', 'X', '?']);

/** `*`, `x` or `?`: an unknown digit in a mask. */
export function isUnknownMark(c: string): boolean {
  return UNKNOWN_MARKS.has(c);
}

/** Full-width digits and marks become ASCII; anything else is left for validation to judge. */
function normaliseWidth(text: string): string {
  return text.replace(/[\uFF10-\uFF19\uFF0A\uFF1F\uFF58\uFF38]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** Why a character is not accepted as a digit: a look-alike from another script, or not a digit at all. */
function badCharacter(field: string, text: string, allowMarks: boolean, accepted: string): InputViolation | undefined {
  for (const c of text) {
    if ((c >= '0' && c <= '9') || (allowMarks && UNKNOWN_MARKS.has(c))) continue;
    if (/\p{Nd}/u.test(c)) {
      return violation(
        field,
        'LOOKALIKE_DIGIT',
        `'${c}' (U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}) looks like a digit but is not one`,
        accepted,
      );
    }
    return violation(field, 'NOT_DIGITS', `'${c}' is not a digit${allowMarks ? ' or an unknown mark' : ''}`, accepted);
  }
  return undefined;
}

/**
 * One field of digits (and, for a mask, unknown marks) as a client typed it: trimmed, full-width
 * converted, and refused with a reason when too long, empty, or holding anything but digits. Absent
 * (null or undefined) is not a problem; the caller decides whether the field is required.
 */
export function readDigitField(
  field: string,
  raw: string | null | undefined,
  options: { allowMarks: boolean; accepted: string },
  problems: InputViolation[],
): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (raw.length > MAX_FIELD_LENGTH) {
    problems.push(
      violation(field, 'TOO_LONG', `${raw.length} characters is far longer than a phone number`, options.accepted),
    );
    return undefined;
  }
  const text = normaliseWidth(raw.trim());
  if (text === '') {
    problems.push(violation(field, 'EMPTY', 'is empty; leave it out instead', options.accepted));
    return undefined;
  }
  const bad = badCharacter(field, text, options.allowMarks, options.accepted);
  if (bad) {
    problems.push(bad);
    return undefined;
  }
  return text;
}
