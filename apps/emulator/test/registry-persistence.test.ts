/**
 * An emulator on an SQLite file keeps its registries' images beside the file: started again on
 * the same file, the tags it kept still pull (before, the images were in a temporary directory
 * and went at stop, leaving tags whose pulls answered MANIFEST_UNKNOWN).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ociLayout, skopeo, type OciLayout } from '@swr-dashboard/test-support';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  DEMO_CREDENTIALS,
  defaultRegions,
  longTermPassword,
  startEmulator,
  type RunningEmulator,
} from '../src/index';

const REGION = 'cn-north-4';
const directory = mkdtempSync(join(tmpdir(), 'swr-emulator-registry-file-'));
const database = join(directory, 'emulator.sqlite');
const creds = `${REGION}@${DEMO_CREDENTIALS.ak}:${longTermPassword(DEMO_CREDENTIALS.ak, DEMO_CREDENTIALS.sk)}`;
let layout: OciLayout;

function start(): Promise<RunningEmulator> {
  return startEmulator({
    seed: 'demo',
    config: { database, regions: defaultRegions(0), registry: { enabled: true, port: 0 } },
  });
}

function hostOf(emulator: RunningEmulator): string {
  const door = emulator.registries.find((registry) => registry.id === REGION);
  if (door === undefined) throw new Error('no front door');
  return door.host;
}

beforeAll(async () => {
  layout = await ociLayout();
  await layout.build('v1', { layers: [{ 'kept.txt': 'kept across a restart\n' }] });
}, 60_000);

afterAll(() => {
  layout.remove();
  rmSync(directory, { recursive: true, force: true });
});

it('serves the images its tags name after a restart on the same file', async () => {
  const first = await start();
  let digest: string | undefined;
  try {
    const target = `docker://${hostOf(first)}/payments/kept:v1`;
    const pushed = await skopeo([
      'copy',
      '--dest-tls-verify=false',
      '--dest-creds',
      creds,
      layout.ref('v1'),
      target,
    ]);
    expect(pushed.code, pushed.stderr).toBe(0);
    const inspected = await skopeo(['inspect', '--tls-verify=false', '--creds', creds, target]);
    digest = (JSON.parse(inspected.stdout) as { Digest: string }).Digest;
  } finally {
    await first.close();
  }
  expect(existsSync(join(`${database}-registry`, REGION))).toBe(true);

  const second = await start();
  try {
    expect(second.seeded).toBe(false);
    const target = `docker://${hostOf(second)}/payments/kept:v1`;
    const inspected = await skopeo(['inspect', '--tls-verify=false', '--creds', creds, target]);
    expect(inspected.code, inspected.stderr).toBe(0);
    expect((JSON.parse(inspected.stdout) as { Digest: string }).Digest).toBe(digest);
  } finally {
    await second.close();
  }
});
