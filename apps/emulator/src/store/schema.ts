/**
 * The emulator's SQLite schema. One store serves every region: organizations carry their region,
 * everything else hangs off an organization and goes with it (ON DELETE CASCADE).
 *
 * Repositories keep their tag count and size up to date in the same transaction as every tag
 * change, so lists never aggregate over tags; they carry their organization's region and account,
 * so a page of the account's repositories walks one index. Tag pages walk the (repository, updated, tag) and
 * (repository, tag) indexes, so a page of a 20,000-tag repository costs what a small one does.
 */
export const SCHEMA_VERSION = 2;

/**
 * Schema 2: the registry front door's state (src/registry). Logins `createSecret` handed out, by
 * the SHA-256 of their password (the password itself is never kept); and the registry's share of
 * the API's changes, written in the same transaction as the change and carried out afterwards:
 * copying an image to another region's registry (sync), forgetting a manifest no tag names any
 * more (a tag or repository deleted, retention).
 */
export const REGISTRY_TABLES = `
CREATE TABLE registry_logins (
  password_sha256 TEXT PRIMARY KEY,
  username        TEXT NOT NULL,
  ak              TEXT NOT NULL,
  expires_at      TEXT NOT NULL
);

CREATE TABLE registry_work (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  kind        TEXT NOT NULL CHECK (kind IN ('copy', 'forget')),
  region      TEXT NOT NULL,
  repository  TEXT NOT NULL,
  digest      TEXT NOT NULL,
  -- a copy's target, and the tag it is pushed as there
  to_region     TEXT,
  to_repository TEXT,
  to_tag        TEXT
);
`;

export const SCHEMA = `
CREATE TABLE namespaces (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  region        TEXT NOT NULL,
  name          TEXT NOT NULL,
  domain_id     TEXT NOT NULL,
  creator_id    TEXT NOT NULL,
  creator_name  TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  UNIQUE (region, name)
);

CREATE TABLE namespace_auths (
  namespace_id  INTEGER NOT NULL REFERENCES namespaces(id) ON DELETE CASCADE,
  user_id       TEXT NOT NULL,
  user_name     TEXT NOT NULL,
  auth          INTEGER NOT NULL CHECK (auth IN (1, 3, 7)),
  PRIMARY KEY (namespace_id, user_id)
);

CREATE TABLE repositories (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  namespace_id  INTEGER NOT NULL REFERENCES namespaces(id) ON DELETE CASCADE,
  -- copied from the organization, which never moves, so account-wide lists need no join
  region        TEXT NOT NULL,
  domain_id     TEXT NOT NULL,
  name          TEXT NOT NULL,
  category      TEXT NOT NULL,
  description   TEXT NOT NULL,
  is_public     INTEGER NOT NULL CHECK (is_public IN (0, 1)),
  creator_id    TEXT NOT NULL,
  creator_name  TEXT NOT NULL,
  num_images    INTEGER NOT NULL DEFAULT 0,
  size          INTEGER NOT NULL DEFAULT 0,
  num_download  INTEGER NOT NULL DEFAULT 0,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  UNIQUE (namespace_id, name)
);
CREATE INDEX repositories_by_updated ON repositories (region, domain_id, updated_at, id);
CREATE INDEX repositories_by_name ON repositories (region, domain_id, name, id);

CREATE TABLE tags (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  repository_id INTEGER NOT NULL REFERENCES repositories(id) ON DELETE CASCADE,
  tag           TEXT NOT NULL,
  digest        TEXT NOT NULL,
  image_id      TEXT NOT NULL,
  manifest      TEXT NOT NULL,
  size          INTEGER NOT NULL,
  schema        INTEGER NOT NULL,
  tag_type      INTEGER NOT NULL,
  created       TEXT NOT NULL,
  updated       TEXT NOT NULL,
  UNIQUE (repository_id, tag)
);
CREATE INDEX tags_by_updated ON tags (repository_id, updated, tag);

CREATE TABLE repository_auths (
  repository_id INTEGER NOT NULL REFERENCES repositories(id) ON DELETE CASCADE,
  user_id       TEXT NOT NULL,
  user_name     TEXT NOT NULL,
  auth          INTEGER NOT NULL CHECK (auth IN (1, 3, 7)),
  PRIMARY KEY (repository_id, user_id)
);

CREATE TABLE shares (
  repository_id INTEGER NOT NULL REFERENCES repositories(id) ON DELETE CASCADE,
  access_domain TEXT NOT NULL,
  permit        TEXT NOT NULL,
  deadline      TEXT NOT NULL,
  description   TEXT NOT NULL,
  creator_id    TEXT NOT NULL,
  creator_name  TEXT NOT NULL,
  created       TEXT NOT NULL,
  updated       TEXT NOT NULL,
  PRIMARY KEY (repository_id, access_domain)
);
CREATE INDEX shares_by_domain ON shares (access_domain);

CREATE TABLE sync_policies (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  repository_id    INTEGER NOT NULL REFERENCES repositories(id) ON DELETE CASCADE,
  remote_region    TEXT NOT NULL,
  remote_namespace TEXT NOT NULL,
  override         INTEGER NOT NULL,
  sync_auto        INTEGER NOT NULL,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  UNIQUE (repository_id, remote_region, remote_namespace)
);

CREATE TABLE sync_jobs (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  repository_id    INTEGER NOT NULL REFERENCES repositories(id) ON DELETE CASCADE,
  remote_region    TEXT NOT NULL,
  remote_namespace TEXT NOT NULL,
  override         INTEGER NOT NULL,
  tag              TEXT NOT NULL,
  status           TEXT NOT NULL,
  operator_id      TEXT NOT NULL,
  operator_name    TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
);
CREATE INDEX sync_jobs_by_repository ON sync_jobs (repository_id, created_at, id);

CREATE TABLE triggers (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  repository_id INTEGER NOT NULL REFERENCES repositories(id) ON DELETE CASCADE,
  name          TEXT NOT NULL,
  action        TEXT NOT NULL,
  app_type      TEXT NOT NULL,
  application   TEXT NOT NULL,
  cluster_id    TEXT NOT NULL,
  cluster_name  TEXT NOT NULL,
  cluster_ns    TEXT NOT NULL,
  condition     TEXT NOT NULL,
  container     TEXT NOT NULL,
  enable        INTEGER NOT NULL CHECK (enable IN (0, 1)),
  trigger_mode  TEXT NOT NULL,
  trigger_type  TEXT NOT NULL,
  creator_name  TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  UNIQUE (repository_id, name)
);

CREATE TABLE trigger_histories (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  trigger_id  INTEGER NOT NULL REFERENCES triggers(id) ON DELETE CASCADE,
  tag         TEXT NOT NULL,
  result      TEXT NOT NULL CHECK (result IN ('success', 'failed')),
  detail      TEXT NOT NULL,
  -- the trigger as it was when it fired, as JSON
  snapshot    TEXT NOT NULL,
  created_at  TEXT NOT NULL
);
CREATE INDEX trigger_histories_by_trigger ON trigger_histories (trigger_id, id);

CREATE TABLE retentions (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  repository_id INTEGER NOT NULL UNIQUE REFERENCES repositories(id) ON DELETE CASCADE,
  algorithm     TEXT NOT NULL,
  rules         TEXT NOT NULL,
  scope         TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);

-- Logs outlive their policy, so retention_id is no foreign key.
CREATE TABLE retention_logs (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  retention_id  INTEGER NOT NULL,
  repository_id INTEGER NOT NULL REFERENCES repositories(id) ON DELETE CASCADE,
  namespace     TEXT NOT NULL,
  repo          TEXT NOT NULL,
  tag           TEXT NOT NULL,
  rule_type     TEXT NOT NULL,
  created_at    TEXT NOT NULL
);
CREATE INDEX retention_logs_by_repository ON retention_logs (repository_id, id);
${REGISTRY_TABLES}`;

/** What each older schema needs to become the current one. */
export const MIGRATIONS: Record<number, string> = { 1: REGISTRY_TABLES };
