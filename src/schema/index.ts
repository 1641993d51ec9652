import { type GraphQLSchema, printSchema } from 'graphql';
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

/**
 * The SDL committed as schema/schema.graphql, in declaration order: enum values read in their meaning's
 * order (`Tier` as searched) and fields as each entity file lists them. Stable, since the modules above
 * register in a fixed order.
 */
export function printCommittedSchema(): string {
  return `${printSchema(buildSchema())}\n`;
}
