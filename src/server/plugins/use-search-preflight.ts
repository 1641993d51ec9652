import {
  type ExecutionArgs,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  type SelectionNode,
  getArgumentValues,
  getDirectiveValues,
  getOperationAST,
  getVariableValues,
} from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import type { SearchRequest } from '../../plan/search-request.ts';
import type { GraphQLContext, OperationContext } from '../../schema/context.ts';
import { type MatchPhoneInputShape, toSearchRequest } from '../../schema/match-phone-input.ts';

/**
 * Before a query or mutation executes, the inputs of all the searches it would start (root fields
 * marked STARTS_SEARCH) are validated together. Search fields are non-null, so one bad input makes
 * the whole `data` null: its siblings' results would be thrown away, and they must not run (and hold
 * quota) for nobody. With one bad input none starts and the client gets `data: null` with a
 * BAD_USER_INPUT error per bad input at its field's path (what executing would have answered, minus
 * the searches nobody would read); otherwise the resolvers take their requests from
 * `context.validatedSearches` instead of planning them again.
 */
export function useSearchPreflight(): Plugin<GraphQLContext> {
  return {
    onExecute({ args, extendContext, setResultAndStopExecution }) {
      const preflight = validateSearches(args, args.contextValue);
      if (preflight.errors.length > 0) setResultAndStopExecution({ data: null, errors: preflight.errors });
      else if (preflight.requests.size > 0) extendContext({ validatedSearches: preflight.requests });
    },
  };
}

interface Preflight {
  readonly requests: ReadonlyMap<string, SearchRequest>;
  readonly errors: readonly GraphQLError[];
}

const NOTHING_TO_VALIDATE: Preflight = { requests: new Map(), errors: [] };

/** The operation's search requests by response key, or the error of every bad input. */
function validateSearches(args: ExecutionArgs, context: OperationContext): Preflight {
  const operation = getOperationAST(args.document, args.operationName);
  const root =
    operation?.operation === 'query'
      ? args.schema.getQueryType()
      : operation?.operation === 'mutation'
        ? args.schema.getMutationType()
        : undefined; // a subscription has one root field, validated before it starts
  if (!operation || !root) return NOTHING_TO_VALIDATE;
  const variables = getVariableValues(args.schema, operation.variableDefinitions ?? [], args.variableValues ?? {});
  if (!variables.coerced) return NOTHING_TO_VALIDATE; // execution reports bad variables itself

  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of args.document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const requests = new Map<string, SearchRequest>();
  const errors: GraphQLError[] = [];
  for (const node of rootFields(operation.selectionSet.selections, fragments, variables.coerced)) {
    const field = root.getFields()[node.name.value];
    if (!field?.extensions.startsSearch) continue;
    const key = node.alias?.value ?? node.name.value;
    try {
      const { input } = getArgumentValues(field, node, variables.coerced) as { input: MatchPhoneInputShape };
      requests.set(key, toSearchRequest(input, context));
    } catch (error) {
      // Anything but a refused input (a bad argument literal, an unexpected failure) is left for
      // execution to report as it always does.
      if (!(error instanceof GraphQLError)) continue;
      errors.push(createGraphQLError(error.message, { nodes: [node], path: [key], extensions: error.extensions }));
    }
  }
  return { requests, errors };
}

/** The root fields an operation selects, through fragments, minus those @skip/@include leave out. */
function* rootFields(
  selections: readonly SelectionNode[],
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  seen = new Set<string>(),
): Generator<FieldNode> {
  for (const selection of selections) {
    if (getDirectiveValues(GraphQLSkipDirective, selection, variables)?.if === true) continue;
    if (getDirectiveValues(GraphQLIncludeDirective, selection, variables)?.if === false) continue;
    if (selection.kind === Kind.FIELD) yield selection;
    else if (selection.kind === Kind.INLINE_FRAGMENT)
      yield* rootFields(selection.selectionSet.selections, fragments, variables, seen);
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = fragments.get(selection.name.value);
      if (fragment) yield* rootFields(fragment.selectionSet.selections, fragments, variables, seen);
    }
  }
}
