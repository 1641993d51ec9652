import { createGraphQLError } from 'graphql-yoga';
import { InputValidationError } from '../errors/input-error.ts';

/**
 * Turns a refused input into a `BAD_USER_INPUT` error that names the field at fault, the reason,
 * what would be accepted and close suggestions; every violation is listed under `violations`.
 */
export function toGraphQLError(error: unknown): unknown {
  if (!(error instanceof InputValidationError)) return error;
  const [first] = error.violations;
  // Yoga's factory makes the error with the graphql instance Yoga itself checks against, so the error
  // is recognised as expected (not masked) however modules were loaded.
  return createGraphQLError(error.message, {
    extensions: {
      code: 'BAD_USER_INPUT',
      field: first?.field,
      reason: first?.reason,
      accepted: first?.accepted,
      suggestions: first?.suggestions ?? [],
      violations: error.violations,
    },
  });
}

/** Runs `fn`, rethrowing input problems as client errors. */
export function asUserInput<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw toGraphQLError(error);
  }
}
