import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { MatchPhoneDocument, documentIdOf, persistedRequest } from '../../client/index.ts';
import { post } from '../support/http.ts';
import { type TestService, startTestService } from '../support/test-service.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('phonematch/client', () => {
  it('resolves by package name (the exports entry), with the typed documents and their ids', () => {
    // A workspace frontend imports it by name; Node resolves the package's own exports the same way.
    const script = `
      const client = await import('phonematch/client');
      const manifest = (await import('phonematch/persisted-documents.json', { with: { type: 'json' } })).default;
      const id = client.documentIdOf(client.MatchPhoneEventsDocument);
      console.log(JSON.stringify({ id, known: id in manifest, hasGraphql: typeof client.graphql }));`;
    const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', script], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(JSON.parse(output)).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{64}$/),
      known: true,
      hasGraphql: 'function',
    });
  });

  it('documentIdOf refuses a document that is not generated', () => {
    expect(() => documentIdOf({ kind: 'Document', definitions: [] })).toThrow(/__meta__/);
  });

  describe('against the service', () => {
    let running: TestService;
    beforeAll(async () => {
      running = await startTestService({ env: { PERSISTED_OPERATIONS: 'only' } });
    });

    it('persistedRequest is a body the service runs with PERSISTED_OPERATIONS=only', async () => {
      const { json } = await post<{ matchPhone: { status: string } }>(
        running.graphqlUrl,
        persistedRequest(MatchPhoneDocument, { input: { prefix: '1380571', suffix: '1' } }),
      );
      expect(json.errors).toBeUndefined();
      expect(json.data?.matchPhone.status).toBe('NOT_FOUND');
    });
  });
});
