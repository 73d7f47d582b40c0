/**
 * Reads images from a region's registry for the image details (api/images.ts): manifests and
 * config blobs, with GET only. It logs in with the temporary login SWR hands the console's own
 * key (`createSecret`, a signed call), kept until shortly before it expires; never with a user's
 * credentials, which the BFF does not have. The password is kept in memory only and sent only to
 * the registry host SWR named for that login.
 */
import { createHash } from 'node:crypto';
import type { SwrClient } from '@swr-dashboard/swr-client';
import type { BffConfig, RegionConfig } from '../config/schema';
import type { Upstream } from '../proxy/upstream';
import { pacedClient } from '../proxy/paced-client';

/** Manifests the details read: an index lists platforms, an image its layers. */
const ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

/** The most a manifest or config may weigh (the registry's own manifest limit is 4 MiB). */
const MAX_BYTES = 4 * 1024 * 1024;
/** A login is renewed this long before SWR says it expires. */
const RENEW_BEFORE_MS = 10 * 60 * 1000;
/** The longest one read may take, its answer's body included. */
const TIMEOUT_MS = 10_000;

/**
 * A registry host as SWR names one: a DNS name or an IP address, and a port. Nothing that would
 * make the URL the reader builds point elsewhere (a path, a query, a fragment, credentials).
 */
const HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$/;

/** The digests the reader reads by, and checks what it read against. */
const DIGEST = /^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;

interface Login {
  host: string;
  authorization: string;
  renewAt: number;
}

export interface ReadManifest {
  mediaType: string;
  digest: string;
  json: unknown;
}

export class RegistryUnreadable extends Error {}

export class RegistryReader {
  private readonly logins = new Map<string, Promise<Login>>();

  constructor(
    private readonly deps: {
      config: Pick<BffConfig, 'registry'>;
      upstream: Upstream;
      now?: () => number;
      /** The longest one read may take (default 10 s). */
      timeoutMs?: number;
    },
  ) {}

  get enabled(): boolean {
    return this.deps.config.registry.read !== 'off';
  }

  /** A manifest by its digest, checked against it. */
  async manifest(region: RegionConfig, path: string, digest: string): Promise<ReadManifest> {
    const bytes = await this.read(region, path, 'manifests', digest, ACCEPT);
    return { mediaType: bytes.mediaType, digest, json: parsed(bytes.body) };
  }

  /** A blob read whole (a config), checked against its digest. */
  async blob(region: RegionConfig, path: string, digest: string): Promise<unknown> {
    return parsed((await this.read(region, path, 'blobs', digest, '*/*')).body);
  }

  /** A manifest's or a blob's bytes by digest: at most `MAX_BYTES`, and what the digest names. */
  private async read(
    region: RegionConfig,
    path: string,
    kind: 'manifests' | 'blobs',
    digest: string,
    accept: string,
  ): Promise<{ body: Buffer; mediaType: string }> {
    const algorithm = DIGEST.exec(digest)?.[1]?.split(':', 1)[0];
    if (algorithm === undefined) throw new RegistryUnreadable(`${digest} is not a digest`);
    const login = await this.login(region);
    const scheme = this.deps.config.registry.read;
    const signal = AbortSignal.timeout(this.deps.timeoutMs ?? TIMEOUT_MS);
    const url = `${scheme}://${login.host}/v2/${path}/${kind}/${digest}`;
    try {
      const response = await fetch(url, {
        headers: { Accept: accept, Authorization: login.authorization },
        signal,
      });
      if (response.status === 401) this.logins.delete(region.id);
      if (!response.ok) {
        await response.body?.cancel();
        throw new RegistryUnreadable(`the registry answered HTTP ${String(response.status)}`);
      }
      const body = await limited(response);
      const actual = `${algorithm}:${createHash(algorithm).update(body).digest('hex')}`;
      if (actual !== digest) {
        throw new RegistryUnreadable(`what the registry answered is not ${digest}`);
      }
      return { body, mediaType: response.headers.get('content-type') ?? '' };
    } catch (error) {
      if (error instanceof RegistryUnreadable) throw error;
      throw new RegistryUnreadable(`the registry ${login.host} could not be read`, {
        cause: error,
      });
    }
  }

  /** The region's login, asked of SWR once and kept until shortly before it expires. */
  private login(region: RegionConfig): Promise<Login> {
    const now = (this.deps.now ?? Date.now)();
    const kept = this.logins.get(region.id);
    const fresh = kept?.then((login) => (login.renewAt > now ? login : undefined));
    const asked = (async () => (await fresh) ?? this.askLogin(region))();
    this.logins.set(region.id, asked);
    asked.catch(() => this.logins.delete(region.id));
    return asked;
  }

  private async askLogin(region: RegionConfig): Promise<Login> {
    const client: SwrClient = pacedClient({
      upstream: this.deps.upstream,
      region,
      stop: new AbortController().signal,
    });
    const login = await client.createSecret({ query: { projectname: region.id } });
    const match = /^docker login -u (\S+) -p (\S+)$/.exec(login.headerCommand.trim());
    if (match?.[1] === undefined || match[2] === undefined) {
      throw new RegistryUnreadable('SWR answered a login command of another shape');
    }
    if (!HOST.test(login.registry)) {
      throw new RegistryUnreadable('SWR named a registry that is not a host');
    }
    const expires = Date.parse(login.expiresAt ?? '');
    const now = (this.deps.now ?? Date.now)();
    return {
      host: login.registry,
      authorization: `Basic ${Buffer.from(`${match[1]}:${match[2]}`).toString('base64')}`,
      renewAt: Number.isFinite(expires) ? expires - RENEW_BEFORE_MS : now + RENEW_BEFORE_MS,
    };
  }
}

/** The body, read until it ends or passes `MAX_BYTES` (then the rest is not read). */
async function limited(response: Response): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > MAX_BYTES) {
    await response.body?.cancel();
    throw new RegistryUnreadable(`more than ${String(MAX_BYTES)} bytes`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (response.body === null) return Buffer.alloc(0);
  const reader: ReadableStreamDefaultReader<Uint8Array> = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    size += value.byteLength;
    if (size > MAX_BYTES) {
      // Nothing more is read.
      await reader.cancel();
      throw new RegistryUnreadable(`more than ${String(MAX_BYTES)} bytes`);
    }
    chunks.push(value);
  }
}

function parsed(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch {
    throw new RegistryUnreadable('the registry answered what is not JSON');
  }
}
