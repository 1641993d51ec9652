import { FAILURE_REASONS, type FailureCount } from '../search/search-types.ts';
import { builder } from './builder.ts';

const FailureReasonEnum = builder.enumType('FailureReason', {
  values: FAILURE_REASONS.map((r) => r.toUpperCase().replace(/-/g, '_')),
});

export const FailureCountRef = builder.objectRef<FailureCount>('FailureCount').implement({
  fields: (t) => ({
    reason: t.field({ type: FailureReasonEnum, resolve: (f) => f.reason.toUpperCase().replace(/-/g, '_') }),
    count: t.exposeInt('count'),
  }),
});
