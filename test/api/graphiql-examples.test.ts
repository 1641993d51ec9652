import { parse, validate } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.ts';
import { createLogger } from '../../src/log/logger.ts';
import { buildSchema } from '../../src/schema/index.ts';
import { graphiqlOptions } from '../../src/server/graphiql.ts';
import { type RunningService, graphiqlExamples, startService } from '../../src/service/start-service.ts';
import { leave } from '../support/leftovers.ts';
import { post } from '../support/http.ts';
import { embeddedIndex } from '../support/segment-data.ts';

describe('GraphiQL examples against the bundled simulator', () => {
  let service: RunningService;
  beforeAll(async () => {
    const config = loadConfig([], { PORT: '0', AUDIT_DB_PATH: 'off', SIM_LATENCY_MS: '0', SIM_JITTER_MS: '0' });
    if (config === 'help') throw new Error('unexpected');
    service = await startService(config, { logger: createLogger({ level: 'silent' }), index: embeddedIndex() });
    leave(() => service.close());
  });

  it('every tab is a valid operation with its inputs written in (GraphiQL ignores tab variables)', () => {
    const schema = buildSchema();
    const tabs = graphiqlOptions(schema, graphiqlExamples(service.index, service.exampleNumbers)).defaultTabs ?? [];
    expect(tabs.length).toBe(5);
    for (const tab of tabs) {
      const document = parse(tab.query!);
      expect(validate(schema, document)).toEqual([]);
      expect(tab.query).not.toContain('$');
    }
  });

  it('the match example finds its number in the CITY tier', async () => {
    const schema = buildSchema();
    const [matchTab] =
      graphiqlOptions(schema, graphiqlExamples(service.index, service.exampleNumbers)).defaultTabs ?? [];
    const { json } = await post<{ matchPhone: { status: string; matches: Array<{ phone: string; tier: string }> } }>(
      service.graphqlUrl,
      { query: matchTab!.query },
    );
    expect(json.data!.matchPhone.status).toBe('MATCHED');
    expect(json.data!.matchPhone.matches).toEqual([
      expect.objectContaining({ phone: service.exampleNumbers[0], tier: 'CITY' }),
    ]);
  });
});
