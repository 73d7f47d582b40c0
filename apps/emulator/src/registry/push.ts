/**
 * A manifest pushed under a tag through the front door, recorded as SWR records a push: the
 * repository made if it is new, the tag written with the manifest's real digest, size (its
 * layers and config; an index's, every platform's) and bytes, and what a push sets off run in
 * the same transaction (effects/push.ts: triggers, automatic sync, retention). The registry work
 * that queues (a sync's copy, retention's deletes) starts after it.
 */
import type { ApiContext } from '../context';
import { findRepository } from '../api/records';
import { pushTag } from '../effects/push';
import { ensureRepository } from '../effects/repositories';
import type { NamespaceRow } from '../store/rows';
import type { RegistryCaller } from './access';
import { getManifest, type ManifestJson } from './client';
import type { FrontDoorOptions } from './front-door';

export interface PushedManifest {
  namespace: string;
  repository: string;
  tag: string;
  digest: string;
  manifest: Buffer;
}

function imageSize(json: ManifestJson): number {
  const blobs = [json.config, ...(json.layers ?? [])];
  return blobs.reduce((sum, blob) => sum + (blob?.size ?? 0), 0);
}

/** The image's size: its blobs', or for an index, every platform's image's. */
async function sizeOf(socket: string, path: string, json: ManifestJson): Promise<number> {
  if (json.manifests === undefined) return imageSize(json);
  let size = 0;
  for (const child of json.manifests) {
    const manifest = await getManifest(socket, path, child.digest);
    size += manifest === undefined ? 0 : imageSize(manifest.json);
  }
  return size;
}

export async function recordPush(
  options: Pick<
    FrontDoorOptions,
    'config' | 'store' | 'region' | 'socket' | 'outbox' | 'clock' | 'baseUrl'
  >,
  caller: RegistryCaller,
  pushed: PushedManifest,
): Promise<void> {
  const path = `${pushed.namespace}/${pushed.repository}`;
  const text = pushed.manifest.toString('utf8');
  const size = await sizeOf(options.socket, path, JSON.parse(text) as ManifestJson);
  const ctx: ApiContext = {
    store: options.store,
    config: options.config,
    region: options.region,
    caller,
    now: options.clock(),
    baseUrl: options.baseUrl(),
    registry: true,
  };
  options.store.transaction(() => {
    const ns = ctx.store.get<NamespaceRow>(
      'SELECT * FROM namespaces WHERE region = ? AND name = ?',
      ctx.region.id,
      pushed.namespace,
    );
    if (ns === undefined) return;
    ensureRepository(ctx, ns, pushed.repository);
    const repo = findRepository(ctx, pushed.namespace, pushed.repository);
    pushTag(ctx, repo, { tag: pushed.tag, size, digest: pushed.digest, manifest: text });
  });
  options.outbox.kick();
}
