/**
 * A simulated `docker push`: the tag is added or updated, then everything a real push sets off
 * runs in the same transaction: deploy triggers (new tags only), automatic sync to every
 * policy's target, and the repository's retention policy.
 */
import type { SyncJobStatus } from '@swr-dashboard/swr-client';
import type { ApiContext } from '../context';
import type { RepositoryRef } from '../store/rows';
import { applyRetention } from './retention';
import { syncTag } from './sync';
import { putTag, type TagWrite } from './tags';
import { fireTriggers } from './triggers';

export interface PushResult {
  tag: string;
  digest: string;
  /** Whether the tag is new; pushing an existing tag again fires no trigger. */
  created: boolean;
  triggers: { name: string; result: 'success' | 'failed' }[];
  syncs: { remoteRegionId: string; remoteNamespace: string; status: SyncJobStatus }[];
  /** Tags the retention policy deleted after this push. */
  retentionDeleted: string[];
}

interface SyncPolicyRow {
  remote_region: string;
  remote_namespace: string;
  override: number;
}

export function pushTag(
  ctx: ApiContext,
  repo: RepositoryRef,
  push: Omit<TagWrite, 'at'>,
): PushResult {
  const { row, created } = putTag(ctx, repo, { ...push, at: ctx.now });
  const triggers = created ? fireTriggers(ctx, repo, push.tag) : [];
  const policies = ctx.store.all<SyncPolicyRow>(
    'SELECT remote_region, remote_namespace, override FROM sync_policies WHERE repository_id = ? ORDER BY id',
    repo.id,
  );
  const syncs = policies.map((policy) => ({
    remoteRegionId: policy.remote_region,
    remoteNamespace: policy.remote_namespace,
    status: syncTag(ctx, repo, row, {
      region: policy.remote_region,
      namespace: policy.remote_namespace,
      override: policy.override === 1,
    }),
  }));
  const retentionDeleted = applyRetention(ctx, repo);
  return { tag: push.tag, digest: row.digest, created, triggers, syncs, retentionDeleted };
}
