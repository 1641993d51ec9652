import type { Plugin } from 'graphql-yoga';
import { validateOperationSearches } from '../../schema/operation-searches.ts';

/**
 * Before a query or mutation executes, the inputs of all the searches it would start are validated
 * together; with one bad input, none starts and the client gets `data: null` with a BAD_USER_INPUT
 * error per bad input (what executing would have answered, minus the searches nobody would read).
 */
export function useSearchPreflight(): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const errors = validateOperationSearches(args);
      if (errors.length > 0) setResultAndStopExecution({ data: null, errors });
    },
  };
}
