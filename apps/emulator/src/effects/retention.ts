/**
 * Applying a repository's retention policy: the tags the rule selects are deleted and each
 * deletion is logged. Runs when a policy is saved and after every push.
 */
import { evaluateRetention, ruleTypeText, type RetentionRule } from '@swr-dashboard/swr-client';
import type { ApiContext } from '../context';
import type { RepositoryRef, TagRow } from '../store/rows';
import { deleteTags } from './tags';

export interface RetentionRow {
  id: number;
  repository_id: number;
  algorithm: string;
  rules: string;
  scope: string;
}

export function retentionRules(row: RetentionRow): RetentionRule[] {
  return JSON.parse(row.rules) as RetentionRule[];
}

/** Applies the repository's policy, if it has one. Returns the deleted tags. */
export function applyRetention(
  ctx: ApiContext,
  repo: Pick<RepositoryRef, 'id' | 'namespace' | 'name'>,
): string[] {
  const policy = ctx.store.get<RetentionRow>(
    'SELECT * FROM retentions WHERE repository_id = ?',
    repo.id,
  );
  if (policy === undefined) return [];
  const tags = ctx.store.all<Pick<TagRow, 'id' | 'tag' | 'updated' | 'size'>>(
    'SELECT id, tag, updated, size FROM tags WHERE repository_id = ?',
    repo.id,
  );
  const byName = new Map(tags.map((tag) => [tag.tag, tag]));
  const doomed = new Map<string, { rule: RetentionRule }>();
  // The algorithm is `or`: a tag goes when any rule selects it.
  for (const rule of retentionRules(policy)) {
    for (const verdict of evaluateRetention(rule, tags, ctx.now)) {
      if (verdict.action === 'delete' && !doomed.has(verdict.tag))
        doomed.set(verdict.tag, { rule });
    }
  }
  const deleted = [...doomed.keys()];
  deleteTags(
    ctx,
    repo,
    deleted.flatMap((tag) => byName.get(tag) ?? []),
  );
  const at = ctx.now.toISOString();
  for (const [tag, { rule }] of doomed) {
    ctx.store.run(
      `INSERT INTO retention_logs (retention_id, repository_id, namespace, repo, tag, rule_type, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      policy.id,
      repo.id,
      repo.namespace,
      repo.name,
      tag,
      ruleTypeText(rule),
      at,
    );
  }
  return deleted;
}
