import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { GraphiQLOptions } from 'graphql-yoga';

const OPERATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'schema', 'operations');

export interface GraphiQLExamples {
  /** Variables for the match examples, e.g. a number the embedded simulator has orders for. */
  matchInput: Record<string, unknown>;
  lookupNumber: string;
}

function operation(name: string): string {
  return readFileSync(join(OPERATIONS_DIR, `${name}.graphql`), 'utf8');
}

/** GraphiQL opened on the committed example operations, with variables that work right away. */
export function graphiqlOptions(examples: GraphiQLExamples): GraphiQLOptions {
  const input = JSON.stringify({ input: examples.matchInput }, null, 2);
  return {
    title: 'phonematch',
    subscriptionsProtocol: 'WS',
    defaultTabs: [
      { query: operation('MatchPhone'), variables: input },
      { query: operation('MatchPhoneEvents'), variables: input },
      { query: operation('CandidatePlan'), variables: input },
      { query: operation('PhoneLocation'), variables: JSON.stringify({ number: examples.lookupNumber }, null, 2) },
      { query: operation('Regions') },
    ],
  };
}

/**
 * GraphiQL served with its assets inline (the machines have no internet for a CDN). The page is
 * about 9 MB, so it is rendered once per set of options rather than per request.
 */
export function offlineGraphiQL(): (options?: GraphiQLOptions) => string {
  const rendered = new Map<string, string>();
  return (options) => {
    const key = JSON.stringify(options ?? {});
    let html = rendered.get(key);
    if (html === undefined) {
      html = renderGraphiQL(options);
      rendered.set(key, html);
    }
    return html;
  };
}
