/**
 * The page query both repository lists share (own repositories, and shared ones): optional
 * fuzzy organization and name filters, sorting with the id as tie-breaker, limit and offset.
 * Repositories carry their region and account, so the common case walks one index.
 */
import type { ApiContext } from '../context';
import { pageOf, type PageRange } from './handler';
import { containsPattern, repositoryRefsByIds, type RepositoryRef } from './records';

/** SQL for each sort column SWR accepts. */
export const REPOSITORY_ORDER: Record<string, string> = {
  updated_time: 'r.updated_at',
  updated_at: 'r.updated_at',
  created_at: 'r.created_at',
  name: 'r.name',
  tag_count: 'r.num_images',
  namespace: '(SELECT name FROM namespaces WHERE id = r.namespace_id)',
  is_public: 'r.is_public',
  domain_name: 'r.domain_id',
};

export interface RepositoryListQuery {
  namespace?: string | undefined;
  name?: string | undefined;
  order_column?: string | undefined;
  order_type?: 'asc' | 'desc' | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

/**
 * One page of repositories matching `conditions` (SQL over `r`, with their arguments) and the
 * query's filters, with the total of all matches.
 */
export function repositoryPage(
  ctx: ApiContext,
  conditions: { where: string[]; args: unknown[] },
  query: RepositoryListQuery,
): { rows: RepositoryRef[]; range: Omit<PageRange, 'count'> } {
  const where = [...conditions.where];
  const args = [...conditions.args];
  if (query.namespace !== undefined) {
    where.push(
      "r.namespace_id IN (SELECT id FROM namespaces WHERE region = r.region AND name LIKE ? ESCAPE '\\')",
    );
    args.push(containsPattern(query.namespace));
  }
  if (query.name !== undefined) {
    where.push("r.name LIKE ? ESCAPE '\\'");
    args.push(containsPattern(query.name));
  }
  const from = `FROM repositories r WHERE ${where.join(' AND ')}`;
  const column = REPOSITORY_ORDER[query.order_column ?? 'updated_at'] ?? 'r.updated_at';
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
  return { rows: repositoryRefsByIds(ctx, ids), range: { offset, total } };
}
