/**
 * A repository made by a write to it rather than by `createRepo`: a sync into another region,
 * a push through the registry front door. It takes its category, description and visibility
 * from `like` (the synced repository) or SWR's defaults, and is the caller's.
 */
import type { ApiContext } from '../context';
import type { NamespaceRow, RepositoryRow } from '../store/rows';

type Like = Pick<RepositoryRow, 'category' | 'description' | 'is_public'>;

const DEFAULTS: Like = { category: 'other', description: '', is_public: 0 };

/** The repository `name` of organization `ns`, made when missing. */
export function ensureRepository(
  ctx: ApiContext,
  ns: NamespaceRow,
  name: string,
  like: Like = DEFAULTS,
): { id: number } | undefined {
  const now = ctx.now.toISOString();
  ctx.store.run(
    `INSERT INTO repositories (namespace_id, region, domain_id, name, category, description,
       is_public, creator_id, creator_name, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (namespace_id, name) DO NOTHING`,
    ns.id,
    ns.region,
    ns.domain_id,
    name,
    like.category,
    like.description,
    like.is_public,
    ctx.caller.user.id,
    ctx.caller.user.name,
    now,
    now,
  );
  return ctx.store.get<{ id: number }>(
    'SELECT id FROM repositories WHERE namespace_id = ? AND name = ?',
    ns.id,
    name,
  );
}
