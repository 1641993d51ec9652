/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
};

/** How many numbers a search for this input would check, tier by tier. */
export type CandidatePlan = {
  __typename?: 'CandidatePlan';
  /** The customer’s prefecture-level city as understood, the one segment data places numbers in (canonical short name: 金华 for 义乌, 上海 for 浦东新区); null when no city, district or address names one. */
  city?: Maybe<Scalars['String']['output']>;
  /** The input field `city` was read from (CITY or ADDRESS); null when there is no city. */
  cityFrom?: Maybe<PlaceField>;
  /** The most specific place the input names, in its official full form (义乌市, 浦东新区, 莱芜区, 金华市, 浙江省); null when none. */
  placeName?: Maybe<Scalars['String']['output']>;
  /** The customer’s province as understood (canonical short name, e.g. 浙江): the given one, or the city’s or the address’s own; null when no place was given. */
  province?: Maybe<Scalars['String']['output']>;
  /** The input field `province` was read from: PROVINCE when given, else CITY or ADDRESS, whichever implied it; null when there is no province. */
  provinceFrom?: Maybe<PlaceField>;
  /** The partial number as understood, unknown digits as `*`, e.g. `138****1234`. */
  query: Scalars['String']['output'];
  /** Every tier, in search order; skipped ones with 0 candidates. */
  tiers: Array<TierPlan>;
  /** Candidates in all tiers together: every allocated mobile number that fits the digits. At most MAX_CANDIDATES (200,000 by default). */
  total: Scalars['Int']['output'];
};

/** A city with mobile segments, for pickers. Send `name` as MatchPhoneInput.city and its `province` as MatchPhoneInput.province, so the city is never ambiguous. */
export type City = {
  __typename?: 'City';
  /** English name, e.g. Hangzhou; null when the segment data gives none. */
  englishName?: Maybe<Scalars['String']['output']>;
  /** Full name, e.g. 杭州市. */
  fullName: Scalars['String']['output'];
  /** Canonical short name, e.g. 杭州. */
  name: Scalars['String']['output'];
  /** Short name of its province, e.g. 浙江 (Province.name). */
  province: Scalars['String']['output'];
  /** Allocated 7-digit segments located in this city. */
  segmentCount: Scalars['Int']['output'];
};

/** How many checks of a search failed for one reason. */
export type FailureCount = {
  __typename?: 'FailureCount';
  /** Failed checks with this reason; at least 1. */
  count: Scalars['Int']['output'];
  /** Why they failed. */
  reason: FailureReason;
};

/** Why a check of one number failed. A failed check is never taken for “no orders”. */
export type FailureReason =
  /** The check was stopped before its answer. Checks stopped because their search ended are left out of counts, so results do not list this today. */
  | 'CANCELLED'
  /** Not sent: after BREAKER_FAILURES failures in a row the breaker stops traffic to the failing order service for BREAKER_COOLDOWN_MS. */
  | 'CIRCUIT_OPEN'
  /** The order service answered with an error status (5xx, or 429/503 after its Retry-After, or 401/403 when the session credential is wrong). */
  | 'HTTP_STATUS'
  /** A batch reply (ORDERS_BATCH_URL) did not mention this number, even when it was asked again alone in smaller batches. */
  | 'MISSING_FROM_BATCH'
  /** The order service could not be reached (connection refused or reset, DNS): check that it is up. */
  | 'NETWORK'
  /** The order service did not answer within CHECK_TIMEOUT_MS, on every attempt. Usually load: searching again later asks only the failed numbers. */
  | 'TIMEOUT'
  /** The reply did not read as the configured answer (ORDERS_JSON_PATH, ORDERS_READ_AS), or was over 1 MiB: a configuration problem, not worth retrying. */
  | 'UNREADABLE';

/** Where a location’s place came from. */
export type LocationOrigin =
  /** The segment data files: libphonenumber’s embedded data, the shipped phone.dat or PHONE_DAT_PATH. */
  | 'DATA'
  /** Matched searches that named this city, where the data places the segment nowhere; `evidence` says how many. */
  | 'LEARNED'
  /** The operator’s overlay (SEGMENTS_OVERLAY_PATH). */
  | 'OVERLAY';

/** One event of a search, in order: SearchStarted; for each tier searched TierStarted, TierProgress, MatchFound as found, TierFinished; then SearchFinished. Switch on __typename and ignore types you do not know. */
export type MatchEvent = MatchFound | SearchFinished | SearchStarted | TierFinished | TierProgress | TierStarted;

/** A number with orders, sent as soon as it is found. A watcher that reconnects gets it again in the replay: deduplicate by phone. */
export type MatchFound = {
  __typename?: 'MatchFound';
  /** The number found. */
  match: PhoneMatch;
  /** The search this event belongs to (MatchResult.searchId; Search.id for a started search). */
  searchId: Scalars['String']['output'];
};

/** A partial number, as `prefix` and/or `suffix` (e.g. 138 and 1234) or as a `mask` (`138****1234`), and optionally where the customer is (`province`, `city`, `address`, in any combination that agrees), which decides the tiers. Bad input is a BAD_USER_INPUT error whose extensions name the `field`, the `reason` (e.g. NOT_DIGITS, UNKNOWN_CITY, AMBIGUOUS_PLACE, TOO_MANY_CANDIDATES), what is `accepted` and close `suggestions` (for places also `picks`: the province and city input that picks each suggestion); `violations` lists every problem found. */
export type MatchPhoneInput = {
  /** The customer’s address as written on the order, up to 200 characters (浙江省金华市义乌市稠城街道工人北路1号, 深圳南山区科技园, 北京 北京市 朝阳区 建国路88号). Province, city and district are read from its start (or after a leading name or number, e.g. 收货地址：); the rest is ignored. With `province` or `city` also given, all must agree, else CONFLICTING_PLACE; an address that names no place at its start, with neither given, is UNKNOWN_PLACE. candidatePlan shows what was read. */
  address?: InputMaybe<Scalars['String']['input']>;
  /** The customer’s city, district or county, at any level below the province: prefecture (杭州, 杭州市), county-level city (义乌, 昆山市), district or county (浦东新区, 余杭区, 沛县), with or without its suffix (市/区/县/旗/盟/自治州…), a merged or former name (莱芜, 襄樊), pinyin or English (Yiwu, Kunshan, Hangzhou), or a city and district together (南京鼓楼区). It is searched as its prefecture-level city (义乌: 金华; 浦东新区: 上海) and implies its province. A prefecture-level name wins over a district of the same name (朝阳: 辽宁 朝阳); a name several places share with nothing to tell them apart is AMBIGUOUS_PLACE, each place in `suggestions` and the input that picks it in `picks`; give the province to settle it. */
  city?: InputMaybe<Scalars['String']['input']>;
  /** All 11 positions, each a digit or an unknown mark (`*`, `x`, `X` or `?`), e.g. `138****1234`; full-width accepted. Instead of prefix/suffix, not with them. */
  mask?: InputMaybe<Scalars['String']['input']>;
  /** Known leading digits, starting with 1 (e.g. 138). ASCII or full-width digits, surrounding spaces trimmed; leave it out rather than send "". Prefix and suffix together hold at most 10 digits. */
  prefix?: InputMaybe<Scalars['String']['input']>;
  /** The customer’s province: short, full or English name (浙江, 浙江省, Zhejiang). */
  province?: InputMaybe<Scalars['String']['input']>;
  /** When the search stops; FIRST_MATCH when left out. */
  stopAt?: InputMaybe<StopAt>;
  /** Known trailing digits (e.g. 1234), read like prefix. */
  suffix?: InputMaybe<Scalars['String']['input']>;
};

/** The outcome of a search: its status, the numbers with orders, and what each tier did. */
export type MatchResult = {
  __typename?: 'MatchResult';
  /** How long the search ran, in milliseconds. */
  elapsedMs: Scalars['Float']['output'];
  /** Full numbers whose check failed: retry exactly these. Failures are never cached, so searching again re-checks them. */
  failedNumbers: Array<Scalars['String']['output']>;
  /** Failed checks by reason; only reasons that occurred. */
  failures: Array<FailureCount>;
  /** Numbers with orders, in the order found: one with FIRST_MATCH. Not only with MATCHED: a CANCELLED or TIMED_OUT search keeps those found before. */
  matches: Array<PhoneMatch>;
  /** Why the search ended as it did (failures, deadline, order service down, cancelled), when the status alone does not say; an English sentence for people, not to be parsed. Null otherwise. */
  note?: Maybe<Scalars['String']['output']>;
  /** The partial number searched, e.g. `138****1234`. */
  query: Scalars['String']['output'];
  /** Names this search in logs and the audit; for a started search, its Search.id. */
  searchId: Scalars['String']['output'];
  /** How the search ended. */
  status: MatchStatus;
  /** One report per tier, in search order, skipped and not reached ones included. */
  tiers: Array<TierReport>;
  /** Counts over all tiers. */
  totals: SearchTotals;
};

/** How a search ended: what to tell the user, and whether searching again can help. */
export type MatchStatus =
  /** Stopped before its end: the client left, cancelSearch, no watcher within the grace period, or the server shut down. `matches` holds any found before; search again to finish. */
  | 'CANCELLED'
  /** No match, but not every candidate could be checked (failed checks, or the order service unavailable): not a no. Search again, later if `note` says the order service is unavailable; cached answers are not asked again. */
  | 'INCOMPLETE'
  /** Found: `matches` holds the number(s) with orders. Some other checks may still have failed. */
  | 'MATCHED'
  /** A definite no: every candidate of every tier run was checked and none has orders. Searching again will not help; check the digits and place with the customer. */
  | 'NOT_FOUND'
  /** The search deadline (SEARCH_DEADLINE_MS, 120 s by default) passed; `matches` and the counts hold what was done. Search again (cached answers make it quicker) or narrow the input. */
  | 'TIMED_OUT';

/** Searches started as resources: they run on without the connection that started them. */
export type Mutation = {
  __typename?: 'Mutation';
  /** Cancels a running search and its requests to the order service; answers once it has ended (FINISHED, result CANCELLED). A finished search is returned unchanged. SEARCH_NOT_FOUND for an unknown id or another key’s search. */
  cancelSearch: Search;
  /** Starts a search and returns at once (state RUNNING); it runs on without a connection: watch it with searchEvents, read it with search, stop it with cancelSearch. With no watcher it is cancelled after SEARCH_UNWATCHED_GRACE_MS (60 s by default); once over it is kept for SEARCH_RETENTION_MS (10 min by default). Errors as for matchPhone: BAD_USER_INPUT, TOO_MANY_SEARCHES, RATE_LIMITED (it holds a quota slot while it runs). */
  startSearch: Search;
};


/** Searches started as resources: they run on without the connection that started them. */
export type MutationCancelSearchArgs = {
  id: Scalars['ID']['input'];
};


/** Searches started as resources: they run on without the connection that started them. */
export type MutationStartSearchArgs = {
  input: MatchPhoneInput;
};

/** Where a mobile segment is and which carrier runs it, from the segment data (where the segment is registered, not where its owner is now). Names are canonical short forms (浙江, 杭州, 中国移动). */
export type PhoneLocation = {
  __typename?: 'PhoneLocation';
  /** Whether the numbering plan allocates this segment (or number) to mobile; always true here, since phoneLocation returns null otherwise and matches are allocated. */
  allocated: Scalars['Boolean']['output'];
  /** Landline area code of the place, e.g. 0571; only phone.dat has it (null otherwise). */
  areaCode?: Maybe<Scalars['String']['output']>;
  /** Carrier short name (中国移动, 中国联通, 中国电信 or 中国广电); null when unknown. May be known when the place is not. */
  carrier?: Maybe<Scalars['String']['output']>;
  /** Carrier English name, e.g. China Mobile; null when unknown. */
  carrierEnglishName?: Maybe<Scalars['String']['output']>;
  /** City short name, e.g. 杭州; null when not located. */
  city?: Maybe<Scalars['String']['output']>;
  /** City English name, e.g. Hangzhou; null when not located or when the data gives none. */
  cityEnglishName?: Maybe<Scalars['String']['output']>;
  /** City full name, e.g. 杭州市; null when not located. */
  cityFullName?: Maybe<Scalars['String']['output']>;
  /** Matched searches that named this city for this segment (each API key counted up to LEARN_PLACES_PER_KEY); 0 when none, when not located or when LEARN_PLACES=off. */
  evidence: Scalars['Int']['output'];
  /** False when no segment source knows where this segment is: the place fields are then null. */
  located: Scalars['Boolean']['output'];
  /** Where the place came from: DATA, OVERLAY or LEARNED; null when not located. */
  origin?: Maybe<LocationOrigin>;
  /** Province short name, e.g. 浙江; null when not located. */
  province?: Maybe<Scalars['String']['output']>;
  /** Province English name, e.g. Zhejiang; null when not located. */
  provinceEnglishName?: Maybe<Scalars['String']['output']>;
  /** Province full name, e.g. 浙江省; null when not located. */
  provinceFullName?: Maybe<Scalars['String']['output']>;
  /** The first 7 digits. */
  segment: Scalars['String']['output'];
  /** Which data format located the segment: `libphonenumber` (embedded), `phone.dat` (shipped or PHONE_DAT_PATH) or `overlay`; null when not located or only learned. */
  source?: Maybe<Scalars['String']['output']>;
  /** True for a virtual operator on the carrier’s network, which only phone.dat tells (with the embedded data alone it is false); null when the carrier is unknown. */
  virtualOperator?: Maybe<Scalars['Boolean']['output']>;
  /** Postal code of the place, e.g. 310000; only phone.dat has it (null otherwise). */
  zip?: Maybe<Scalars['String']['output']>;
};

/** A candidate the order service says has orders: the number behind the partial one. */
export type PhoneMatch = {
  __typename?: 'PhoneMatch';
  /** Where its segment is and its carrier. Never null in practice (a match is always an allocated number). */
  location?: Maybe<PhoneLocation>;
  /** The full 11-digit number, e.g. 13812341234. */
  phone: Scalars['String']['output'];
  /** The tier it was found in. */
  tier: Tier;
};

/** The MatchPhoneInput field a place was read from. */
export type PlaceField =
  /** MatchPhoneInput.address. */
  | 'ADDRESS'
  /** MatchPhoneInput.city. */
  | 'CITY'
  /** MatchPhoneInput.province. */
  | 'PROVINCE';

/** A province-level division of mainland China (province, municipality or autonomous region), for pickers. Send `name` as MatchPhoneInput.province. */
export type Province = {
  __typename?: 'Province';
  /** Cities with segments, most segments first. */
  cities: Array<City>;
  /** English name, e.g. Zhejiang. */
  englishName: Scalars['String']['output'];
  /** Full name, e.g. 浙江省, 北京市 or 广西壮族自治区. */
  fullName: Scalars['String']['output'];
  /** Canonical short name, e.g. 浙江 or 北京. */
  name: Scalars['String']['output'];
  /** Allocated 7-digit segments located in the province (the sum over its cities). */
  segmentCount: Scalars['Int']['output'];
};

/** Lookups that never call the order service (candidatePlan, phoneLocation, regions, search) and matchPhone, which searches and answers once the search is over. */
export type Query = {
  __typename?: 'Query';
  /** Candidate counts per tier for an input, without asking the order service and outside the search quota: a preview, or a check of the input as it is typed. Bad input gives BAD_USER_INPUT exactly as matchPhone would. */
  candidatePlan: CandidatePlan;
  /** Searches the tiers for the number with orders and answers once the search is over (at most SEARCH_DEADLINE_MS); aborting the request cancels it. Errors: BAD_USER_INPUT; TOO_MANY_SEARCHES or RATE_LIMITED (HTTP 429) with extensions.retryAfterSeconds to wait before retrying. */
  matchPhone: MatchResult;
  /** Province, city and carrier of a full number or a 7-digit segment, from the segment data, or from learned matches where the data has no place (`origin` says which; no order service, no quota); null when neither the numbering plan nor the loaded data allocates it to mobile. A malformed number gives BAD_USER_INPUT with extensions.field "number". */
  phoneLocation?: Maybe<PhoneLocation>;
  /** The 31 province-level divisions of mainland China in a fixed order (municipalities first), each with its cities that have segments and their segment counts, for pickers. */
  regions: Array<Province>;
  /** A search started with startSearch; null for an unknown id, another key’s search, or one no longer kept. */
  search?: Maybe<Search>;
};


/** Lookups that never call the order service (candidatePlan, phoneLocation, regions, search) and matchPhone, which searches and answers once the search is over. */
export type QueryCandidatePlanArgs = {
  input: MatchPhoneInput;
};


/** Lookups that never call the order service (candidatePlan, phoneLocation, regions, search) and matchPhone, which searches and answers once the search is over. */
export type QueryMatchPhoneArgs = {
  input: MatchPhoneInput;
};


/** Lookups that never call the order service (candidatePlan, phoneLocation, regions, search) and matchPhone, which searches and answers once the search is over. */
export type QueryPhoneLocationArgs = {
  number: Scalars['String']['input'];
};


/** Lookups that never call the order service (candidatePlan, phoneLocation, regions, search) and matchPhone, which searches and answers once the search is over. */
export type QuerySearchArgs = {
  id: Scalars['ID']['input'];
};

/** A search started with startSearch: it runs on its own, can be read, watched (searchEvents) and cancelled by id, and belongs to the API key that started it. */
export type Search = {
  __typename?: 'Search';
  /** When it ended (ISO 8601, UTC); null while RUNNING. */
  finishedAt?: Maybe<Scalars['String']['output']>;
  /** Names the search; also its searchId in events, results, logs and audit. */
  id: Scalars['ID']['output'];
  /** What was searched for. */
  input: SearchRequest;
  /** Every tier of the plan as it stands now: counts so far, and the outcome of tiers that are over. */
  progress: Array<TierReport>;
  /** The final result (as matchPhone returns it); null while RUNNING. A search that could not run to its end (an unexpected error, or in a fleet an instance gone and the search not resumable) has an INCOMPLETE result whose note says why. */
  result?: Maybe<MatchResult>;
  /** When it started (ISO 8601, UTC). */
  startedAt: Scalars['String']['output'];
  /** RUNNING while it checks; FINISHED once it is over, however it ended (result.status says how). */
  state: SearchState;
};

/** The last event: the same result the matchPhone query returns. The stream ends after it. */
export type SearchFinished = {
  __typename?: 'SearchFinished';
  /** The search’s result. */
  result: MatchResult;
  /** The search this event belongs to (MatchResult.searchId; Search.id for a started search). */
  searchId: Scalars['String']['output'];
};

/** What a search was started with, as understood. */
export type SearchRequest = {
  __typename?: 'SearchRequest';
  /** The customer’s city (canonical short name, e.g. 杭州); null when none was given. */
  city?: Maybe<Scalars['String']['output']>;
  /** The customer’s province (canonical short name, e.g. 浙江): the given one, or the city’s own; null when neither was given. */
  province?: Maybe<Scalars['String']['output']>;
  /** The partial number, e.g. `138****1234`. */
  query: Scalars['String']['output'];
  /** When the search stops. */
  stopAt: StopAt;
};

/** The first event: the search began; the plan says how many candidates each tier has. */
export type SearchStarted = {
  __typename?: 'SearchStarted';
  /** The partial number as understood, e.g. `138****1234`. */
  query: Scalars['String']['output'];
  /** The search this event belongs to (MatchResult.searchId; Search.id for a started search). */
  searchId: Scalars['String']['output'];
  /** Every tier, in search order; skipped ones (0 candidates) get no further events. */
  tiers: Array<TierPlan>;
  /** Candidates in all tiers together. */
  total: Scalars['Int']['output'];
};

/** Where a started search is in its life. */
export type SearchState =
  /** Over, however it ended (the result’s status says how); kept for the retention period. */
  | 'FINISHED'
  /** Checking candidates; progress moves, result is null. */
  | 'RUNNING';

/** The tiers’ counts added up over the whole search. */
export type SearchTotals = {
  __typename?: 'SearchTotals';
  /** Checks answered from the cache of earlier answers, without a request to the order service. */
  cacheHits: Scalars['Int']['output'];
  /** Candidates of the whole plan, tiers not reached included (CandidatePlan.total). */
  candidates: Scalars['Int']['output'];
  /** Candidates checked, failed checks and cache hits included. */
  checked: Scalars['Int']['output'];
  /** Checks that failed (failedNumbers lists them). */
  failed: Scalars['Int']['output'];
  /** Numbers found with orders (the matches). */
  withOrders: Scalars['Int']['output'];
};

/** When a search stops. More matches cost more time and more requests to the order service. */
export type StopAt =
  /** Search every tier to its end and return every number with orders. */
  | 'ALL'
  /** Stop at the first number with orders and cancel the outstanding checks: one match, the fastest answer. The default. */
  | 'FIRST_MATCH'
  /** Finish the tier of the first match and return all its matches; later tiers are not searched. */
  | 'TIER';

/** A search’s events as they happen, over SSE or graphql-ws on the same /graphql endpoint; each stream ends after SearchFinished. */
export type Subscription = {
  __typename?: 'Subscription';
  /** Runs a search and streams its events; the stream ends after SearchFinished. Leaving (unsubscribing, closing the connection) cancels the search. Errors as for matchPhone: BAD_USER_INPUT, TOO_MANY_SEARCHES, RATE_LIMITED. */
  matchPhoneEvents: MatchEvent;
  /** Watches a started search: first where it stands (SearchStarted, each tier’s start, newest progress and end, every MatchFound so far, and SearchFinished if it is over), then its events live; ends after SearchFinished. Leaving does not cancel the search. SEARCH_NOT_FOUND for an unknown id or another key’s search. */
  searchEvents: MatchEvent;
};


/** A search’s events as they happen, over SSE or graphql-ws on the same /graphql endpoint; each stream ends after SearchFinished. */
export type SubscriptionMatchPhoneEventsArgs = {
  input: MatchPhoneInput;
};


/** A search’s events as they happen, over SSE or graphql-ws on the same /graphql endpoint; each stream ends after SearchFinished. */
export type SubscriptionSearchEventsArgs = {
  id: Scalars['ID']['input'];
};

/** Where a candidate number’s 7-digit segment is located, relative to the customer’s place. Tiers are disjoint and searched in this order. */
export type Tier =
  /** Numbers located in the given city. Skipped when no city is given. */
  | 'CITY'
  /** Numbers located anywhere else in China; every located number when no place is given. */
  | 'NATIONAL'
  /** Numbers located elsewhere in the province (the given one, or the city’s own when only a city is given). Skipped when neither is given. */
  | 'PROVINCE'
  /** Numbers whose segment no data source locates (with the embedded data, e.g. 16x, 19x and 171–175); searched last. */
  | 'UNLOCATED';

/** A tier is over; its report is final. */
export type TierFinished = {
  __typename?: 'TierFinished';
  /** The tier’s final counts and how it ended (outcome). */
  report: TierReport;
  /** The search this event belongs to (MatchResult.searchId; Search.id for a started search). */
  searchId: Scalars['String']['output'];
};

/** How a tier’s search ended. */
export type TierOutcome =
  /** The search was cancelled while this tier ran. */
  | 'CANCELLED'
  /** Every candidate was checked (checked = candidates); some checks may have failed (failed). */
  | 'COMPLETED'
  /** Not searched because the search ended first (a match in an earlier tier, or it was cancelled, timed out or lost the order service). In a running search’s progress also a tier not started yet. */
  | 'NOT_REACHED'
  /** Being searched now: only in a running search’s progress (Search.progress); checked, withOrders and failed are counts so far. */
  | 'RUNNING'
  /** Not searched: its place was not given, or it has no candidates. */
  | 'SKIPPED'
  /** With FIRST_MATCH: a number with orders was found here and the rest of the tier was not checked. */
  | 'STOPPED_AT_MATCH'
  /** The search deadline passed while this tier ran. */
  | 'TIMED_OUT'
  /** The order service became unavailable (circuit breaker open) while this tier ran; the search ended here. */
  | 'UPSTREAM_UNAVAILABLE';

/** One tier of a search’s plan, before any check. */
export type TierPlan = {
  __typename?: 'TierPlan';
  /** Numbers this tier will check; 0 when skipped. */
  candidates: Scalars['Int']['output'];
  /** True when the tier will not be searched: CITY without a city, PROVINCE without a city or province, or a tier with no candidates. */
  skipped: Scalars['Boolean']['output'];
  /** The tier. */
  tier: Tier;
};

/** A tier’s counts so far: at most about ten a second per search, and always one at the end of each tier. Counts are cumulative: show the newest, never add them up. */
export type TierProgress = {
  __typename?: 'TierProgress';
  /** Candidates checked so far, failed checks and cache hits included. */
  checked: Scalars['Int']['output'];
  /** Checks that failed so far (the order service gave no usable answer). */
  failed: Scalars['Int']['output'];
  /** The search this event belongs to (MatchResult.searchId; Search.id for a started search). */
  searchId: Scalars['String']['output'];
  /** The tier. */
  tier: Tier;
  /** The tier’s candidates: checked / total is its progress. */
  total: Scalars['Int']['output'];
  /** Numbers found with orders in this tier so far. */
  withOrders: Scalars['Int']['output'];
};

/** What a search did in one tier. Counts are totals so far: replace older reports, never add them up. */
export type TierReport = {
  __typename?: 'TierReport';
  /** Checks answered from the cache of earlier answers, without a request (part of checked). In Search.progress, 0 until the tier is over. */
  cacheHits: Scalars['Int']['output'];
  /** Numbers in this tier; 0 when skipped. */
  candidates: Scalars['Int']['output'];
  /** Candidates checked so far, failed checks and cache hits included; checked / candidates is the tier’s progress. */
  checked: Scalars['Int']['output'];
  /** Time spent on this tier, in milliseconds; 0 for a tier not run (and, in Search.progress, until it is over). */
  elapsedMs: Scalars['Float']['output'];
  /** Checks that failed (the order service gave no usable answer); never counted as “no orders”. Their numbers are in MatchResult.failedNumbers. */
  failed: Scalars['Int']['output'];
  /** How the tier ended. In a running search’s progress: RUNNING while it is searched, NOT_REACHED before it starts. */
  outcome: TierOutcome;
  /** True when the tier was not searched (outcome SKIPPED). */
  skipped: Scalars['Boolean']['output'];
  /** The tier. */
  tier: Tier;
  /** Numbers found with orders in this tier (its matches). */
  withOrders: Scalars['Int']['output'];
};

/** A tier’s checks begin; a progress bar for it can start at 0 of `candidates`. */
export type TierStarted = {
  __typename?: 'TierStarted';
  /** Numbers this tier will check. */
  candidates: Scalars['Int']['output'];
  /** The search this event belongs to (MatchResult.searchId; Search.id for a started search). */
  searchId: Scalars['String']['output'];
  /** The tier. */
  tier: Tier;
};

export type CancelSearchMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type CancelSearchMutation = { __typename?: 'Mutation', cancelSearch: { __typename?: 'Search', id: string, state: SearchState, finishedAt?: string | null, result?: { __typename?: 'MatchResult', status: MatchStatus, note?: string | null } | null } };

export type CandidatePlanQueryVariables = Exact<{
  input: MatchPhoneInput;
}>;


export type CandidatePlanQuery = { __typename?: 'Query', candidatePlan: { __typename?: 'CandidatePlan', query: string, city?: string | null, province?: string | null, cityFrom?: PlaceField | null, provinceFrom?: PlaceField | null, placeName?: string | null, total: number, tiers: Array<{ __typename?: 'TierPlan', tier: Tier, candidates: number, skipped: boolean }> } };

export type MatchPhoneQueryVariables = Exact<{
  input: MatchPhoneInput;
}>;


export type MatchPhoneQuery = { __typename?: 'Query', matchPhone: { __typename?: 'MatchResult', status: MatchStatus, note?: string | null, searchId: string, query: string, failedNumbers: Array<string>, elapsedMs: number, matches: Array<{ __typename?: 'PhoneMatch', phone: string, tier: Tier, location?: { __typename?: 'PhoneLocation', province?: string | null, city?: string | null, carrier?: string | null } | null }>, tiers: Array<{ __typename?: 'TierReport', tier: Tier, candidates: number, checked: number, withOrders: number, failed: number, cacheHits: number, elapsedMs: number, skipped: boolean, outcome: TierOutcome }>, failures: Array<{ __typename?: 'FailureCount', reason: FailureReason, count: number }>, totals: { __typename?: 'SearchTotals', candidates: number, checked: number, withOrders: number, failed: number, cacheHits: number } } };

export type MatchPhoneEventsSubscriptionVariables = Exact<{
  input: MatchPhoneInput;
}>;


export type MatchPhoneEventsSubscription = { __typename?: 'Subscription', matchPhoneEvents:
    | { __typename: 'MatchFound', match: { __typename?: 'PhoneMatch', phone: string, tier: Tier, location?: { __typename?: 'PhoneLocation', province?: string | null, city?: string | null, carrier?: string | null } | null } }
    | { __typename: 'SearchFinished', result: { __typename?: 'MatchResult', status: MatchStatus, note?: string | null, searchId: string, failedNumbers: Array<string>, elapsedMs: number, matches: Array<{ __typename?: 'PhoneMatch', phone: string, tier: Tier }>, tiers: Array<{ __typename?: 'TierReport', tier: Tier, checked: number, withOrders: number, failed: number, skipped: boolean, outcome: TierOutcome }> } }
    | { __typename: 'SearchStarted', searchId: string, query: string, total: number, tiers: Array<{ __typename?: 'TierPlan', tier: Tier, candidates: number, skipped: boolean }> }
    | { __typename: 'TierFinished', report: { __typename?: 'TierReport', tier: Tier, candidates: number, checked: number, withOrders: number, failed: number, cacheHits: number, elapsedMs: number, skipped: boolean, outcome: TierOutcome } }
    | { __typename: 'TierProgress', tier: Tier, checked: number, total: number, failed: number, withOrders: number }
    | { __typename: 'TierStarted', tier: Tier, candidates: number }
   };

export type PhoneLocationQueryVariables = Exact<{
  number: Scalars['String']['input'];
}>;


export type PhoneLocationQuery = { __typename?: 'Query', phoneLocation?: { __typename?: 'PhoneLocation', segment: string, allocated: boolean, located: boolean, province?: string | null, provinceFullName?: string | null, provinceEnglishName?: string | null, city?: string | null, cityFullName?: string | null, cityEnglishName?: string | null, carrier?: string | null, carrierEnglishName?: string | null, virtualOperator?: boolean | null, zip?: string | null, areaCode?: string | null, source?: string | null } | null };

export type RegionsQueryVariables = Exact<{ [key: string]: never; }>;


export type RegionsQuery = { __typename?: 'Query', regions: Array<{ __typename?: 'Province', name: string, fullName: string, englishName: string, segmentCount: number, cities: Array<{ __typename?: 'City', name: string, fullName: string, englishName?: string | null, segmentCount: number }> }> };

export type SearchQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type SearchQuery = { __typename?: 'Query', search?: { __typename?: 'Search', id: string, state: SearchState, startedAt: string, finishedAt?: string | null, input: { __typename?: 'SearchRequest', query: string, city?: string | null, province?: string | null, stopAt: StopAt }, progress: Array<{ __typename?: 'TierReport', tier: Tier, candidates: number, checked: number, withOrders: number, failed: number, skipped: boolean, outcome: TierOutcome }>, result?: { __typename?: 'MatchResult', status: MatchStatus, note?: string | null, failedNumbers: Array<string>, matches: Array<{ __typename?: 'PhoneMatch', phone: string, tier: Tier }> } | null } | null };

export type SearchEventsSubscriptionVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type SearchEventsSubscription = { __typename?: 'Subscription', searchEvents:
    | { __typename: 'MatchFound', match: { __typename?: 'PhoneMatch', phone: string, tier: Tier, location?: { __typename?: 'PhoneLocation', province?: string | null, city?: string | null, carrier?: string | null } | null } }
    | { __typename: 'SearchFinished', result: { __typename?: 'MatchResult', status: MatchStatus, note?: string | null, searchId: string, failedNumbers: Array<string>, elapsedMs: number, matches: Array<{ __typename?: 'PhoneMatch', phone: string, tier: Tier }>, tiers: Array<{ __typename?: 'TierReport', tier: Tier, checked: number, withOrders: number, failed: number, skipped: boolean, outcome: TierOutcome }> } }
    | { __typename: 'SearchStarted', searchId: string, query: string, total: number, tiers: Array<{ __typename?: 'TierPlan', tier: Tier, candidates: number, skipped: boolean }> }
    | { __typename: 'TierFinished', report: { __typename?: 'TierReport', tier: Tier, candidates: number, checked: number, withOrders: number, failed: number, cacheHits: number, elapsedMs: number, skipped: boolean, outcome: TierOutcome } }
    | { __typename: 'TierProgress', tier: Tier, checked: number, total: number, failed: number, withOrders: number }
    | { __typename: 'TierStarted', tier: Tier, candidates: number }
   };

export type StartSearchMutationVariables = Exact<{
  input: MatchPhoneInput;
}>;


export type StartSearchMutation = { __typename?: 'Mutation', startSearch: { __typename?: 'Search', id: string, state: SearchState, startedAt: string, input: { __typename?: 'SearchRequest', query: string, city?: string | null, province?: string | null, stopAt: StopAt } } };


export const CancelSearchDocument = {"__meta__":{"hash":"a1f9425e9d295e3a09a448dd37b9ce4cd0ba2684cf7ed3382d6cbdc4cac44bb8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CancelSearch"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelSearch"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"result"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"note"}}]}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}}]}}]}}]} as unknown as DocumentNode<CancelSearchMutation, CancelSearchMutationVariables>;
export const CandidatePlanDocument = {"__meta__":{"hash":"b3205f766435f7a234a73e3a14990cfc2715d44a89b7cd81cc55ee5223914e7f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CandidatePlan"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MatchPhoneInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"candidatePlan"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"query"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"province"}},{"kind":"Field","name":{"kind":"Name","value":"cityFrom"}},{"kind":"Field","name":{"kind":"Name","value":"provinceFrom"}},{"kind":"Field","name":{"kind":"Name","value":"placeName"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"tiers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tier"}},{"kind":"Field","name":{"kind":"Name","value":"candidates"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}}]}}]}}]}}]} as unknown as DocumentNode<CandidatePlanQuery, CandidatePlanQueryVariables>;
export const MatchPhoneDocument = {"__meta__":{"hash":"39796f6130045a9bbec1029fd81ad1eb2454097a6cad7b32ef44c5cefac6d248"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MatchPhone"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MatchPhoneInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"matchPhone"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"searchId"}},{"kind":"Field","name":{"kind":"Name","value":"query"}},{"kind":"Field","name":{"kind":"Name","value":"matches"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"tier"}},{"kind":"Field","name":{"kind":"Name","value":"location"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"province"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"carrier"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"tiers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tier"}},{"kind":"Field","name":{"kind":"Name","value":"candidates"}},{"kind":"Field","name":{"kind":"Name","value":"checked"}},{"kind":"Field","name":{"kind":"Name","value":"withOrders"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"cacheHits"}},{"kind":"Field","name":{"kind":"Name","value":"elapsedMs"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}}]}},{"kind":"Field","name":{"kind":"Name","value":"failedNumbers"}},{"kind":"Field","name":{"kind":"Name","value":"failures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"totals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"candidates"}},{"kind":"Field","name":{"kind":"Name","value":"checked"}},{"kind":"Field","name":{"kind":"Name","value":"withOrders"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"cacheHits"}}]}},{"kind":"Field","name":{"kind":"Name","value":"elapsedMs"}}]}}]}}]} as unknown as DocumentNode<MatchPhoneQuery, MatchPhoneQueryVariables>;
export const MatchPhoneEventsDocument = {"__meta__":{"hash":"61ff2252504e84a094399ff2e90d72e85bea0c9d2e9eb9d6847c60944e9b7e82"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"MatchPhoneEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MatchPhoneInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"matchPhoneEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SearchStarted"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"searchId"}},{"kind":"Field","name":{"kind":"Name","value":"query"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"tiers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tier"}},{"kind":"Field","name":{"kind":"Name","value":"candidates"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TierStarted"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tier"}},{"kind":"Field","name":{"kind":"Name","value":"candidates"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TierProgress"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tier"}},{"kind":"Field","name":{"kind":"Name","value":"checked"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"withOrders"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MatchFound"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"match"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"tier"}},{"kind":"Field","name":{"kind":"Name","value":"location"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"province"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"carrier"}}]}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TierFinished"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"report"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tier"}},{"kind":"Field","name":{"kind":"Name","value":"candidates"}},{"kind":"Field","name":{"kind":"Name","value":"checked"}},{"kind":"Field","name":{"kind":"Name","value":"withOrders"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"cacheHits"}},{"kind":"Field","name":{"kind":"Name","value":"elapsedMs"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SearchFinished"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"result"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"searchId"}},{"kind":"Field","name":{"kind":"Name","value":"matches"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"tier"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tiers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tier"}},{"kind":"Field","name":{"kind":"Name","value":"checked"}},{"kind":"Field","name":{"kind":"Name","value":"withOrders"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}}]}},{"kind":"Field","name":{"kind":"Name","value":"failedNumbers"}},{"kind":"Field","name":{"kind":"Name","value":"elapsedMs"}}]}}]}}]}}]}}]} as unknown as DocumentNode<MatchPhoneEventsSubscription, MatchPhoneEventsSubscriptionVariables>;
export const PhoneLocationDocument = {"__meta__":{"hash":"f09f7055218e179f2b643d17f7db98f1ef50545bb1435a7655b0216be45ea795"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PhoneLocation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"number"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"phoneLocation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"number"},"value":{"kind":"Variable","name":{"kind":"Name","value":"number"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"segment"}},{"kind":"Field","name":{"kind":"Name","value":"allocated"}},{"kind":"Field","name":{"kind":"Name","value":"located"}},{"kind":"Field","name":{"kind":"Name","value":"province"}},{"kind":"Field","name":{"kind":"Name","value":"provinceFullName"}},{"kind":"Field","name":{"kind":"Name","value":"provinceEnglishName"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"cityFullName"}},{"kind":"Field","name":{"kind":"Name","value":"cityEnglishName"}},{"kind":"Field","name":{"kind":"Name","value":"carrier"}},{"kind":"Field","name":{"kind":"Name","value":"carrierEnglishName"}},{"kind":"Field","name":{"kind":"Name","value":"virtualOperator"}},{"kind":"Field","name":{"kind":"Name","value":"zip"}},{"kind":"Field","name":{"kind":"Name","value":"areaCode"}},{"kind":"Field","name":{"kind":"Name","value":"source"}}]}}]}}]} as unknown as DocumentNode<PhoneLocationQuery, PhoneLocationQueryVariables>;
export const RegionsDocument = {"__meta__":{"hash":"0e641a433a20f3e846b1dd3105ea470ba96876a8a2532be38a8a23d6aa5fb390"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Regions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"regions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"}},{"kind":"Field","name":{"kind":"Name","value":"englishName"}},{"kind":"Field","name":{"kind":"Name","value":"segmentCount"}},{"kind":"Field","name":{"kind":"Name","value":"cities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"}},{"kind":"Field","name":{"kind":"Name","value":"englishName"}},{"kind":"Field","name":{"kind":"Name","value":"segmentCount"}}]}}]}}]}}]} as unknown as DocumentNode<RegionsQuery, RegionsQueryVariables>;
export const SearchDocument = {"__meta__":{"hash":"31b52cbec8d02f4edd32034a0ff60945d97be53858fb383e62634c2297954570"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Search"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"search"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"input"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"query"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"province"}},{"kind":"Field","name":{"kind":"Name","value":"stopAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tier"}},{"kind":"Field","name":{"kind":"Name","value":"candidates"}},{"kind":"Field","name":{"kind":"Name","value":"checked"}},{"kind":"Field","name":{"kind":"Name","value":"withOrders"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}}]}},{"kind":"Field","name":{"kind":"Name","value":"result"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"matches"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"tier"}}]}},{"kind":"Field","name":{"kind":"Name","value":"failedNumbers"}}]}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}}]}}]}}]} as unknown as DocumentNode<SearchQuery, SearchQueryVariables>;
export const SearchEventsDocument = {"__meta__":{"hash":"cb545accf8803afafb7f053f8a8e740c97562016937775409f5640bcbedd3ad6"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"SearchEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"searchEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SearchStarted"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"searchId"}},{"kind":"Field","name":{"kind":"Name","value":"query"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"tiers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tier"}},{"kind":"Field","name":{"kind":"Name","value":"candidates"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TierStarted"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tier"}},{"kind":"Field","name":{"kind":"Name","value":"candidates"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TierProgress"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tier"}},{"kind":"Field","name":{"kind":"Name","value":"checked"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"withOrders"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MatchFound"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"match"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"tier"}},{"kind":"Field","name":{"kind":"Name","value":"location"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"province"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"carrier"}}]}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TierFinished"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"report"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tier"}},{"kind":"Field","name":{"kind":"Name","value":"candidates"}},{"kind":"Field","name":{"kind":"Name","value":"checked"}},{"kind":"Field","name":{"kind":"Name","value":"withOrders"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"cacheHits"}},{"kind":"Field","name":{"kind":"Name","value":"elapsedMs"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SearchFinished"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"result"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"searchId"}},{"kind":"Field","name":{"kind":"Name","value":"matches"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"tier"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tiers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tier"}},{"kind":"Field","name":{"kind":"Name","value":"checked"}},{"kind":"Field","name":{"kind":"Name","value":"withOrders"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}}]}},{"kind":"Field","name":{"kind":"Name","value":"failedNumbers"}},{"kind":"Field","name":{"kind":"Name","value":"elapsedMs"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SearchEventsSubscription, SearchEventsSubscriptionVariables>;
export const StartSearchDocument = {"__meta__":{"hash":"a7180d848138ae96606efb88106f683b3ba6fb4c2159e702fadb0d4c678b6039"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StartSearch"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MatchPhoneInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startSearch"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"input"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"query"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"province"}},{"kind":"Field","name":{"kind":"Name","value":"stopAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}}]}}]}}]} as unknown as DocumentNode<StartSearchMutation, StartSearchMutationVariables>;