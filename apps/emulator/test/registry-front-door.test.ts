/**
 * The registry front door (src/registry/front-door.ts) against requests no well-behaved client
 * sends, over raw HTTP to a real Distribution behind it: repository names the door and the
 * registry could read differently, blob mounts from repositories the caller cannot pull, another
 * region's login, and a push's record racing its answer, a pull by tag and SWR's tags, a delete
 * and an index naming what it deletes, a client that leaves mid-upload, and a registry that cannot
 * be reached.
 */
import { createHash } from 'node:crypto';
import { globalAgent, request, type IncomingHttpHeaders } from 'node:http';
import { renameSync } from 'node:fs';
import { connect } from 'node:net';
import { DEMO_ACCOUNT, demoAccounts, stableId } from '@swr-dashboard/emulator-fixtures';
import type { SwrClient } from '@swr-dashboard/swr-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { longTermPassword, type RunningRegistry } from '../src/index';
import { EAST, MAIN, startTestEmulator, type TestEmulator } from './support/emulator';

const CI_BOT = { ak: 'EMULATORCIBOTAK00002', sk: 'emulator-ci-bot-sk-000000000000000000002' };
const CI_BOT_ID = stableId('user', DEMO_ACCOUNT, 'door-bot');
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';

let fixture: TestEmulator;
let north: SwrClient;

function door(region = MAIN): RunningRegistry {
  const found = fixture.emulator.registries.find((candidate) => candidate.id === region);
  if (found === undefined) throw new Error(`no registry front door for ${region}`);
  return found;
}

function longTerm(region = MAIN, key: { ak: string; sk: string } = fixture.credentials(region)) {
  return `${region}@${key.ak}:${longTermPassword(key.ak, key.sk)}`;
}

const ADMIN = () => longTerm();
const BOT = () => longTerm(MAIN, CI_BOT);

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** One request to a front door as written (no URL normalization, no redirects followed). */
function send(
  path: string,
  options: {
    method?: string;
    creds?: string;
    headers?: Record<string, string>;
    body?: Buffer | string;
    region?: string;
  } = {},
): Promise<Answer> {
  const { port } = door(options.region);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {
      Accept: `${OCI_MANIFEST}, ${OCI_INDEX}`,
      ...options.headers,
    };
    if (options.creds !== undefined) {
      headers.Authorization = `Basic ${Buffer.from(options.creds).toString('base64')}`;
    }
    const body = options.body === undefined ? undefined : Buffer.from(options.body);
    if (body !== undefined) headers['Content-Length'] = String(body.length);
    const req = request({
      host: '127.0.0.1',
      port,
      method: options.method ?? 'GET',
      path,
      headers,
      agent: false,
    });
    req.once('error', reject);
    req.once('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.once('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
      });
    });
    req.end(body);
  });
}

function digestOf(bytes: Buffer | string): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** Uploads one blob to `name` through the door (POST, then PUT with the digest). */
async function putBlob(name: string, creds: string, bytes: Buffer): Promise<string> {
  const digest = digestOf(bytes);
  const started = await send(`/v2/${name}/blobs/uploads/`, { method: 'POST', creds });
  expect(started.status, started.body.toString()).toBe(202);
  const location = String(started.headers.location);
  const separator = location.includes('?') ? '&' : '?';
  const put = await send(`${location}${separator}digest=${digest}`, {
    method: 'PUT',
    creds,
    headers: { 'Content-Type': 'application/octet-stream' },
    body: bytes,
  });
  expect(put.status, put.body.toString()).toBe(201);
  return digest;
}

interface Pushed {
  digest: string;
  manifest: Buffer;
  layer: string;
  config: string;
}

/** Pushes a one-layer image to `name` as `reference` (a tag or its digest) through the door. */
async function putImage(
  name: string,
  /** A tag, or `by-digest`: under its own digest. */
  reference: string,
  content: string,
  options: { creds?: string; architecture?: string } = {},
): Promise<Pushed> {
  const creds = options.creds ?? ADMIN();
  const architecture = options.architecture ?? 'amd64';
  const configBytes = Buffer.from(
    JSON.stringify({ architecture, os: 'linux', rootfs: { type: 'layers', diff_ids: [] } }),
  );
  const layerBytes = Buffer.from(`layer: ${content}`);
  const config = await putBlob(name, creds, configBytes);
  const layer = await putBlob(name, creds, layerBytes);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: {
        mediaType: 'application/vnd.oci.image.config.v1+json',
        digest: config,
        size: configBytes.length,
      },
      layers: [
        {
          mediaType: 'application/vnd.oci.image.layer.v1.tar',
          digest: layer,
          size: layerBytes.length,
        },
      ],
    }),
  );
  const digest = digestOf(manifest);
  const put = await send(
    `/v2/${name}/manifests/${reference === 'by-digest' ? digest : reference}`,
    { method: 'PUT', creds, headers: { 'Content-Type': OCI_MANIFEST }, body: manifest },
  );
  expect(put.status, put.body.toString()).toBe(201);
  return { digest, manifest, layer, config };
}

/** An index of the images (by digest, each with its platform) as its bytes. */
function indexOf(children: { pushed: Pushed; architecture: string }[]): Buffer {
  return Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: children.map(({ pushed, architecture }) => ({
        mediaType: OCI_MANIFEST,
        digest: pushed.digest,
        size: pushed.manifest.length,
        platform: { os: 'linux', architecture },
      })),
    }),
  );
}

async function repository(namespace: string, name: string, isPublic = false) {
  const existing = await north.listNamespaces({ query: { namespace } });
  if (!existing.namespaces.some((ns) => ns.name === namespace)) {
    await north.createNamespace({ body: { namespace } });
  }
  await north.createRepo({
    params: { namespace },
    body: { repository: name, is_public: isPublic, category: 'app_server' },
  });
}

/** SWR's digest of a tag, straight from the store. */
function swrDigest(namespace: string, name: string, tag: string, region = MAIN) {
  return fixture.emulator.store.get<{ digest: string }>(
    `SELECT t.digest FROM tags t JOIN repositories r ON r.id = t.repository_id
       JOIN namespaces n ON n.id = r.namespace_id
     WHERE n.region = ? AND n.name = ? AND r.name = ? AND t.tag = ?`,
    region,
    namespace,
    name,
    tag,
  )?.digest;
}

/** A manifest's status and digest straight from the region's registry, around the door. */
function behindTheDoor(path: string, reference: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({
      socketPath: door().socket,
      method: 'HEAD',
      path: `/v2/${path}/manifests/${reference}`,
      headers: { Accept: `${OCI_MANIFEST}, ${OCI_INDEX}` },
    });
    req.once('error', reject);
    req.once('response', (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.alloc(0) });
    });
    req.end();
  });
}

beforeAll(async () => {
  const accounts = demoAccounts();
  accounts[0]?.users.push({
    id: CI_BOT_ID,
    name: 'door-bot',
    credentials: [CI_BOT],
    enabled: true,
    canListUsers: false,
    canReadClusters: false,
  });
  fixture = await startTestEmulator({
    config: { registry: { enabled: true, port: 0 }, accounts },
  });
  north = fixture.client(MAIN);
}, 60_000);

afterAll(async () => {
  await fixture.close();
});

describe('repository names the door and the registry read alike', () => {
  it('a public repository does not open a private one whose name continues it past /manifests/ or /blobs/', async () => {
    await repository('door-names', 'pub', true);
    await repository('door-names', 'pub/manifests/secret');
    await repository('door-names', 'pub/blobs/secret');
    const secret = await putImage('door-names/pub/manifests/secret', 'v1', 'secret one');
    const other = await putImage('door-names/pub/blobs/secret', 'v1', 'secret two');
    await putImage('door-names/pub', 'v1', 'public');
    // The bot has no grant here: it may pull the public repository only.
    expect((await send('/v2/door-names/pub/manifests/v1', { creds: BOT() })).status).toBe(200);
    const attempts = [
      `/v2/door-names/pub/manifests/secret/manifests/${secret.digest}`,
      `/v2/door-names/pub/manifests/secret/blobs/${secret.layer}`,
      `/v2/door-names/pub/manifests/secret/manifests/v1`,
      `/v2/door-names/pub/blobs/secret/blobs/${other.layer}`,
      `/v2/door-names/pub/blobs/secret/manifests/${other.digest}`,
      `/v2/door-names/pub%2Fmanifests%2Fsecret/manifests/${secret.digest}`,
      `/v2/door-names/pub/manifests/x%2F..%2F..%2Fmanifests%2Fsecret%2Fblobs%2F${secret.layer}`,
      `/v2/door-names/pub/blobs/../manifests/secret/blobs/${secret.layer}`,
    ];
    for (const path of attempts) {
      const answer = await send(path, { creds: BOT() });
      expect([answer.status, path]).not.toEqual([200, path]);
      expect(answer.body.toString()).not.toContain('secret one');
      expect(answer.body.toString()).not.toContain('layer: secret');
    }
  });

  it('a push into a repository the caller may push to does not land in one whose name continues it', async () => {
    await repository('door-push', 'mine');
    await repository('door-push', 'mine/manifests/theirs');
    await north.createUserRepositoryAuth({
      params: { namespace: 'door-push', repository: 'mine' },
      body: [{ user_id: CI_BOT_ID, user_name: 'door-bot', auth: 3 }],
    });
    const theirs = await putImage('door-push/mine/manifests/theirs', 'v1', 'theirs');
    const started = await send('/v2/door-push/mine/manifests/theirs/blobs/uploads/', {
      method: 'POST',
      creds: BOT(),
    });
    expect(started.status).not.toBe(202);
    const put = await send('/v2/door-push/mine/manifests/theirs/manifests/v1', {
      method: 'PUT',
      creds: BOT(),
      headers: { 'Content-Type': OCI_MANIFEST },
      body: theirs.manifest,
    });
    expect(put.status).not.toBe(201);
    expect(swrDigest('door-push', 'mine', 'theirs/manifests/v1')).toBeUndefined();
  });

  it('a push makes no repository SWR’s API could not name (then neither show nor delete)', async () => {
    await north.createNamespace({ body: { namespace: 'door-badname' } });
    for (const name of ['a--b', 'a/b---c', 'x'.repeat(129), 'a__b--c']) {
      const started = await send(`/v2/door-badname/${name}/blobs/uploads/`, {
        method: 'POST',
        creds: ADMIN(),
      });
      expect([started.status, name]).toEqual([400, name]);
      expect(started.body.toString()).toContain('NAME_INVALID');
    }
    const config = Buffer.from('{}');
    const manifest = JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: {
        mediaType: 'application/vnd.oci.image.config.v1+json',
        digest: digestOf(config),
        size: 2,
      },
      layers: [],
    });
    const put = await send('/v2/door-badname/a--b/manifests/v1', {
      method: 'PUT',
      creds: ADMIN(),
      headers: { 'Content-Type': OCI_MANIFEST },
      body: manifest,
    });
    expect(put.status).toBe(400);
    const repositories = fixture.emulator.store.all<{ name: string }>(
      `SELECT r.name FROM repositories r JOIN namespaces n ON n.id = r.namespace_id
       WHERE n.name = 'door-badname'`,
    );
    expect(repositories).toEqual([]);
  });

  it('the catalog and what is not the Distribution API are not offered', async () => {
    expect((await send('/v2/_catalog', { creds: ADMIN() })).status).toBe(404);
    expect((await send('/v2/door-names/pub/tags/list/x', { creds: ADMIN() })).status).toBe(404);
  });
});

describe('blob mounts', () => {
  it('mount a blob only from a repository the caller may pull', async () => {
    await repository('door-mount-src', 'app');
    await repository('door-mount-dst', 'app');
    await repository('door-mount-read', 'app');
    await north.createNamespaceAuth({
      params: { namespace: 'door-mount-dst' },
      body: [{ user_id: CI_BOT_ID, user_name: 'door-bot', auth: 3 }],
    });
    await north.createNamespaceAuth({
      params: { namespace: 'door-mount-read' },
      body: [{ user_id: CI_BOT_ID, user_name: 'door-bot', auth: 1 }],
    });
    const secret = await putImage('door-mount-src/app', 'v1', 'not yours');
    const readable = await putImage('door-mount-read/app', 'v1', 'readable');

    const query = `mount=${secret.layer}&from=door-mount-src/app`;
    const mounted = await send(`/v2/door-mount-dst/app/blobs/uploads/?${query}`, {
      method: 'POST',
      creds: BOT(),
    });
    expect(mounted.status).toBe(202);
    const encoded = `mount=${secret.layer}&fr%6Fm=door-mount-src%2Fapp`;
    const twice = await send(`/v2/door-mount-dst/app/blobs/uploads/?${encoded}`, {
      method: 'POST',
      creds: BOT(),
    });
    expect(twice.status).toBe(202);
    // The same in a form body, which Distribution reads as well as the query.
    const form = await send('/v2/door-mount-dst/app/blobs/uploads/', {
      method: 'POST',
      creds: BOT(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: query,
    });
    expect(form.status).not.toBe(201);
    const blob = await send(`/v2/door-mount-dst/app/blobs/${secret.layer}`, { creds: BOT() });
    expect(blob.status).toBe(404);

    // From where it may pull, a mount is a mount.
    const allowed = await send(
      `/v2/door-mount-dst/app/blobs/uploads/?mount=${readable.layer}&from=door-mount-read/app`,
      { method: 'POST', creds: BOT() },
    );
    expect(allowed.status).toBe(201);
    const copied = await send(`/v2/door-mount-dst/app/blobs/${readable.layer}`, { creds: BOT() });
    expect(copied.status).toBe(200);
    expect(copied.body.toString()).toBe('layer: readable');
  });
});

describe('logins', () => {
  it('refuse a temporary login another region handed out', async () => {
    const login = await fixture.client(EAST).createSecret({ query: { projectname: EAST } });
    const match = /-u (\S+) -p (\S+)/.exec(login.headerCommand);
    const creds = `${match?.[1] ?? ''}:${match?.[2] ?? ''}`;
    expect((await send('/v2/', { creds, region: EAST })).status).toBe(200);
    const elsewhere = await send('/v2/', { creds, region: MAIN });
    expect(elsewhere.status).toBe(401);
    expect(elsewhere.headers['www-authenticate']).toMatch(/^Basic realm=/);
  });
});

describe('a push', () => {
  it('is answered once SWR has recorded it', async () => {
    await repository('door-record', 'app');
    const amd = await putImage('door-record/app', 'by-digest', 'amd64');
    const arm = await putImage('door-record/app', 'by-digest', 'arm64', { architecture: 'arm64' });
    const index = indexOf([
      { pushed: amd, architecture: 'amd64' },
      { pushed: arm, architecture: 'arm64' },
    ]);
    const put = await send('/v2/door-record/app/manifests/multi', {
      method: 'PUT',
      creds: ADMIN(),
      headers: { 'Content-Type': OCI_INDEX },
      body: index,
    });
    expect(put.status).toBe(201);
    expect(swrDigest('door-record', 'app', 'multi')).toBe(digestOf(index));
  });

  it('of a manifest over the limit is answered 413, not a dropped connection', async () => {
    await repository('door-large', 'app');
    const large = Buffer.alloc(4 * 1024 * 1024 + 1, 0x20);
    const put = await send('/v2/door-large/app/manifests/v1', {
      method: 'PUT',
      creds: ADMIN(),
      headers: { 'Content-Type': OCI_MANIFEST },
      body: large,
    });
    expect(put.status).toBe(413);
    expect(put.body.toString()).toContain('SIZE_INVALID');
  });

  it('of one tag twice at once leaves SWR and the registry naming the same image', async () => {
    await repository('door-race', 'app');
    const amd = await putImage('door-race/app', 'by-digest', 'race amd64');
    const arm = await putImage('door-race/app', 'by-digest', 'race arm64', {
      architecture: 'arm64',
    });
    const index = indexOf([
      { pushed: amd, architecture: 'amd64' },
      { pushed: arm, architecture: 'arm64' },
    ]);
    for (let round = 0; round < 5; round += 1) {
      const tag = `round-${String(round)}`;
      const [first, second] = await Promise.all([
        send(`/v2/door-race/app/manifests/${tag}`, {
          method: 'PUT',
          creds: ADMIN(),
          headers: { 'Content-Type': OCI_INDEX },
          body: index,
        }),
        send(`/v2/door-race/app/manifests/${tag}`, {
          method: 'PUT',
          creds: ADMIN(),
          headers: { 'Content-Type': OCI_MANIFEST },
          body: amd.manifest,
        }),
      ]);
      expect([first.status, second.status]).toEqual([201, 201]);
      const registry = await behindTheDoor('door-race/app', tag);
      expect(swrDigest('door-race', 'app', tag)).toBe(registry.headers['docker-content-digest']);
    }
  });
});

describe('a pull by tag', () => {
  it('is of the image SWR names for the tag', async () => {
    await repository('door-truth', 'app');
    await putImage('door-truth/app', 'v1', 'what the registry has');
    // SWR's own push endpoint points the tag at another image, one the registry never saw.
    const pushed = await fixture.push({ namespace: 'door-truth', repository: 'app', tag: 'v1' });
    expect(swrDigest('door-truth', 'app', 'v1')).toBe(pushed.digest);
    for (const method of ['GET', 'HEAD']) {
      const pulled = await send('/v2/door-truth/app/manifests/v1', {
        method,
        creds: ADMIN(),
        headers: { Accept: OCI_MANIFEST },
      });
      expect(pulled.status).toBe(404);
    }
    const shown = await send('/v2/door-truth/app/manifests/v2', { creds: ADMIN() });
    expect(shown.status).toBe(404);
    expect(shown.body.toString()).toContain('MANIFEST_UNKNOWN');
  });
});

describe('the tag list', () => {
  it('pages as the Distribution API does: n tags after last, a Link to the next page', async () => {
    await repository('door-pages', 'app');
    for (const tag of ['b', 'a', 'd', 'c', 'e']) {
      await fixture.push({ namespace: 'door-pages', repository: 'app', tag });
    }
    const list = async (query: string) => {
      const answer = await send(`/v2/door-pages/app/tags/list${query}`, { creds: ADMIN() });
      expect(answer.status).toBe(200);
      const { tags } = JSON.parse(answer.body.toString()) as { tags: string[] };
      return { tags, link: answer.headers.link };
    };
    expect(await list('')).toEqual({ tags: ['a', 'b', 'c', 'd', 'e'], link: undefined });
    const first = await list('?n=2');
    expect(first).toEqual({
      tags: ['a', 'b'],
      link: '</v2/door-pages/app/tags/list?n=2&last=b>; rel="next"',
    });
    const second = await list('?n=2&last=b');
    expect(second.tags).toEqual(['c', 'd']);
    expect(await list('?n=2&last=d')).toEqual({ tags: ['e'], link: undefined });
    expect(await list('?last=c')).toEqual({ tags: ['d', 'e'], link: undefined });
    expect(await list('?n=0')).toEqual({ tags: [], link: undefined });
    expect(await list('?n=1000000')).toEqual({ tags: ['a', 'b', 'c', 'd', 'e'], link: undefined });
    const invalid = await send('/v2/door-pages/app/tags/list?n=two', { creds: ADMIN() });
    expect(invalid.status).toBe(400);
    expect(invalid.body.toString()).toContain('PAGINATION_NUMBER_INVALID');
  });
});

describe('deletes', () => {
  it('keep a manifest an index of the repository still lists', async () => {
    await repository('door-index', 'app');
    const amd = await putImage('door-index/app', 'amd64', 'index amd64');
    const arm = await putImage('door-index/app', 'by-digest', 'index arm64', {
      architecture: 'arm64',
    });
    const index = indexOf([
      { pushed: amd, architecture: 'amd64' },
      { pushed: arm, architecture: 'arm64' },
    ]);
    const put = await send('/v2/door-index/app/manifests/multi', {
      method: 'PUT',
      creds: ADMIN(),
      headers: { 'Content-Type': OCI_INDEX },
      body: index,
    });
    expect(put.status).toBe(201);
    await north.deleteRepoTag({
      params: { namespace: 'door-index', repository: 'app', tag: 'amd64' },
    });
    await fixture.emulator.registrySettled();
    const child = await send(`/v2/door-index/app/manifests/${amd.digest}`, {
      creds: ADMIN(),
      headers: { Accept: OCI_MANIFEST },
    });
    expect(child.status).toBe(200);
    expect((await send('/v2/door-index/app/manifests/amd64', { creds: ADMIN() })).status).toBe(404);
  });
});

describe('a client that leaves mid-upload', () => {
  it('leaves no connection to the registry open', async () => {
    await repository('door-leave', 'app');
    const started = await send('/v2/door-leave/app/blobs/uploads/', {
      method: 'POST',
      creds: ADMIN(),
    });
    expect(started.status).toBe(202);
    const location = String(started.headers.location);
    /** The front door's connections to the registry that are busy with a request. */
    const open = () =>
      Object.entries(globalAgent.sockets)
        .filter(([key]) => key.includes(door().socket))
        .reduce((sum, [, sockets]) => sum + (sockets?.length ?? 0), 0);
    const before = open();
    const client = connect(door().port, '127.0.0.1');
    await new Promise<void>((resolve) => client.once('connect', resolve));
    const auth = Buffer.from(ADMIN()).toString('base64');
    client.write(
      `PATCH ${location} HTTP/1.1\r\nHost: x\r\nAuthorization: Basic ${auth}\r\n` +
        'Content-Type: application/octet-stream\r\nContent-Length: 1000000\r\n\r\nsome bytes',
    );
    await vi.waitFor(() => {
      expect(open()).toBeGreaterThan(before);
    });
    client.destroy();
    await vi.waitFor(
      () => {
        expect(open()).toBe(before);
      },
      { timeout: 5000 },
    );
  });
});

describe('a registry that cannot be reached', () => {
  it('is answered 503 UNAVAILABLE, never 500, and served again once it is back', async () => {
    await repository('door-away', 'app');
    const pushed = await putImage('door-away/app', 'v1', 'before the outage');
    const pull = () =>
      send(`/v2/door-away/app/manifests/${pushed.digest}`, {
        creds: ADMIN(),
        headers: { Accept: OCI_MANIFEST },
      });
    // The registry's socket moved away: a new connection finds nobody (as when its process is
    // gone), and the front door's idle connections to it are closed so none is reused.
    const { socket } = door();
    for (const [key, sockets] of Object.entries(globalAgent.freeSockets)) {
      if (key.includes(socket)) for (const idle of sockets ?? []) idle.destroy();
    }
    renameSync(socket, `${socket}.away`);
    let away: Answer;
    try {
      away = await pull();
    } finally {
      renameSync(`${socket}.away`, socket);
    }
    expect(away.status).toBe(503);
    expect(away.headers['retry-after']).toBe('5');
    expect(away.body.toString()).toContain('UNAVAILABLE');
    expect((await pull()).status).toBe(200);
  });
});
