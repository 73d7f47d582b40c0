/**
 * The registry front doors (src/registry) with real parts: CNCF Distribution behind each
 * region's door, images built with umoci and pushed and read with skopeo, logging in with what
 * SWR's API hands out. A push is a push (the tag, its real digest and manifest, the trigger it
 * sets off), a sync copies the image to the other region's registry, deletes and retention
 * delete it from the registry, and only the logins and permissions SWR has open it.
 */
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { DEMO_ACCOUNT, demoAccounts, stableId } from '@swr-dashboard/emulator-fixtures';
import type { SwrClient } from '@swr-dashboard/swr-client';
import { dockerLogin, ociLayout, skopeo, type OciLayout } from '@swr-dashboard/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { longTermPassword, type RunningRegistry } from '../src/index';
import { EAST, MAIN, startTestEmulator, type TestEmulator } from './support/emulator';

const HOUR = 60 * 60 * 1000;
let now = Date.parse('2026-06-01T00:00:00Z');

/** A keyed IAM user of the demo account who is not its administrator. */
const CI_BOT = { ak: 'EMULATORCIBOTAK00001', sk: 'emulator-ci-bot-sk-000000000000000000001' };
const CI_BOT_ID = stableId('user', DEMO_ACCOUNT, 'ci-bot');

let fixture: TestEmulator;
let north: SwrClient;
let east: SwrClient;
let layout: OciLayout;

function door(region = MAIN): RunningRegistry {
  const found = fixture.emulator.registries.find((candidate) => candidate.id === region);
  if (found === undefined) throw new Error(`no registry front door for ${region}`);
  return found;
}

function longTerm(region = MAIN, key: { ak: string; sk: string } = fixture.credentials(region)) {
  return `${region}@${key.ak}:${longTermPassword(key.ak, key.sk)}`;
}

/** Pushes a layout's tag to `path:tag` through the region's front door. */
function push(tag: string, path: string, creds: string, region = MAIN, all = false) {
  return skopeo([
    'copy',
    ...(all ? ['--all'] : []),
    '--dest-tls-verify=false',
    '--dest-creds',
    creds,
    layout.ref(tag),
    `docker://${door(region).host}/${path}`,
  ]);
}

/** skopeo's `inspect` of `path:tag` through the front door (`--raw`: the manifest). */
function inspect(path: string, creds: string, region = MAIN, raw = false) {
  return skopeo([
    'inspect',
    ...(raw ? ['--raw'] : []),
    '--tls-verify=false',
    '--creds',
    creds,
    `docker://${door(region).host}/${path}`,
  ]);
}

async function repository(client: SwrClient, namespace: string, name: string) {
  const existing = await client.listNamespaces({ query: { namespace } });
  if (!existing.namespaces.some((ns) => ns.name === namespace)) {
    await client.createNamespace({ body: { namespace } });
  }
  await client.createRepo({
    params: { namespace },
    body: { repository: name, is_public: false, category: 'app_server' },
  });
}

async function tagOf(client: SwrClient, namespace: string, repository: string, tag: string) {
  const page = await client.listRepositoryTags({
    params: { namespace, repository },
    query: { tag, limit: 100, offset: 0, order_column: 'tag', order_type: 'asc' },
  });
  return page.items.find((entry) => entry.Tag === tag);
}

/** A manifest's status straight from the region's registry server, around the front door. */
function registryStatus(region: string, path: string, reference: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({
      socketPath: door(region).socket,
      method: 'HEAD',
      path: `/v2/${path}/manifests/${reference}`,
      headers: { Accept: 'application/vnd.oci.image.manifest.v1+json' },
    });
    req.once('error', reject);
    req.once('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.end();
  });
}

beforeAll(async () => {
  const accounts = demoAccounts();
  const [demo] = accounts;
  demo?.users.push({
    id: CI_BOT_ID,
    name: 'ci-bot',
    credentials: [CI_BOT],
    enabled: true,
    canListUsers: false,
    canReadClusters: false,
  });
  fixture = await startTestEmulator({
    clock: () => new Date(now),
    config: { registry: { enabled: true, port: 0 }, accounts },
  });
  north = fixture.client(MAIN);
  east = fixture.client(EAST);
  layout = await ociLayout();
  await layout.build('v1', {
    layers: [{ 'app/run': '#!/bin/sh\necho one\n' }, { 'app/data.txt': 'first image\n' }],
    entrypoint: '/app/run',
    cmd: 'serve',
    env: { MODE: 'production' },
    labels: { team: 'payments' },
    exposedPorts: ['8080/tcp'],
  });
  await layout.build('v2', { layers: [{ 'app/data.txt': 'second image\n' }] });
  await layout.build('amd64', { layers: [{ 'arch.txt': 'amd64\n' }], architecture: 'amd64' });
  await layout.build('arm64', { layers: [{ 'arch.txt': 'arm64\n' }], architecture: 'arm64' });
  layout.index('multi', ['amd64', 'arm64']);
}, 60_000);

afterAll(async () => {
  await fixture.close();
  layout.remove();
});

describe('a push through the front door', () => {
  it('with the temporary login SWR hands out, is a push: the real digest, size and manifest, and the trigger it sets off', async () => {
    await repository(north, 'reg-push', 'app');
    const params = { namespace: 'reg-push', repository: 'app' };
    await north.createTrigger({
      params,
      body: {
        action: 'update',
        app_type: 'deployments',
        application: 'web',
        cluster_ns: 'default',
        cluster_id: stableId('cluster', MAIN, 'prod'),
        enable: 'true',
        name: 'on-push',
        trigger_type: 'all',
        condition: '.*',
      },
    });
    const login = await north.createSecret({ query: { projectname: MAIN } });
    const { user, password, registry } = dockerLogin(login.command);
    expect(registry).toBe(door().host);
    const pushed = await push('v1', 'reg-push/app:v1', `${user}:${password}`);
    expect(pushed.code, pushed.stderr).toBe(0);

    const raw = await inspect('reg-push/app:v1', `${user}:${password}`, MAIN, true);
    expect(raw.code, raw.stderr).toBe(0);
    const manifest = JSON.parse(raw.stdout) as {
      config: { size: number };
      layers: { size: number }[];
    };
    const tag = await tagOf(north, 'reg-push', 'app', 'v1');
    expect(tag?.digest).toBe(`sha256:${createHash('sha256').update(raw.stdout).digest('hex')}`);
    expect(JSON.parse(tag?.manifest ?? '{}')).toEqual(manifest);
    expect(manifest.layers).toHaveLength(2);
    const size = manifest.config.size + manifest.layers.reduce((sum, layer) => sum + layer.size, 0);
    expect(tag?.size).toBe(size);
    const trigger = await north.showTrigger({ params: { ...params, trigger: 'on-push' } });
    expect(trigger.trigger_history.map((entry) => [entry.tag, entry.result])).toEqual([
      ['v1', 'success'],
    ]);
    expect(trigger.trigger_history[0]?.detail).toContain(`${door().host}/reg-push/app:v1`);
  });

  it('makes the repository a first push names', async () => {
    await north.createNamespace({ body: { namespace: 'reg-new' } });
    const pushed = await push('v2', 'reg-new/fresh:v2', longTerm());
    expect(pushed.code, pushed.stderr).toBe(0);
    const shown = await north.showRepository({
      params: { namespace: 'reg-new', repository: 'fresh' },
    });
    expect(shown.name).toBe('fresh');
    expect((await tagOf(north, 'reg-new', 'fresh', 'v2'))?.Tag).toBe('v2');
  });

  it('of a two-platform index keeps both platforms, each pullable by its architecture', async () => {
    await repository(north, 'reg-multi', 'app');
    const pushed = await push('multi', 'reg-multi/app:multi', longTerm(), MAIN, true);
    expect(pushed.code, pushed.stderr).toBe(0);
    const raw = await inspect('reg-multi/app:multi', longTerm(), MAIN, true);
    const index = JSON.parse(raw.stdout) as {
      manifests: { digest: string; platform: { architecture: string } }[];
    };
    expect(index.manifests.map((entry) => entry.platform.architecture)).toEqual(['amd64', 'arm64']);
    const tag = await tagOf(north, 'reg-multi', 'app', 'multi');
    expect(tag?.digest).toBe(`sha256:${createHash('sha256').update(raw.stdout).digest('hex')}`);
    const arm = await skopeo([
      'inspect',
      '--override-arch',
      'arm64',
      '--tls-verify=false',
      '--creds',
      longTerm(),
      `docker://${door().host}/reg-multi/app:multi`,
    ]);
    expect(arm.code, arm.stderr).toBe(0);
    expect((JSON.parse(arm.stdout) as { Architecture: string }).Architecture).toBe('arm64');
  });
});

describe('logins', () => {
  it('answers no login, a wrong password and another region’s login with 401 and a Basic challenge', async () => {
    const bare = await fetch(`http://${door().host}/v2/`);
    expect(bare.status).toBe(401);
    expect(bare.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
    const basic = (text: string) => `Basic ${Buffer.from(text).toString('base64')}`;
    const good = await fetch(`http://${door().host}/v2/`, {
      headers: { Authorization: basic(longTerm()) },
    });
    expect(good.status).toBe(200);
    const [user] = longTerm().split(':');
    for (const wrong of [`${user ?? ''}:${'0'.repeat(64)}`, longTerm(EAST)]) {
      const refused = await fetch(`http://${door().host}/v2/`, {
        headers: { Authorization: basic(wrong) },
      });
      expect(refused.status).toBe(401);
    }
    const pushed = await push('v1', 'reg-push/app:nope', `${user ?? ''}:wrong`);
    expect(pushed.code).not.toBe(0);
    expect(pushed.stderr).toMatch(/unauthorized|authentication required/i);
  });

  it('takes a temporary login until it expires, the long-term one after', async () => {
    await repository(north, 'reg-expiry', 'app');
    const login = dockerLogin((await north.createSecret({ query: { projectname: MAIN } })).command);
    const creds = `${login.user}:${login.password}`;
    expect((await push('v1', 'reg-expiry/app:v1', creds)).code).toBe(0);
    now += 6 * HOUR + 1000;
    const expired = await inspect('reg-expiry/app:v1', creds);
    expect(expired.code).not.toBe(0);
    expect(expired.stderr).toMatch(/unauthorized|authentication required/i);
    expect((await inspect('reg-expiry/app:v1', longTerm())).code).toBe(0);
    // A new login forgets the expired ones: only live logins are kept.
    const fresh = dockerLogin((await north.createSecret({ query: { projectname: MAIN } })).command);
    const kept = fixture.emulator.store.all<{ expires_at: string }>(
      'SELECT expires_at FROM registry_logins',
    );
    expect(kept.length).toBeGreaterThan(0);
    for (const row of kept) expect(Date.parse(row.expires_at)).toBeGreaterThan(now);
    expect((await inspect('reg-expiry/app:v1', `${fresh.user}:${fresh.password}`)).code).toBe(0);
  });
});

describe('permissions', () => {
  it('lets an IAM user pull where granted read, push where granted edit, nothing elsewhere', async () => {
    await repository(north, 'reg-read', 'app');
    await repository(north, 'reg-edit', 'app');
    await repository(north, 'reg-none', 'app');
    for (const namespace of ['reg-read', 'reg-none']) {
      expect((await push('v1', `${namespace}/app:v1`, longTerm())).code).toBe(0);
    }
    const grant = (auth: 1 | 3) => [{ user_id: CI_BOT_ID, user_name: 'ci-bot', auth }];
    await north.createNamespaceAuth({ params: { namespace: 'reg-read' }, body: grant(1) });
    await north.createNamespaceAuth({ params: { namespace: 'reg-edit' }, body: grant(3) });
    const bot = longTerm(MAIN, CI_BOT);

    expect((await inspect('reg-read/app:v1', bot)).code).toBe(0);
    const readOnly = await push('v2', 'reg-read/app:v2', bot);
    expect(readOnly.code).not.toBe(0);
    expect(readOnly.stderr).toMatch(/denied/i);
    expect(await tagOf(north, 'reg-read', 'app', 'v2')).toBeUndefined();
    expect((await push('v2', 'reg-edit/app:v2', bot)).code).toBe(0);
    const none = await inspect('reg-none/app:v1', bot);
    expect(none.code).not.toBe(0);
    expect(none.stderr).toMatch(/denied/i);
  });

  it('lets another account pull what is shared with it, until the share ends, and never push', async () => {
    await repository(north, 'reg-shared', 'app');
    expect((await push('v1', 'reg-shared/app:v1', longTerm())).code).toBe(0);
    const partner = longTerm(MAIN, fixture.credentials(MAIN, 'partner-corp'));
    expect((await inspect('reg-shared/app:v1', partner)).code).not.toBe(0);
    const deadline = new Date(now + 2 * HOUR).toISOString().replace(/\.\d+Z$/, 'Z');
    await north.createRepoDomains({
      params: { namespace: 'reg-shared', repository: 'app' },
      body: { access_domain: 'partner-corp', permit: 'read', deadline },
    });
    expect((await inspect('reg-shared/app:v1', partner)).code).toBe(0);
    const pushed = await push('v2', 'reg-shared/app:v2', partner);
    expect(pushed.code).not.toBe(0);
    expect(pushed.stderr).toMatch(/denied/i);
    now += 3 * HOUR;
    expect((await inspect('reg-shared/app:v1', partner)).code).not.toBe(0);
  });
});

describe("the registry follows SWR's changes", () => {
  it('copies an image to the other region on automatic and on manual sync', async () => {
    await repository(north, 'reg-sync', 'app');
    await east.createNamespace({ body: { namespace: 'reg-sync' } });
    const params = { namespace: 'reg-sync', repository: 'app' };
    expect((await push('v1', 'reg-sync/app:v1', longTerm())).code).toBe(0);
    await north.createImageSyncRepo({
      params,
      body: { remoteRegionId: EAST, remoteNamespace: 'reg-sync', syncAuto: true, override: true },
    });
    expect((await push('v2', 'reg-sync/app:v2', longTerm())).code).toBe(0);
    const failed = await north.createManualImageSyncRepo({
      params,
      body: { imageTag: ['v1'], remoteRegionId: EAST, remoteNamespace: 'reg-sync', override: true },
    });
    expect(failed).toEqual([]);
    for (const tag of ['v1', 'v2']) {
      const here = await inspect(`reg-sync/app:${tag}`, longTerm(), MAIN, true);
      const there = await inspect(`reg-sync/app:${tag}`, longTerm(EAST), EAST, true);
      expect(there.code, there.stderr).toBe(0);
      expect(there.stdout).toBe(here.stdout);
    }
    const copied = await skopeo([
      'copy',
      '--src-tls-verify=false',
      '--src-creds',
      longTerm(EAST),
      `docker://${door(EAST).host}/reg-sync/app:v1`,
      `oci:${layout.path}:pulled-from-east`,
    ]);
    expect(copied.code, copied.stderr).toBe(0);
  });

  it('deletes a deleted tag’s manifest, unless another tag still names it', async () => {
    await repository(north, 'reg-delete', 'app');
    const params = { namespace: 'reg-delete', repository: 'app' };
    for (const tag of ['one', 'same', 'other']) {
      expect(
        (await push(tag === 'other' ? 'v2' : 'v1', `reg-delete/app:${tag}`, longTerm())).code,
      ).toBe(0);
    }
    const one = await tagOf(north, 'reg-delete', 'app', 'one');
    const other = await tagOf(north, 'reg-delete', 'app', 'other');
    await north.deleteRepoTag({ params: { ...params, tag: 'one' } });
    const gone = await inspect('reg-delete/app:one', longTerm());
    expect(gone.stderr).toMatch(/manifest unknown/i);
    expect((await inspect('reg-delete/app:same', longTerm())).code).toBe(0);
    const listed = await skopeo([
      'list-tags',
      '--tls-verify=false',
      '--creds',
      longTerm(),
      `docker://${door().host}/reg-delete/app`,
    ]);
    expect((JSON.parse(listed.stdout) as { Tags: string[] }).Tags).toEqual(['other', 'same']);
    await north.deleteRepoTag({ params: { ...params, tag: 'other' } });
    await fixture.emulator.registrySettled();
    expect(await registryStatus(MAIN, 'reg-delete/app', one?.digest ?? '')).toBe(200);
    expect(await registryStatus(MAIN, 'reg-delete/app', other?.digest ?? '')).toBe(404);
  });

  it('deletes what retention deletes: the registry answers MANIFEST_UNKNOWN', async () => {
    await repository(north, 'reg-retention', 'app');
    const params = { namespace: 'reg-retention', repository: 'app' };
    await north.createRetention({
      params,
      body: {
        algorithm: 'or',
        rules: [{ template: 'tag_rule', params: { num: '1' }, tag_selectors: [] }],
      },
    });
    expect((await push('v1', 'reg-retention/app:old', longTerm())).code).toBe(0);
    const old = await tagOf(north, 'reg-retention', 'app', 'old');
    now += 1000;
    expect((await push('v2', 'reg-retention/app:new', longTerm())).code).toBe(0);
    expect(await tagOf(north, 'reg-retention', 'app', 'old')).toBeUndefined();
    const gone = await inspect('reg-retention/app:old', longTerm());
    expect(gone.code).not.toBe(0);
    expect(gone.stderr).toMatch(/manifest unknown/i);
    await fixture.emulator.registrySettled();
    expect(await registryStatus(MAIN, 'reg-retention/app', old?.digest ?? '')).toBe(404);
  });
});
