import { InputValidationError, type InputViolation, violation } from '../errors/input-error.ts';
import { readDigitField } from './digit-field.ts';

const ACCEPT_LOOKUP = 'an 11-digit mobile number or its first 7 digits, starting with 1';

/** A full number or 7-digit segment to locate, read like the search's digit fields; throws when refused. */
export function parseLookupNumber(raw: string): string {
  const problems: InputViolation[] = [];
  const text = readDigitField('number', raw, { allowMarks: false, accepted: ACCEPT_LOOKUP }, problems);
  if (text === undefined) throw new InputValidationError(problems);
  if (text.length !== 7 && text.length !== 11) {
    throw new InputValidationError([violation('number', 'WRONG_LENGTH', `has ${text.length} digits`, ACCEPT_LOOKUP)]);
  }
  if (!text.startsWith('1')) {
    throw new InputValidationError([
      violation('number', 'NOT_MOBILE_PREFIX', 'Chinese mobile numbers start with 1', ACCEPT_LOOKUP),
    ]);
  }
  return text;
}
