/**
 * `GET /api/images/:region`: what is inside a tag's image (contract: bff-api/image.ts). The tag
 * is read from SWR with the console's key (its manifest: layers and sizes); the config, and an
 * index's platform images, from the registry when the BFF may read it (registry/reader.ts). Who
 * may list the repository's tags may see it; a refusal is a 403 and an `authz.denied` record.
 */
import {
  imageEndpoint,
  isSwrError,
  type ImageConfig,
  type ImageDetails,
  type SwrClient,
  type TagDetail,
} from '@swr-dashboard/swr-client';
import type { Request, Router } from 'express';
import type { Logger } from 'pino';
import { eventFor } from '../audit/from-request';
import { recordBestEffort } from '../audit/policies';
import type { AuditTrail } from '../audit/trail';
import { authorize } from '../auth/authorize';
import type { BffConfig, RegionConfig } from '../config/schema';
import { sendJson } from '../http/compression';
import { serve } from '../http/endpoint';
import { AppError } from '../http/errors';
import { pacedClient } from '../proxy/paced-client';
import type { Upstream } from '../proxy/upstream';
import { RegistryUnreadable, type RegistryReader } from '../registry/reader';
import { auditedQuery } from './audit';
import { configuredRegion, signedIn } from './request';
import { readFailure } from './swr-read';

export interface ImageRouteDeps {
  config: BffConfig;
  audit: AuditTrail;
  logger: Logger;
  upstream: Upstream;
  reader: RegistryReader;
}

const ROUTE = imageEndpoint.path;
const PAGE = 100;

interface Descriptor {
  digest: string;
  size: number;
  mediaType?: string | undefined;
  platform?: {
    os?: string | undefined;
    architecture?: string | undefined;
    variant?: string | undefined;
  };
}

interface ManifestJson {
  mediaType?: string | undefined;
  config?: Descriptor | undefined;
  layers?: Descriptor[] | undefined;
  manifests?: Descriptor[] | undefined;
}

/*
 * A manifest and a config are whatever their pusher wrote: each value is read for what it must
 * be, and what is not that is left out, so an odd image shows what it can instead of failing.
 */
function textOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function textsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((entry) => typeof entry === 'string') : [];
}

function objectOf(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function platformFields(value: unknown): NonNullable<Descriptor['platform']> {
  const platform = objectOf(value);
  return {
    os: textOf(platform.os),
    architecture: textOf(platform.architecture),
    variant: textOf(platform.variant),
  };
}

function descriptorOf(value: unknown): Descriptor | undefined {
  const entry = objectOf(value);
  const digest = textOf(entry.digest);
  if (digest === undefined) return undefined;
  const size = typeof entry.size === 'number' && Number.isFinite(entry.size) ? entry.size : 0;
  return {
    digest,
    size,
    mediaType: textOf(entry.mediaType),
    platform: platformFields(entry.platform),
  };
}

function descriptorsOf(value: unknown): Descriptor[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.map(descriptorOf).filter((entry) => entry !== undefined);
}

function manifestOf(value: unknown): ManifestJson {
  const json = objectOf(value);
  return {
    mediaType: textOf(json.mediaType),
    config: descriptorOf(json.config),
    layers: descriptorsOf(json.layers),
    manifests: descriptorsOf(json.manifests),
  };
}

type Where = { region: RegionConfig; namespace: string; repository: string };

/** Refuses (403, audited) unless the user may list the repository's tags. */
function authorizeRead(deps: ImageRouteDeps, req: Request, where: Where): void {
  const target = {
    kind: 'namespace' as const,
    name: where.namespace,
    field: 'query.namespace',
    region: where.region.id,
  };
  const decision = authorize(signedIn(req), 'listRepositoryTags', {
    targets: [target],
    deploy: null,
  });
  if (decision.allowed) return;
  const details = { route: ROUTE, reason: decision.message, httpStatus: 403 };
  recordBestEffort(deps, {
    ...eventFor(req, 'authz.denied', 'denied', details),
    targets: [target],
  });
  throw new AppError('forbidden', decision.message, { reason: decision.reason });
}

/** The tag as SWR has it (its filter matches names containing the text: any page may hold it). */
async function tagOf(client: SwrClient, where: Where, tag: string): Promise<TagDetail> {
  const params = { namespace: where.namespace, repository: where.repository };
  for (let offset = 0; ; offset += PAGE) {
    const page = await client.listRepositoryTags({
      params,
      query: { tag, limit: PAGE, offset, order_column: 'tag', order_type: 'asc' },
    });
    const found = page.items.find((entry) => entry.Tag === tag);
    if (found !== undefined) return found;
    if (page.items.length < PAGE || offset + page.items.length >= page.total) {
      throw new AppError('not_found', `No tag ${tag} in ${params.namespace}/${params.repository}.`);
    }
  }
}

function platformOf(descriptor: Descriptor): string {
  const { os = 'unknown', architecture = 'unknown', variant } = descriptor.platform ?? {};
  return variant === undefined ? `${os}/${architecture}` : `${os}/${architecture}/${variant}`;
}

function mediaTypeOf(json: ManifestJson): string {
  if (json.mediaType !== undefined) return json.mediaType;
  return json.manifests === undefined
    ? 'application/vnd.oci.image.manifest.v1+json'
    : 'application/vnd.oci.image.index.v1+json';
}

/** The config's parts the details show; the environment's names only. */
function configOf(digest: string, raw: unknown): ImageConfig {
  const json = objectOf(raw);
  const config = objectOf(json.config);
  const labels = Object.entries(objectOf(config.Labels)).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string',
  );
  return {
    digest,
    created: textOf(json.created) ?? null,
    platform: platformOf({ digest, size: 0, platform: platformFields(json) }),
    entrypoint: textsOf(config.Entrypoint),
    cmd: textsOf(config.Cmd),
    workingDir: textOf(config.WorkingDir) ?? '',
    user: textOf(config.User) ?? '',
    envNames: textsOf(config.Env).map((entry) => entry.split('=', 1)[0] ?? ''),
    labels: Object.fromEntries(labels),
    exposedPorts: Object.keys(objectOf(config.ExposedPorts)),
  };
}

type Image = NonNullable<ImageDetails['image']>;

interface ImageRead {
  image: Image | null;
  registry: ImageDetails['registry'];
}

/** An image's details from its manifest alone: its layers and size. */
function fromManifest(digest: string, json: ManifestJson, platform: string | null): Image {
  const layers = (json.layers ?? []).map((layer) => ({
    digest: layer.digest,
    size: layer.size,
    mediaType: layer.mediaType ?? '',
  }));
  const size = (json.config?.size ?? 0) + layers.reduce((sum, layer) => sum + layer.size, 0);
  return { platform, digest, mediaType: mediaTypeOf(json), layers, size, config: null };
}

/** Whether a failure is the registry's (or SWR's login for it): the details go on without it. */
function unreadable(error: unknown): boolean {
  return error instanceof RegistryUnreadable || isSwrError(error);
}

/** The image with its config, read from the registry if it may be. */
async function withConfig(
  deps: ImageRouteDeps,
  where: Where,
  image: Image,
  json: ManifestJson,
): Promise<ImageRead> {
  if (!deps.reader.enabled || json.config === undefined) return { image, registry: 'off' };
  const path = `${where.namespace}/${where.repository}`;
  try {
    const raw = await deps.reader.blob(where.region, path, json.config.digest);
    return { image: { ...image, config: configOf(json.config.digest, raw) }, registry: 'read' };
  } catch (error) {
    if (!unreadable(error)) throw error;
    return { image, registry: 'failed' };
  }
}

/** An index's platform image: its manifest and config are the registry's to tell. */
async function platformImage(
  deps: ImageRouteDeps,
  where: Where,
  chosen: Descriptor,
): Promise<ImageRead> {
  if (!deps.reader.enabled) return { image: null, registry: 'off' };
  const path = `${where.namespace}/${where.repository}`;
  let json: ManifestJson;
  try {
    json = manifestOf((await deps.reader.manifest(where.region, path, chosen.digest)).json);
  } catch (error) {
    if (!unreadable(error)) throw error;
    return { image: null, registry: 'failed' };
  }
  return withConfig(deps, where, fromManifest(chosen.digest, json, platformOf(chosen)), json);
}

/** The platform asked for of an index (its first when none is), or 404. */
function chosenPlatform(manifests: readonly Descriptor[], platform: string | undefined) {
  const chosen = manifests.find(
    (entry) => platform === undefined || platformOf(entry) === platform,
  );
  if (chosen === undefined) {
    const what = platform === undefined ? 'lists no platform' : `has no platform ${platform}`;
    throw new AppError('not_found', `The image ${what}.`);
  }
  return chosen;
}

/** The manifest SWR keeps for the tag; one that is not JSON is SWR's fault (502). */
function swrManifestOf(tag: TagDetail): ManifestJson {
  try {
    return manifestOf(JSON.parse(tag.manifest) as unknown);
  } catch {
    throw new AppError(
      'upstream_invalid_response',
      `SWR keeps a manifest for ${tag.Tag} that is not JSON.`,
    );
  }
}

async function details(
  deps: ImageRouteDeps,
  where: Where,
  query: { tag: string; platform?: string | undefined },
): Promise<ImageDetails> {
  const stop = new AbortController().signal;
  const client = pacedClient({ upstream: deps.upstream, region: where.region, stop });
  const tag = await tagOf(client, where, query.tag).catch((error: unknown) => {
    const missing = `No repository ${where.namespace}/${where.repository}.`;
    throw readFailure(error, where.region.id, missing);
  });
  const json = swrManifestOf(tag);
  const read =
    json.manifests === undefined
      ? await withConfig(deps, where, fromManifest(tag.digest, json, null), json)
      : await platformImage(deps, where, chosenPlatform(json.manifests, query.platform));
  return {
    tag: tag.Tag,
    digest: tag.digest,
    mediaType: mediaTypeOf(json),
    platforms: (json.manifests ?? []).map((entry) => ({
      platform: platformOf(entry),
      digest: entry.digest,
    })),
    ...read,
    path: tag.path.replace(/:[^/:]+$/, ''),
  };
}

export function imageRoutes(router: Router, deps: ImageRouteDeps): void {
  serve(router, '/api', imageEndpoint, async (req, res) => {
    const region = configuredRegion(deps.config, String(req.params.region));
    const query = auditedQuery(deps, req, ROUTE, imageEndpoint.query);
    const where = { region, namespace: query.namespace, repository: query.repository };
    authorizeRead(deps, req, where);
    await sendJson(req, res, 200, await details(deps, where, query));
  });
}
