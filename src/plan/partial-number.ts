import { type InputViolation, violation } from '../errors/input-error.ts';
import { NUMBER_LENGTH } from '../segments/numbering-plan.ts';
import { isUnknownMark, readDigitField } from './digit-field.ts';

/** Eleven positions, each a digit 0-9 or UNKNOWN. */
export type DigitMask = readonly number[];
export const UNKNOWN = -1;

export interface PartialNumberInput {
  prefix?: string | null | undefined;
  suffix?: string | null | undefined;
  mask?: string | null | undefined;
}

export interface PartialNumber {
  readonly digits: DigitMask;
  /** Which input carried the digits, for naming the field at fault in later errors (`fieldAt`). */
  readonly form: 'mask' | 'prefix-suffix';
  /** Digits given as `prefix` and as `suffix` (0 and 0 with a mask). */
  readonly prefixLength: number;
  readonly suffixLength: number;
  /** `138****1234`: the form safe to log and to show. */
  readonly display: string;
  readonly knownCount: number;
}

/**
 * The input field that holds the number's leading or trailing known digits: `mask`, or `prefix` /
 * `suffix` — the one actually given (a suffix alone also holds the leading digits it reaches).
 */
export function fieldAt(
  number: Pick<PartialNumber, 'form' | 'prefixLength' | 'suffixLength'>,
  end: 'leading' | 'trailing',
): string {
  if (number.form === 'mask') return 'mask';
  if (end === 'leading') return number.prefixLength > 0 ? 'prefix' : 'suffix';
  return number.suffixLength > 0 ? 'suffix' : 'prefix';
}

const ACCEPT_DIGITS = 'ASCII digits 0-9 (full-width ０-９ are accepted and converted)';
const ACCEPT_MASK = `11 positions, each a digit or an unknown mark (* x ?), e.g. 138****1234`;

function checkField(
  field: string,
  raw: string | null | undefined,
  allowMarks: boolean,
  problems: InputViolation[],
): string | undefined {
  return readDigitField(field, raw, { allowMarks, accepted: allowMarks ? ACCEPT_MASK : ACCEPT_DIGITS }, problems);
}

/** Reads the known digits from `prefix` + `suffix` or from `mask`; every problem is reported. */
export function parsePartialNumber(input: PartialNumberInput): { value?: PartialNumber; problems: InputViolation[] } {
  const problems: InputViolation[] = [];
  const mask = checkField('mask', input.mask, true, problems);
  const prefix = checkField('prefix', input.prefix, false, problems);
  const suffix = checkField('suffix', input.suffix, false, problems);
  if (problems.length > 0) return { problems };

  const hasMask = input.mask !== undefined && input.mask !== null;
  const hasParts = (input.prefix ?? null) !== null || (input.suffix ?? null) !== null;
  if (hasMask && hasParts) {
    return {
      problems: [
        violation(
          'mask',
          'CONFLICTING_INPUT',
          'give either mask or prefix/suffix, not both',
          'a mask alone, or prefix and/or suffix',
        ),
      ],
    };
  }
  if (!hasMask && !hasParts) {
    return {
      problems: [
        violation(
          'input',
          'MISSING_NUMBER',
          'no digits given',
          'prefix and suffix (e.g. 138 and 1234), or a mask (e.g. 138****1234)',
        ),
      ],
    };
  }

  let digits: number[];
  let form: PartialNumber['form'];
  let prefixLength = 0;
  let suffixLength = 0;
  if (mask !== undefined) {
    form = 'mask';
    if (mask.length !== NUMBER_LENGTH) {
      return {
        problems: [
          violation(
            'mask',
            'WRONG_LENGTH',
            `has ${mask.length} positions, a mobile number has ${NUMBER_LENGTH}`,
            ACCEPT_MASK,
          ),
        ],
      };
    }
    digits = [...mask].map((c) => (isUnknownMark(c) ? UNKNOWN : Number(c)));
  } else {
    form = 'prefix-suffix';
    const p = prefix ?? '';
    const s = suffix ?? '';
    prefixLength = p.length;
    suffixLength = s.length;
    if (p.length + s.length > NUMBER_LENGTH) {
      const field = s === '' ? 'prefix' : 'suffix';
      return {
        problems: [
          violation(
            field,
            'TOO_MANY_DIGITS',
            `prefix and suffix hold ${p.length + s.length} digits, a mobile number has ${NUMBER_LENGTH}`,
            `at most ${NUMBER_LENGTH - 1} known digits in all`,
          ),
        ],
      };
    }
    digits = [...p, ...new Array<string>(NUMBER_LENGTH - p.length - s.length).fill('?'), ...s].map((c) =>
      c === '?' ? UNKNOWN : Number(c),
    );
  }

  if (digits[0] !== UNKNOWN && digits[0] !== 1) {
    problems.push(
      violation(
        fieldAt({ form, prefixLength, suffixLength }, 'leading'),
        'NOT_MOBILE_PREFIX',
        `starts with ${digits[0]}; Chinese mobile numbers start with 1`,
        'a number starting with 1, e.g. 138',
      ),
    );
  }
  const knownCount = digits.filter((d) => d !== UNKNOWN).length;
  // All 11 digits known is a search of one candidate: the customer read the whole number out.
  if (problems.length > 0) return { problems };
  const display = digits.map((d) => (d === UNKNOWN ? '*' : String(d))).join('');
  return { value: { digits, form, prefixLength, suffixLength, display, knownCount }, problems };
}
