/**
 * The registry's share of an API change, written in the same transaction as the change (so a
 * crash loses neither) and carried out after it by the front door's outbox (outbox.ts):
 * - `copy`: a sync put a tag into another region: its image goes to that region's registry;
 * - `forget`: tags went (deleted, retention, their repository deleted): a manifest that no tag of
 *   its repository names any more is deleted from the registry.
 * Only when the front door runs (`ctx.registry`); otherwise nothing is written.
 */
import type { ApiContext } from '../context';

/** A repository as the registry names it: its region and `namespace/repository`. */
export interface RegistryRepository {
  region: string;
  path: string;
}

export function queueCopy(
  ctx: ApiContext,
  from: RegistryRepository & { digest: string },
  to: RegistryRepository & { tag: string },
): void {
  if (ctx.registry !== true) return;
  ctx.store.run(
    `INSERT INTO registry_work (kind, region, repository, digest, to_region, to_repository, to_tag)
     VALUES ('copy', ?, ?, ?, ?, ?, ?)`,
    from.region,
    from.path,
    from.digest,
    to.region,
    to.path,
    to.tag,
  );
}

/** Queues the forgetting of the digests of tags of repository `repositoryId` (before they go). */
export function queueForget(
  ctx: ApiContext,
  repositoryId: number,
  tagIds: readonly number[] | 'all',
): void {
  if (ctx.registry !== true) return;
  ctx.store.run(
    `INSERT INTO registry_work (kind, region, repository, digest)
     SELECT 'forget', n.region, n.name || '/' || r.name, t.digest
     FROM tags t JOIN repositories r ON r.id = t.repository_id
       JOIN namespaces n ON n.id = r.namespace_id
     WHERE t.repository_id = ? AND (? = 1 OR t.id IN (SELECT value FROM json_each(?)))`,
    repositoryId,
    tagIds === 'all' ? 1 : 0,
    JSON.stringify(tagIds === 'all' ? [] : tagIds),
  );
}
