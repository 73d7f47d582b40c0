/**
 * The Kubernetes manifests (deploy/kubernetes): the base and each overlay are rendered without
 * kubectl (deploy/kubernetes/render.ts) and every object is checked against the Kubernetes API's
 * schemas; the BFF's environment in each is made only of settings docs/configuration.md lists,
 * with every secret a reference, and it is one
 * the BFF itself accepts in production; and the pod is locked down as docs/deployment.md says.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { render, validate, type KubernetesObject } from '../../../deploy/kubernetes/render';
import { loadConfig } from '../src/config/load';

const ROOT = resolve(import.meta.dirname, '../../..');
const KUBERNETES = join(ROOT, 'deploy/kubernetes');
const OVERLAYS = ['overlays/example', 'overlays/oauth2-proxy'];

/** PostgreSQL and Redis, for several replicas: optional, the base runs without them. */
const STORAGE = new Set(['DATABASE_URL', 'REDIS_URL']);

type Json = Record<string, unknown>;

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean } };
}

interface Container extends Json {
  name: string;
  env?: EnvVar[];
  envFrom?: { configMapRef?: { name: string } }[];
  securityContext?: Json;
  resources?: { requests?: Json; limits?: Json };
  volumeMounts?: { name: string; mountPath: string }[];
}

interface PodSpec extends Json {
  containers: Container[];
  securityContext?: Json;
  volumes?: (Json & { name: string })[];
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

function find(objects: readonly KubernetesObject[], kind: string, name?: string): KubernetesObject {
  const found = objects.find(
    (object) => object.kind === kind && (name === undefined || object.metadata.name === name),
  );
  if (found === undefined) throw new Error(`no ${kind} ${name ?? ''}`);
  return found;
}

function podOf(objects: readonly KubernetesObject[]): PodSpec {
  const deployment = find(objects, 'Deployment', 'swr-dashboard');
  return (deployment.spec as { template: { spec: PodSpec } }).template.spec;
}

function bffOf(objects: readonly KubernetesObject[]): Container {
  const bff = podOf(objects).containers.find((container) => container.name === 'bff');
  if (bff === undefined) throw new Error('no bff container');
  return bff;
}

/** The BFF's environment as the pod would get it, with a stand-in for each secret it names. */
function bffEnvironment(objects: readonly KubernetesObject[]): Record<string, string> {
  const bff = bffOf(objects);
  const env: Record<string, string> = {};
  for (const source of bff.envFrom ?? []) {
    const map = find(objects, 'ConfigMap', source.configMapRef?.name);
    Object.assign(env, map.data as Record<string, string>);
  }
  for (const variable of bff.env ?? []) {
    const ref = variable.valueFrom?.secretKeyRef;
    // An optional reference to a Secret nobody created yet: the variable is simply unset.
    if (ref === undefined || ref.optional === true) continue;
    env[variable.name] =
      variable.name === 'SESSION_SECRETS'
        ? 'stand-in-session-secret-0123456789abcdef'
        : `stand-in-${ref.name}-${ref.key}`;
  }
  return env;
}

describe.each(['base', ...OVERLAYS])('deploy/kubernetes/%s', (dir) => {
  const objects = render(join(KUBERNETES, dir));

  it('renders to objects the Kubernetes API schemas accept', () => {
    expect(objects.map((object) => object.kind).sort()).toEqual(
      expect.arrayContaining([
        'ConfigMap',
        'Deployment',
        'NetworkPolicy',
        'PersistentVolumeClaim',
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
    for (const name of STORAGE) {
      const storage = bff.env?.find((variable) => variable.name === name);
      expect(storage?.valueFrom?.secretKeyRef?.optional, name).toBe(true);
    }
    expect(objects.filter((object) => object.kind === 'Secret')).toEqual([]);
  });

  it('runs one replica: the base keeps its state on one volume and its limits in memory', () => {
    // Several replicas need DATABASE_URL (sessions, sign-ins and the audit trail in PostgreSQL)
    // and REDIS_URL (shared rate limits): docs/deployment.md, "Scaling".
    const deployment = find(objects, 'Deployment');
    const spec = deployment.spec as { replicas: number; strategy: { type: string } };
    expect(spec.replicas).toBe(1);
    expect(spec.strategy.type).toBe('Recreate');
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
    // The BFF writes only to its volumes: the SQLite folder and /tmp.
    const bff = bffOf(objects);
    const mounts = Object.fromEntries(
      (bff.volumeMounts ?? []).map((mount) => [mount.mountPath, mount.name]),
    );
    const env = bffEnvironment(objects);
    expect(Object.keys(mounts).sort()).toEqual(['/tmp', '/var/lib/swr-dashboard']);
    expect(env.BFF_DATABASE?.startsWith('/var/lib/swr-dashboard/')).toBe(true);
    const volumes = Object.fromEntries((pod.volumes ?? []).map((volume) => [volume.name, volume]));
    expect(volumes[mounts['/tmp'] ?? '']).toHaveProperty('emptyDir');
    expect(volumes[mounts['/var/lib/swr-dashboard'] ?? '']).toHaveProperty(
      'persistentVolumeClaim.claimName',
      find(objects, 'PersistentVolumeClaim').metadata.name,
    );
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

  it('selects the pod from its Service, disruption budget and network policy', () => {
    const deployment = find(objects, 'Deployment');
    const labels = (deployment.spec as { template: { metadata: { labels: Json } } }).template
      .metadata.labels;
    const service = find(objects, 'Service').spec as { selector: Json };
    expect(service.selector).toEqual(labels);
    for (const kind of ['PodDisruptionBudget', 'NetworkPolicy']) {
      const spec = find(objects, kind).spec as Json;
      const selector = (spec.selector ?? spec.podSelector) as { matchLabels: Json };
      expect(selector.matchLabels, kind).toEqual(labels);
    }
    const policy = find(objects, 'NetworkPolicy').spec as { policyTypes: string[] };
    expect(policy.policyTypes.sort()).toEqual(['Egress', 'Ingress']);
  });
});

describe.each(OVERLAYS)('the BFF configured by deploy/kubernetes/%s', (dir) => {
  it('starts in production: its settings pass the BFF’s own checks', () => {
    const objects = render(join(KUBERNETES, dir));
    const config = loadConfig(bffEnvironment(objects), { cwd: '/app' });
    expect(config.nodeEnv).toBe('production');
    expect(config.host).toBe('0.0.0.0');
    expect(config.auth.mode).not.toBe('demo');
    expect(config.database).toBe('/var/lib/swr-dashboard/bff.sqlite');
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
});
