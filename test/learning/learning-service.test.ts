import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { MatchPhoneDocument } from '../../schema/generated/graphql.ts';
import { leave } from '../support/leftovers.ts';
import { type TestService, startTestService } from '../support/test-service.ts';

// 199 has no place in the embedded data: every 199 number is UNLOCATED, checked last, segment by segment.
const FIRST = '19902801234';
const SECOND = '19902805678';
const LOCATION = parse(`query ($number: String!) { phoneLocation(number: $number) { city origin evidence } }`);

async function matchInChengdu(service: TestService, suffix: string) {
  const response = await service.graphql(MatchPhoneDocument, {
    input: { prefix: '199', suffix, city: '成都', stopAt: 'FIRST_MATCH' },
  });
  expect(response.errors).toBeUndefined();
  const result = response.data!.matchPhone;
  expect(result.status).toBe('MATCHED');
  return { tier: result.matches[0]!.tier, checked: result.totals.checked };
}

async function location(service: TestService) {
  const response = await service.graphql<{ phoneLocation: unknown }, { number: string }>(LOCATION, {
    number: '1990280',
  });
  return response.data!.phoneLocation;
}

function auditPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'phonematch-learning-'));
  leave(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'audit.sqlite');
}

describe('learned places in the running service', () => {
  it('a match teaches its segment’s city: phoneLocation says LEARNED, and after a restart the next number there is checked first', async () => {
    const env = { AUDIT_DB_PATH: auditPath(), LEARN_PLACES: 'on' };
    const first = await startTestService({ simulator: { numbers: new Set([FIRST, SECOND]) }, env });
    const before = await matchInChengdu(first, '1234');
    expect(before.tier).toBe('UNLOCATED');
    expect(before.checked).toBeGreaterThan(100);
    await first.learner!.settled();
    expect(await location(first)).toEqual({ city: '成都', origin: 'LEARNED', evidence: 1 });
    await first.close();

    const restarted = await startTestService({ simulator: { numbers: new Set([FIRST, SECOND]) }, env });
    expect(await location(restarted)).toEqual({ city: '成都', origin: 'LEARNED', evidence: 1 });
    expect(await matchInChengdu(restarted, '5678')).toEqual({ tier: 'CITY', checked: 1 });
  });

  it('LEARN_PLACES=off records and uses nothing', async () => {
    const service = await startTestService({
      simulator: { numbers: new Set([FIRST, SECOND]) },
      env: { AUDIT_DB_PATH: auditPath(), LEARN_PLACES: 'off' },
    });
    expect(service.learner).toBeUndefined();
    await matchInChengdu(service, '1234');
    expect(await location(service)).toEqual({ city: null, origin: null, evidence: 0 });
    const again = await matchInChengdu(service, '5678');
    expect(again.tier).toBe('UNLOCATED');
    expect(again.checked).toBeGreaterThan(100);
  });
});
