import type { MatchStatus, PlaceField, Tier, TierOutcome } from '../../../schema/generated/graphql.ts';
import type { Violation } from '../problems.ts';

const FIELD_NAMES: Record<PlaceField, string> = { ADDRESS: 'address', PROVINCE: 'province', CITY: 'city' };

/** `a`, `a and b`, `a, b and c`: a list as a sentence writes it (`and` is the language's word). */
export function listed(items: readonly string[], and: string, comma = ', '): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(comma)}${and}${items.at(-1)!}`;
}

/** Numbers as this language writes them (1,000 / 1,000). */
type Count = (n: number) => string;

/**
 * Every word of the console in English. The Chinese table (zh-cn.ts) has the same shape, checked by the
 * type: a sentence missing in one language fails the type check. Sentences with values are functions,
 * handed the already formatted numbers' formatter so each language writes numbers its own way.
 */
export const en = {
  htmlLang: 'en',
  title: 'phonematch · Agent console',
  product: 'Agent console',
  tagline: 'Find the customer’s full mobile number from the digits they remember.',
  /** The switch names the other language, in that language. */
  otherLanguage: '中文',
  otherLanguageCode: 'zh-CN',
  otherLanguageLabel: 'Switch the console to Chinese (中文)',
  changeKey: 'Change API key',

  key: {
    title: 'API key',
    explain:
      'This service needs an API key. It is kept only in this browser tab until you close it, and sent only to this service.',
    label: 'API key',
    use: 'Use this key',
    refused: 'The service did not accept that key. Check it and enter it again.',
  },

  form: {
    title: 'Find the number',
    numberLegend: 'Number the customer gave',
    prefix: 'Prefix',
    prefixHint: 'First digits, e.g. 138',
    suffix: 'Suffix',
    suffixHint: 'Last digits, e.g. 1234',
    or: 'or',
    mask: 'Mask',
    maskHint: 'All 11 digits, * for each unknown one; a complete number checks that number alone',
    placeLegend: 'Where the customer is',
    province: 'Province',
    provinceHint: 'Optional · 浙江 or Zhejiang',
    city: 'City',
    cityHint: 'Optional · searched first',
    address: 'Address',
    addressHint: 'Optional · paste the order’s address: its province and city are read from its start',
    readAs: 'Reads as ',
    wholeProvince: ' (the whole province)',
    readFrom: (fields: readonly PlaceField[]) =>
      ` (from the ${listed(
        fields.map((f) => FIELD_NAMES[f]),
        ' and ',
      )})`,
    stopAt: 'Stop at',
    stopFirstMatch: 'First match',
    stopTier: 'Finish that tier',
    stopAll: 'Search every tier',
    search: 'Search',
    cancel: 'Cancel',
    cancelling: 'Cancelling…',
    nothingEntered: 'Enter the digits the customer gave: a prefix, a suffix, or both (or a mask).',
    /** The API's own sentence: the service writes English. */
    violation: (v: Violation) => v.message,
    accepted: (v: Violation) => (v.accepted ? `Accepted: ${v.accepted}` : ''),
    didYouMean: 'Did you mean',
    didYouMeanEnd: '?',
    whichPlace: 'Which one?',
  },

  tiers: { CITY: 'City', PROVINCE: 'Province', NATIONAL: 'National', UNLOCATED: 'Unlocated' } satisfies Record<
    Tier,
    string
  >,
  scope: {
    cityOf: (city: string) => `numbers in ${city}`,
    noCity: 'no city given',
    noProvince: 'no province given',
    restOf: (province: string) => `rest of ${province}`,
    provinceOf: (province: string) => `numbers in ${province}`,
    restOfCountry: 'rest of the country',
    wholeCountry: 'the whole country',
    unlocated: 'segments of no known place',
  },
  outcomes: {
    SKIPPED: 'Skipped',
    COMPLETED: 'All checked',
    STOPPED_AT_MATCH: 'Stopped at the match',
    NOT_REACHED: 'Not needed',
    RUNNING: 'Searching',
    CANCELLED: 'Cancelled',
    TIMED_OUT: 'Out of time',
    UPSTREAM_UNAVAILABLE: 'Order service down',
  } satisfies Record<TierOutcome, string>,
  statuses: {
    MATCHED: 'Number found',
    NOT_FOUND: 'No number with orders',
    INCOMPLETE: 'Not sure: some checks failed',
    TIMED_OUT: 'Out of time',
    CANCELLED: 'Cancelled',
  } satisfies Record<MatchStatus, string>,

  view: {
    search: 'Search',
    searchOf: (query: string) => `Search ${query}`,
    possible: (n: number, count: Count) => `${count(n)} possible ${n === 1 ? 'number' : 'numbers'}`,
    reference: 'Reference',
    referenceLabel: 'Search reference, to quote to a colleague or an operator',
    copyLink: 'Copy link',
    linkCopied: 'Link copied',
    idle: 'Enter the digits the customer gave, and the city if known, then press Search.',
    starting: 'Starting the search…',
    opening: 'Opening the search…',
    searchingTier: (tier: string, found: number) => `Searching the ${tier} tier…${found ? ` · ${found} found` : ''}`,
    stopped: 'The search stopped.',
    tierList: 'Progress by tier',
    checking: 'Checking…',
    waiting: 'Waiting',
    reconnectingTier: 'Reconnecting…',
    skipped: 'Skipped',
    tierCounts: (checked: number, candidates: number, failed: number, count: Count) =>
      `${count(checked)} / ${count(candidates)} checked${failed ? ` · ${count(failed)} failed` : ''}`,
    noCandidates: 'No candidates',
    barText: (checked: number, candidates: number, failed: number, withOrders: number, count: Count) =>
      `${count(checked)} of ${count(candidates)} checked, ${count(failed)} failed, ${count(withOrders)} with orders`,
    barSkipped: 'skipped',
    hasOrders: 'Has orders',
    matchLabel: (phone: string) => `Match ${phone}`,
    placeUnknown: 'Place unknown',
    inTier: (tier: string) => `${tier} tier`,
    copyNumber: 'Copy number',
    copied: 'Copied',
    serviceNote: (note: string) => `Service note: ${note}`,
    tableCaption: 'Tiers',
    columns: ['Tier', 'Candidates', 'Checked', 'Failed', 'With orders', 'Time', 'Outcome'],
    seconds: (s: string) => `${s} s`,
    couldNotCheck: (n: number, count: Count) => `${count(n)} ${n === 1 ? 'number' : 'numbers'} could not be checked`,
  },

  verdict: {
    checked: (checked: number, total: number, count: Count) => `${count(checked)} of ${count(total)} numbers checked`,
    failedChecks: (n: number, count: Count) => `${count(n)} ${n === 1 ? 'check' : 'checks'} failed`,
    matchedMany: (n: number, count: Count) => `${count(n)} numbers with orders`,
    matchedDetail: (checked: string, failed: string | null) =>
      `${checked}.${failed ? ` ${failed}, which does not change this match.` : ''}`,
    notFoundDetail: (n: number, count: Count) =>
      `Every candidate was checked (${count(n)}) and none has orders. Check the digits and the place with the customer.`,
    downTitle: 'The order service is not answering',
    downDetail: (checked: string, failed: string) =>
      `The search stopped: ${checked}, ${failed}. No match among the numbers that could be checked. Try again in a few minutes.`,
    incompleteDetail: (failed: string) =>
      `No match among the numbers checked, but ${failed}, so the number may be one of those. Search again to retry them (numbers already answered are not asked again).`,
    timedOutTitle: 'The search ran out of time',
    timedOutDetail: (checked: string) =>
      `${checked} before the time limit. Add the city or more digits to narrow it down, or search again.`,
    cancelledTitle: 'Search cancelled',
    cancelledByYou: (checked: string) => `You cancelled it: ${checked} before that.`,
    cancelledElsewhere: (checked: string) =>
      `Cancelled by the service (it was shutting down, or nobody watched the search) or from another window: ${checked} before that.`,
    noMatchAmongThem: 'No match among them.',
    searching: 'Searching…',
  },

  problems: {
    titles: {
      input: 'Check the input',
      auth: 'API key refused',
      busy: 'Too many searches',
      refused: 'Request refused',
      gone: 'Search not found',
      connection: 'Connection lost',
      unexpected: 'The service failed',
    },
    keyRefused: 'The service did not accept the API key. Enter a valid key.',
    busyNow: 'This key has too many searches running or started in the last minute.',
    retryIn: (s: number) => `Searching again in ${s} s.`,
    retryLater: 'Wait a moment, then search again.',
    tooManyConnections: 'Too many connections to the service; wait a moment.',
    gone: 'That search is no longer kept (it ended a while ago) or was started with another key.',
    refused: (message: string) => `The service refused the request: ${message}`,
    restarting: 'The service is restarting.',
    lost: 'Lost the connection to the service.',
    reconnecting: (attempt: number) =>
      `Reconnecting to the service to follow the search, which runs on there${attempt > 1 ? ` (attempt ${attempt})` : ''}…`,
    noAnswer: 'The service sent no answer.',
    endedWithoutResult: 'The search ended without a result. Search again.',
    unexpected: 'The service failed unexpectedly. Search again; if it keeps failing, tell the service’s operators.',
    rejected: 'The service refused the request.',
  },

  history: {
    title: 'Recent searches',
    empty: 'Searches from this browser appear here.',
    open: 'Open',
    openLabel: (query: string) => `Open the search ${query}`,
    show: 'Show',
    showLabel: 'Show the full number',
    running: 'Running',
    anywhere: 'no place given',
    clear: 'Clear the list',
  },
};

export type Messages = typeof en;
