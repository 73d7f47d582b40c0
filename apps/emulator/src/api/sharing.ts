/**
 * Sharing private images with other accounts (operations 13–18). A share is valid until its
 * deadline (`forever` never ends); an expired share stays listed with `status: false`.
 */
import type { RepositoryShare } from '@swr-dashboard/swr-client';
import type { ApiContext } from '../context';
import { SwrFailure } from './failure';
import type { HandlerTable } from './handler';
import { repositoryPage } from './repository-list';
import { accountName, findRepository, repositorySummary, type RepositoryRef } from './records';

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
/** Whether the cloud has an account of this name (one with keys here, or one known by name). */
function accountExists(ctx: ApiContext, name: string): boolean {
  return (
    ctx.config.accounts.some((account) => account.name === name) ||
    ctx.config.otherAccounts.includes(name)
  );
}

function refusePastDeadline(ctx: ApiContext, deadline: string): void {
  if (!shareValid(deadline, ctx.now)) {
    throw new SwrFailure('invalidParam', `deadline ${deadline} is not in the future`);
  }
}

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
      if (!accountExists(ctx, body.access_domain)) {
        throw new SwrFailure('shareNotFound', `no account ${body.access_domain}`);
      }
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
      const conditions =
        query.center === 'self'
          ? {
              where: [
                'r.region = ?',
                'r.domain_id = ?',
                'EXISTS (SELECT 1 FROM shares s WHERE s.repository_id = r.id)',
              ],
              args: [ctx.region.id, ctx.caller.account.id],
            }
          : {
              where: [
                'r.region = ?',
                'r.domain_id <> ?',
                'EXISTS (SELECT 1 FROM shares s WHERE s.repository_id = r.id AND s.access_domain = ?)',
              ],
              args: [ctx.region.id, ctx.caller.account.id, ctx.caller.account.name],
            };
      const { rows, range } = repositoryPage(ctx, conditions, query);
      const items = rows.map((repo) => {
        const share =
          query.center === 'thirdparty' ? findShare(ctx, repo, ctx.caller.account.name) : undefined;
        return repositorySummary(ctx, repo, {
          total: range.total,
          status: share !== undefined && shareValid(share.deadline, ctx.now),
          domainName: accountName(ctx, repo.domain_id),
        });
      });
      return { body: items, page: { ...range, count: items.length } };
    },
  },
} satisfies Partial<HandlerTable>;
