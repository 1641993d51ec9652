import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { builder } from './builder.ts';
// One module per entity, each with its own queries, mutations and subscriptions; imported for their
// side effect of registering with the builder.
import './candidate-plan.ts';
import './city.ts';
import './failure-count.ts';
import './match-event.ts';
import './match-phone-input.ts';
import './match-result.ts';
import './phone-location.ts';
import './phone-match.ts';
import './province.ts';
import './search.ts';
import './search-totals.ts';
import './stop-at.ts';
import './tier.ts';
import './tier-plan.ts';
import './tier-report.ts';

let schema: GraphQLSchema | undefined;

/** The Pothos schema; built once, since the builder is module state. */
export function buildSchema(): GraphQLSchema {
  schema ??= builder.toSchema({ sortSchema: false });
  return schema;
}

/** The SDL committed as schema/schema.graphql, sorted so diffs show real changes only. */
export function printSortedSchema(): string {
  return `${printSchema(lexicographicSortSchema(buildSchema()))}\n`;
}
