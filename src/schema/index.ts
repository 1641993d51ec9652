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
import './place-field.ts';
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
  schema ??= withAsynchronousQueryFields(builder.toSchema({ sortSchema: false }));
  return schema;
}

/**
 * Every root query field answers through a promise, so it never fails synchronously. Yoga's executor
 * (@graphql-tools/executor) reports a root field that throws synchronously only after the siblings
 * already running have settled: a `matchPhone` before a `candidatePlan` with bad input would run to
 * its end (thousands of checks) for a `data: null` nobody reads. A rejected promise instead settles
 * the operation at once, and the settled-operations plugin cancels the search. Mutation fields run
 * one after another, so no sibling is running when one of them fails.
 */
function withAsynchronousQueryFields(built: GraphQLSchema): GraphQLSchema {
  for (const field of Object.values(built.getQueryType()?.getFields() ?? {})) {
    const resolve = field.resolve;
    if (resolve) field.resolve = async (...args) => resolve(...args);
  }
  return built;
}

/**
 * The SDL committed as schema/schema.graphql, in declaration order: enum values read in their meaning's
 * order (`Tier` as searched) and fields as each entity file lists them. Stable, since the modules above
 * register in a fixed order.
 */
export function printCommittedSchema(): string {
  return `${printSchema(buildSchema())}\n`;
}
