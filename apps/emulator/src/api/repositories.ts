/** Repositories, tags and repository permissions (operations 5–11, 25–28). */
import { queueForget } from '../registry/work';
import { SwrFailure } from './failure';
import { pageOf, type HandlerTable } from './handler';
import { repositoryPage } from './repository-list';
import { authTable, createAuths, deleteAuths, updateAuths } from './permissions';
import {
  containsPattern,
  findNamespace,
  findRepository,
  imagePath,
  internalPath,
  repositorySummary,
  selfAuth,
  tagDetail,
  type TagRow,
} from './records';
import type { ApiContext } from '../context';
import { deleteTags } from '../effects/tags';

/** `arm` and the SDK's `arms` are the same category. */
function categories(category: string): string[] {
  return category === 'arm' || category === 'arms' ? ['arm', 'arms'] : [category];
}

function repositoryAuths(ctx: ApiContext, namespace: string, repository: string) {
  const repo = findRepository(ctx, namespace, repository);
  return { repo, table: authTable('repository', repo.id) };
}

export const repositoryHandlers = {
  createRepo: {
    handle(ctx, { params, body }) {
      const ns = findNamespace(ctx, params.namespace);
      const exists = ctx.store.get(
        'SELECT 1 FROM repositories WHERE namespace_id = ? AND name = ?',
        ns.id,
        body.repository,
      );
      if (exists !== undefined) {
        throw new SwrFailure('repositoryExists', `${params.namespace}/${body.repository}`);
      }
      const now = ctx.now.toISOString();
      ctx.store.run(
        `INSERT INTO repositories (namespace_id, region, domain_id, name, category, description,
           is_public, creator_id, creator_name, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ns.id,
        ns.region,
        ns.domain_id,
        body.repository,
        body.category ?? 'other',
        body.description ?? '',
        body.is_public ? 1 : 0,
        ctx.caller.user.id,
        ctx.caller.user.name,
        now,
        now,
      );
      return {};
    },
  },

  deleteRepo: {
    handle(ctx, { params }) {
      const repo = findRepository(ctx, params.namespace, params.repository);
      queueForget(ctx, repo.id, 'all');
      ctx.store.run('DELETE FROM repositories WHERE id = ?', repo.id);
      return {};
    },
  },

  updateRepo: {
    handle(ctx, { params, body }) {
      const repo = findRepository(ctx, params.namespace, params.repository);
      ctx.store.run(
        `UPDATE repositories SET is_public = ?, category = ?, description = ?, updated_at = ?
         WHERE id = ?`,
        body.is_public ? 1 : 0,
        body.category ?? repo.category,
        body.description ?? repo.description,
        ctx.now.toISOString(),
        repo.id,
      );
      return {};
    },
  },

  showRepository: {
    handle(ctx, { params }) {
      const repo = findRepository(ctx, params.namespace, params.repository);
      return {
        body: {
          id: repo.id,
          ns_id: repo.namespace_id,
          name: repo.name,
          category: repo.category,
          description: repo.description,
          creator_id: repo.creator_id,
          creator_name: repo.creator_name,
          size: repo.size,
          is_public: repo.is_public === 1,
          num_images: repo.num_images,
          num_download: repo.num_download,
          url: '',
          path: imagePath(ctx, repo.namespace, repo.name),
          internal_path: internalPath(repo.namespace, repo.name),
          created: repo.created_at,
          updated: repo.updated_at,
          domain_id: repo.domain_id,
          priority: 0,
        },
      };
    },
  },

  listReposDetails: {
    handle(ctx, { query }) {
      const where = ['r.region = ?', 'r.domain_id = ?'];
      const args: unknown[] = [ctx.region.id, ctx.caller.account.id];
      if (query.category !== undefined) {
        where.push('r.category IN (SELECT value FROM json_each(?))');
        args.push(JSON.stringify(categories(query.category)));
      }
      if (query.is_public !== undefined) {
        where.push('r.is_public = ?');
        args.push(query.is_public ? 1 : 0);
      }
      const { rows, range } = repositoryPage(ctx, { where, args }, query);
      const domainName = ctx.caller.account.name;
      const items = rows.map((row) =>
        repositorySummary(ctx, row, { total: range.total, status: false, domainName }),
      );
      return { body: items, page: { ...range, count: items.length } };
    },
  },

  listRepositoryTags: {
    handle(ctx, { params, query }) {
      const repo = findRepository(ctx, params.namespace, params.repository);
      const direction = query.order_type === 'asc' ? 'ASC' : 'DESC';
      const order =
        query.order_column === 'tag'
          ? `tag ${direction}`
          : `updated ${direction}, tag ${direction}`;
      const filter = query.tag === undefined ? '' : "AND tag LIKE ? ESCAPE '\\'";
      const filterArgs = query.tag === undefined ? [] : [containsPattern(query.tag)];
      const { limit, offset } = pageOf(query);
      const rows = ctx.store.all<TagRow>(
        `SELECT * FROM tags WHERE repository_id = ? ${filter} ORDER BY ${order} LIMIT ? OFFSET ?`,
        repo.id,
        ...filterArgs,
        limit,
        offset,
      );
      const total =
        query.tag === undefined
          ? repo.num_images
          : (ctx.store.get<{ n: number }>(
              `SELECT count(*) AS n FROM tags WHERE repository_id = ? ${filter}`,
              repo.id,
              ...filterArgs,
            )?.n ?? 0);
      return {
        body: rows.map((row) => tagDetail(ctx, repo, row)),
        page: { offset, count: rows.length, total },
      };
    },
  },

  deleteRepoTag: {
    handle(ctx, { params }) {
      const repo = findRepository(ctx, params.namespace, params.repository);
      const tag = ctx.store.get<TagRow>(
        'SELECT * FROM tags WHERE repository_id = ? AND tag = ?',
        repo.id,
        params.tag,
      );
      if (tag === undefined) {
        throw new SwrFailure(
          'tagNotFound',
          `${params.namespace}/${params.repository}:${params.tag}`,
        );
      }
      deleteTags(ctx, repo, [tag]);
      return {};
    },
  },

  createUserRepositoryAuth: {
    handle(ctx, { params, body }) {
      createAuths(ctx, repositoryAuths(ctx, params.namespace, params.repository).table, body);
      return {};
    },
  },

  deleteUserRepositoryAuth: {
    handle(ctx, { params, body }) {
      deleteAuths(ctx, repositoryAuths(ctx, params.namespace, params.repository).table, body);
      return {};
    },
  },

  updateUserRepositoryAuth: {
    handle(ctx, { params, body }) {
      updateAuths(ctx, repositoryAuths(ctx, params.namespace, params.repository).table, body);
      return {};
    },
  },

  showUserRepositoryAuth: {
    handle(ctx, { params }) {
      const { repo, table } = repositoryAuths(ctx, params.namespace, params.repository);
      return {
        body: {
          id: repo.id,
          name: repo.name,
          self_auth: selfAuth(ctx),
          others_auths: table.list(ctx),
        },
      };
    },
  },
} satisfies Partial<HandlerTable>;
