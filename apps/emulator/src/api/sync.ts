/** Cross-region image sync (operations 29–33). */
import type { SyncJob, SyncRepo } from '@swr-dashboard/swr-client';
import type { ApiContext } from '../context';
import { SwrFailure } from './failure';
import type { HandlerTable } from './handler';
import { findRepository, type RepositoryRef, type TagRow } from './records';
import { syncTag } from '../effects/sync';

interface SyncPolicyRow {
  id: number;
  remote_region: string;
  remote_namespace: string;
  override: number;
  sync_auto: number;
  created_at: string;
  updated_at: string;
}

interface SyncJobRow extends Omit<SyncPolicyRow, 'sync_auto'> {
  tag: string;
  status: SyncJob['status'];
  operator_id: string;
  operator_name: string;
}

function wirePolicy(ctx: ApiContext, repo: RepositoryRef, row: SyncPolicyRow): SyncRepo {
  return {
    id: row.id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    domainID: repo.domain_id,
    domainName: ctx.caller.account.name,
    namespace: repo.namespace,
    repoName: repo.name,
    remoteRegionId: row.remote_region,
    remoteNamespace: row.remote_namespace,
    override: row.override === 1,
    syncAuto: row.sync_auto === 1,
  };
}

/** The target must be another region this emulator serves, with the organization there. */
function checkTarget(ctx: ApiContext, region: string, namespace: string): void {
  if (region === ctx.region.id) {
    throw new SwrFailure('invalidParam', 'the target region must differ from the source region');
  }
  if (!ctx.config.regions.some((candidate) => candidate.id === region)) {
    throw new SwrFailure('invalidParam', `region ${region} does not offer image sync`);
  }
  const exists = ctx.store.get(
    'SELECT 1 FROM namespaces WHERE region = ? AND name = ? AND domain_id = ?',
    region,
    namespace,
    ctx.caller.account.id,
  );
  if (exists === undefined) throw new SwrFailure('namespaceNotFound', `${region}/${namespace}`);
}

export const syncHandlers = {
  showSyncJob: {
    handle(ctx, { params, query }) {
      const repo = findRepository(ctx, params.namespace, params.repository);
      const direction = query.order === 'asc' ? 'ASC' : 'DESC';
      const rows = ctx.store.all<SyncJobRow>(
        `SELECT * FROM sync_jobs WHERE repository_id = ?
         ORDER BY created_at ${direction}, id ${direction} LIMIT ? OFFSET ?`,
        repo.id,
        query.limit,
        query.offset,
      );
      const total =
        ctx.store.get<{ n: number }>(
          'SELECT count(*) AS n FROM sync_jobs WHERE repository_id = ?',
          repo.id,
        )?.n ?? 0;
      const body = rows.map((row): SyncJob => {
        const { syncAuto: _, ...policy } = wirePolicy(ctx, repo, { ...row, sync_auto: 0 });
        return {
          ...policy,
          status: row.status,
          syncOperatorId: row.operator_id,
          syncOperatorName: row.operator_name,
          tag: row.tag,
        };
      });
      return { body, page: { offset: query.offset, count: body.length, total } };
    },
  },

  listImageAutoSyncReposDetails: {
    handle(ctx, { params }) {
      const repo = findRepository(ctx, params.namespace, params.repository);
      const rows = ctx.store.all<SyncPolicyRow>(
        'SELECT * FROM sync_policies WHERE repository_id = ? ORDER BY id LIMIT 100',
        repo.id,
      );
      return { body: rows.map((row) => wirePolicy(ctx, repo, row)) };
    },
  },

  createImageSyncRepo: {
    handle(ctx, { params, body }) {
      const repo = findRepository(ctx, params.namespace, params.repository);
      checkTarget(ctx, body.remoteRegionId, body.remoteNamespace);
      const now = ctx.now.toISOString();
      const inserted = ctx.store.run(
        `INSERT INTO sync_policies (repository_id, remote_region, remote_namespace, override,
           sync_auto, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (repository_id, remote_region, remote_namespace) DO NOTHING`,
        repo.id,
        body.remoteRegionId,
        body.remoteNamespace,
        body.override === true ? 1 : 0,
        body.syncAuto === true ? 1 : 0,
        now,
        now,
      );
      if (inserted.changes === 0) {
        throw new SwrFailure(
          'invalidParam',
          `a sync policy to ${body.remoteRegionId}/${body.remoteNamespace} exists`,
        );
      }
      return {};
    },
  },

  deleteImageSyncRepo: {
    errorShape: 'swr-list',
    handle(ctx, { params, body }) {
      const repo = findRepository(ctx, params.namespace, params.repository);
      const deleted = ctx.store.run(
        'DELETE FROM sync_policies WHERE repository_id = ? AND remote_region = ? AND remote_namespace = ?',
        repo.id,
        body.remoteRegionId,
        body.remoteNamespace,
      );
      if (deleted.changes === 0) {
        throw new SwrFailure('syncRepoNotFound', `${body.remoteRegionId}/${body.remoteNamespace}`);
      }
      return {};
    },
  },

  createManualImageSyncRepo: {
    handle(ctx, { params, body }) {
      const repo = findRepository(ctx, params.namespace, params.repository);
      checkTarget(ctx, body.remoteRegionId, body.remoteNamespace);
      const failed: string[] = [];
      for (const name of new Set(body.imageTag)) {
        const tag = ctx.store.get<TagRow>(
          'SELECT * FROM tags WHERE repository_id = ? AND tag = ?',
          repo.id,
          name,
        );
        const status =
          tag === undefined
            ? 'failed'
            : syncTag(ctx, repo, tag, {
                region: body.remoteRegionId,
                namespace: body.remoteNamespace,
                override: body.override === true,
              });
        if (status === 'failed') failed.push(name);
      }
      return { body: failed };
    },
  },
} satisfies Partial<HandlerTable>;
