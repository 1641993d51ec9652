import { readFileSync } from 'node:fs';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../../codegen.ts';

describe('schema/generated', () => {
  it('is what `npm run codegen` makes from the committed schema and operations', async () => {
    const outputs = (await generate(
      { ...config, silent: true, cwd: new URL('../..', import.meta.url).pathname },
      false,
    )) as Array<{ filename: string; content: string }>;
    expect(outputs.length).toBeGreaterThan(0);
    for (const { filename, content } of outputs) {
      const committed = readFileSync(
        new URL(`../../${filename.replace(/^.*?schema\/generated\//, 'schema/generated/')}`, import.meta.url),
        'utf8',
      );
      expect(committed, `${filename} is stale: run npm run codegen`).toBe(content);
    }
  });
});
