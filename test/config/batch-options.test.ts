import { describe, expect, it } from 'vitest';
import { resolveCheckerConfig } from '../../src/checker/index.ts';
import { helpText } from '../../src/config/config.ts';
import { checkerConfigFrom } from '../../src/service/order-service-config.ts';
import { configProblems, loadTestConfig } from '../support/config.ts';

const ORDERS_URL = 'http://127.0.0.1:4001/orders?phone={phone}';
const BATCH_URL = 'http://127.0.0.1:4001/orders/batch';

// The batch contract extends the per-number one: every case has an ORDERS_URL.
const load = (env: Record<string, string>, argv: string[] = []) => loadTestConfig({ ORDERS_URL, ...env }, argv);
const problems = (env: Record<string, string>) => configProblems({ ORDERS_URL, ...env });

describe('batch contract options', () => {
  it('leaves the batch contract off without ORDERS_BATCH_URL', () => {
    expect(load({ ORDERS_BATCH_SIZE: '10' }).orders.batch).toBeUndefined();
    expect(resolveCheckerConfig(checkerConfigFrom(load({}), ORDERS_URL)).batch).toBeUndefined();
  });

  it('turns it on with ORDERS_BATCH_URL, on the documented defaults, sharing the per-number credentials', () => {
    const config = load({ ORDERS_BATCH_URL: BATCH_URL, ORDERS_COOKIE: 'tok', ORDERS_HEADERS: '{"X-Api-Key":"k"}' });
    const checker = resolveCheckerConfig(checkerConfigFrom(config, ORDERS_URL));
    expect(checker.batch).toEqual({
      url: BATCH_URL,
      bodyTemplate: '{"phones":{phones}}',
      size: 50,
      resultsPath: '',
      phoneField: '',
    });
    expect(checker.orderService).toMatchObject({ sessionToken: 'tok', headers: { 'X-Api-Key': 'k' } });
  });

  it('reads every batch setting from the environment, and flags win', () => {
    const config = load(
      {
        ORDERS_BATCH_URL: BATCH_URL,
        ORDERS_BATCH_BODY: '{"query":{"numbers":{phones}}}',
        ORDERS_BATCH_SIZE: '200',
        ORDERS_BATCH_RESULTS_PATH: 'data.results',
        ORDERS_BATCH_PHONE_FIELD: 'msisdn',
      },
      ['--orders-batch-size', '10'],
    );
    expect(resolveCheckerConfig(checkerConfigFrom(config, ORDERS_URL)).batch).toEqual({
      url: BATCH_URL,
      bodyTemplate: '{"query":{"numbers":{phones}}}',
      size: 10,
      resultsPath: 'data.results',
      phoneField: 'msisdn',
    });
  });

  it('reports bad batch settings at start, without echoing the URL', () => {
    const found = problems({
      ORDERS_BATCH_URL: 'not a url?token=secret-in-url',
      ORDERS_BATCH_BODY: '{"phones":[]}',
      ORDERS_BATCH_SIZE: '0',
    });
    expect(found).toHaveLength(3);
    expect(found.join('\n')).toMatch(/ORDERS_BATCH_URL \/ --orders-batch-url = \(hidden\)/);
    expect(found.join('\n')).toMatch(/ORDERS_BATCH_BODY .*must contain \{phones\}/);
    expect(found.join('\n')).toMatch(/ORDERS_BATCH_SIZE/);
    expect(found.join('\n')).not.toContain('secret-in-url');
    expect(problems({ ORDERS_BATCH_BODY: '{"phones":{phones}' })[0]).toMatch(/not JSON once \{phones\} is replaced/);
  });

  it('--help lists the batch settings with their defaults', () => {
    const help = helpText();
    expect(help).toMatch(/--orders-batch-size <value>\s+ORDERS_BATCH_SIZE\s+.*\(default: 50\)/);
    expect(help).toMatch(/ORDERS_BATCH_BODY\s+.*\(default: \{"phones":\{phones\}\}\)/);
  });
});
