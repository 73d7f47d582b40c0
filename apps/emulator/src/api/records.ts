/**
 * Rows of the store as the API handlers use them, the lookups every handler starts with, and
 * the mapping of rows to SWR's wire shapes.
 */
import type { RepositorySummary, TagDetail, UserAuth } from '@swr-dashboard/swr-client';
import type { ApiContext } from '../context';
import { SwrFailure } from './failure';
import type { NamespaceRow, RepositoryRef, TagRow } from '../store/rows';

export type { AuthRow, NamespaceRow, RepositoryRef, TagRow } from '../store/rows';

/** The organization `name` of the caller's account in this region, or SWR's 404. */
export function findNamespace(ctx: ApiContext, name: string): NamespaceRow {
  const row = ctx.store.get<NamespaceRow>(
    'SELECT * FROM namespaces WHERE region = ? AND name = ? AND domain_id = ?',
    ctx.region.id,
    name,
    ctx.caller.account.id,
  );
  if (row === undefined) throw new SwrFailure('namespaceNotFound', name);
  return row;
}

const REPOSITORY_REF = `
  SELECT r.*, n.name AS namespace
  FROM repositories r JOIN namespaces n ON n.id = r.namespace_id`;

/** A repository of the caller's account in this region, or SWR's 404. */
export function findRepository(ctx: ApiContext, namespace: string, name: string): RepositoryRef {
  const ns = findNamespace(ctx, namespace);
  const row = ctx.store.get<RepositoryRef>(
    `${REPOSITORY_REF} WHERE r.namespace_id = ? AND r.name = ?`,
    ns.id,
    name,
  );
  if (row === undefined) throw new SwrFailure('repositoryNotFound', `${namespace}/${name}`);
  return row;
}

/** Rows to `RepositoryRef`s by id, for lists that selected ids first. */
export function repositoryRefsByIds(ctx: ApiContext, ids: readonly number[]): RepositoryRef[] {
  if (ids.length === 0) return [];
  const rows = ctx.store.all<RepositoryRef>(
    `${REPOSITORY_REF} WHERE r.id IN (SELECT value FROM json_each(?))`,
    JSON.stringify(ids),
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** What this region's registry calls an image: `swr.<region>.myhuaweicloud.com/ns/repo`. */
export function imagePath(ctx: ApiContext, namespace: string, repository: string): string {
  return `${ctx.region.registryHost}/${namespace}/${repository}`;
}

/** The address inside the cloud's network, as SWR reports it. */
export function internalPath(namespace: string, repository: string): string {
  return `100.125.0.198:20202/${namespace}/${repository}`;
}

/** The caller's own permission: account users administer everything they own. */
export function selfAuth(ctx: ApiContext): UserAuth {
  return { user_id: ctx.caller.user.id, user_name: ctx.caller.user.name, auth: 7 };
}

/** How many tag names a repository list item carries (newest first). */
export const LIST_TAGS_MAX = 100;

export function repositorySummary(
  ctx: ApiContext,
  row: RepositoryRef,
  extra: { total: number; status: boolean; domainName: string },
): RepositorySummary {
  const tags = ctx.store
    .all<{ tag: string }>(
      'SELECT tag FROM tags WHERE repository_id = ? ORDER BY updated DESC, tag DESC LIMIT ?',
      row.id,
      LIST_TAGS_MAX,
    )
    .map((tag) => tag.tag);
  return {
    name: row.name,
    namespace: row.namespace,
    category: row.category,
    description: row.description,
    size: row.size,
    is_public: row.is_public === 1,
    num_images: row.num_images,
    num_download: row.num_download,
    created_at: row.created_at,
    updated_at: row.updated_at,
    logo: '',
    url: '',
    path: imagePath(ctx, row.namespace, row.name),
    internal_path: internalPath(row.namespace, row.name),
    domain_name: extra.domainName,
    tags,
    status: extra.status,
    total_range: extra.total,
  };
}

export function tagDetail(ctx: ApiContext, repository: RepositoryRef, row: TagRow): TagDetail {
  return {
    id: row.id,
    repo_id: repository.id,
    Tag: row.tag,
    image_id: row.image_id,
    manifest: row.manifest,
    digest: row.digest,
    schema: row.schema,
    path: `${imagePath(ctx, repository.namespace, repository.name)}:${row.tag}`,
    internal_path: `${internalPath(repository.namespace, repository.name)}:${row.tag}`,
    size: row.size,
    is_trusted: false,
    created: row.created,
    updated: row.updated,
    deleted: null,
    domain_id: repository.domain_id,
    scanned: false,
    tag_type: row.tag_type,
  };
}

/** The name of the account with this id, as SWR shows owners. */
export function accountName(ctx: ApiContext, domainId: string): string {
  return ctx.config.accounts.find((account) => account.id === domainId)?.name ?? domainId;
}

/** A LIKE pattern matching `text` anywhere, with `%` and `_` taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}
