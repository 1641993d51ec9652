import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import type { Plugin } from 'graphql-yoga';

export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxCost: number;
  maxDirectives: number;
}

/**
 * graphql-armor's limits, applied while parsing (tokens) and validating (the rest), so an operation
 * over a limit is refused before anything executes: `{ a: matchPhone … b: matchPhone … }` x50 never
 * reaches the order service. Introspection is exempt from depth and cost (GraphiQL needs it).
 * Field suggestions in validation errors are blocked when `blockFieldSuggestions` (production).
 */
export function useOperationLimits(limits: OperationLimits, options: { blockFieldSuggestions: boolean }): Plugin {
  // graphql-armor's errors carry only a message; give each a code a client can switch on.
  const coded = (limit: string) => ({
    onReject: [
      (_context: unknown, error: { extensions?: Record<string, unknown> }) => {
        if (error.extensions) Object.assign(error.extensions, { code: 'OPERATION_LIMIT', limit });
      },
    ],
  });
  return EnvelopArmorPlugin({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, exposeLimits: true, ...coded('maxDepth') },
    maxAliases: { n: limits.maxAliases, exposeLimits: true, ...coded('maxAliases') },
    maxTokens: { n: limits.maxTokens, exposeLimits: true, ...coded('maxTokens') },
    costLimit: { maxCost: limits.maxCost, ignoreIntrospection: true, exposeLimits: true, ...coded('maxCost') },
    maxDirectives: { n: limits.maxDirectives, exposeLimits: true, ...coded('maxDirectives') },
    blockFieldSuggestion: { enabled: options.blockFieldSuggestions },
  }) as Plugin;
}
