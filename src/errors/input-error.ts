/**
 * What a client got wrong, as data: the field at fault, a stable reason code, a sentence, what would
 * be accepted, and close alternatives where there are any. The GraphQL layer turns each violation
 * into a `BAD_USER_INPUT` error carrying these as extensions.
 */
export interface InputViolation {
  /** The input field at fault: `prefix`, `suffix`, `mask`, `city`, `province`, `number`, or `input`. */
  readonly field: string;
  /** Stable, machine-readable reason, e.g. `NOT_DIGITS`, `UNKNOWN_CITY`. */
  readonly reason: string;
  readonly message: string;
  /** What the field accepts, in words. */
  readonly accepted: string;
  readonly suggestions: readonly string[];
  /** For place suggestions, the input that picks each (same order): `{ province: 江苏, city: 南京鼓楼区 }`. */
  readonly picks?: readonly SuggestionPick[];
}

/** Input fields and the values that select one suggested place. */
export interface SuggestionPick {
  readonly province: string;
  readonly city: string;
}

export class InputValidationError extends Error {
  readonly code = 'BAD_USER_INPUT';
  constructor(readonly violations: readonly InputViolation[]) {
    super(violations.map((v) => `${v.field}: ${v.message}`).join('; '));
    this.name = 'InputValidationError';
  }
}

export function violation(
  field: string,
  reason: string,
  message: string,
  accepted: string,
  suggestions: readonly string[] = [],
  picks?: readonly SuggestionPick[],
): InputViolation {
  return { field, reason, message, accepted, suggestions, ...(picks ? { picks } : {}) };
}
