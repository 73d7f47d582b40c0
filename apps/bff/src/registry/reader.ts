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
const TIMEOUT_MS = 10_000;

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
    },
  ) {}

  get enabled(): boolean {
    return this.deps.config.registry.read !== 'off';
  }

  /** A manifest by tag or digest. */
  async manifest(region: RegionConfig, path: string, reference: string): Promise<ReadManifest> {
    const { bytes, headers } = await this.get(region, `/v2/${path}/manifests/${reference}`, ACCEPT);
    const digest =
      headers.get('docker-content-digest') ??
      `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    return {
      mediaType: headers.get('content-type') ?? '',
      digest,
      json: JSON.parse(bytes.toString('utf8')) as unknown,
    };
  }

  /** A blob read whole (a config), checked against its digest. */
  async blob(region: RegionConfig, path: string, digest: string): Promise<unknown> {
    const { bytes } = await this.get(region, `/v2/${path}/blobs/${digest}`, '*/*');
    const actual = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    if (digest.startsWith('sha256:') && actual !== digest) {
      throw new RegistryUnreadable(`blob ${digest} does not match its digest`);
    }
    return JSON.parse(bytes.toString('utf8')) as unknown;
  }

  private async get(region: RegionConfig, path: string, accept: string) {
    const login = await this.login(region);
    const scheme = this.deps.config.registry.read;
    const response = await fetch(`${scheme}://${login.host}${path}`, {
      headers: { Accept: accept, Authorization: login.authorization },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    }).catch((error: unknown) => {
      throw new RegistryUnreadable(`the registry ${login.host} could not be reached`, {
        cause: error,
      });
    });
    if (response.status === 401) this.logins.delete(region.id);
    if (!response.ok) {
      await response.body?.cancel();
      throw new RegistryUnreadable(`the registry answered HTTP ${String(response.status)}`);
    }
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > MAX_BYTES) {
      await response.body?.cancel();
      throw new RegistryUnreadable(`more than ${String(MAX_BYTES)} bytes`);
    }
    const bytes = Buffer.from(await response.arrayBuffer());
    if (bytes.length > MAX_BYTES) throw new RegistryUnreadable(`more than ${String(MAX_BYTES)} bytes`);
    return { bytes, headers: response.headers };
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
    const expires = Date.parse(login.expiresAt ?? '');
    const now = (this.deps.now ?? Date.now)();
    return {
      host: login.registry,
      authorization: `Basic ${Buffer.from(`${match[1]}:${match[2]}`).toString('base64')}`,
      renewAt: Number.isFinite(expires) ? expires - RENEW_BEFORE_MS : now + RENEW_BEFORE_MS,
    };
  }
}
