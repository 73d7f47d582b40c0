/**
 * Sharing private images with other accounts (operations 13–18). A share is valid until its
 * deadline (`forever` never ends); an expired share stays listed with `status: false`.
 */
import type { RepositoryShare } from '@swr-dashboard/swr-client';
import type { ApiContext } from './context';
import { SwrFailure } from './failure';
import { pageOf, type HandlerTable } from './handler';
import {
  accountName,
  containsPattern,
  findRepository,
  repositoryRefsByIds,
  repositorySummary,
  type RepositoryRef,
} from './records';

interface ShareRow {
  repository_id: number;
  access_domain: string;
  permit: string;
  deadline: string;
  description: string;
  creator_id: string;
  creator_name: string;
  created: string;
  updated: string;
}

/** Whether a share still grants access at `now`. */
export function shareValid(deadline: string, now: Date): boolean {
  return deadline === 'forever' || Date.parse(deadline) > now.getTime();
}

function wireShare(ctx: ApiContext, repo: RepositoryRef, row: ShareRow): RepositoryShare {
  return {
    namespace: repo.namespace,
    repository: repo.name,
    access_domain: row.access_domain,
    permit: row.permit,
    deadline: row.deadline,
    description: row.description,
    creator_id: row.creator_id,
    creator_name: row.creator_name,
    created: row.created,
    updated: row.updated,
    status: shareValid(row.deadline, ctx.now),
  };
}

function findShare(ctx: ApiContext, repo: RepositoryRef, domain: string): ShareRow | undefined {
  return ctx.store.get<ShareRow>(
    'SELECT * FROM shares WHERE repository_id = ? AND access_domain = ?',
    repo.id,
    domain,
  );
}

/** A new deadline must lie ahead: sharing until yesterday would share nothing. */
function refusePastDeadline(ctx: ApiContext, deadline: string): void {
  if (!shareValid(deadline, ctx.now)) {
    throw new SwrFailure('invalidParam', `deadline ${deadline} is not in the future`);
  }
}

const SHARED_ORDER: Record<string, string> = {
  updated_at: 'r.updated_at',
  name: 'r.name',
  tag_count: 'r.num_images',
  namespace: 'n.name',
  domain_name: 'n.domain_id',
};

export const sharingHandlers = {
  createRepoDomains: {
    handle(ctx, { params, body }) {
      const repo = findRepository(ctx, params.namespace, params.repository);
      if (body.access_domain === ctx.caller.account.name) {
        throw new SwrFailure('invalidDomain', 'an image cannot be shared with its own account');
      }
      if (findShare(ctx, repo, body.access_domain) !== undefined) {
        throw new SwrFailure('shareExists', body.access_domain);
      }
      refusePastDeadline(ctx, body.deadline);
      const now = ctx.now.toISOString();
      ctx.store.run(
        `INSERT INTO shares (repository_id, access_domain, permit, deadline, description,
           creator_id, creator_name, created, updated)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        repo.id,
        body.access_domain,
        body.permit,
        body.deadline,
        body.description ?? '',
        ctx.caller.user.id,
        ctx.caller.user.name,
        now,
        now,
      );
      return {};
    },
  },

  deleteRepoDomains: {
    handle(ctx, { params }) {
      const repo = findRepository(ctx, params.namespace, params.repository);
      if (findShare(ctx, repo, params.access_domain) === undefined) {
        throw new SwrFailure('shareNotFound', params.access_domain);
      }
      ctx.store.run(
        'DELETE FROM shares WHERE repository_id = ? AND access_domain = ?',
        repo.id,
        params.access_domain,
      );
      return {};
    },
  },

  updateRepoDomains: {
    handle(ctx, { params, body }) {
      const repo = findRepository(ctx, params.namespace, params.repository);
      const share = findShare(ctx, repo, params.access_domain);
      if (share === undefined) throw new SwrFailure('shareNotFound', params.access_domain);
      refusePastDeadline(ctx, body.deadline);
      ctx.store.run(
        `UPDATE shares SET permit = ?, deadline = ?, description = ?, updated = ?
         WHERE repository_id = ? AND access_domain = ?`,
        body.permit,
        body.deadline,
        body.description ?? share.description,
        ctx.now.toISOString(),
        repo.id,
        params.access_domain,
      );
      return {};
    },
  },

  showAccessDomain: {
    handle(ctx, { params }) {
      const repo = findRepository(ctx, params.namespace, params.repository);
      const share = findShare(ctx, repo, params.access_domain);
      return {
        body:
          share === undefined ? { exist: false } : { exist: true, ...wireShare(ctx, repo, share) },
      };
    },
  },

  listRepoDomains: {
    handle(ctx, { params }) {
      const repo = findRepository(ctx, params.namespace, params.repository);
      const rows = ctx.store.all<ShareRow>(
        'SELECT * FROM shares WHERE repository_id = ? ORDER BY created, access_domain',
        repo.id,
      );
      return { body: rows.map((row) => wireShare(ctx, repo, row)) };
    },
  },

  listSharedReposDetails: {
    handle(ctx, { query }) {
      // self: this account's images shared with anyone; thirdparty: others' images shared with it.
      const where =
        query.center === 'self'
          ? [
              'n.region = ?',
              'n.domain_id = ?',
              'EXISTS (SELECT 1 FROM shares s WHERE s.repository_id = r.id)',
            ]
          : [
              'n.region = ?',
              'n.domain_id <> ?',
              'EXISTS (SELECT 1 FROM shares s WHERE s.repository_id = r.id AND s.access_domain = ?)',
            ];
      const args: unknown[] =
        query.center === 'self'
          ? [ctx.region.id, ctx.caller.account.id]
          : [ctx.region.id, ctx.caller.account.id, ctx.caller.account.name];
      if (query.namespace !== undefined) {
        where.push("n.name LIKE ? ESCAPE '\\'");
        args.push(containsPattern(query.namespace));
      }
      if (query.name !== undefined) {
        where.push("r.name LIKE ? ESCAPE '\\'");
        args.push(containsPattern(query.name));
      }
      const from = `FROM repositories r JOIN namespaces n ON n.id = r.namespace_id WHERE ${where.join(' AND ')}`;
      const column = SHARED_ORDER[query.order_column ?? 'updated_at'] ?? 'r.updated_at';
      const direction = query.order_type === 'asc' ? 'ASC' : 'DESC';
      const { limit, offset } = pageOf(query);
      const ids = ctx.store
        .all<{ id: number }>(
          `SELECT r.id ${from} ORDER BY ${column} ${direction}, r.id ${direction} LIMIT ? OFFSET ?`,
          ...args,
          limit,
          offset,
        )
        .map((row) => row.id);
      const total = ctx.store.get<{ n: number }>(`SELECT count(*) AS n ${from}`, ...args)?.n ?? 0;
      const items = repositoryRefsByIds(ctx, ids).map((repo) => {
        const share =
          query.center === 'thirdparty' ? findShare(ctx, repo, ctx.caller.account.name) : undefined;
        return repositorySummary(ctx, repo, {
          total,
          status: share !== undefined && shareValid(share.deadline, ctx.now),
          domainName: accountName(ctx, repo.domain_id),
        });
      });
      return { body: items, page: { offset, count: items.length, total } };
    },
  },
} satisfies Partial<HandlerTable>;
