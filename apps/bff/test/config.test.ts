/**
 * Configuration at start: demo defaults with nothing set, YAML and credential files, environment
 * winning over the file, and a message naming the variable for each bad value.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, EMULATOR_DEFAULTS, loadConfig } from '../src/config/load';

const directory = mkdtempSync(join(tmpdir(), 'bff-config-'));
afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

/** A development setup with real sign-in and keys (production checks are tested on their own). */
const REAL = {
  NODE_ENV: 'development',
  AUTH_MODE: 'oidc',
  OIDC_ISSUER: 'https://sso.example.com',
  OIDC_CLIENT_ID: 'swr',
  OIDC_CLIENT_SECRET: 'client-secret-value',
  HWC_AK: 'REALACCESSKEY0000001',
  HWC_SK: 'real-secret-key-000000000000001',
  SWR_REGIONS: 'cn-north-4',
};

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env, { cwd: directory });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('configuration', () => {
  it('runs in demo sign-in against the emulator with nothing else configured in development', () => {
    const config = loadConfig({ NODE_ENV: 'development' }, { cwd: directory });
    expect(config.auth.mode).toBe('demo');
    expect(config.regions.map((region) => region.endpoint)).toEqual(
      EMULATOR_DEFAULTS.regions.map((region) => region.endpoint),
    );
    expect(config.credentials.ak).toBe(EMULATOR_DEFAULTS.credentials.ak);
    expect(config.publicOrigin).toBe('http://127.0.0.1:8080');
    expect(config.session).toMatchObject({
      idleTimeoutMs: 30 * 60_000,
      absoluteTimeoutMs: 12 * 3_600_000,
    });
    expect(config.database).toBe(join(directory, '.data/bff.sqlite'));
    expect(config.probes).toEqual({ readyIntervalMs: 10_000, cidrs: ['127.0.0.0/8', '::1'] });
    expect(config.rbac.deployScopes).toEqual({
      'swr-operators-payments': [{ cluster: '*', namespaces: ['payments*'] }],
    });
  });

  it('takes production when NODE_ENV is not set, with every production check on', () => {
    const all = problems({});
    expect(all).toContain(
      'AUTH_MODE: demo sign-in is refused when NODE_ENV=production (the default: set NODE_ENV=development for a demo, as pnpm start does)',
    );
    expect(all).toContain('SESSION_SECRETS: required in production');
    expect(
      loadConfig(
        {
          ...REAL,
          NODE_ENV: undefined,
          PUBLIC_ORIGIN: 'https://swr.example.com',
          TRUST_PROXY_HOPS: '1',
          SESSION_SECRETS: 'x'.repeat(32),
        },
        { cwd: directory },
      ).nodeEnv,
    ).toBe('production');
  });

  it('reads deploy scopes: per group, each cluster (or cci, or *) with Kubernetes namespace patterns', () => {
    const config = loadConfig(
      {
        ...REAL,
        DEPLOY_SCOPES:
          'team-a=4f1c-cluster:team-a* 4f1c-cluster:shared cci:team-a;team-b=*:team-b-*',
      },
      { cwd: directory },
    );
    expect(config.rbac.deployScopes).toEqual({
      'team-a': [
        { cluster: '4f1c-cluster', namespaces: ['team-a*', 'shared'] },
        { cluster: 'cci', namespaces: ['team-a'] },
      ],
      'team-b': [{ cluster: '*', namespaces: ['team-b-*'] }],
    });
    expect(problems({ ...REAL, DEPLOY_SCOPES: 'team-a=no-namespace' })).toEqual([
      expect.stringMatching(/^DEPLOY_SCOPES: /),
    ]);
    expect(problems({ ...REAL, DEPLOY_SCOPES: 'team-a=c1:Team_A' })).toEqual([
      'DEPLOY_SCOPES: use lowercase names with * as the only wildcard',
    ]);
    expect(problems({ ...REAL, DEPLOY_SCOPES: '__proto__=c1:a' })).toEqual([
      'DEPLOY_SCOPES: a group cannot be named __proto__',
    ]);
  });

  it('reads the probe network, the readiness interval and the anonymous and scoped-list limits', () => {
    const config = loadConfig(
      {
        ...REAL,
        PROBE_CIDRS: '10.0.0.0/8, 127.0.0.1',
        READY_INTERVAL: '30s',
        RATE_LIMIT_ANONYMOUS_PER_MINUTE: '12',
        SCOPED_LIST_MAX_ITEMS: '5000',
      },
      { cwd: directory },
    );
    expect(config.probes).toEqual({ readyIntervalMs: 30_000, cidrs: ['10.0.0.0/8', '127.0.0.1'] });
    expect(config.rateLimits.anonymousPerMinute).toBe(12);
    expect(config.scopedListMaxItems).toBe(5000);
    expect(problems({ ...REAL, PROBE_CIDRS: 'everyone' })).toEqual([
      expect.stringMatching(/^PROBE_CIDRS: use an IP address or a CIDR/),
    ]);
  });

  it('reads the protected tags, for every organization and per organization', () => {
    const config = loadConfig(
      {
        ...REAL,
        PROTECTED_TAGS: 'latest, v*.*.*',
        PROTECTED_TAGS_BY_ORG: 'payments=release-? stable;platform=lts',
      },
      { cwd: directory },
    );
    expect(config.protectedTags).toEqual({
      all: ['latest', 'v*.*.*'],
      byNamespace: { payments: ['release-?', 'stable'], platform: ['lts'] },
    });
    expect(loadConfig(REAL, { cwd: directory }).protectedTags).toEqual({
      all: [],
      byNamespace: {},
    });
    expect(problems({ ...REAL, PROTECTED_TAGS: 'latest,v[0-9]+' })).toEqual([
      'PROTECTED_TAGS: use a tag name with * and ? as the only wildcards',
    ]);
    expect(problems({ ...REAL, PROTECTED_TAGS_BY_ORG: 'payments=a;__proto__=b' })).toEqual([
      'PROTECTED_TAGS_BY_ORG: a group cannot be named __proto__',
    ]);
  });

  it('reads the finished-job webhook: an http(s) URL with a secret of 16 characters or more', () => {
    const config = loadConfig(
      {
        ...REAL,
        JOBS_WEBHOOK_URL: 'https://chat.example/hooks/1',
        JOBS_WEBHOOK_SECRET: 's'.repeat(16),
      },
      { cwd: directory },
    );
    expect(config.jobs.webhook).toEqual({
      url: 'https://chat.example/hooks/1',
      secret: 's'.repeat(16),
    });
    expect(loadConfig(REAL, { cwd: directory }).jobs.webhook).toBeUndefined();
    expect(problems({ ...REAL, JOBS_WEBHOOK_URL: 'https://chat.example/hooks/1' })).toEqual([
      expect.stringMatching(/^JOBS_WEBHOOK_SECRET: /),
    ]);
    expect(
      problems({ ...REAL, JOBS_WEBHOOK_URL: 'ftp://x', JOBS_WEBHOOK_SECRET: 'short' }),
    ).toEqual([
      expect.stringMatching(/^JOBS_WEBHOOK_URL: use an http/),
      'JOBS_WEBHOOK_SECRET: use a secret of at least 16 characters',
    ]);
  });

  it('reads regions, credentials and roles from the environment', () => {
    const config = loadConfig(
      {
        ...REAL,
        SWR_REGIONS: 'cn-north-4, cn-east-3',
        SWR_PROJECT_ID_CN_NORTH_4: '0123456789abcdef0123456789abcdef',
        ROLE_OPERATOR_GROUPS: 'ops, team-a',
        NAMESPACE_SCOPES: 'team-a=team-a-* shared;team-b=team-b-*',
        SESSION_IDLE_TIMEOUT: '15m',
      },
      { cwd: directory },
    );
    expect(config.regions).toEqual([
      {
        id: 'cn-north-4',
        endpoint: 'https://swr-api.cn-north-4.myhuaweicloud.com',
        projectId: '0123456789abcdef0123456789abcdef',
      },
      { id: 'cn-east-3', endpoint: 'https://swr-api.cn-east-3.myhuaweicloud.com' },
    ]);
    expect(config.rbac.roles.operator).toEqual(['ops', 'team-a']);
    expect(config.rbac.namespaceScopes).toEqual({
      'team-a': ['team-a-*', 'shared'],
      'team-b': ['team-b-*'],
    });
    expect(config.session.idleTimeoutMs).toBe(15 * 60_000);
  });

  it('reads a YAML file and a credentials file, the environment winning over both', () => {
    writeFileSync(
      join(directory, 'bff.yaml'),
      [
        'nodeEnv: development',
        'port: 9090',
        'regions:',
        '  - id: cn-east-3',
        '    endpoint: https://swr-api.cn-east-3.myhuaweicloud.com',
        'auth:',
        '  mode: oidc',
        '  issuer: https://sso.example.com',
        '  clientId: from-yaml',
        '  clientSecret: yaml-secret',
        'rbac:',
        '  roles: { admin: [a], operator: [o], viewer: [v] }',
        '  namespaceScopes: {}',
      ].join('\n'),
    );
    writeFileSync(
      join(directory, 'key.json'),
      JSON.stringify({ ak: 'FILEACCESSKEY0000001', sk: 'file-secret-key-0000000000001' }),
    );
    const config = loadConfig(
      { BFF_CONFIG_FILE: 'bff.yaml', HWC_CREDENTIALS_FILE: 'key.json', OIDC_CLIENT_ID: 'from-env' },
      { cwd: directory },
    );
    expect(config.port).toBe(9090);
    expect(config.regions.map((region) => region.id)).toEqual(['cn-east-3']);
    expect(config.auth).toMatchObject({
      mode: 'oidc',
      clientId: 'from-env',
      clientSecret: 'yaml-secret',
    });
    expect(config.credentials).toEqual({
      ak: 'FILEACCESSKEY0000001',
      sk: 'file-secret-key-0000000000001',
    });
    expect(config.rbac.roles.admin).toEqual(['a']);
  });

  it('puts the database in PostgreSQL with DATABASE_URL, never with BFF_DATABASE too', () => {
    const url = 'postgres://bff:s3cret-password@db.internal:5432/bff';
    expect(loadConfig({ ...REAL, DATABASE_URL: url }, { cwd: directory }).databaseUrl).toBe(url);
    expect(
      loadConfig({ ...REAL, DATABASE_URL: 'postgresql://db/bff' }, { cwd: directory }).databaseUrl,
    ).toBe('postgresql://db/bff');
    expect(loadConfig(REAL, { cwd: directory }).databaseUrl).toBeUndefined();
    expect(problems({ ...REAL, DATABASE_URL: url, BFF_DATABASE: '/data/bff.sqlite' })).toEqual([
      'DATABASE_URL and BFF_DATABASE are both set: DATABASE_URL puts everything in PostgreSQL, BFF_DATABASE names the SQLite file used without it; set one',
    ]);
    const wrong = problems({ ...REAL, DATABASE_URL: 'mysql://bff:s3cret-password@db/bff' });
    expect(wrong).toEqual([
      'DATABASE_URL: use postgres://user:password@host:port/database (or postgresql://)',
    ]);
    expect(wrong.join('\n')).not.toContain('s3cret-password');
  });

  it('names the variable of each bad value', () => {
    expect(problems({ NODE_ENV: 'development', PORT: 'eighty' })).toEqual([
      'PORT: use a port number',
    ]);
    expect(problems({ ...REAL, AUTH_MODE: 'demo' })).toEqual([
      'OIDC_ISSUER: set, but not used with AUTH_MODE=demo',
      'OIDC_CLIENT_ID: set, but not used with AUTH_MODE=demo',
      'OIDC_CLIENT_SECRET: set, but not used with AUTH_MODE=demo',
    ]);
    expect(problems({ ...REAL, OIDC_ISSUER: 'not a url' })).toEqual([
      expect.stringMatching(/^OIDC_ISSUER: /),
    ]);
    expect(problems({ ...REAL, AUTH_MODE: 'magic' })).toEqual([
      expect.stringMatching(/^AUTH_MODE: /),
    ]);
    expect(problems({ ...REAL, SESSION_IDLE_TIMEOUT: 'soon' })).toEqual([
      expect.stringMatching(/^SESSION_IDLE_TIMEOUT: use a duration/),
    ]);
    expect(problems({ ...REAL, SWR_REGIONS: 'Moon-Base' })).toEqual([
      'SWR_REGIONS (region 1): A region id looks like cn-north-4.',
    ]);
    expect(problems({ ...REAL, SWR_PROJECT_ID_CN_NORTH_4: 'xyz' })).toEqual([
      'SWR_PROJECT_ID_CN_NORTH_4 (region 1): a project id is 32 hexadecimal characters',
    ]);
    expect(problems({ ...REAL, HWC_SK: '' })).toEqual([expect.stringMatching(/^HWC_SK: /)]);
    expect(
      problems({
        NODE_ENV: 'development',
        AUTH_MODE: 'header',
        ...{ HWC_AK: REAL.HWC_AK, HWC_SK: REAL.HWC_SK, SWR_REGIONS: 'cn-north-4' },
      }),
    ).toEqual([expect.stringMatching(/^TRUSTED_PROXY_CIDRS: /)]);
    expect(
      problems({
        NODE_ENV: 'development',
        AUTH_MODE: 'header',
        TRUSTED_PROXY_CIDRS: '10.0.0.0/33',
        HWC_AK: REAL.HWC_AK,
        HWC_SK: REAL.HWC_SK,
        SWR_REGIONS: 'cn-north-4',
      }),
    ).toEqual([expect.stringMatching(/^TRUSTED_PROXY_CIDRS: use an IP address or a CIDR/)]);
    expect(problems({ ...REAL, NAMESPACE_SCOPES: 'team-a=a-*;__proto__=b-*' })).toEqual([
      'NAMESPACE_SCOPES: a group cannot be named __proto__',
    ]);
    expect(problems({ NODE_ENV: 'development', BFF_CONFIG_FILE: 'missing.yaml' })).toEqual([
      expect.stringMatching(/^BFF_CONFIG_FILE: cannot read/),
    ]);
  });

  it('refuses unsafe combinations, above all in production', () => {
    const production = {
      ...REAL,
      NODE_ENV: 'production',
      PUBLIC_ORIGIN: 'https://swr.example.com',
      HOST: '0.0.0.0',
      TRUST_PROXY_HOPS: '1',
    };
    expect(
      problems({ ...production, TRUST_PROXY_HOPS: '0', SESSION_SECRETS: 'x'.repeat(32) }),
    ).toEqual([
      'TRUST_PROXY_HOPS: PUBLIC_ORIGIN is https, so set the number of proxies in front (TLS ends there)',
    ]);
    expect(problems(production)).toEqual(['SESSION_SECRETS: required in production']);
    const secrets = { ...production, SESSION_SECRETS: 'x'.repeat(32) };
    expect(loadConfig(secrets, { cwd: directory }).nodeEnv).toBe('production');
    const { OIDC_ISSUER: _i, OIDC_CLIENT_ID: _c, OIDC_CLIENT_SECRET: _s, ...withoutOidc } = secrets;
    expect(problems({ ...withoutOidc, AUTH_MODE: 'demo' })).toEqual(
      expect.arrayContaining(['AUTH_MODE: demo sign-in is refused when NODE_ENV=production']),
    );
    expect(problems({ ...secrets, PUBLIC_ORIGIN: 'http://swr.example.com' })).toEqual([
      'PUBLIC_ORIGIN: plain http is allowed only for a loopback origin outside production',
    ]);
    expect(problems({ ...secrets, SWR_ENDPOINT_CN_NORTH_4: 'http://127.0.0.1:8801' })).toEqual([
      'SWR_ENDPOINT_CN_NORTH_4 (region 1): plain http is allowed only for a loopback endpoint outside production',
    ]);
    expect(problems({ ...REAL, SWR_ENDPOINT_CN_NORTH_4: 'https://evil.example' })).toEqual([
      expect.stringContaining('is not an SWR endpoint'),
    ]);
    expect(
      loadConfig(
        {
          ...REAL,
          SWR_ENDPOINT_CN_NORTH_4: 'https://swr.gw.example',
          SWR_ENDPOINT_ALLOWLIST: 'https://swr.gw.example',
        },
        { cwd: directory },
      ).regions[0]?.endpoint,
    ).toBe('https://swr.gw.example');
    expect(
      problems({
        ...REAL,
        SWR_ENDPOINT_CN_NORTH_4: 'https://swr-api.cn-north-4.myhuaweicloud.com/v2',
      }),
    ).toEqual([expect.stringContaining('an endpoint has no path')]);
    expect(problems({ NODE_ENV: 'development', AUTH_MODE: 'demo', HOST: '0.0.0.0' })).toEqual(
      expect.arrayContaining([
        'AUTH_MODE: demo sign-in listens on loopback only, not HOST=0.0.0.0',
      ]),
    );
    expect(problems({ ...REAL, HWC_AK: EMULATOR_DEFAULTS.credentials.ak })).toEqual([
      'HWC_AK: the emulator demo key is only for demo sign-in; configure real credentials',
    ]);
    expect(problems({ ...REAL, SESSION_IDLE_TIMEOUT: '13h' })).toEqual([
      'SESSION_IDLE_TIMEOUT: longer than SESSION_MAX_LIFETIME',
    ]);
  });
});
