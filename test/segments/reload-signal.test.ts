import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, startChildService } from '../support/child-service.ts';
import { leave } from '../support/leftovers.ts';
import { waitFor } from '../support/wait-for.ts';

interface Ready {
  status: string;
  segments: { layers: Array<{ name: string; version: string }> };
}

describe('SIGHUP reloads the segment data of a running process', () => {
  it('takes a changed overlay, keeps the old data when the new file is bad, and says so on /ready, /metrics and in the log', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'phonematch-reload-'));
    leave(() => rmSync(dir, { recursive: true, force: true }));
    const overlay = join(dir, 'overlay.csv');
    writeFileSync(overlay, 'segment,province,city\n1990100,四川,成都\n');
    // node itself (not npm) so the signal reaches the service's own process.
    const service = await startChildService(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: REPO,
      env: { SEGMENTS_OVERLAY_PATH: overlay, AUDIT_DB_PATH: join(dir, 'audit.sqlite') },
    });
    const city = async () => {
      const response = await fetch(service.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ phoneLocation(number: "1990100") { city origin } }' }),
      });
      return ((await response.json()) as { data: { phoneLocation: { city: string; origin: string } } }).data
        .phoneLocation;
    };
    const ready = async () => (await (await fetch(`${service.url}/ready`)).json()) as Ready;
    const overlayVersion = async () => (await ready()).segments.layers.find((l) => l.name === 'overlay')?.version;

    expect(await city()).toEqual({ city: '成都', origin: 'OVERLAY' });
    const layers = (await ready()).segments.layers;
    expect(layers.map((l) => l.name)).toEqual(['libphonenumber', 'shipped', 'overlay']);
    expect(layers[1]!.version).toBe('2004');
    const firstVersion = await overlayVersion();

    writeFileSync(overlay, 'segment,province,city\n1990100,浙江,Hangzhou\n');
    service.child.kill('SIGHUP');
    await waitFor(async () => (await city()).city === '杭州', 'the reload to take the new overlay');
    const secondVersion = await overlayVersion();
    expect(secondVersion).not.toBe(firstVersion);

    writeFileSync(overlay, 'segment,province,city\n1990100,浙江,Hangzhou\n1990101,浙江,\n');
    service.child.kill('SIGHUP');
    await waitFor(() => service.logs.some((l) => l.includes('segment data reload failed')), 'the failed reload’s log');
    const failure = service.logs.find((l) => l.includes('segment data reload failed'))!;
    expect(failure).toContain('line 3');
    expect(await city()).toEqual({ city: '杭州', origin: 'OVERLAY' });
    expect(await overlayVersion()).toBe(secondVersion);
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    expect(metrics).toMatch(/phonematch_segment_reloads_total\{outcome="ok"\} 1/);
    expect(metrics).toMatch(/phonematch_segment_reloads_total\{outcome="failed"\} 1/);
    expect(metrics).toMatch(/phonematch_segment_layer_info\{layer="shipped",version="2004"\} 2/);
    expect(service.child.exitCode).toBeNull();
  });
});
