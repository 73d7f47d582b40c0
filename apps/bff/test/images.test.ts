/**
 * Image details (`GET /api/images/:region`) against the emulator with its registry front doors:
 * images built with umoci and pushed with skopeo, then read by the BFF as the console shows them.
 * Layers and sizes come from SWR's tag; the config and an index's platform images from the
 * registry, with the BFF's own login, when `REGISTRY_READ` allows it; never an environment
 * variable's value, never the login's password.
 */
import { createHash } from 'node:crypto';
import { DEMO_CREDENTIALS, longTermPassword } from '@swr-dashboard/emulator';
import { imageDetails, type ImageDetails } from '@swr-dashboard/swr-client';
import { ociLayout, skopeo, type OciLayout } from '@swr-dashboard/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Browser, type Stack } from './support/stack';

const REGION = 'cn-north-4';
const SECRET_VALUE = 'do-not-show-this-value-7f3a';

let layout: OciLayout;
const stacks: Stack[] = [];

async function stackWith(registryRead: 'http' | 'https' | 'off') {
  const stack = await startStack({
    env: { REGISTRY_READ: registryRead },
    emulator: { registry: { enabled: true, port: 0 } },
  });
  stacks.push(stack);
  const viewer = stack.browser();
  await viewer.signInDemo('vera-viewer');
  return { stack, viewer };
}

function door(stack: Stack) {
  const found = stack.emulator.registries.find((registry) => registry.id === REGION);
  if (found === undefined) throw new Error('no front door');
  return found;
}

/** Pushes the layout's tag to payments/<repository>:<tag> (the demo seed's organization). */
async function push(stack: Stack, source: string, repository: string, tag: string) {
  const creds = `${REGION}@${DEMO_CREDENTIALS.ak}:${longTermPassword(DEMO_CREDENTIALS.ak, DEMO_CREDENTIALS.sk)}`;
  const target = `docker://${door(stack).host}/payments/${repository}:${tag}`;
  const pushed = await skopeo([
    'copy',
    '--all',
    '--dest-tls-verify=false',
    '--dest-creds',
    creds,
    layout.ref(source),
    target,
  ]);
  expect(pushed.code, pushed.stderr).toBe(0);
  const raw = await skopeo(['inspect', '--raw', '--tls-verify=false', '--creds', creds, target]);
  return JSON.parse(raw.stdout) as {
    config: { digest: string; size: number };
    layers: { digest: string; size: number }[];
    manifests: { digest: string }[];
  };
}

async function detailsOf(browser: Browser, query: Record<string, string>) {
  const reply = await browser.get(`/api/images/${REGION}?${new URLSearchParams(query).toString()}`);
  return reply;
}

async function details(browser: Browser, query: Record<string, string>): Promise<ImageDetails> {
  const reply = await detailsOf(browser, query);
  expect(reply.status, reply.text).toBe(200);
  expect(reply.text).not.toContain(SECRET_VALUE);
  return imageDetails.parse(reply.json);
}

const CREDS = `${REGION}@${DEMO_CREDENTIALS.ak}:${longTermPassword(DEMO_CREDENTIALS.ak, DEMO_CREDENTIALS.sk)}`;

function digestOf(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** Pushes an image with the config given as it is (odd or not JSON) through the front door. */
async function pushConfig(stack: Stack, repository: string, tag: string, config: Buffer) {
  const origin = `http://${door(stack).host}`;
  const base = `${origin}/v2/payments/${repository}`;
  const authorization = `Basic ${Buffer.from(CREDS).toString('base64')}`;
  const blob = async (bytes: Buffer) => {
    const started = await fetch(`${base}/blobs/uploads/`, {
      method: 'POST',
      headers: { Authorization: authorization },
    });
    expect(started.status).toBe(202);
    const location = started.headers.get('location') ?? '';
    const separator = location.includes('?') ? '&' : '?';
    const put = await fetch(`${origin}${location}${separator}digest=${digestOf(bytes)}`, {
      method: 'PUT',
      headers: { Authorization: authorization, 'Content-Type': 'application/octet-stream' },
      body: bytes,
    });
    expect(put.status).toBe(201);
    return { digest: digestOf(bytes), size: bytes.length };
  };
  const layer = Buffer.from('a layer');
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...(await blob(config)) },
    layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', ...(await blob(layer)) }],
  });
  const put = await fetch(`${base}/manifests/${tag}`, {
    method: 'PUT',
    headers: {
      Authorization: authorization,
      'Content-Type': 'application/vnd.oci.image.manifest.v1+json',
    },
    body: manifest,
  });
  expect(put.status).toBe(201);
}

/** Replaces the manifest SWR keeps for a tag of payments/payment-gateway. */
function swrManifest(stack: Stack, tag: string, manifest: string): void {
  stack.emulator.store.run(
    `UPDATE tags SET manifest = ? WHERE tag = ? AND repository_id IN (
       SELECT r.id FROM repositories r JOIN namespaces n ON n.id = r.namespace_id
       WHERE n.region = ? AND n.name = 'payments' AND r.name = 'payment-gateway')`,
    manifest,
    tag,
    REGION,
  );
}

beforeAll(async () => {
  layout = await ociLayout();
  await layout.build('app', {
    layers: [
      { 'app/run': '#!/bin/sh\n' },
      { 'app/data.txt': 'data\n' },
      { 'etc/app.conf': 'x=1\n' },
    ],
    entrypoint: '/app/run',
    cmd: 'serve',
    env: { MODE: 'production', API_TOKEN: SECRET_VALUE },
    labels: { team: 'payments', 'org.opencontainers.image.version': '3.1.0' },
    exposedPorts: ['8080/tcp'],
  });
  await layout.build('amd64', { layers: [{ 'arch.txt': 'amd64\n' }], architecture: 'amd64' });
  await layout.build('arm64', { layers: [{ 'arch.txt': 'arm64\n' }], architecture: 'arm64' });
  layout.index('multi', ['amd64', 'arm64']);
}, 60_000);

afterAll(async () => {
  await Promise.all(stacks.map((stack) => stack.close()));
  layout.remove();
});

describe('image details', { timeout: 60_000 }, () => {
  it('shows an image’s layers, sizes and config (environment names only), read with the BFF’s own login', async () => {
    const { stack, viewer } = await stackWith('http');
    const manifest = await push(stack, 'app', 'payment-gateway', 'img-1');
    const shown = await details(viewer, {
      namespace: 'payments',
      repository: 'payment-gateway',
      tag: 'img-1',
    });
    expect(shown.registry).toBe('read');
    expect(shown.platforms).toEqual([]);
    expect(shown.path).toBe(`${door(stack).host}/payments/payment-gateway`);
    expect(shown.image?.layers.map((layer) => [layer.digest, layer.size])).toEqual(
      manifest.layers.map((layer) => [layer.digest, layer.size]),
    );
    const size = manifest.config.size + manifest.layers.reduce((sum, layer) => sum + layer.size, 0);
    expect(shown.image?.size).toBe(size);
    expect(shown.image?.config).toMatchObject({
      digest: manifest.config.digest,
      platform: 'linux/amd64',
      entrypoint: ['/app/run'],
      cmd: ['serve'],
      labels: { team: 'payments', 'org.opencontainers.image.version': '3.1.0' },
      exposedPorts: ['8080/tcp'],
    });
    expect(shown.image?.config?.envNames).toEqual(expect.arrayContaining(['MODE', 'API_TOKEN']));
    expect(Date.parse(shown.image?.config?.created ?? '')).toBeGreaterThan(0);
    // The login the BFF asked SWR for is in no log line.
    expect(stack.logLines.join('\n')).not.toMatch(/docker login|Basic [A-Za-z0-9+/=]{20,}/);
  });

  it('lists an index’s platforms and opens the one asked for', async () => {
    const { stack, viewer } = await stackWith('http');
    const index = await push(stack, 'multi', 'payment-gateway', 'multi-1');
    const query = { namespace: 'payments', repository: 'payment-gateway', tag: 'multi-1' };
    const first = await details(viewer, query);
    expect(first.platforms).toEqual([
      { platform: 'linux/amd64', digest: index.manifests[0]?.digest },
      { platform: 'linux/arm64', digest: index.manifests[1]?.digest },
    ]);
    expect(first.mediaType).toBe('application/vnd.oci.image.index.v1+json');
    expect(first.image?.platform).toBe('linux/amd64');
    const arm = await details(viewer, { ...query, platform: 'linux/arm64' });
    expect(arm.image).toMatchObject({
      platform: 'linux/arm64',
      digest: index.manifests[1]?.digest,
      config: { platform: 'linux/arm64' },
    });
    expect(arm.image?.layers).toHaveLength(1);
    const missing = await detailsOf(viewer, { ...query, platform: 'linux/s390x' });
    expect(missing.status).toBe(404);
  });

  it('without registry reads shows what SWR keeps, and says why the rest is missing', async () => {
    const off = await stackWith('off');
    const manifest = await push(off.stack, 'app', 'payment-gateway', 'img-off');
    const query = { namespace: 'payments', repository: 'payment-gateway', tag: 'img-off' };
    const shown = await details(off.viewer, query);
    expect(shown.registry).toBe('off');
    expect(shown.image?.layers).toHaveLength(manifest.layers.length);
    expect(shown.image?.config).toBeNull();
    // A registry the BFF cannot read (https against the front door's http): SWR's part still.
    const broken = await stackWith('https');
    await push(broken.stack, 'app', 'payment-gateway', 'img-broken');
    const failed = await details(broken.viewer, { ...query, tag: 'img-broken' });
    expect(failed.registry).toBe('failed');
    expect(failed.image?.layers).toHaveLength(manifest.layers.length);
    expect(failed.image?.config).toBeNull();
    const digest = `sha256:${createHash('sha256').update('').digest('hex')}`;
    expect(failed.digest).not.toBe(digest);
  });

  it('shows what it can of a config that is not JSON or not of the usual shape, never a 500', async () => {
    const { stack, viewer } = await stackWith('http');
    const query = { namespace: 'payments', repository: 'payment-gateway' };
    await pushConfig(stack, 'payment-gateway', 'not-json', Buffer.from('not json at all'));
    const notJson = await details(viewer, { ...query, tag: 'not-json' });
    expect(notJson.registry).toBe('failed');
    expect(notJson.image?.layers).toHaveLength(1);
    const odd = {
      architecture: 7,
      os: 'linux',
      created: 12,
      config: {
        Env: `API_TOKEN=${SECRET_VALUE}`,
        Cmd: 'serve',
        Entrypoint: [1, '/run'],
        Labels: { team: 'payments', count: 3, nested: { a: 1 } },
        ExposedPorts: ['8080/tcp'],
        User: 0,
        WorkingDir: null,
      },
    };
    await pushConfig(stack, 'payment-gateway', 'odd', Buffer.from(JSON.stringify(odd)));
    const shown = await details(viewer, { ...query, tag: 'odd' });
    expect(shown.registry).toBe('read');
    expect(shown.image?.config).toMatchObject({
      created: null,
      entrypoint: ['/run'],
      cmd: [],
      envNames: [],
      labels: { team: 'payments' },
      user: '',
      workingDir: '',
    });
    const list = Buffer.from(JSON.stringify({ config: { Env: [`MODE=${SECRET_VALUE}`, 7] } }));
    await pushConfig(stack, 'payment-gateway', 'env-list', list);
    const env = await details(viewer, { ...query, tag: 'env-list' });
    expect(env.image?.config?.envNames).toEqual(['MODE']);
  });

  it('answers a manifest SWR keeps that is not JSON, or not of a manifest’s shape, as SWR’s fault, never a 500', async () => {
    const { stack, viewer } = await stackWith('http');
    await push(stack, 'app', 'payment-gateway', 'swr-odd');
    const query = { namespace: 'payments', repository: 'payment-gateway', tag: 'swr-odd' };
    swrManifest(stack, 'swr-odd', 'not json');
    const broken = await detailsOf(viewer, query);
    expect(broken.status, broken.text).toBe(502);
    expect(broken.json).toMatchObject({ code: 'upstream_invalid_response' });
    for (const manifest of [
      { layers: { a: 1 } },
      { layers: [{ digest: 7, size: '12' }, null] },
      { manifests: { a: 1 } },
      { manifests: [null, { digest: 1, platform: 'linux' }] },
      null,
      [],
    ]) {
      swrManifest(stack, 'swr-odd', JSON.stringify(manifest));
      const reply = await detailsOf(viewer, query);
      // An index that lists no platform it can read has none to open (404).
      expect([200, 404, 502], reply.text).toContain(reply.status);
      if (reply.status === 200) imageDetails.parse(reply.json);
    }
  });

  it('is refused outside the user’s organizations, and answers bad input and unknown tags clearly', async () => {
    const { stack } = await stackWith('off');
    const pat = stack.browser();
    await pat.signInDemo('pat-payments');
    const outside = await detailsOf(pat, { namespace: 'platform', repository: 'x', tag: 'v1' });
    expect(outside.status).toBe(403);
    expect(outside.json).toMatchObject({ code: 'forbidden' });
    const unknown = await detailsOf(pat, {
      namespace: 'payments',
      repository: 'payment-gateway',
      tag: 'no-such-tag',
    });
    expect(unknown.status).toBe(404);
    const bad = await detailsOf(pat, {
      namespace: 'payments',
      repository: 'payment-gateway',
      tag: 'v1',
      platform: 'not a platform',
    });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ code: 'invalid_parameter' });
  });
});
