/**
 * Who is pushing or pulling through a region's front door, and what they may do.
 *
 * Credentials are SWR's two docker logins, both with the username `<region>@<AK>`:
 * - the temporary one `createSecret` hands out (the password it made, until it expires by the
 *   emulator's business clock; the store keeps only the password's SHA-256);
 * - the long-term one: the password is the hex HMAC-SHA256 of the AK keyed with the SK, as SWR's
 *   documentation derives it.
 *
 * What a caller may do with a repository (docs in the emulator's README, "The registry"):
 * - the account's administrator (its first IAM user, whose keys the console holds): everything;
 * - another IAM user of the account: the higher of its grant on the organization and on the
 *   repository (read: pull; edit or manage: pull and push); a public repository: pull;
 * - another account: pull of a public repository, or of one shared with it until the share
 *   ends; never push.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { AccountConfig, EmulatorConfig, IamUserConfig } from '../config';
import type { Store } from '../store/store';

export interface RegistryCaller {
  account: AccountConfig;
  user: IamUserConfig;
  ak: string;
}

export interface Access {
  pull: boolean;
  push: boolean;
}

const NOTHING: Access = { pull: false, push: false };

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The long-term password of a key pair, as SWR derives it. */
export function longTermPassword(ak: string, sk: string): string {
  return createHmac('sha256', sk).update(ak).digest('hex');
}

/** `user:password` of a `Basic` authorization header, if it is one. */
function basicCredentials(header: string | undefined) {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (match?.[1] === undefined) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function keyOwner(config: EmulatorConfig, ak: string) {
  for (const account of config.accounts) {
    for (const user of account.users) {
      const credential = user.credentials.find((candidate) => candidate.ak === ak);
      if (credential !== undefined) return { account, user, sk: credential.sk };
    }
  }
  return undefined;
}

/** The caller a `Basic` header names, if its login holds in `region` at `now`. */
export function registryCaller(
  context: { config: EmulatorConfig; store: Store; region: string; now: Date },
  header: string | undefined,
): RegistryCaller | undefined {
  const credentials = basicCredentials(header);
  if (credentials === undefined) return undefined;
  const { username, password } = credentials;
  const at = username.lastIndexOf('@');
  const ak = username.slice(at + 1);
  const owner = at > 0 ? keyOwner(context.config, ak) : undefined;
  if (owner === undefined) return undefined;
  const caller = { account: owner.account, user: owner.user, ak };
  // Both logins name the region they open: another region's login opens nothing here.
  if (username !== `${context.region}@${ak}`) return undefined;
  if (sameText(password, longTermPassword(ak, owner.sk))) return caller;
  const login = context.store.get<{ username: string; expires_at: string }>(
    'SELECT username, expires_at FROM registry_logins WHERE password_sha256 = ?',
    createHash('sha256').update(password).digest('hex'),
  );
  if (login === undefined || login.username !== username) return undefined;
  return Date.parse(login.expires_at) > context.now.getTime() ? caller : undefined;
}

interface Target {
  namespaceId: number;
  domainId: string;
  repositoryId: number | undefined;
  isPublic: boolean;
}

function targetOf(store: Store, region: string, namespace: string, repository: string) {
  const row = store.get<{ id: number; domain_id: string }>(
    'SELECT id, domain_id FROM namespaces WHERE region = ? AND name = ?',
    region,
    namespace,
  );
  if (row === undefined) return undefined;
  const repo = store.get<{ id: number; is_public: number }>(
    'SELECT id, is_public FROM repositories WHERE namespace_id = ? AND name = ?',
    row.id,
    repository,
  );
  return {
    namespaceId: row.id,
    domainId: row.domain_id,
    repositoryId: repo?.id,
    isPublic: repo?.is_public === 1,
  } satisfies Target;
}

/** The higher of the user's grants on the organization and on the repository (0: none). */
function grantOf(store: Store, target: Target, userId: string): number {
  const grants = store.all<{ auth: number }>(
    `SELECT auth FROM namespace_auths WHERE namespace_id = ? AND user_id = ?
     UNION ALL SELECT auth FROM repository_auths WHERE repository_id = ? AND user_id = ?`,
    target.namespaceId,
    userId,
    target.repositoryId ?? -1,
    userId,
  );
  return Math.max(0, ...grants.map((grant) => grant.auth));
}

function sharedWith(store: Store, target: Target, account: string, now: Date): boolean {
  if (target.repositoryId === undefined) return false;
  const share = store.get<{ deadline: string }>(
    'SELECT deadline FROM shares WHERE repository_id = ? AND access_domain = ?',
    target.repositoryId,
    account,
  );
  if (share === undefined) return false;
  return share.deadline === 'forever' || Date.parse(share.deadline) > now.getTime();
}

/** What the caller may do with `namespace/repository` in `region`. */
export function accessOf(
  context: { store: Store; region: string; now: Date },
  caller: RegistryCaller,
  namespace: string,
  repository: string,
): Access {
  const { store } = context;
  const target = targetOf(store, context.region, namespace, repository);
  if (target === undefined) return NOTHING;
  if (target.domainId !== caller.account.id) {
    const pull = target.isPublic || sharedWith(store, target, caller.account.name, context.now);
    return { pull, push: false };
  }
  if (caller.account.users[0]?.id === caller.user.id) return { pull: true, push: true };
  const grant = grantOf(store, target, caller.user.id);
  return { pull: grant >= 1 || target.isPublic, push: grant >= 3 };
}
