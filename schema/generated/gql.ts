/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query CandidatePlan($input: MatchPhoneInput!) {\n  candidatePlan(input: $input) {\n    query\n    city\n    province\n    total\n    tiers {\n      tier\n      candidates\n      skipped\n    }\n  }\n}": typeof types.CandidatePlanDocument,
    "query MatchPhone($input: MatchPhoneInput!) {\n  matchPhone(input: $input) {\n    status\n    note\n    searchId\n    query\n    matches {\n      phone\n      tier\n      location {\n        province\n        city\n        carrier\n      }\n    }\n    tiers {\n      tier\n      candidates\n      checked\n      withOrders\n      failed\n      cacheHits\n      elapsedMs\n      skipped\n      outcome\n    }\n    failedNumbers\n    failures {\n      reason\n      count\n    }\n    totals {\n      candidates\n      checked\n      withOrders\n      failed\n      cacheHits\n    }\n    elapsedMs\n  }\n}": typeof types.MatchPhoneDocument,
    "subscription MatchPhoneEvents($input: MatchPhoneInput!) {\n  matchPhoneEvents(input: $input) {\n    __typename\n    ... on SearchStarted {\n      searchId\n      query\n      total\n      tiers {\n        tier\n        candidates\n        skipped\n      }\n    }\n    ... on TierStarted {\n      tier\n      candidates\n    }\n    ... on TierProgress {\n      tier\n      checked\n      total\n      failed\n      withOrders\n    }\n    ... on MatchFound {\n      match {\n        phone\n        tier\n        location {\n          province\n          city\n          carrier\n        }\n      }\n    }\n    ... on TierFinished {\n      report {\n        tier\n        candidates\n        checked\n        withOrders\n        failed\n        cacheHits\n        elapsedMs\n        skipped\n        outcome\n      }\n    }\n    ... on SearchFinished {\n      result {\n        status\n        note\n        searchId\n        matches {\n          phone\n          tier\n        }\n        tiers {\n          tier\n          checked\n          withOrders\n          failed\n          skipped\n          outcome\n        }\n        failedNumbers\n        elapsedMs\n      }\n    }\n  }\n}": typeof types.MatchPhoneEventsDocument,
    "query PhoneLocation($number: String!) {\n  phoneLocation(number: $number) {\n    segment\n    allocated\n    located\n    province\n    provinceFullName\n    provinceEnglishName\n    city\n    cityFullName\n    cityEnglishName\n    carrier\n    carrierEnglishName\n    virtualOperator\n    zip\n    areaCode\n    source\n  }\n}": typeof types.PhoneLocationDocument,
    "query Regions {\n  regions {\n    name\n    fullName\n    englishName\n    segmentCount\n    cities {\n      name\n      fullName\n      englishName\n      segmentCount\n    }\n  }\n}": typeof types.RegionsDocument,
};
const documents: Documents = {
    "query CandidatePlan($input: MatchPhoneInput!) {\n  candidatePlan(input: $input) {\n    query\n    city\n    province\n    total\n    tiers {\n      tier\n      candidates\n      skipped\n    }\n  }\n}": types.CandidatePlanDocument,
    "query MatchPhone($input: MatchPhoneInput!) {\n  matchPhone(input: $input) {\n    status\n    note\n    searchId\n    query\n    matches {\n      phone\n      tier\n      location {\n        province\n        city\n        carrier\n      }\n    }\n    tiers {\n      tier\n      candidates\n      checked\n      withOrders\n      failed\n      cacheHits\n      elapsedMs\n      skipped\n      outcome\n    }\n    failedNumbers\n    failures {\n      reason\n      count\n    }\n    totals {\n      candidates\n      checked\n      withOrders\n      failed\n      cacheHits\n    }\n    elapsedMs\n  }\n}": types.MatchPhoneDocument,
    "subscription MatchPhoneEvents($input: MatchPhoneInput!) {\n  matchPhoneEvents(input: $input) {\n    __typename\n    ... on SearchStarted {\n      searchId\n      query\n      total\n      tiers {\n        tier\n        candidates\n        skipped\n      }\n    }\n    ... on TierStarted {\n      tier\n      candidates\n    }\n    ... on TierProgress {\n      tier\n      checked\n      total\n      failed\n      withOrders\n    }\n    ... on MatchFound {\n      match {\n        phone\n        tier\n        location {\n          province\n          city\n          carrier\n        }\n      }\n    }\n    ... on TierFinished {\n      report {\n        tier\n        candidates\n        checked\n        withOrders\n        failed\n        cacheHits\n        elapsedMs\n        skipped\n        outcome\n      }\n    }\n    ... on SearchFinished {\n      result {\n        status\n        note\n        searchId\n        matches {\n          phone\n          tier\n        }\n        tiers {\n          tier\n          checked\n          withOrders\n          failed\n          skipped\n          outcome\n        }\n        failedNumbers\n        elapsedMs\n      }\n    }\n  }\n}": types.MatchPhoneEventsDocument,
    "query PhoneLocation($number: String!) {\n  phoneLocation(number: $number) {\n    segment\n    allocated\n    located\n    province\n    provinceFullName\n    provinceEnglishName\n    city\n    cityFullName\n    cityEnglishName\n    carrier\n    carrierEnglishName\n    virtualOperator\n    zip\n    areaCode\n    source\n  }\n}": types.PhoneLocationDocument,
    "query Regions {\n  regions {\n    name\n    fullName\n    englishName\n    segmentCount\n    cities {\n      name\n      fullName\n      englishName\n      segmentCount\n    }\n  }\n}": types.RegionsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CandidatePlan($input: MatchPhoneInput!) {\n  candidatePlan(input: $input) {\n    query\n    city\n    province\n    total\n    tiers {\n      tier\n      candidates\n      skipped\n    }\n  }\n}"): (typeof documents)["query CandidatePlan($input: MatchPhoneInput!) {\n  candidatePlan(input: $input) {\n    query\n    city\n    province\n    total\n    tiers {\n      tier\n      candidates\n      skipped\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MatchPhone($input: MatchPhoneInput!) {\n  matchPhone(input: $input) {\n    status\n    note\n    searchId\n    query\n    matches {\n      phone\n      tier\n      location {\n        province\n        city\n        carrier\n      }\n    }\n    tiers {\n      tier\n      candidates\n      checked\n      withOrders\n      failed\n      cacheHits\n      elapsedMs\n      skipped\n      outcome\n    }\n    failedNumbers\n    failures {\n      reason\n      count\n    }\n    totals {\n      candidates\n      checked\n      withOrders\n      failed\n      cacheHits\n    }\n    elapsedMs\n  }\n}"): (typeof documents)["query MatchPhone($input: MatchPhoneInput!) {\n  matchPhone(input: $input) {\n    status\n    note\n    searchId\n    query\n    matches {\n      phone\n      tier\n      location {\n        province\n        city\n        carrier\n      }\n    }\n    tiers {\n      tier\n      candidates\n      checked\n      withOrders\n      failed\n      cacheHits\n      elapsedMs\n      skipped\n      outcome\n    }\n    failedNumbers\n    failures {\n      reason\n      count\n    }\n    totals {\n      candidates\n      checked\n      withOrders\n      failed\n      cacheHits\n    }\n    elapsedMs\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription MatchPhoneEvents($input: MatchPhoneInput!) {\n  matchPhoneEvents(input: $input) {\n    __typename\n    ... on SearchStarted {\n      searchId\n      query\n      total\n      tiers {\n        tier\n        candidates\n        skipped\n      }\n    }\n    ... on TierStarted {\n      tier\n      candidates\n    }\n    ... on TierProgress {\n      tier\n      checked\n      total\n      failed\n      withOrders\n    }\n    ... on MatchFound {\n      match {\n        phone\n        tier\n        location {\n          province\n          city\n          carrier\n        }\n      }\n    }\n    ... on TierFinished {\n      report {\n        tier\n        candidates\n        checked\n        withOrders\n        failed\n        cacheHits\n        elapsedMs\n        skipped\n        outcome\n      }\n    }\n    ... on SearchFinished {\n      result {\n        status\n        note\n        searchId\n        matches {\n          phone\n          tier\n        }\n        tiers {\n          tier\n          checked\n          withOrders\n          failed\n          skipped\n          outcome\n        }\n        failedNumbers\n        elapsedMs\n      }\n    }\n  }\n}"): (typeof documents)["subscription MatchPhoneEvents($input: MatchPhoneInput!) {\n  matchPhoneEvents(input: $input) {\n    __typename\n    ... on SearchStarted {\n      searchId\n      query\n      total\n      tiers {\n        tier\n        candidates\n        skipped\n      }\n    }\n    ... on TierStarted {\n      tier\n      candidates\n    }\n    ... on TierProgress {\n      tier\n      checked\n      total\n      failed\n      withOrders\n    }\n    ... on MatchFound {\n      match {\n        phone\n        tier\n        location {\n          province\n          city\n          carrier\n        }\n      }\n    }\n    ... on TierFinished {\n      report {\n        tier\n        candidates\n        checked\n        withOrders\n        failed\n        cacheHits\n        elapsedMs\n        skipped\n        outcome\n      }\n    }\n    ... on SearchFinished {\n      result {\n        status\n        note\n        searchId\n        matches {\n          phone\n          tier\n        }\n        tiers {\n          tier\n          checked\n          withOrders\n          failed\n          skipped\n          outcome\n        }\n        failedNumbers\n        elapsedMs\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PhoneLocation($number: String!) {\n  phoneLocation(number: $number) {\n    segment\n    allocated\n    located\n    province\n    provinceFullName\n    provinceEnglishName\n    city\n    cityFullName\n    cityEnglishName\n    carrier\n    carrierEnglishName\n    virtualOperator\n    zip\n    areaCode\n    source\n  }\n}"): (typeof documents)["query PhoneLocation($number: String!) {\n  phoneLocation(number: $number) {\n    segment\n    allocated\n    located\n    province\n    provinceFullName\n    provinceEnglishName\n    city\n    cityFullName\n    cityEnglishName\n    carrier\n    carrierEnglishName\n    virtualOperator\n    zip\n    areaCode\n    source\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Regions {\n  regions {\n    name\n    fullName\n    englishName\n    segmentCount\n    cities {\n      name\n      fullName\n      englishName\n      segmentCount\n    }\n  }\n}"): (typeof documents)["query Regions {\n  regions {\n    name\n    fullName\n    englishName\n    segmentCount\n    cities {\n      name\n      fullName\n      englishName\n      segmentCount\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;