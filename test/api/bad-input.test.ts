import { print } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { MatchPhoneDocument, MatchPhoneEventsDocument, type MatchPhoneInput } from '../../schema/generated/graphql.ts';
import { BAD_SEARCH_INPUTS } from '../support/bad-inputs.ts';
import { wsClient } from '../support/clients.ts';
import { type TestService, startTestService } from '../support/test-service.ts';

describe('bad input through the API: a clear BAD_USER_INPUT, never a crash, a hang or an empty answer', () => {
  let running: TestService;
  beforeAll(async () => {
    running = await startTestService({ env: { SEARCHES_PER_MINUTE_PER_KEY: '100000' } });
  });

  it.each(BAD_SEARCH_INPUTS)('matchPhone: %s', async (_name, input, field, reason) => {
    const { data, errors } = await running.graphql(MatchPhoneDocument, { input: input as MatchPhoneInput });
    expect(data).toBeNull();
    expect(errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field,
      reason,
      accepted: expect.any(String),
    });
    expect(running.simulator.stats().requests).toBe(0);
  });

  it.each(BAD_SEARCH_INPUTS)('matchPhoneEvents over WebSocket: %s', async (_name, input, field, reason) => {
    const client = wsClient(running.graphqlUrl);
    try {
      const first = await client.iterate({ query: print(MatchPhoneEventsDocument), variables: { input } }).next();
      expect(first.value?.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field, reason });
    } finally {
      await client.dispose();
    }
    expect(running.simulator.stats().requests).toBe(0);
  });
});
