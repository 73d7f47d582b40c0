/**
 * Copying a tag to an organization in another region, as automatic and manual sync do. The
 * target repository is created when missing; an existing tag is overwritten only with
 * `override`, otherwise the job ends as `existed`. A missing target organization fails the job.
 * Every attempt is recorded as a sync job of the source repository.
 */
import type { SyncJobStatus } from '@swr-dashboard/swr-client';
import type { ApiContext } from '../context';
import type { NamespaceRow, RepositoryRef, TagRow } from '../store/rows';
import { applyRetention } from './retention';
import { queueCopy } from '../registry/work';
import { ensureRepository } from './repositories';
import { putTag } from './tags';

export interface SyncTarget {
  region: string;
  namespace: string;
  override: boolean;
}

function copy(
  ctx: ApiContext,
  source: RepositoryRef,
  tag: TagRow,
  target: SyncTarget,
): SyncJobStatus {
  const ns = ctx.store.get<NamespaceRow>(
    'SELECT * FROM namespaces WHERE region = ? AND name = ? AND domain_id = ?',
    target.region,
    target.namespace,
    source.domain_id,
  );
  if (ns === undefined) return 'failed';
  const repo = ensureRepository(ctx, ns, source.name, source);
  if (repo === undefined) return 'failed';
  const existing = ctx.store.get<{ digest: string }>(
    'SELECT digest FROM tags WHERE repository_id = ? AND tag = ?',
    repo.id,
    tag.tag,
  );
  if (existing !== undefined && !target.override) return 'existed';
  const copied = { digest: tag.digest, manifest: tag.manifest };
  putTag(ctx, repo, { tag: tag.tag, size: tag.size, at: ctx.now, ...copied });
  queueCopy(
    ctx,
    { region: source.region, path: `${source.namespace}/${source.name}`, digest: tag.digest },
    { region: target.region, path: `${target.namespace}/${source.name}`, tag: tag.tag },
  );
  applyRetention(ctx, { id: repo.id, namespace: ns.name, name: source.name });
  return 'success';
}

/** Syncs one tag and records the job. */
export function syncTag(
  ctx: ApiContext,
  source: RepositoryRef,
  tag: TagRow,
  target: SyncTarget,
): SyncJobStatus {
  const status = copy(ctx, source, tag, target);
  const now = ctx.now.toISOString();
  ctx.store.run(
    `INSERT INTO sync_jobs (repository_id, remote_region, remote_namespace, override, tag, status,
       operator_id, operator_name, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    source.id,
    target.region,
    target.namespace,
    target.override ? 1 : 0,
    tag.tag,
    status,
    ctx.caller.user.id,
    ctx.caller.user.name,
    now,
    now,
  );
  return status;
}
