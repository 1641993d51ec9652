import {
  type ASTVisitor,
  type ASTNode,
  type GraphQLError,
  isIntrospectionType,
  NoSchemaIntrospectionCustomRule,
  type ValidationContext,
} from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';

export const INTROSPECTION_DISABLED = 'INTROSPECTION_DISABLED';

/**
 * INTROSPECTION=off: an operation that reads the schema (`__schema`, `__type`) is refused while it is
 * validated, before anything runs. Validation is the one step every transport shares: Yoga's HTTP
 * (POST, GET) and SSE run it, and graphql-ws operations go through the same envelop `validate`
 * (src/server/websocket.ts), where the refusal is that operation's `error` message. `__typename` is
 * not introspection of the schema and keeps working (clients such as Apollo's add it everywhere).
 */
export function useIntrospectionPolicy(options: { enabled: boolean }): Plugin {
  if (options.enabled) return {};
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(IntrospectionDisabled);
    },
  };
}

/**
 * graphql's NoSchemaIntrospectionCustomRule, with its errors reworded to say what to do and coded. The
 * rule flags every field of an introspection type; only the outermost one (`__schema`, `__type`) is
 * reported, as `types`, `fields`… inside it add nothing. Named: Yoga caches validation by rule names.
 */
function IntrospectionDisabled(context: ValidationContext): ASTVisitor {
  const reporting = Object.create(context, {
    reportError: {
      value: (error: GraphQLError) => {
        const parent = context.getParentType();
        if (parent && isIntrospectionType(parent)) return;
        context.reportError(introspectionDisabled(error.nodes?.[0]));
      },
    },
  }) as ValidationContext;
  return NoSchemaIntrospectionCustomRule(reporting);
}

function introspectionDisabled(node: ASTNode | undefined): GraphQLError {
  const field = node?.kind === 'Field' ? `"${node.name.value}"` : 'the schema';
  return createGraphQLError(
    `Introspection is off on this server: ${field} cannot be queried. The operator enables it with INTROSPECTION=on (or --introspection on); __typename always works.`,
    { ...(node ? { nodes: [node] } : {}), extensions: { code: INTROSPECTION_DISABLED } },
  );
}
