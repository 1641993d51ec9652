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
  return EnvelopArmorPlugin({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, exposeLimits: true },
    maxAliases: { n: limits.maxAliases, exposeLimits: true },
    maxTokens: { n: limits.maxTokens, exposeLimits: true },
    costLimit: { maxCost: limits.maxCost, ignoreIntrospection: true, exposeLimits: true },
    maxDirectives: { n: limits.maxDirectives, exposeLimits: true },
    blockFieldSuggestion: { enabled: options.blockFieldSuggestions },
  }) as Plugin;
}
