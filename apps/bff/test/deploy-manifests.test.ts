/**
 * The Kubernetes manifests (deploy/kubernetes): the base and each overlay are rendered without
 * kubectl (deploy/kubernetes/render.ts) and every object is checked against the Kubernetes API's
 * schemas; the BFF's environment in each is made only of settings docs/configuration.md lists,
 * with every secret a reference, and it is one the BFF itself accepts in production (the image's
 * own environment included); and the pod is locked down as docs/deployment.md says.
 *
 * Two shapes: the base and the overlays built on it as they are run two replicas on PostgreSQL
 * and Redis, replaced one at a time; overlays/single runs one replica on the SQLite file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { render, validate, type KubernetesObject } from '../../../deploy/kubernetes/render';
import { START_COMMAND } from '../../../scripts/release';
import { loadConfig } from '../src/config/load';

const ROOT = resolve(import.meta.dirname, '../../..');
const KUBERNETES = join(ROOT, 'deploy/kubernetes');
const OVERLAYS = readdirSync(join(KUBERNETES, 'overlays'))
  .map((name) => `overlays/${name}`)
  .sort();
/** Two replicas sharing PostgreSQL and Redis: the production shape. */
const SHARED = ['base', 'overlays/example', 'overlays/oauth2-proxy'];
/** One replica on the embedded SQLite file. */
const SINGLE = ['overlays/single'];

/** Where the SQLite file lives, in the image and on the single overlay's volume. */
const DATA_DIR = '/var/lib/swr-dashboard';
const STORAGE_SECRET = 'swr-dashboard-storage';

/** What the pod would get from each Secret it names: a value the BFF's checks accept. */
const STAND_INS: Record<string, string> = {
  SESSION_SECRETS: 'stand-in-session-secret-0123456789abcdef',
  DATABASE_URL: 'postgres://swr_dashboard:stand-in@postgres.db.svc:5432/swr_dashboard',
  REDIS_URL: 'redis://:stand-in@redis.cache.svc:6379/0',
};

type Json = Record<string, unknown>;

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean } };
}

interface Container extends Json {
  name: string;
  command?: string[];
  args?: string[];
  env?: EnvVar[];
  envFrom?: { configMapRef?: { name: string } }[];
  securityContext?: Json;
  resources?: { requests?: Json; limits?: Json };
  volumeMounts?: { name: string; mountPath: string }[];
  lifecycle?: { preStop?: { exec?: { command: string[] } } };
}

interface PodSpec extends Json {
  containers: Container[];
  securityContext?: Json;
  volumes?: (Json & { name: string })[];
  topologySpreadConstraints?: (Json & { labelSelector: { matchLabels: Json } })[];
  terminationGracePeriodSeconds?: number;
}

interface DeploymentSpec {
  replicas: number;
  strategy: Json & { type: string };
  template: { metadata: { labels: Json }; spec: PodSpec };
}

interface BudgetSpec {
  minAvailable?: number | string;
  maxUnavailable?: number | string;
  unhealthyPodEvictionPolicy?: string;
}

interface EgressRule {
  to?: Json[];
  ports?: { port: number | string; protocol: string }[];
}

/**
 * Each setting docs/configuration.md names (in its tables or its text, as `NAME`) as a pattern:
 * `SWR_ENDPOINT_<REGION>` stands for any region.
 */
function documentedSettings(): RegExp[] {
  const doc = readFileSync(join(ROOT, 'docs/configuration.md'), 'utf8');
  const names = [...doc.matchAll(/`([A-Z][A-Z0-9_]*(?:<REGION>)?)`/g)].map((m) => m[1] ?? '');
  return names.map((name) => new RegExp(`^${name.replace('<REGION>', '[A-Z0-9_]+')}$`));
}

/** The image's own environment: the `ENV` pairs of the Dockerfile's last stage. */
function imageEnvironment(): Record<string, string> {
  const text = readFileSync(join(ROOT, 'Dockerfile'), 'utf8').replace(/\\\n\s*/g, ' ');
  const finalStage = text.split(/^FROM\s/m).at(-1) ?? '';
  const pairs = finalStage
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('ENV '))
    .flatMap((line) => line.slice('ENV '.length).trim().split(/\s+/));
  return Object.fromEntries(
    pairs.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
  );
}

function find(objects: readonly KubernetesObject[], kind: string, name?: string): KubernetesObject {
  const found = objects.find(
    (object) => object.kind === kind && (name === undefined || object.metadata.name === name),
  );
  if (found === undefined) throw new Error(`no ${kind} ${name ?? ''}`);
  return found;
}

function deploymentOf(objects: readonly KubernetesObject[]): DeploymentSpec {
  return find(objects, 'Deployment', 'swr-dashboard').spec as DeploymentSpec;
}

function podOf(objects: readonly KubernetesObject[]): PodSpec {
  return deploymentOf(objects).template.spec;
}

function bffOf(objects: readonly KubernetesObject[]): Container {
  const bff = podOf(objects).containers.find((container) => container.name === 'bff');
  if (bff === undefined) throw new Error('no bff container');
  return bff;
}

/** The variables a container's command takes out of its environment (`/usr/bin/env -u NAME`). */
function unsetBy(command: readonly string[] | undefined): string[] {
  if (command === undefined) return [];
  if (command[0] !== '/usr/bin/env')
    throw new Error(`a command not modelled: ${command.join(' ')}`);
  const names: string[] = [];
  for (let at = 1; command[at] === '-u'; at += 2) names.push(command[at + 1] ?? '');
  return names;
}

/**
 * The BFF's environment as its process would get it: the image's, then the ConfigMaps, then the
 * container's variables (a stand-in for each secret), less what its command unsets.
 */
function bffEnvironment(objects: readonly KubernetesObject[]): Record<string, string> {
  const bff = bffOf(objects);
  const env: Record<string, string> = imageEnvironment();
  for (const source of bff.envFrom ?? []) {
    const map = find(objects, 'ConfigMap', source.configMapRef?.name);
    Object.assign(env, map.data as Record<string, string>);
  }
  for (const variable of bff.env ?? []) {
    const ref = variable.valueFrom?.secretKeyRef;
    // An optional reference to a Secret nobody created yet: the variable is simply unset.
    if (ref === undefined || ref.optional === true) continue;
    env[variable.name] = STAND_INS[variable.name] ?? `stand-in-${ref.name}-${ref.key}`;
  }
  const unset = unsetBy(bff.command);
  return Object.fromEntries(Object.entries(env).filter(([name]) => !unset.includes(name)));
}

/**
 * A disruption budget counted as Kubernetes' disruption controller does, with `replicas` pods
 * all ready: how many must stay up, and how many a drain may evict now (whole numbers only).
 */
function budget(spec: BudgetSpec, replicas: number): { keptUp: number; evictable: number } {
  const { minAvailable, maxUnavailable } = spec;
  if (typeof (minAvailable ?? maxUnavailable) !== 'number') {
    throw new Error('a budget of exactly one of minAvailable or maxUnavailable, as a number');
  }
  const keptUp = Math.max(
    0,
    typeof minAvailable === 'number' ? minAvailable : replicas - Number(maxUnavailable),
  );
  return { keptUp, evictable: Math.max(0, replicas - keptUp) };
}

function egressPorts(objects: readonly KubernetesObject[]): string[] {
  const policy = find(objects, 'NetworkPolicy').spec as { egress: EgressRule[] };
  return policy.egress
    .flatMap((rule) => rule.ports ?? [])
    .map((port) => `${String(port.port)}/${port.protocol}`);
}

describe('deploy/kubernetes', () => {
  it('has the base and three overlays, each of one of the two shapes', () => {
    expect(OVERLAYS).toEqual(['overlays/example', 'overlays/oauth2-proxy', 'overlays/single']);
    expect([...SHARED, ...SINGLE].sort()).toEqual(['base', ...OVERLAYS].sort());
  });
});

describe.each(['base', ...OVERLAYS])('deploy/kubernetes/%s', (dir) => {
  const objects = render(join(KUBERNETES, dir));

  it('renders to objects the Kubernetes API schemas accept', () => {
    expect(objects.map((object) => object.kind).sort()).toEqual(
      expect.arrayContaining([
        'ConfigMap',
        'Deployment',
        'NetworkPolicy',
        'PodDisruptionBudget',
        'Service',
      ]),
    );
    expect(validate(objects)).toEqual([]);
  });

  it('gives the BFF documented settings only, and its secrets by reference', () => {
    const documented = documentedSettings();
    const bff = bffOf(objects);
    const names = [
      ...(bff.env ?? []).map((variable) => variable.name),
      ...Object.keys(bffEnvironment(objects)),
    ];
    const unknown = names.filter((name) => !documented.some((pattern) => pattern.test(name)));
    expect(unknown).toEqual([]);
    // Every variable set on the container itself comes from a Secret; no secret has a value here.
    for (const variable of bff.env ?? []) {
      expect(variable.value, variable.name).toBeUndefined();
      expect(variable.valueFrom?.secretKeyRef, variable.name).toBeDefined();
    }
    expect(objects.filter((object) => object.kind === 'Secret')).toEqual([]);
  });

  it('locks the pod down: non-root, read-only root, no capabilities, RuntimeDefault seccomp', () => {
    const pod = podOf(objects);
    expect(pod.securityContext).toMatchObject({
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(pod.automountServiceAccountToken).toBe(false);
    for (const container of pod.containers) {
      expect(container.securityContext, container.name).toMatchObject({
        runAsNonRoot: true,
        allowPrivilegeEscalation: false,
        privileged: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
      });
      expect(container.resources?.requests, container.name).toHaveProperty('memory');
      expect(container.resources?.limits, container.name).toHaveProperty('memory');
      // The base names the image; an overlay pins its registry and tag.
      if (dir !== 'base') expect(container.image, container.name).toMatch(/:[\w.-]+$/);
    }
    // The BFF writes to /tmp, an emptyDir, and at most to the SQLite file's folder.
    const mounts = Object.fromEntries(
      (bffOf(objects).volumeMounts ?? []).map((mount) => [mount.mountPath, mount.name]),
    );
    expect(Object.keys(mounts)).toContain('/tmp');
    expect(Object.keys(mounts).filter((path) => path !== '/tmp' && path !== DATA_DIR)).toEqual([]);
    const volumes = Object.fromEntries((pod.volumes ?? []).map((volume) => [volume.name, volume]));
    expect(volumes[mounts['/tmp'] ?? '']).toHaveProperty('emptyDir');
  });

  it('probes readiness at /readyz and liveness at /healthz on the BFF', () => {
    const bff = bffOf(objects);
    expect(bff.readinessProbe).toMatchObject({ httpGet: { path: '/readyz', port: 'http' } });
    expect(bff.livenessProbe).toMatchObject({ httpGet: { path: '/healthz', port: 'http' } });
    expect(bff.ports).toEqual([
      expect.objectContaining({
        name: 'http',
        containerPort: Number(bffEnvironment(objects).PORT),
      }),
    ]);
  });

  it('selects the pod from its Service, disruption budget, network policy and spread', () => {
    const { labels } = deploymentOf(objects).template.metadata;
    const service = find(objects, 'Service').spec as { selector: Json };
    expect(service.selector).toEqual(labels);
    for (const kind of ['PodDisruptionBudget', 'NetworkPolicy']) {
      const spec = find(objects, kind).spec as Json;
      const selector = (spec.selector ?? spec.podSelector) as { matchLabels: Json };
      expect(selector.matchLabels, kind).toEqual(labels);
    }
    for (const constraint of podOf(objects).topologySpreadConstraints ?? []) {
      expect(constraint.labelSelector.matchLabels).toEqual(labels);
    }
    const policy = find(objects, 'NetworkPolicy').spec as { policyTypes: string[] };
    expect(policy.policyTypes.sort()).toEqual(['Egress', 'Ingress']);
  });

  it('lets a drain evict a pod when all are ready, and any pod that is not ready', () => {
    const spec = find(objects, 'PodDisruptionBudget').spec as BudgetSpec;
    expect(budget(spec, deploymentOf(objects).replicas).evictable).toBe(1);
    // Readiness follows SWR, PostgreSQL and Redis: in their outage no pod is ready, and the
    // default policy would then block every drain.
    expect(spec.unhealthyPodEvictionPolicy).toBe('AlwaysAllow');
  });

  it('lets out DNS and https', () => {
    expect(egressPorts(objects)).toEqual(expect.arrayContaining(['53/UDP', '53/TCP', '443/TCP']));
    const policy = find(objects, 'NetworkPolicy').spec as { egress: EgressRule[] };
    const dns = policy.egress.find((rule) => rule.ports?.some((port) => port.port === 53));
    expect(dns?.to).toEqual([
      expect.objectContaining({ podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }),
    ]);
  });
});

describe.each(SHARED)('deploy/kubernetes/%s, two replicas on PostgreSQL and Redis', (dir) => {
  const objects = render(join(KUBERNETES, dir));

  it('runs two replicas, replaced one at a time with both kept serving', () => {
    const spec = deploymentOf(objects);
    expect(spec.replicas).toBe(2);
    expect(spec.strategy).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxUnavailable: 0, maxSurge: 1 },
    });
  });

  it('takes DATABASE_URL and REDIS_URL from a Secret it cannot start without', () => {
    const env = bffOf(objects).env ?? [];
    for (const [name, key] of [
      ['DATABASE_URL', 'database-url'],
      ['REDIS_URL', 'redis-url'],
    ] as const) {
      const ref = env.find((variable) => variable.name === name)?.valueFrom?.secretKeyRef;
      expect(ref, name).toEqual({ name: STORAGE_SECRET, key });
    }
  });

  it('starts the image’s command without its BFF_DATABASE, refused beside DATABASE_URL', () => {
    // The image names its SQLite file; once it no longer does, the base can drop its command.
    expect(imageEnvironment().BFF_DATABASE).toBeDefined();
    expect(bffOf(objects).command).toEqual([
      '/usr/bin/env',
      '-u',
      'BFF_DATABASE',
      ...START_COMMAND,
    ]);
    expect(bffEnvironment(objects)).not.toHaveProperty('BFF_DATABASE');
  });

  it('keeps nothing on a volume: no claim, only emptyDir', () => {
    expect(objects.filter((object) => object.kind === 'PersistentVolumeClaim')).toEqual([]);
    const volumes = podOf(objects).volumes ?? [];
    expect(volumes.filter((volume) => !('emptyDir' in volume))).toEqual([]);
    expect(bffOf(objects).volumeMounts?.map((mount) => mount.mountPath)).toEqual(['/tmp']);
  });

  it('keeps one replica up through a drain, and prefers to put the two on different nodes', () => {
    const spec = find(objects, 'PodDisruptionBudget').spec as BudgetSpec;
    expect(budget(spec, deploymentOf(objects).replicas)).toEqual({ keptUp: 1, evictable: 1 });
    expect(podOf(objects).topologySpreadConstraints).toEqual([
      expect.objectContaining({
        topologyKey: 'kubernetes.io/hostname',
        maxSkew: 1,
        whenUnsatisfiable: 'ScheduleAnyway',
      }),
    ]);
  });

  it('lets out PostgreSQL and Redis', () => {
    expect(egressPorts(objects)).toEqual(expect.arrayContaining(['5432/TCP', '6379/TCP']));
  });
});

describe.each(SINGLE)('deploy/kubernetes/%s, one replica on SQLite', (dir) => {
  const objects = render(join(KUBERNETES, dir));

  it('runs one replica, stopped before its replacement starts', () => {
    const spec = deploymentOf(objects);
    expect(spec.replicas).toBe(1);
    expect(spec.strategy).toEqual({ type: 'Recreate' });
  });

  it('keeps its SQLite file on its own volume claim, with neither PostgreSQL nor Redis', () => {
    const bff = bffOf(objects);
    const claim = find(objects, 'PersistentVolumeClaim');
    expect((claim.spec as { accessModes: string[] }).accessModes).toEqual(['ReadWriteOnce']);
    const mount = bff.volumeMounts?.find((candidate) => candidate.mountPath === DATA_DIR);
    const volume = podOf(objects).volumes?.find((candidate) => candidate.name === mount?.name);
    expect(volume).toHaveProperty('persistentVolumeClaim.claimName', claim.metadata.name);
    // Named by the overlay itself, not left to the image.
    const data = find(objects, 'ConfigMap', 'swr-dashboard-config').data as Json;
    expect(data.BFF_DATABASE).toBe(`${DATA_DIR}/bff.sqlite`);
    expect(bff.command).toBeUndefined();
    const names = (bff.env ?? []).map((variable) => variable.name);
    expect(names).not.toContain('DATABASE_URL');
    expect(names).not.toContain('REDIS_URL');
  });

  it('does not let out PostgreSQL or Redis', () => {
    expect(egressPorts(objects)).not.toContain('5432/TCP');
    expect(egressPorts(objects)).not.toContain('6379/TCP');
  });
});

describe.each(OVERLAYS)('the BFF configured by deploy/kubernetes/%s', (dir) => {
  const objects = render(join(KUBERNETES, dir));

  it('starts in production: its settings pass the BFF’s own checks', () => {
    const config = loadConfig(bffEnvironment(objects), { cwd: '/app' });
    expect(config.nodeEnv).toBe('production');
    expect(config.host).toBe('0.0.0.0');
    expect(config.auth.mode).not.toBe('demo');
    if (SINGLE.includes(dir)) {
      expect(config.database).toBe(`${DATA_DIR}/bff.sqlite`);
      expect(config.databaseUrl).toBeUndefined();
      expect(config.redisUrl).toBeUndefined();
    } else {
      expect(config.databaseUrl).toBe(STAND_INS.DATABASE_URL);
      expect(config.redisUrl).toBe(STAND_INS.REDIS_URL);
    }
  });

  it('stops within its grace period: the preStop pause, then the BFF’s shutdown', () => {
    const config = loadConfig(bffEnvironment(objects), { cwd: '/app' });
    const pause = bffOf(objects).lifecycle?.preStop?.exec?.command;
    expect(pause?.[0]).toBe('/bin/sleep');
    const pauseMs = Number(pause?.[1]) * 1000;
    const graceMs = Number(podOf(objects).terminationGracePeriodSeconds) * 1000;
    expect(pauseMs).toBeGreaterThan(0);
    expect(pauseMs + config.shutdownTimeoutMs).toBeLessThan(graceMs);
  });
});

describe('the oauth2-proxy overlay', () => {
  const objects = render(join(KUBERNETES, 'overlays/oauth2-proxy'));

  it('trusts identity only from the proxy in its pod, which alone the Service reaches', () => {
    const env = bffEnvironment(objects);
    expect(env.AUTH_MODE).toBe('header');
    expect(env.TRUSTED_PROXY_CIDRS).toBe('127.0.0.1/32');
    expect(bffOf(objects).env?.map((variable) => variable.name)).not.toContain(
      'OIDC_CLIENT_SECRET',
    );
    const proxy = podOf(objects).containers.find((container) => container.name === 'oauth2-proxy');
    expect(proxy?.args).toContain('--upstream=http://127.0.0.1:8080/');
    const service = find(objects, 'Service').spec as { ports: Json[] };
    expect(service.ports).toEqual([expect.objectContaining({ targetPort: 'proxy' })]);
    const policy = find(objects, 'NetworkPolicy').spec as { ingress: { ports: Json[] }[] };
    expect(policy.ingress.flatMap((rule) => rule.ports)).toEqual([
      expect.objectContaining({ port: 'proxy' }),
    ]);
  });

  it('seals every pod’s proxy sessions in a cookie with one secret, from a Secret', () => {
    const proxy = podOf(objects).containers.find((container) => container.name === 'oauth2-proxy');
    const cookieSecret = proxy?.env?.find(
      (variable) => variable.name === 'OAUTH2_PROXY_COOKIE_SECRET',
    );
    expect(cookieSecret?.valueFrom?.secretKeyRef).toEqual({
      name: 'swr-dashboard-oauth2-proxy',
      key: 'cookie-secret',
    });
    // Not a value of its own per pod, nor sessions kept inside one pod.
    expect(
      proxy?.args?.filter((arg) => /^--(cookie-secret|session-store-type)\b/.test(arg)),
    ).toEqual([]);
  });
});
