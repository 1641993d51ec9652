import SchemaBuilder from '@pothos/core';
import type { GraphQLContext } from './context.ts';

export const builder = new SchemaBuilder<{
  Context: GraphQLContext;
  DefaultFieldNullability: false;
}>({
  defaultFieldNullability: false,
});

builder.queryType({
  description:
    'Lookups that never call the order service (candidatePlan, phoneLocation, regions, search) and matchPhone, which searches and answers once the search is over.',
});
builder.mutationType({
  description: 'Searches started as resources: they run on without the connection that started them.',
});
builder.subscriptionType({
  description:
    'A search’s events as they happen, over SSE or graphql-ws on the same /graphql endpoint; each stream ends after SearchFinished.',
});
