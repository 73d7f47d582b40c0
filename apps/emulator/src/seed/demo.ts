/**
 * The demo account: what an ops team's SWR looks like after a year. Organizations and
 * repositories across every category, a year of pushes with realistic tag names (semver, git
 * hashes, `latest`), IAM permissions at both levels, shares that are valid, expiring or expired,
 * deploy triggers that succeeded and failed, sync policies with their jobs, and retention
 * policies that have been deleting old tags.
 *
 * Everything happens through the same operations the HTTP API runs, replayed in time order,
 * so every history entry, job and log is one the emulator itself produced.
 */
import type { RepositoryCategory } from '@swr-dashboard/swr-client';
import { stableId, type EmulatorConfig } from '../config';
import type { Store } from '../store/store';
import { Random } from './random';
import { SeedSession } from './session';

const DAY = 24 * 60 * 60 * 1000;
const MAIN = 'cn-north-4';
const EAST = 'cn-east-3';
const SOUTHEAST = 'ap-southeast-3';

/** How a repository names its tags. */
type TagStyle = 'semver' | 'git' | 'calver' | 'mixed';

interface RepoPlan {
  namespace: string;
  name: string;
  category: RepositoryCategory;
  description: string;
  isPublic?: boolean;
  /** Pushes over the year. */
  pushes: number;
  style: TagStyle;
  /** Typical image size in MB. */
  sizeMb: number;
}

const ORGANIZATIONS = [
  'platform',
  'payments',
  'data-eng',
  'ml-research',
  'web-frontend',
  'security-tools',
  'legacy-apps',
];

const REPOSITORIES: RepoPlan[] = [
  {
    namespace: 'platform',
    name: 'base/debian',
    category: 'linux',
    description: 'Hardened Debian 12 base image, rebuilt weekly.',
    isPublic: true,
    pushes: 40,
    style: 'calver',
    sizeMb: 48,
  },
  {
    namespace: 'platform',
    name: 'base/alpine',
    category: 'linux',
    description: 'Alpine base with CA bundle and tzdata.',
    isPublic: true,
    pushes: 30,
    style: 'calver',
    sizeMb: 7,
  },
  {
    namespace: 'platform',
    name: 'base/ubuntu',
    category: 'linux',
    description: 'Ubuntu 24.04 base for vendor software.',
    pushes: 18,
    style: 'calver',
    sizeMb: 78,
  },
  {
    namespace: 'platform',
    name: 'nginx',
    category: 'app_server',
    description: 'Ingress nginx with company TLS defaults.',
    pushes: 90,
    style: 'mixed',
    sizeMb: 62,
  },
  {
    namespace: 'platform',
    name: 'envoy',
    category: 'app_server',
    description: 'Envoy sidecar used by the service mesh.',
    pushes: 50,
    style: 'semver',
    sizeMb: 95,
  },
  {
    namespace: 'platform',
    name: 'redis',
    category: 'database',
    description: 'Redis 7 with persistence tuned for caches.',
    pushes: 24,
    style: 'semver',
    sizeMb: 41,
  },
  {
    namespace: 'platform',
    name: 'postgres',
    category: 'database',
    description: 'PostgreSQL 16 with pgvector and pg_stat_statements.',
    pushes: 20,
    style: 'semver',
    sizeMb: 152,
  },
  {
    namespace: 'platform',
    name: 'ci/runner',
    category: 'other',
    description: 'Self-hosted CI runner image.',
    pushes: 70,
    style: 'git',
    sizeMb: 820,
  },
  {
    namespace: 'platform',
    name: 'ci/builder-go',
    category: 'lang',
    description: 'Go toolchain and linters for CI builds.',
    pushes: 36,
    style: 'semver',
    sizeMb: 610,
  },
  {
    namespace: 'platform',
    name: 'otel-collector',
    category: 'app_server',
    description: 'OpenTelemetry collector, contrib build.',
    pushes: 40,
    style: 'semver',
    sizeMb: 118,
  },
  {
    namespace: 'payments',
    name: 'payment-gateway',
    category: 'app_server',
    description: 'Card and wallet payment gateway (PCI scope).',
    pushes: 260,
    style: 'mixed',
    sizeMb: 210,
  },
  {
    namespace: 'payments',
    name: 'ledger-service',
    category: 'framework_app',
    description: 'Double-entry ledger, Spring Boot.',
    pushes: 110,
    style: 'mixed',
    sizeMb: 265,
  },
  {
    namespace: 'payments',
    name: 'fraud-detector',
    category: 'framework_app',
    description: 'Real-time fraud scoring.',
    pushes: 50,
    style: 'git',
    sizeMb: 480,
  },
  {
    namespace: 'payments',
    name: 'settlement-batch',
    category: 'framework_app',
    description: 'Nightly settlement jobs.',
    pushes: 32,
    style: 'calver',
    sizeMb: 190,
  },
  {
    namespace: 'payments',
    name: 'payments-db-migrator',
    category: 'database',
    description: 'Flyway migrations for the payments databases.',
    pushes: 28,
    style: 'semver',
    sizeMb: 96,
  },
  {
    namespace: 'payments',
    name: 'checkout-api',
    category: 'app_server',
    description: 'Checkout API behind the storefront.',
    pushes: 110,
    style: 'mixed',
    sizeMb: 175,
  },
  {
    namespace: 'data-eng',
    name: 'spark/spark-base',
    category: 'framework_app',
    description: 'Spark 3.5 runtime with Hadoop OBS connectors.',
    pushes: 45,
    style: 'mixed',
    sizeMb: 1_450,
  },
  {
    namespace: 'data-eng',
    name: 'spark/spark-py',
    category: 'lang',
    description: "PySpark with the team's Python libraries.",
    pushes: 38,
    style: 'semver',
    sizeMb: 1_720,
  },
  {
    namespace: 'data-eng',
    name: 'airflow',
    category: 'framework_app',
    description: 'Airflow 2 scheduler and workers.',
    pushes: 40,
    style: 'semver',
    sizeMb: 980,
  },
  {
    namespace: 'data-eng',
    name: 'kafka-connect',
    category: 'app_server',
    description: 'Kafka Connect with the JDBC and OBS sinks.',
    pushes: 22,
    style: 'semver',
    sizeMb: 640,
  },
  {
    namespace: 'data-eng',
    name: 'flink-job',
    category: 'framework_app',
    description: 'Streaming enrichment job.',
    pushes: 30,
    style: 'git',
    sizeMb: 720,
  },
  {
    namespace: 'data-eng',
    name: 'dbt-runner',
    category: 'lang',
    description: 'dbt models runner.',
    pushes: 26,
    style: 'git',
    sizeMb: 410,
  },
  {
    namespace: 'data-eng',
    name: 'clickhouse',
    category: 'database',
    description: 'ClickHouse server for analytics.',
    pushes: 14,
    style: 'semver',
    sizeMb: 530,
  },
  {
    namespace: 'ml-research',
    name: 'pytorch/train',
    category: 'lang',
    description: 'PyTorch 2 training image with CUDA 12.',
    pushes: 32,
    style: 'calver',
    sizeMb: 6_800,
  },
  {
    namespace: 'ml-research',
    name: 'pytorch/serve',
    category: 'app_server',
    description: 'TorchServe inference image.',
    pushes: 36,
    style: 'semver',
    sizeMb: 3_900,
  },
  {
    namespace: 'ml-research',
    name: 'jupyter-lab',
    category: 'lang',
    description: 'JupyterLab for notebooks on ModelArts.',
    isPublic: true,
    pushes: 20,
    style: 'calver',
    sizeMb: 2_300,
  },
  {
    namespace: 'ml-research',
    name: 'triton-server',
    category: 'app_server',
    description: 'Triton inference server.',
    pushes: 18,
    style: 'semver',
    sizeMb: 7_400,
  },
  {
    namespace: 'ml-research',
    name: 'feature-store',
    category: 'database',
    description: 'Feature store API and workers.',
    pushes: 26,
    style: 'git',
    sizeMb: 350,
  },
  {
    namespace: 'ml-research',
    name: 'edge/infer-arm64',
    category: 'arm',
    description: 'ARM64 inference runtime for edge boxes.',
    pushes: 22,
    style: 'semver',
    sizeMb: 640,
  },
  {
    namespace: 'web-frontend',
    name: 'storefront',
    category: 'app_server',
    description: 'Customer storefront (Next.js).',
    pushes: 220,
    style: 'mixed',
    sizeMb: 240,
  },
  {
    namespace: 'web-frontend',
    name: 'admin-portal',
    category: 'app_server',
    description: 'Back-office portal.',
    pushes: 90,
    style: 'mixed',
    sizeMb: 205,
  },
  {
    namespace: 'web-frontend',
    name: 'cdn-purger',
    category: 'other',
    description: 'Purges CDN caches after deploys.',
    pushes: 12,
    style: 'semver',
    sizeMb: 24,
  },
  {
    namespace: 'web-frontend',
    name: 'ssr-renderer',
    category: 'framework_app',
    description: 'Server-side rendering workers.',
    pushes: 70,
    style: 'git',
    sizeMb: 310,
  },
  {
    namespace: 'web-frontend',
    name: 'design-system-docs',
    category: 'other',
    description: 'Storybook of the design system.',
    isPublic: true,
    pushes: 30,
    style: 'git',
    sizeMb: 120,
  },
  {
    namespace: 'security-tools',
    name: 'trivy-db',
    category: 'other',
    description: 'Mirrored vulnerability database for offline scans.',
    pushes: 60,
    style: 'calver',
    sizeMb: 64,
  },
  {
    namespace: 'security-tools',
    name: 'vault-agent',
    category: 'app_server',
    description: 'Vault agent injector.',
    pushes: 26,
    style: 'semver',
    sizeMb: 150,
  },
  {
    namespace: 'security-tools',
    name: 'falco',
    category: 'linux',
    description: 'Runtime threat detection.',
    pushes: 16,
    style: 'semver',
    sizeMb: 260,
  },
  {
    namespace: 'security-tools',
    name: 'opa-bundle-server',
    category: 'other',
    description: 'Serves OPA policy bundles.',
    pushes: 20,
    style: 'git',
    sizeMb: 38,
  },
  {
    namespace: 'legacy-apps',
    name: 'iis-frontend',
    category: 'windows',
    description: 'IIS site on Windows Server Core (being retired).',
    pushes: 10,
    style: 'semver',
    sizeMb: 5_200,
  },
  {
    namespace: 'legacy-apps',
    name: 'dotnet-framework-api',
    category: 'windows',
    description: '.NET Framework 4.8 API.',
    pushes: 12,
    style: 'semver',
    sizeMb: 4_800,
  },
  {
    namespace: 'legacy-apps',
    name: 'java8-monolith',
    category: 'lang',
    description: 'The order monolith on Java 8.',
    pushes: 24,
    style: 'semver',
    sizeMb: 720,
  },
  {
    namespace: 'legacy-apps',
    name: 'cron-scripts',
    category: 'other',
    description: 'Shell and Python cron jobs.',
    pushes: 8,
    style: 'calver',
    sizeMb: 85,
  },
];

function iamUser(name: string, auth: 1 | 3 | 7) {
  return { user_id: stableId('iam', 'demo-ops', name), user_name: name, auth };
}

/** Tag names in the order a team would push them. */
function tagNames(plan: RepoPlan, random: Random, start: Date): string[] {
  const tags: string[] = [];
  let [major, minor, patch] = [random.int(0, 3), random.int(0, 9), 0];
  const semver = (prefix: string) => {
    if (random.next() < 0.15) {
      minor += 1;
      patch = 0;
    } else if (random.next() < 0.03) {
      major += 1;
      minor = 0;
      patch = 0;
    } else {
      patch += 1;
    }
    return `${prefix}${major}.${minor}.${patch}`;
  };
  const prefix = random.next() < 0.5 ? 'v' : '';
  for (let i = 0; i < plan.pushes; i += 1) {
    const day = new Date(start.getTime() + (i / plan.pushes) * 365 * DAY);
    const date = day.toISOString().slice(0, 10).replaceAll('-', '');
    switch (plan.style) {
      case 'semver':
        tags.push(i % 6 === 5 ? 'latest' : semver(prefix));
        break;
      case 'git':
        tags.push(
          i % 5 === 4 ? 'latest' : random.next() < 0.7 ? random.hex(7) : `main-${random.hex(7)}`,
        );
        break;
      case 'calver':
        tags.push(
          i % 4 === 3
            ? 'latest'
            : `${date.slice(0, 4)}.${date.slice(4, 6)}.${date.slice(6)}-${random.int(1, 9)}`,
        );
        break;
      case 'mixed': {
        const roll = random.next();
        if (i % 7 === 6) tags.push('latest');
        else if (roll < 0.35) tags.push(semver('v'));
        else if (roll < 0.65) tags.push(`main-${random.hex(7)}`);
        else if (roll < 0.85) tags.push(`pr-${random.int(1000, 4999)}`);
        else if (roll < 0.95) tags.push(`release-${date.slice(0, 4)}.${date.slice(4, 6)}`);
        else tags.push('stable');
        break;
      }
    }
  }
  return tags;
}

interface Push {
  at: number;
  plan: RepoPlan;
  tag: string;
  size: number;
}

/** One list of every push of the year, in time order. */
function schedulePushes(random: Random, start: Date): Push[] {
  const pushes: Push[] = [];
  for (const plan of REPOSITORIES) {
    const names = tagNames(plan, random, start);
    names.forEach((tag, index) => {
      const at = start.getTime() + ((index + random.next()) / names.length) * 360 * DAY;
      const size = Math.round(plan.sizeMb * 1_048_576 * (0.85 + random.next() * 0.3));
      pushes.push({ at, plan, tag, size });
    });
  }
  return pushes.sort((a, b) => a.at - b.at);
}

interface ScheduledStep {
  at: number;
  run: (seed: SeedSession) => void;
}

/** Policies, triggers and shares that appear during the year, each at its own time. */
function scheduleSetup(now: Date, start: Date): ScheduledStep[] {
  const day = (offset: number) => start.getTime() + offset * DAY;
  const repo = (namespace: string, repository: string) => ({ namespace, repository });
  const cluster = (stage: string) => stableId('cluster', MAIN, stage);
  const trigger =
    (namespace: string, repository: string, body: Record<string, string>) => (seed: SeedSession) =>
      seed.call(MAIN, 'createTrigger', {
        params: repo(namespace, repository),
        body: {
          action: 'update',
          app_type: 'deployments',
          cluster_ns: 'default',
          enable: 'true',
          trigger_type: 'all',
          condition: '.*',
          name: 'deploy',
          application: repository.replaceAll('/', '-'),
          ...body,
        } as never,
      });
  const retention = (namespace: string, repository: string, rule: object) => (seed: SeedSession) =>
    seed.call(MAIN, 'createRetention', {
      params: repo(namespace, repository),
      body: { algorithm: 'or', rules: [rule] } as never,
    });
  const sync =
    (namespace: string, repository: string, region: string, target: string, override: boolean) =>
    (seed: SeedSession) =>
      seed.call(MAIN, 'createImageSyncRepo', {
        params: repo(namespace, repository),
        body: { remoteRegionId: region, remoteNamespace: target, syncAuto: true, override },
      });
  const share =
    (
      namespace: string,
      repository: string,
      domain: string,
      deadline: string,
      description: string,
    ) =>
    (seed: SeedSession) =>
      seed.call(MAIN, 'createRepoDomains', {
        params: repo(namespace, repository),
        body: { access_domain: domain, permit: 'read', deadline, description },
      });
  const inDays = (days: number) =>
    new Date(now.getTime() + days * DAY).toISOString().replace(/\.\d+Z$/, 'Z');

  return [
    {
      at: day(2),
      run: trigger('payments', 'payment-gateway', {
        name: 'deploy-prod',
        trigger_type: 'regular',
        condition: '^v\\d+\\.\\d+\\.\\d+$',
        cluster_id: cluster('prod'),
        container: 'gateway',
      }),
    },
    {
      at: day(2),
      run: trigger('web-frontend', 'storefront', {
        name: 'deploy-staging',
        cluster_id: cluster('staging'),
      }),
    },
    {
      at: day(3),
      run: trigger('platform', 'nginx', {
        name: 'roll-ingress',
        trigger_type: 'tag',
        condition: 'stable;latest',
        cluster_id: cluster('prod'),
        app_type: 'statefulsets',
        application: 'ingress-nginx',
        cluster_ns: 'ingress',
      }),
    },
    {
      at: day(5),
      run: trigger('ml-research', 'pytorch/serve', {
        name: 'serve-cci',
        trigger_mode: 'cci',
        cluster_ns: 'inference',
        application: 'torchserve',
      }),
    },
    {
      at: day(6),
      run: trigger('legacy-apps', 'java8-monolith', {
        name: 'deploy-legacy',
        cluster_id: cluster('legacy'),
        application: 'order-monolith',
        cluster_ns: 'orders',
      }),
    },
    {
      at: day(8),
      run: trigger('data-eng', 'airflow', {
        name: 'deploy-workers',
        enable: 'false',
        cluster_id: cluster('staging'),
        application: 'airflow-worker',
        cluster_ns: 'airflow',
      }),
    },
    { at: day(10), run: sync('platform', 'nginx', EAST, 'platform', true) },
    { at: day(10), run: sync('payments', 'payment-gateway', EAST, 'payments', false) },
    { at: day(12), run: sync('web-frontend', 'storefront', SOUTHEAST, 'web-frontend', true) },
    // A disaster-recovery target whose organization was later deleted: its jobs fail.
    {
      at: day(20),
      run: (seed) => seed.call(EAST, 'createNamespace', { body: { namespace: 'data-dr' } }),
    },
    { at: day(20), run: sync('data-eng', 'airflow', EAST, 'data-dr', false) },
    {
      at: day(21),
      run: (seed) => seed.call(EAST, 'deleteNamespaces', { params: { namespace: 'data-dr' } }),
    },
    {
      at: day(60),
      run: retention('platform', 'ci/runner', {
        template: 'tag_rule',
        params: { num: '20' },
        tag_selectors: [{ kind: 'label', pattern: 'latest' }],
      }),
    },
    {
      at: day(90),
      run: retention('data-eng', 'spark/spark-base', {
        template: 'date_rule',
        params: { days: '120' },
        tag_selectors: [{ kind: 'regexp', pattern: '^release-' }],
      }),
    },
    {
      at: day(150),
      run: retention('security-tools', 'trivy-db', {
        template: 'tag_rule',
        params: { num: '15' },
        tag_selectors: [],
      }),
    },
    {
      at: day(200),
      run: retention('payments', 'fraud-detector', {
        template: 'date_rule',
        params: { days: '90' },
        tag_selectors: [{ kind: 'label', pattern: 'latest' }],
      }),
    },
    {
      at: day(300),
      run: share(
        'platform',
        'base/debian',
        'contractor-x',
        inDays(-20),
        'Build images for the 2026 migration project',
      ),
    },
    {
      at: day(330),
      run: share(
        'payments',
        'payment-gateway',
        'partner-corp',
        'forever',
        'Partner integration test environment',
      ),
    },
    {
      at: day(340),
      run: share(
        'web-frontend',
        'storefront',
        'acme-analytics',
        inDays(5),
        'Load-test vendor, contract ends this week',
      ),
    },
    {
      at: day(345),
      run: share(
        'ml-research',
        'pytorch/serve',
        'research-lab',
        inDays(90),
        'Joint model evaluation',
      ),
    },
    {
      at: day(350),
      run: share('data-eng', 'airflow', 'partner-corp', inDays(3), 'Shared pipelines pilot'),
    },
    { at: day(355), run: share('platform', 'base/alpine', 'acme-analytics', 'forever', '') },
  ];
}

/** The partner account's images shared with the demo account (so "shared with me" has rows). */
function seedPartner(store: Store, config: EmulatorConfig, now: Date): void {
  const partner = new SeedSession(
    store,
    config,
    'partner-corp',
    new Date(now.getTime() - 200 * DAY),
  );
  partner.call(MAIN, 'createNamespace', { body: { namespace: 'partner-shared' } });
  const repos = [
    { name: 'sdk/builder', deadline: 'forever', tags: ['v2.0.0', 'v2.1.0', 'v2.1.1', 'latest'] },
    {
      name: 'analytics-agent',
      deadline: new Date(now.getTime() + 4 * DAY).toISOString().replace(/\.\d+Z$/, 'Z'),
      tags: ['1.8.0', '1.9.0', 'latest'],
    },
    {
      name: 'legacy-sdk',
      deadline: new Date(now.getTime() - 10 * DAY).toISOString().replace(/\.\d+Z$/, 'Z'),
      tags: ['0.9.7'],
    },
  ];
  for (const repo of repos) {
    partner.call(MAIN, 'createRepo', {
      params: { namespace: 'partner-shared' },
      body: {
        repository: repo.name,
        is_public: false,
        category: 'other',
        description: 'Shared by Partner Corp',
      },
    });
    for (const tag of repo.tags) {
      partner.now = new Date(partner.now.getTime() + DAY);
      partner.push(MAIN, 'partner-shared', repo.name, tag, 73_400_320);
    }
    partner.now = new Date(now.getTime() - 30 * DAY);
    partner.call(MAIN, 'createRepoDomains', {
      params: { namespace: 'partner-shared', repository: repo.name },
      body: {
        access_domain: 'demo-ops',
        permit: 'read',
        deadline: repo.deadline,
        description: 'Partner SDK images',
      },
    });
  }
}

function seedPermissions(seed: SeedSession): void {
  const grants: Record<string, ReturnType<typeof iamUser>[]> = {
    platform: [iamUser('bob-ops', 7), iamUser('ci-pipeline', 3), iamUser('alice-dev', 1)],
    payments: [iamUser('alice-dev', 3), iamUser('ci-pipeline', 3), iamUser('carol-sec', 1)],
    'data-eng': [iamUser('dave-data', 7), iamUser('ci-pipeline', 3)],
    'ml-research': [iamUser('erin-ml', 7), iamUser('dave-data', 1)],
    'web-frontend': [iamUser('frank-web', 7), iamUser('ci-pipeline', 3), iamUser('alice-dev', 3)],
    'security-tools': [iamUser('carol-sec', 7)],
  };
  for (const [namespace, users] of Object.entries(grants)) {
    seed.call(MAIN, 'createNamespaceAuth', { params: { namespace }, body: users });
  }
  const repoGrants = [
    {
      namespace: 'payments',
      repository: 'payment-gateway',
      users: [iamUser('carol-sec', 3), iamUser('frank-web', 1)],
    },
    {
      namespace: 'platform',
      repository: 'base/debian',
      users: [iamUser('dave-data', 1), iamUser('erin-ml', 1)],
    },
    { namespace: 'ml-research', repository: 'pytorch/serve', users: [iamUser('frank-web', 1)] },
    { namespace: 'legacy-apps', repository: 'java8-monolith', users: [iamUser('bob-ops', 7)] },
  ];
  for (const grant of repoGrants) {
    seed.call(MAIN, 'createUserRepositoryAuth', {
      params: { namespace: grant.namespace, repository: grant.repository },
      body: grant.users,
    });
  }
}

export interface SeedSummary {
  organizations: number;
  repositories: number;
  pushes: number;
}

/** Seeds an empty store with the demo account, in one transaction. */
export function seedDemo(input: { store: Store; config: EmulatorConfig; now: Date }): SeedSummary {
  const { store, config, now } = input;
  const random = new Random(20_261_129);
  const start = new Date(now.getTime() - 366 * DAY);
  return store.transaction(() => {
    const seed = new SeedSession(store, config, 'demo-ops', start);
    for (const namespace of ORGANIZATIONS)
      seed.call(MAIN, 'createNamespace', { body: { namespace } });
    for (const namespace of ['platform', 'payments'])
      seed.call(EAST, 'createNamespace', { body: { namespace } });
    seed.call(SOUTHEAST, 'createNamespace', { body: { namespace: 'web-frontend' } });
    for (const plan of REPOSITORIES) {
      seed.call(MAIN, 'createRepo', {
        params: { namespace: plan.namespace },
        body: {
          repository: plan.name,
          is_public: plan.isPublic ?? false,
          category: plan.category,
          description: plan.description,
        },
      });
    }
    seedPermissions(seed);
    const steps = scheduleSetup(now, start);
    const pushes = schedulePushes(random, start);
    let next = 0;
    for (const push of pushes) {
      for (let step = steps[next]; step !== undefined && step.at <= push.at; step = steps[++next]) {
        seed.now = new Date(step.at);
        step.run(seed);
      }
      seed.now = new Date(push.at);
      seed.push(MAIN, push.plan.namespace, push.plan.name, push.tag, push.size);
    }
    for (let step = steps[next]; step !== undefined; step = steps[++next]) {
      seed.now = new Date(step.at);
      step.run(seed);
    }
    // A manual sync of three tags, one of which does not exist: it is reported as failed.
    seed.now = new Date(now.getTime() - 2 * DAY);
    seed.call(MAIN, 'createManualImageSyncRepo', {
      params: { namespace: 'platform', repository: 'redis' },
      body: {
        imageTag: ['latest', 'v0.0.1-rc0'],
        remoteNamespace: 'platform',
        remoteRegionId: EAST,
        override: false,
      },
    });
    seedPartner(store, config, now);
    return {
      organizations: ORGANIZATIONS.length,
      repositories: REPOSITORIES.length,
      pushes: pushes.length,
    };
  });
}
