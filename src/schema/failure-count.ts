import { FAILURE_REASONS, type FailureCount, type FailureReason } from '../search/search-types.ts';
import { builder } from './builder.ts';

/** What each reason tells a client; a Record, so a reason added to FAILURE_REASONS needs its text here. */
const FAILURE_REASON_DESCRIPTIONS: Record<FailureReason, string> = {
  timeout:
    'The order service did not answer within CHECK_TIMEOUT_MS, on every attempt. Usually load: searching again later asks only the failed numbers.',
  'http-status':
    'The order service answered with an error status (5xx, or 429/503 after its Retry-After, or 401/403 when the session credential is wrong).',
  network: 'The order service could not be reached (connection refused or reset, DNS): check that it is up.',
  unreadable:
    'The reply did not read as the configured answer (ORDERS_JSON_PATH, ORDERS_READ_AS), or was over 1 MiB: a configuration problem, not worth retrying.',
  'missing-from-batch':
    'A batch reply (ORDERS_BATCH_URL) did not mention this number, even when it was asked again alone in smaller batches.',
  'circuit-open':
    'Not sent: after BREAKER_FAILURES failures in a row the breaker stops traffic to the failing order service for BREAKER_COOLDOWN_MS.',
  cancelled:
    'The check was stopped before its answer. Checks stopped because their search ended are left out of counts, so results do not list this today.',
};

/** The GraphQL spelling of a reason: `missing-from-batch` → `MISSING_FROM_BATCH`. */
const enumValue = (reason: FailureReason) => reason.toUpperCase().replace(/-/g, '_');

const FailureReasonEnum = builder.enumType('FailureReason', {
  description: 'Why a check of one number failed. A failed check is never taken for “no orders”.',
  values: Object.fromEntries(
    FAILURE_REASONS.map((reason) => [enumValue(reason), { description: FAILURE_REASON_DESCRIPTIONS[reason] }]),
  ),
});

export const FailureCountRef = builder.objectRef<FailureCount>('FailureCount').implement({
  description: 'How many checks of a search failed for one reason.',
  fields: (t) => ({
    reason: t.field({ type: FailureReasonEnum, description: 'Why they failed.', resolve: (f) => enumValue(f.reason) }),
    count: t.exposeInt('count', { description: 'Failed checks with this reason; at least 1.' }),
  }),
});
