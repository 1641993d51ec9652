import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { builder } from './builder.ts';
import './location.ts';
import './search-input.ts';
import './match-result.ts';
import './match-events.ts';

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
