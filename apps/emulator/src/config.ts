/**
 * The emulator's configuration: regions with their ports, the accounts whose AK/SK pairs it
 * accepts (and their other IAM users, which IAM lists), the CCE clusters triggers may target
 * with their Kubernetes namespaces and workloads, and where it keeps its data.
 */
import {
  DEMO_CREDENTIALS,
  PARTNER_CREDENTIALS,
  demoAccounts,
  projectIdOf,
  stableId,
} from '@swr-dashboard/emulator-fixtures';
import { regionId } from '@swr-dashboard/swr-client';
import { z } from 'zod';
import { faultListSchema } from './faults/schema';

const credential = z.strictObject({
  ak: z.string().min(8).max(128),
  sk: z.string().min(8).max(256),
  /** When set, the pair is temporary: requests must carry this `X-Security-Token`. */
  securityToken: z.string().min(1).max(4096).optional(),
});

const iamUser = z.strictObject({
  id: z.string().regex(/^[0-9a-f]{32}$/),
  name: z.string().min(1).max(64),
  /** Its AK/SK pairs; a user without any is only listed by IAM (and may be granted permissions). */
  credentials: z.array(credential),
  /** A disabled user is listed by IAM with `enabled: false`; its keys still sign (not emulated). */
  enabled: z.boolean().default(true),
  /** Whether its keys may list the account's IAM users (IAM `GET /v3/users`); else IAM's 403. */
  canListUsers: z.boolean().default(true),
  /** Whether its keys may read CCE: the cluster list and the clusters' Kubernetes reads; else 403. */
  canReadClusters: z.boolean().default(true),
});

const account = z.strictObject({
  /** The account (domain) name; images are shared with accounts by this name. */
  name: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/),
  id: z.string().regex(/^[0-9a-f]{32}$/),
  users: z.array(iamUser).min(1),
});

/** A Kubernetes object name (RFC 1123 label), as namespaces and workloads are named. */
const kubernetesName = z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/);

/** A Kubernetes namespace of a cluster, with the workloads CCE's Kubernetes API lists in it. */
const kubernetesNamespace = z.strictObject({
  name: kubernetesName,
  deployments: z.array(kubernetesName).default([]),
  statefulsets: z.array(kubernetesName).default([]),
});

const cluster = z.strictObject({
  /** Also the first label of the host its Kubernetes API is called at (`<id>.<endpoint>`). */
  id: z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/),
  name: z.string().min(1).max(64),
  /**
   * An unavailable cluster accepts triggers, but every rollout to it fails; CCE lists it with
   * phase `Unavailable` and its Kubernetes API answers 503.
   */
  available: z.boolean(),
  /** What its Kubernetes API lists (`/api/v1/namespaces`, `/apis/apps/v1/...`). */
  namespaces: z.array(kubernetesNamespace).default([]),
});

const region = z.strictObject({
  id: regionId,
  /** 0 picks a free port. */
  port: z.int().min(0).max(65_535),
  /** The docker registry host of the region, as createSecret and repository paths show it. */
  registryHost: z.string().min(1).max(253),
  /** CCE clusters deploy triggers may name. */
  clusters: z.array(cluster),
});

export const emulatorConfigSchema = z.strictObject({
  host: z.string().min(1),
  regions: z.array(region).min(1),
  accounts: z.array(account).min(1),
  /**
   * Other accounts of the cloud, known by name only (no keys): images may be shared with them.
   * Sharing with an account that is neither here nor in `accounts` is refused as SWR refuses it.
   */
  otherAccounts: z.array(z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/)),
  /** SQLite file, or `:memory:`. */
  database: z.string().min(1),
  /** Largest request body accepted, in bytes. */
  bodyLimit: z.int().min(1024),
  /** How far `X-Sdk-Date` may be from the emulator's clock. */
  maxClockSkewMs: z.int().min(0),
  /** Faults in force from the start (`src/faults`); one without a region hits every region. */
  faults: faultListSchema,
  /**
   * The registry front doors (src/registry): each region's OCI Distribution API on its own port,
   * backed by a real registry server (Debian's `docker-registry`). `port` is the first region's
   * (the others follow; 0: free ports). Off: repository paths and logins name `registryHost`.
   */
  registry: z
    .strictObject({ enabled: z.boolean(), port: z.int().min(0).max(65_535) })
    .default({ enabled: false, port: 0 }),
  /** Seeds the draws of fault probabilities and jitter; absent: not reproducible. */
  faultSeed: z
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .optional(),
});

export type EmulatorConfig = z.infer<typeof emulatorConfigSchema>;
/** The configuration as given: faults may leave their defaults out. */
export type EmulatorConfigInput = z.input<typeof emulatorConfigSchema>;
export type RegionConfig = EmulatorConfig['regions'][number];
export type AccountConfig = EmulatorConfig['accounts'][number];
export type IamUserConfig = AccountConfig['users'][number];
export type ClusterConfig = RegionConfig['clusters'][number];

export { DEMO_CREDENTIALS, PARTNER_CREDENTIALS, projectIdOf, stableId };

export const DEFAULT_REGION_IDS = ['cn-north-4', 'cn-east-3', 'ap-southeast-3'] as const;
export const DEFAULT_BASE_PORT = 8801;

type Workloads = Pick<ClusterConfig['namespaces'][number], 'deployments' | 'statefulsets'>;

/**
 * What each demo cluster runs, by Kubernetes namespace. The demo seed's triggers deploy here:
 * payment-gateway and ingress-nginx (a statefulset in `ingress`) on prod, storefront and
 * airflow-worker on staging, order-monolith in `orders` on legacy; the `payments*` namespaces are
 * where the payments team's demo user may deploy.
 */
const DEMO_WORKLOADS: Record<string, Record<string, Workloads>> = {
  prod: {
    default: { deployments: ['payment-gateway', 'storefront'], statefulsets: [] },
    payments: {
      deployments: ['payment-gateway', 'payments-api'],
      statefulsets: ['payments-ledger'],
    },
    ingress: { deployments: ['default-backend'], statefulsets: ['ingress-nginx'] },
    'kube-system': { deployments: ['coredns'], statefulsets: [] },
  },
  staging: {
    default: { deployments: ['storefront', 'payment-gateway'], statefulsets: [] },
    airflow: {
      deployments: ['airflow-worker', 'airflow-webserver'],
      statefulsets: ['airflow-scheduler'],
    },
    'payments-staging': { deployments: ['payment-gateway'], statefulsets: [] },
    'kube-system': { deployments: ['coredns'], statefulsets: [] },
  },
  legacy: {
    default: { deployments: [], statefulsets: [] },
    orders: { deployments: ['order-monolith'], statefulsets: [] },
    'kube-system': { deployments: ['coredns'], statefulsets: [] },
  },
};

/** Two healthy clusters and one that is down, so rollouts can fail as they do in life. */
function demoClusters(region: string): RegionConfig['clusters'] {
  return ['prod', 'staging', 'legacy'].map((stage) => ({
    id: stableId('cluster', region, stage),
    name: `${stage}-${region}`,
    available: stage !== 'legacy',
    namespaces: Object.entries(DEMO_WORKLOADS[stage] ?? {}).map(([name, workloads]) => ({
      name,
      deployments: [...workloads.deployments],
      statefulsets: [...workloads.statefulsets],
    })),
  }));
}

/** The default regions, from `basePort` on (0: free ports, as tests want). */
export function defaultRegions(basePort: number = DEFAULT_BASE_PORT): RegionConfig[] {
  return DEFAULT_REGION_IDS.map((id, index) => ({
    id,
    port: basePort === 0 ? 0 : basePort + index,
    registryHost: `swr.${id}.myhuaweicloud.com`,
    clusters: demoClusters(id),
  }));
}

/** The configuration `pnpm emulator` runs with when given nothing. */
export function defaultConfig(overrides: Partial<EmulatorConfigInput> = {}): EmulatorConfig {
  return emulatorConfigSchema.parse({
    host: '127.0.0.1',
    regions: defaultRegions(),
    accounts: demoAccounts(),
    // The demo's vendors and partners, shared with by the seed or in demos.
    otherAccounts: ['acme-analytics', 'contractor-x', 'research-lab', 'load-tester', 'audit-firm'],
    database: '.data/emulator.sqlite',
    bodyLimit: 1024 * 1024,
    maxClockSkewMs: 15 * 60 * 1000,
    faults: [],
    ...overrides,
  });
}
