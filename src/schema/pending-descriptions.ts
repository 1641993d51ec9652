import { type GraphQLSchema, isObjectType } from 'graphql';

/**
 * Descriptions of the types defined in failure-count.ts, which is left untouched while the FailureReason
 * rework (issue 13) derives that enum from one `as const` array in src/checker/errors.ts. They are set on
 * the built schema, and only where the module gives none, so the module's own win once it has them:
 * move these into failure-count.ts with the rework (with the enum values' descriptions), then delete
 * this file.
 */
const PENDING: Readonly<Record<string, string>> = {
  FailureReason: 'Why a check of one number failed. A failed check is never taken for “no orders”.',
  FailureCount: 'How many checks of a search failed for one reason.',
  'FailureCount.reason': 'Why they failed.',
  'FailureCount.count': 'Failed checks with this reason; at least 1.',
};

/** Sets the pending descriptions on `schema` where they are missing; returns it. */
export function fillPendingDescriptions(schema: GraphQLSchema): GraphQLSchema {
  for (const [coordinate, description] of Object.entries(PENDING)) {
    const [typeName = '', fieldName] = coordinate.split('.');
    const type = schema.getType(typeName);
    const element = fieldName === undefined ? type : isObjectType(type) ? type.getFields()[fieldName] : undefined;
    if (element && !element.description) element.description = description;
  }
  return schema;
}
