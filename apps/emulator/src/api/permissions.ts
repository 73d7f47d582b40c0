/**
 * IAM users' permissions, the same at organization and repository level: grant (409 when the
 * user already has one), change and remove (404 when the user has none). A call either applies
 * to every user it names or to none.
 */
import type { ApiContext } from '../context';
import { SwrFailure } from './failure';
import type { AuthRow } from './records';

interface AuthTable {
  level: 'namespace' | 'repository';
  ownerId: number;
  list(ctx: ApiContext): AuthRow[];
}

const TABLES = {
  namespace: { table: 'namespace_auths', key: 'namespace_id' },
  repository: { table: 'repository_auths', key: 'repository_id' },
} as const;

export function authTable(level: AuthTable['level'], ownerId: number): AuthTable {
  const { table, key } = TABLES[level];
  return {
    level,
    ownerId,
    list: (ctx) =>
      ctx.store.all<AuthRow>(
        `SELECT user_id, user_name, auth FROM ${table} WHERE ${key} = ? ORDER BY user_name, user_id`,
        ownerId,
      ),
  };
}

function errors(level: AuthTable['level']) {
  return level === 'namespace'
    ? ({ exists: 'namespaceAuthExists', missing: 'namespaceAuthNotFound' } as const)
    : ({ exists: 'repositoryAuthExists', missing: 'repositoryAuthNotFound' } as const);
}

function existing(ctx: ApiContext, auths: AuthTable): Set<string> {
  return new Set(auths.list(ctx).map((row) => row.user_id));
}

function refuseRepeats(userIds: readonly string[]): void {
  const repeated = userIds.find((id, index) => userIds.indexOf(id) !== index);
  if (repeated !== undefined)
    throw new SwrFailure('invalidParam', `user ${repeated} is listed twice`);
}

/** SWR does not let callers grant permissions to themselves. */
function refuseSelf(ctx: ApiContext, userIds: readonly string[]): void {
  if (userIds.includes(ctx.caller.user.id)) {
    throw new SwrFailure('invalidUserName', 'you cannot change your own permission');
  }
}

export function createAuths(ctx: ApiContext, auths: AuthTable, grants: readonly AuthRow[]): void {
  const ids = grants.map((grant) => grant.user_id);
  refuseRepeats(ids);
  refuseSelf(ctx, ids);
  const present = existing(ctx, auths);
  const clash = ids.find((id) => present.has(id));
  if (clash !== undefined) throw new SwrFailure(errors(auths.level).exists, `user ${clash}`);
  const { table, key } = TABLES[auths.level];
  for (const grant of grants) {
    ctx.store.run(
      `INSERT INTO ${table} (${key}, user_id, user_name, auth) VALUES (?, ?, ?, ?)`,
      auths.ownerId,
      grant.user_id,
      grant.user_name,
      grant.auth,
    );
  }
}

export function updateAuths(ctx: ApiContext, auths: AuthTable, grants: readonly AuthRow[]): void {
  const ids = grants.map((grant) => grant.user_id);
  refuseRepeats(ids);
  refuseSelf(ctx, ids);
  const present = existing(ctx, auths);
  const missing = ids.find((id) => !present.has(id));
  if (missing !== undefined) throw new SwrFailure(errors(auths.level).missing, `user ${missing}`);
  const { table, key } = TABLES[auths.level];
  for (const grant of grants) {
    ctx.store.run(
      `UPDATE ${table} SET user_name = ?, auth = ? WHERE ${key} = ? AND user_id = ?`,
      grant.user_name,
      grant.auth,
      auths.ownerId,
      grant.user_id,
    );
  }
}

export function deleteAuths(ctx: ApiContext, auths: AuthTable, userIds: readonly string[]): void {
  refuseRepeats(userIds);
  const present = existing(ctx, auths);
  const missing = userIds.find((id) => !present.has(id));
  if (missing !== undefined) throw new SwrFailure(errors(auths.level).missing, `user ${missing}`);
  const { table, key } = TABLES[auths.level];
  for (const id of userIds) {
    ctx.store.run(`DELETE FROM ${table} WHERE ${key} = ? AND user_id = ?`, auths.ownerId, id);
  }
}
