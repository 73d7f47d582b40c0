/**
 * Retention policies and their logs (operations 39–44). A policy applies as soon as it is saved
 * (SWR has no dry run) and again after every push.
 */
import type { Retention, RetentionLog } from '@swr-dashboard/swr-client';
import type { ApiContext } from '../context';
import { SwrFailure } from './failure';
import { pageOf, type HandlerTable } from './handler';
import { findRepository, type RepositoryRef } from './records';
import { applyRetention, retentionRules, type RetentionRow } from '../effects/retention';

function wireRetention(row: RetentionRow): Retention {
  return { id: row.id, algorithm: row.algorithm, rules: retentionRules(row), scope: row.scope };
}

function findRetention(ctx: ApiContext, repo: RepositoryRef, id: number): RetentionRow {
  const row = ctx.store.get<RetentionRow>(
    'SELECT * FROM retentions WHERE id = ? AND repository_id = ?',
    id,
    repo.id,
  );
  if (row === undefined) throw new SwrFailure('retentionNotFound', `retention ${id}`);
  return row;
}

export const retentionHandlers = {
  createRetention: {
    handle(ctx, { params, body }) {
      const repo = findRepository(ctx, params.namespace, params.repository);
      const now = ctx.now.toISOString();
      const inserted = ctx.store.run(
        `INSERT INTO retentions (repository_id, algorithm, rules, scope, created_at, updated_at)
         VALUES (?, ?, ?, '', ?, ?)
         ON CONFLICT (repository_id) DO NOTHING`,
        repo.id,
        body.algorithm,
        JSON.stringify(body.rules),
        now,
        now,
      );
      if (inserted.changes === 0) {
        throw new SwrFailure('invalidParam', 'a repository has at most one retention policy');
      }
      applyRetention(ctx, repo);
      return { body: { id: Number(inserted.lastInsertRowid) } };
    },
  },

  listRetentions: {
    handle(ctx, { params }) {
      const repo = findRepository(ctx, params.namespace, params.repository);
      const rows = ctx.store.all<RetentionRow>(
        'SELECT * FROM retentions WHERE repository_id = ? ORDER BY id',
        repo.id,
      );
      return { body: rows.map(wireRetention) };
    },
  },

  deleteRetention: {
    errorShape: 'swr-list',
    handle(ctx, { params }) {
      const repo = findRepository(ctx, params.namespace, params.repository);
      const row = findRetention(ctx, repo, params.retention_id);
      ctx.store.run('DELETE FROM retentions WHERE id = ?', row.id);
      return {};
    },
  },

  showRetention: {
    handle(ctx, { params }) {
      const repo = findRepository(ctx, params.namespace, params.repository);
      return { body: wireRetention(findRetention(ctx, repo, params.retention_id)) };
    },
  },

  updateRetention: {
    handle(ctx, { params, body }) {
      const repo = findRepository(ctx, params.namespace, params.repository);
      const row = findRetention(ctx, repo, params.retention_id);
      const before = retentionRules(row).map((rule) => rule.template);
      const after = body.rules.map((rule) => rule.template);
      if (before.join() !== after.join()) {
        throw new SwrFailure('invalidParam', `the template cannot change (it is ${before.join()})`);
      }
      ctx.store.run(
        'UPDATE retentions SET algorithm = ?, rules = ?, updated_at = ? WHERE id = ?',
        body.algorithm,
        JSON.stringify(body.rules),
        ctx.now.toISOString(),
        row.id,
      );
      applyRetention(ctx, repo);
      return {};
    },
  },

  listRetentionHistories: {
    handle(ctx, { params, query }) {
      const repo = findRepository(ctx, params.namespace, params.repository);
      const { limit, offset } = pageOf(query);
      const logs = ctx.store.all<RetentionLog>(
        `SELECT id, created_at, namespace, repo, tag, retention_id, rule_type
         FROM retention_logs WHERE repository_id = ? ORDER BY id DESC LIMIT ? OFFSET ?`,
        repo.id,
        limit,
        offset,
      );
      const total =
        ctx.store.get<{ n: number }>(
          'SELECT count(*) AS n FROM retention_logs WHERE repository_id = ?',
          repo.id,
        )?.n ?? 0;
      return {
        body: { retention_log: logs, total },
        page: { offset, count: logs.length, total },
      };
    },
  },
} satisfies Partial<HandlerTable>;
