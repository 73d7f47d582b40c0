/** Organizations and their permissions (operations 1–4, 21–24). */
import { RESERVED_NAMESPACES } from '@swr-dashboard/swr-client';
import type { ApiContext } from '../context';
import { SwrFailure } from './failure';
import type { HandlerTable } from './handler';
import { containsPattern, findNamespace, selfAuth, type AuthRow } from './records';
import { authTable, createAuths, deleteAuths, updateAuths } from './permissions';

/** Organizations one account may hold per region. */
export const NAMESPACE_QUOTA = 100;

function namespaceAuths(ctx: ApiContext, namespace: string) {
  const ns = findNamespace(ctx, namespace);
  return { owner: ns, table: authTable('namespace', ns.id) };
}

export const organizationHandlers = {
  createNamespace: {
    handle(ctx, { body }) {
      if (RESERVED_NAMESPACES.includes(body.namespace)) {
        throw new SwrFailure('invalidNamespace', `"${body.namespace}" is reserved`);
      }
      const taken = ctx.store.get(
        'SELECT 1 FROM namespaces WHERE region = ? AND name = ?',
        ctx.region.id,
        body.namespace,
      );
      if (taken !== undefined) throw new SwrFailure('namespaceExists', body.namespace);
      const count = ctx.store.get<{ n: number }>(
        'SELECT count(*) AS n FROM namespaces WHERE region = ? AND domain_id = ?',
        ctx.region.id,
        ctx.caller.account.id,
      );
      if ((count?.n ?? 0) >= NAMESPACE_QUOTA) {
        throw new SwrFailure('namespaceQuota', `at most ${NAMESPACE_QUOTA} per region`);
      }
      ctx.store.run(
        `INSERT INTO namespaces (region, name, domain_id, creator_id, creator_name, created_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
        ctx.region.id,
        body.namespace,
        ctx.caller.account.id,
        ctx.caller.user.id,
        ctx.caller.user.name,
        ctx.now.toISOString(),
      );
      return {};
    },
  },

  deleteNamespaces: {
    handle(ctx, { params }) {
      const ns = findNamespace(ctx, params.namespace);
      const repositories = ctx.store.get<{ n: number }>(
        'SELECT count(*) AS n FROM repositories WHERE namespace_id = ?',
        ns.id,
      );
      if ((repositories?.n ?? 0) > 0) {
        throw new SwrFailure(
          'namespaceNotEmpty',
          `${params.namespace} has ${repositories?.n} repositories`,
        );
      }
      ctx.store.run('DELETE FROM namespaces WHERE id = ?', ns.id);
      return {};
    },
  },

  listNamespaces: {
    handle(ctx, { query }) {
      const rows = ctx.store.all<{ id: number; name: string; creator_name: string }>(
        `SELECT id, name, creator_name FROM namespaces
         WHERE region = ? AND domain_id = ? AND name LIKE ? ESCAPE '\\'
         ORDER BY name`,
        ctx.region.id,
        ctx.caller.account.id,
        containsPattern(query.namespace ?? ''),
      );
      return { body: { namespaces: rows.map((row) => ({ ...row, auth: 7 })) } };
    },
  },

  showNamespace: {
    handle(ctx, { params }) {
      const ns = findNamespace(ctx, params.namespace);
      return { body: { id: ns.id, name: ns.name, creator_name: ns.creator_name, auth: 7 } };
    },
  },

  createNamespaceAuth: {
    handle(ctx, { params, body }) {
      createAuths(ctx, namespaceAuths(ctx, params.namespace).table, body);
      return {};
    },
  },

  deleteNamespaceAuth: {
    handle(ctx, { params, body }) {
      deleteAuths(ctx, namespaceAuths(ctx, params.namespace).table, body);
      return {};
    },
  },

  updateNamespaceAuth: {
    handle(ctx, { params, body }) {
      updateAuths(ctx, namespaceAuths(ctx, params.namespace).table, body);
      return {};
    },
  },

  showNamespaceAuth: {
    handle(ctx, { params }) {
      const { owner, table } = namespaceAuths(ctx, params.namespace);
      return {
        body: {
          id: owner.id,
          name: owner.name,
          creator_name: owner.creator_name,
          self_auth: selfAuth(ctx),
          others_auths: table.list(ctx) satisfies AuthRow[],
        },
      };
    },
  },
} satisfies Partial<HandlerTable>;
