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

export type CandidatePlan = {
  __typename?: 'CandidatePlan';
  city?: Maybe<Scalars['String']['output']>;
  province?: Maybe<Scalars['String']['output']>;
  /** The partial number as understood, e.g. 138****1234. */
  query: Scalars['String']['output'];
  /** Every tier, in search order; skipped ones with 0 candidates. */
  tiers: Array<TierPlan>;
  total: Scalars['Int']['output'];
};

export type City = {
  __typename?: 'City';
  englishName?: Maybe<Scalars['String']['output']>;
  fullName: Scalars['String']['output'];
  name: Scalars['String']['output'];
  province: Scalars['String']['output'];
  /** Allocated 7-digit segments located in this city. */
  segmentCount: Scalars['Int']['output'];
};

export type FailureCount = {
  __typename?: 'FailureCount';
  count: Scalars['Int']['output'];
  reason: FailureReason;
};

export type FailureReason =
  | 'CANCELLED'
  | 'CIRCUIT_OPEN'
  | 'HTTP_STATUS'
  | 'NETWORK'
  | 'TIMEOUT'
  | 'UNREADABLE';

export type MatchEvent = MatchFound | SearchFinished | SearchStarted | TierFinished | TierProgress | TierStarted;

export type MatchFound = {
  __typename?: 'MatchFound';
  match: PhoneMatch;
  searchId: Scalars['String']['output'];
};

/** A partial number: `prefix` and/or `suffix` (e.g. 138 and 1234), or a `mask` (138****1234); optionally where the customer is. */
export type MatchPhoneInput = {
  /** The customer’s city: short, full or English name (杭州, 杭州市, Hangzhou). */
  city?: InputMaybe<Scalars['String']['input']>;
  /** 11 positions, unknown digits marked with *, x or ?. Instead of prefix/suffix. */
  mask?: InputMaybe<Scalars['String']['input']>;
  /** Known leading digits, starting with 1. */
  prefix?: InputMaybe<Scalars['String']['input']>;
  /** The customer’s province: short, full or English name (浙江, 浙江省, Zhejiang). */
  province?: InputMaybe<Scalars['String']['input']>;
  stopAt?: InputMaybe<StopAt>;
  /** Known trailing digits. */
  suffix?: InputMaybe<Scalars['String']['input']>;
};

export type MatchResult = {
  __typename?: 'MatchResult';
  elapsedMs: Scalars['Float']['output'];
  /** Numbers whose check failed; retry exactly these. */
  failedNumbers: Array<Scalars['String']['output']>;
  /** Failed checks by reason. */
  failures: Array<FailureCount>;
  matches: Array<PhoneMatch>;
  /** Why the search ended as it did (failures, deadline, order service down), when the status alone does not say. */
  note?: Maybe<Scalars['String']['output']>;
  /** The partial number searched, e.g. 138****1234. */
  query: Scalars['String']['output'];
  /** Names this search in logs and the audit. */
  searchId: Scalars['String']['output'];
  status: MatchStatus;
  tiers: Array<TierReport>;
  totals: SearchTotals;
};

export type MatchStatus =
  /** The client left or the server shut down. */
  | 'CANCELLED'
  /** No match, but some checks failed: see failedNumbers. */
  | 'INCOMPLETE'
  /** A number with orders was found. */
  | 'MATCHED'
  /** Every candidate of every tier run was checked and none has orders. */
  | 'NOT_FOUND'
  /** The search deadline passed; the result holds what was checked so far. */
  | 'TIMED_OUT';

export type Mutation = {
  __typename?: 'Mutation';
  /** Cancels a running search and its requests to the order service; answers once it has ended (FINISHED, result CANCELLED). A finished search is returned unchanged. SEARCH_NOT_FOUND for an unknown id or another key’s search. */
  cancelSearch: Search;
  /** Starts a search and returns at once; it runs on without a connection. Watch it with searchEvents, read it with search, stop it with cancelSearch. Unwatched, it is cancelled after a grace period (SEARCH_UNWATCHED_GRACE_MS); once over it is kept for SEARCH_RETENTION_MS. Counts against the API key’s search quota while it runs. */
  startSearch: Search;
};


export type MutationCancelSearchArgs = {
  id: Scalars['ID']['input'];
};


export type MutationStartSearchArgs = {
  input: MatchPhoneInput;
};

/** Where a mobile segment is and which carrier runs it. Names are canonical short forms (浙江, 杭州, 中国移动). */
export type PhoneLocation = {
  __typename?: 'PhoneLocation';
  /** Whether the numbering plan allocates this segment (or number) to mobile. */
  allocated: Scalars['Boolean']['output'];
  areaCode?: Maybe<Scalars['String']['output']>;
  carrier?: Maybe<Scalars['String']['output']>;
  carrierEnglishName?: Maybe<Scalars['String']['output']>;
  city?: Maybe<Scalars['String']['output']>;
  cityEnglishName?: Maybe<Scalars['String']['output']>;
  cityFullName?: Maybe<Scalars['String']['output']>;
  /** False when no segment source knows where this segment is. */
  located: Scalars['Boolean']['output'];
  province?: Maybe<Scalars['String']['output']>;
  provinceEnglishName?: Maybe<Scalars['String']['output']>;
  provinceFullName?: Maybe<Scalars['String']['output']>;
  /** The first 7 digits. */
  segment: Scalars['String']['output'];
  /** `libphonenumber` or `phone.dat`. */
  source?: Maybe<Scalars['String']['output']>;
  /** True for a virtual operator on the carrier’s network; null when the carrier is unknown. */
  virtualOperator?: Maybe<Scalars['Boolean']['output']>;
  zip?: Maybe<Scalars['String']['output']>;
};

export type PhoneMatch = {
  __typename?: 'PhoneMatch';
  location?: Maybe<PhoneLocation>;
  phone: Scalars['String']['output'];
  tier: Tier;
};

export type Province = {
  __typename?: 'Province';
  /** Cities with segments, most segments first. */
  cities: Array<City>;
  englishName: Scalars['String']['output'];
  fullName: Scalars['String']['output'];
  name: Scalars['String']['output'];
  segmentCount: Scalars['Int']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** Candidate counts per tier, without asking the order service anything. */
  candidatePlan: CandidatePlan;
  /** Searches the tiers for the number with orders; answers when the search is done. */
  matchPhone: MatchResult;
  /** Province, city and carrier of a full number or a 7-digit segment; null when the numbering plan does not allocate it. */
  phoneLocation?: Maybe<PhoneLocation>;
  /** Provinces with their cities and segment counts, for pickers. */
  regions: Array<Province>;
  /** A search started with startSearch; null for an unknown id, another key’s search, or one no longer kept. */
  search?: Maybe<Search>;
};


export type QueryCandidatePlanArgs = {
  input: MatchPhoneInput;
};


export type QueryMatchPhoneArgs = {
  input: MatchPhoneInput;
};


export type QueryPhoneLocationArgs = {
  number: Scalars['String']['input'];
};


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
  /** The final result (as matchPhone returns it); null while RUNNING. */
  result?: Maybe<MatchResult>;
  /** When it started (ISO 8601, UTC). */
  startedAt: Scalars['String']['output'];
  /** RUNNING or FINISHED. */
  state: SearchState;
};

/** The last event: the same result the matchPhone query returns. */
export type SearchFinished = {
  __typename?: 'SearchFinished';
  result: MatchResult;
  searchId: Scalars['String']['output'];
};

/** What a search was started with, as understood. */
export type SearchRequest = {
  __typename?: 'SearchRequest';
  /** The customer’s city (canonical short name). */
  city?: Maybe<Scalars['String']['output']>;
  /** The customer’s province (canonical short name). */
  province?: Maybe<Scalars['String']['output']>;
  /** The partial number, e.g. 138****1234. */
  query: Scalars['String']['output'];
  /** When the search stops. */
  stopAt: StopAt;
};

/** The search began; the plan says how many candidates each tier has. */
export type SearchStarted = {
  __typename?: 'SearchStarted';
  query: Scalars['String']['output'];
  searchId: Scalars['String']['output'];
  tiers: Array<TierPlan>;
  total: Scalars['Int']['output'];
};

/** Where a started search is in its life. */
export type SearchState =
  /** Over, however it ended (the result’s status says how); kept for the retention period. */
  | 'FINISHED'
  /** Checking candidates; progress moves, result is null. */
  | 'RUNNING';

export type SearchTotals = {
  __typename?: 'SearchTotals';
  cacheHits: Scalars['Int']['output'];
  candidates: Scalars['Int']['output'];
  checked: Scalars['Int']['output'];
  failed: Scalars['Int']['output'];
  withOrders: Scalars['Int']['output'];
};

export type StopAt =
  /** Search every tier. */
  | 'ALL'
  /** Stop, and cancel outstanding checks, at the first number with orders. */
  | 'FIRST_MATCH'
  /** Finish the tier of the first match and return all its matches. */
  | 'TIER';

export type Subscription = {
  __typename?: 'Subscription';
  /** Runs the search and streams its progress; the stream ends after SearchFinished. Leaving cancels the search. */
  matchPhoneEvents: MatchEvent;
  /** Watches a started search: first where it stands (SearchStarted, each tier’s start, newest progress and end, every MatchFound so far, and SearchFinished if it is over), then its events live; ends after SearchFinished. Leaving does not cancel the search. SEARCH_NOT_FOUND for an unknown id or another key’s search. */
  searchEvents: MatchEvent;
};


export type SubscriptionMatchPhoneEventsArgs = {
  input: MatchPhoneInput;
};


export type SubscriptionSearchEventsArgs = {
  id: Scalars['ID']['input'];
};

/** Search tiers, searched in this order. */
export type Tier =
  | 'CITY'
  | 'NATIONAL'
  | 'PROVINCE'
  | 'UNLOCATED';

export type TierFinished = {
  __typename?: 'TierFinished';
  report: TierReport;
  searchId: Scalars['String']['output'];
};

export type TierOutcome =
  | 'CANCELLED'
  | 'COMPLETED'
  | 'NOT_REACHED'
  | 'SKIPPED'
  | 'STOPPED_AT_MATCH'
  | 'TIMED_OUT'
  | 'UPSTREAM_UNAVAILABLE';

export type TierPlan = {
  __typename?: 'TierPlan';
  candidates: Scalars['Int']['output'];
  /** No city (CITY) or province (PROVINCE) was given, or the tier has no candidates. */
  skipped: Scalars['Boolean']['output'];
  tier: Tier;
};

/** At most about ten a second per search, and always one at the end of each tier. */
export type TierProgress = {
  __typename?: 'TierProgress';
  checked: Scalars['Int']['output'];
  failed: Scalars['Int']['output'];
  searchId: Scalars['String']['output'];
  tier: Tier;
  total: Scalars['Int']['output'];
  withOrders: Scalars['Int']['output'];
};

export type TierReport = {
  __typename?: 'TierReport';
  cacheHits: Scalars['Int']['output'];
  candidates: Scalars['Int']['output'];
  checked: Scalars['Int']['output'];
  elapsedMs: Scalars['Float']['output'];
  failed: Scalars['Int']['output'];
  outcome: TierOutcome;
  skipped: Scalars['Boolean']['output'];
  tier: Tier;
  withOrders: Scalars['Int']['output'];
};

export type TierStarted = {
  __typename?: 'TierStarted';
  candidates: Scalars['Int']['output'];
  searchId: Scalars['String']['output'];
  tier: Tier;
};

export type CancelSearchMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type CancelSearchMutation = { __typename?: 'Mutation', cancelSearch: { __typename?: 'Search', id: string, state: SearchState, finishedAt?: string | null, result?: { __typename?: 'MatchResult', status: MatchStatus, note?: string | null } | null } };

export type CandidatePlanQueryVariables = Exact<{
  input: MatchPhoneInput;
}>;


export type CandidatePlanQuery = { __typename?: 'Query', candidatePlan: { __typename?: 'CandidatePlan', query: string, city?: string | null, province?: string | null, total: number, tiers: Array<{ __typename?: 'TierPlan', tier: Tier, candidates: number, skipped: boolean }> } };

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


export const CancelSearchDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CancelSearch"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelSearch"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"result"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"note"}}]}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}}]}}]}}]} as unknown as DocumentNode<CancelSearchMutation, CancelSearchMutationVariables>;
export const CandidatePlanDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CandidatePlan"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MatchPhoneInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"candidatePlan"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"query"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"province"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"tiers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tier"}},{"kind":"Field","name":{"kind":"Name","value":"candidates"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}}]}}]}}]}}]} as unknown as DocumentNode<CandidatePlanQuery, CandidatePlanQueryVariables>;
export const MatchPhoneDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MatchPhone"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MatchPhoneInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"matchPhone"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"searchId"}},{"kind":"Field","name":{"kind":"Name","value":"query"}},{"kind":"Field","name":{"kind":"Name","value":"matches"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"tier"}},{"kind":"Field","name":{"kind":"Name","value":"location"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"province"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"carrier"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"tiers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tier"}},{"kind":"Field","name":{"kind":"Name","value":"candidates"}},{"kind":"Field","name":{"kind":"Name","value":"checked"}},{"kind":"Field","name":{"kind":"Name","value":"withOrders"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"cacheHits"}},{"kind":"Field","name":{"kind":"Name","value":"elapsedMs"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}}]}},{"kind":"Field","name":{"kind":"Name","value":"failedNumbers"}},{"kind":"Field","name":{"kind":"Name","value":"failures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"totals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"candidates"}},{"kind":"Field","name":{"kind":"Name","value":"checked"}},{"kind":"Field","name":{"kind":"Name","value":"withOrders"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"cacheHits"}}]}},{"kind":"Field","name":{"kind":"Name","value":"elapsedMs"}}]}}]}}]} as unknown as DocumentNode<MatchPhoneQuery, MatchPhoneQueryVariables>;
export const MatchPhoneEventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"MatchPhoneEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MatchPhoneInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"matchPhoneEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SearchStarted"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"searchId"}},{"kind":"Field","name":{"kind":"Name","value":"query"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"tiers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tier"}},{"kind":"Field","name":{"kind":"Name","value":"candidates"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TierStarted"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tier"}},{"kind":"Field","name":{"kind":"Name","value":"candidates"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TierProgress"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tier"}},{"kind":"Field","name":{"kind":"Name","value":"checked"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"withOrders"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MatchFound"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"match"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"tier"}},{"kind":"Field","name":{"kind":"Name","value":"location"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"province"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"carrier"}}]}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TierFinished"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"report"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tier"}},{"kind":"Field","name":{"kind":"Name","value":"candidates"}},{"kind":"Field","name":{"kind":"Name","value":"checked"}},{"kind":"Field","name":{"kind":"Name","value":"withOrders"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"cacheHits"}},{"kind":"Field","name":{"kind":"Name","value":"elapsedMs"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SearchFinished"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"result"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"searchId"}},{"kind":"Field","name":{"kind":"Name","value":"matches"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"tier"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tiers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tier"}},{"kind":"Field","name":{"kind":"Name","value":"checked"}},{"kind":"Field","name":{"kind":"Name","value":"withOrders"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}}]}},{"kind":"Field","name":{"kind":"Name","value":"failedNumbers"}},{"kind":"Field","name":{"kind":"Name","value":"elapsedMs"}}]}}]}}]}}]}}]} as unknown as DocumentNode<MatchPhoneEventsSubscription, MatchPhoneEventsSubscriptionVariables>;
export const PhoneLocationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PhoneLocation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"number"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"phoneLocation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"number"},"value":{"kind":"Variable","name":{"kind":"Name","value":"number"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"segment"}},{"kind":"Field","name":{"kind":"Name","value":"allocated"}},{"kind":"Field","name":{"kind":"Name","value":"located"}},{"kind":"Field","name":{"kind":"Name","value":"province"}},{"kind":"Field","name":{"kind":"Name","value":"provinceFullName"}},{"kind":"Field","name":{"kind":"Name","value":"provinceEnglishName"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"cityFullName"}},{"kind":"Field","name":{"kind":"Name","value":"cityEnglishName"}},{"kind":"Field","name":{"kind":"Name","value":"carrier"}},{"kind":"Field","name":{"kind":"Name","value":"carrierEnglishName"}},{"kind":"Field","name":{"kind":"Name","value":"virtualOperator"}},{"kind":"Field","name":{"kind":"Name","value":"zip"}},{"kind":"Field","name":{"kind":"Name","value":"areaCode"}},{"kind":"Field","name":{"kind":"Name","value":"source"}}]}}]}}]} as unknown as DocumentNode<PhoneLocationQuery, PhoneLocationQueryVariables>;
export const RegionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Regions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"regions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"}},{"kind":"Field","name":{"kind":"Name","value":"englishName"}},{"kind":"Field","name":{"kind":"Name","value":"segmentCount"}},{"kind":"Field","name":{"kind":"Name","value":"cities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"}},{"kind":"Field","name":{"kind":"Name","value":"englishName"}},{"kind":"Field","name":{"kind":"Name","value":"segmentCount"}}]}}]}}]}}]} as unknown as DocumentNode<RegionsQuery, RegionsQueryVariables>;
export const SearchDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Search"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"search"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"input"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"query"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"province"}},{"kind":"Field","name":{"kind":"Name","value":"stopAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tier"}},{"kind":"Field","name":{"kind":"Name","value":"candidates"}},{"kind":"Field","name":{"kind":"Name","value":"checked"}},{"kind":"Field","name":{"kind":"Name","value":"withOrders"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}}]}},{"kind":"Field","name":{"kind":"Name","value":"result"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"matches"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"tier"}}]}},{"kind":"Field","name":{"kind":"Name","value":"failedNumbers"}}]}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}}]}}]}}]} as unknown as DocumentNode<SearchQuery, SearchQueryVariables>;
export const SearchEventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"SearchEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"searchEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SearchStarted"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"searchId"}},{"kind":"Field","name":{"kind":"Name","value":"query"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"tiers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tier"}},{"kind":"Field","name":{"kind":"Name","value":"candidates"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TierStarted"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tier"}},{"kind":"Field","name":{"kind":"Name","value":"candidates"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TierProgress"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tier"}},{"kind":"Field","name":{"kind":"Name","value":"checked"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"withOrders"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MatchFound"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"match"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"tier"}},{"kind":"Field","name":{"kind":"Name","value":"location"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"province"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"carrier"}}]}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TierFinished"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"report"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tier"}},{"kind":"Field","name":{"kind":"Name","value":"candidates"}},{"kind":"Field","name":{"kind":"Name","value":"checked"}},{"kind":"Field","name":{"kind":"Name","value":"withOrders"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"cacheHits"}},{"kind":"Field","name":{"kind":"Name","value":"elapsedMs"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SearchFinished"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"result"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"searchId"}},{"kind":"Field","name":{"kind":"Name","value":"matches"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"tier"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tiers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tier"}},{"kind":"Field","name":{"kind":"Name","value":"checked"}},{"kind":"Field","name":{"kind":"Name","value":"withOrders"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}}]}},{"kind":"Field","name":{"kind":"Name","value":"failedNumbers"}},{"kind":"Field","name":{"kind":"Name","value":"elapsedMs"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SearchEventsSubscription, SearchEventsSubscriptionVariables>;
export const StartSearchDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StartSearch"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MatchPhoneInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startSearch"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"input"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"query"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"province"}},{"kind":"Field","name":{"kind":"Name","value":"stopAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}}]}}]}}]} as unknown as DocumentNode<StartSearchMutation, StartSearchMutationVariables>;