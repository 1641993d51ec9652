import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../src/log/logger.ts';
import { runOperation, wsClient } from '../support/clients.ts';
import { startTestService } from '../support/test-service.ts';
import { waitFor } from '../support/wait-for.ts';

/** Limits low enough to refuse the small operations below, high enough for the running search's. */
const LIMITS = { MAX_DEPTH: '4', MAX_COST: '60', MAX_TOKENS: '200' };

/** 100 candidates, 2 at a time at 50 ms: still running while the refused operations are sent. */
const RUNNING_SEARCH = `subscription {
  matchPhoneEvents(input: { prefix: "13805711", suffix: "1" }) {
    __typename
    ... on SearchFinished { result { status } }
  }
}`;

const REFUSED: Array<[string, string, string, string?]> = [
  [
    'too many aliases',
    '{ a: regions { name } b: regions { name } c: regions { name } d: regions { name } e: regions { name } f: regions { name } }',
    'OPERATION_LIMIT',
    'maxAliases',
  ],
  [
    'too many directives',
    `{ regions { ${'name @include(if: true) '.repeat(11)}} }`,
    'OPERATION_LIMIT',
    'maxDirectives',
  ],
  [
    'too deep (and a search that must never start)',
    '{ matchPhone(input: { prefix: "138", suffix: "1234" }) { ... on MatchResult { matches { location { city } } } } }',
    'OPERATION_LIMIT',
    'maxDepth',
  ],
  [
    'too costly',
    `{ ${['a', 'b', 'c', 'd', 'e'].map((a) => `${a}: regions { name fullName cities { name fullName province } }`).join(' ')} }`,
    'OPERATION_LIMIT',
    'maxCost',
  ],
  ['too many tokens', `{ regions { ${'name '.repeat(250)}} }`, 'OPERATION_LIMIT', 'maxTokens'],
  ['not valid', '{ regions { nope } }', 'GRAPHQL_VALIDATION_FAILED'],
  ['not parseable', '{ regions {', 'GRAPHQL_PARSE_FAILED'],
  [
    'two operations, none named',
    'query A { regions { name } } query B { regions { name } }',
    'GRAPHQL_VALIDATION_FAILED',
  ],
];

afterEach(() => {
  vi.restoreAllMocks();
});

describe('refusals over graphql-ws', () => {
  it('are an error message for that operation, with extensions.code; the socket and its running search go on; nothing is printed', async () => {
    const logLines: string[] = [];
    const service = await startTestService({
      simulator: { latencyMs: 50 },
      env: { ...LIMITS, CHECK_CONCURRENCY: '2' },
      logger: createLogger({ level: 'info', destination: { write: (line: string) => logLines.push(line) } }),
    });
    const { simulator } = service;
    // Anything printed outside the structured log (graphql-ws prints thrown errors with console.error).
    const printed = [
      vi.spyOn(console, 'error'),
      vi.spyOn(console, 'warn'),
      vi.spyOn(console, 'log'),
      vi.spyOn(console, 'info'),
      vi.spyOn(process.stdout, 'write'),
      vi.spyOn(process.stderr, 'write'),
    ];

    const client = wsClient(service.graphqlUrl);
    let closed: unknown;
    client.on('closed', (event) => (closed = event));
    const search = runOperation(client, RUNNING_SEARCH);
    await waitFor(() => simulator.stats().requests > 0, 'the search to start');

    for (const [what, query, code, limit] of REFUSED) {
      const outcome = await runOperation(client, query);
      expect(outcome.errors, what).toHaveLength(1);
      const [error] = outcome.errors!;
      expect(error?.extensions, what).toMatchObject({ code, ...(limit ? { limit } : {}) });
      expect(error?.extensions, what).not.toHaveProperty('http');
    }

    // Bad input is found while executing: the operation's result carries it, as over HTTP.
    const badInput = await runOperation(
      client,
      'subscription { matchPhoneEvents(input: { prefix: "139", suffix: "x" }) { __typename } }',
    );
    expect(badInput.next).toMatchObject([{ errors: [{ extensions: { code: 'BAD_USER_INPUT', field: 'suffix' } }] }]);

    expect(service.engine.activeSearches).toBe(1);
    const finished = await search;
    expect(closed).toBeUndefined();
    expect(finished.next?.at(-1)).toMatchObject({
      data: { matchPhoneEvents: { __typename: 'SearchFinished', result: { status: 'NOT_FOUND' } } },
    });
    // The too-deep search never reached the order service: only the running search's numbers were asked.
    expect(simulator.requestLog.every((entry) => entry.phone.startsWith('13805711'))).toBe(true);
    await client.dispose();

    for (const spy of printed) expect(spy).not.toHaveBeenCalled();
    for (const line of logLines) expect(() => JSON.parse(line) as unknown).not.toThrow();
  });
});
