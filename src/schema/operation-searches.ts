import {
  type ExecutionArgs,
  type ExecutionResult,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  GraphQLIncludeDirective,
  type GraphQLResolveInfo,
  GraphQLSkipDirective,
  Kind,
  type SelectionNode,
  getArgumentValues,
  getDirectiveValues,
  getOperationAST,
  getVariableValues,
} from 'graphql';
import { createGraphQLError } from 'graphql-yoga';
import type { SearchRequest } from '../plan/search-request.ts';
import type { GraphQLContext } from './context.ts';
import { type MatchPhoneInputShape, toSearchRequest } from './match-phone-input.ts';

/**
 * Extensions of a root field that starts a search from its `input` argument: an operation's searches
 * are validated together before any of them starts (`validateOperationSearches`).
 */
export const STARTS_SEARCH = { startsSearch: true } as const;

/** Requests validated before execution, by operation context and response key, for the resolvers to use. */
const validatedSearches = new WeakMap<object, Map<string, SearchRequest>>();

/**
 * Validates the input of every search a query or mutation would start, before any of them starts.
 * Search fields are non-null, so one bad input makes the whole `data` null: its siblings' results
 * would be thrown away, and they must not run (and hold quota) for nobody. Returns every bad input's
 * BAD_USER_INPUT error at its field's path; when there are none, each resolver takes its request
 * from here (`searchRequestFor`) instead of planning it again.
 */
export function validateOperationSearches(args: ExecutionArgs): GraphQLError[] {
  const operation = getOperationAST(args.document, args.operationName);
  const root =
    operation?.operation === 'query'
      ? args.schema.getQueryType()
      : operation?.operation === 'mutation'
        ? args.schema.getMutationType()
        : undefined; // a subscription has one root field, validated before it starts
  if (!operation || !root || !args.contextValue) return [];
  const variables = getVariableValues(args.schema, operation.variableDefinitions ?? [], args.variableValues ?? {});
  if (!variables.coerced) return []; // execution reports bad variables itself

  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of args.document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const context = args.contextValue as GraphQLContext;
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
  if (errors.length === 0) validatedSearches.set(context, requests);
  return errors;
}

/** The validated request of a search field: from `validateOperationSearches`, or validated now. */
export function searchRequestFor(
  input: MatchPhoneInputShape,
  context: GraphQLContext,
  info: GraphQLResolveInfo,
): SearchRequest {
  const key = info.path.prev === undefined ? String(info.path.key) : undefined;
  const request = key === undefined ? undefined : validatedSearches.get(context)?.get(key);
  return request ?? toSearchRequest(input, context);
}

/** Cleanups of what root fields started to outlive their operation, by operation context. */
const undelivered = new WeakMap<object, Array<{ key: string; cleanup: () => void }>>();

/**
 * For a root field that starts something meant to outlive the operation (startSearch): `cleanup` runs
 * if the operation's answer does not carry the field's value, e.g. a sibling made `data` null. Nobody
 * learns the search's id then, so nobody could watch or cancel it: it would only hold quota.
 */
export function unlessDelivered(context: GraphQLContext, info: GraphQLResolveInfo, cleanup: () => void): void {
  const key = String(info.path.key);
  const list = undelivered.get(context) ?? [];
  list.push({ key, cleanup });
  undelivered.set(context, list);
}

/** Once an operation's result is produced: runs the cleanups of fields the result does not deliver. */
export function cleanUpUndelivered(context: unknown, result: ExecutionResult): void {
  if (typeof context !== 'object' || context === null) return;
  const list = undelivered.get(context);
  undelivered.delete(context);
  for (const { key, cleanup } of list ?? []) if (result.data?.[key] == null) cleanup();
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
