/**
 * A small kustomize for this folder's manifests, without kubectl: it renders a kustomization
 * (a base or an overlay) into Kubernetes objects and checks each against the Kubernetes API's
 * schemas (the `kubernetes-models` package: required fields, types, enums and formats; it does not
 * refuse unknown fields). docs/deployment.md says how `kubectl apply -k` relates to it.
 *
 * It supports only what these manifests use, and refuses anything else by name:
 *   resources   files, and folders holding a kustomization.yaml
 *   namespace   set on every object
 *   images      `name` → `newName` and/or `newTag`
 *   patches     `path:` strategic merge patches, matched by apiVersion, kind and name. Maps merge
 *               (a null value removes a key); lists of containers, env, volumes, volumeMounts and
 *               ports merge by their key (ports by number and protocol, which both sides must
 *               name), and `$patch: delete` removes an item; other lists are replaced whole, as
 *               kubectl does for lists without a merge key.
 *
 *   node --import tsx deploy/kubernetes/render.ts deploy/kubernetes/overlays/example
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Deployment } from 'kubernetes-models/apps/v1';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, PersistentVolumeClaim, Secret, Service } from 'kubernetes-models/v1';
import { parseAllDocuments, stringify } from 'yaml';

type Json = Record<string, unknown>;

export interface KubernetesObject extends Json {
  apiVersion: string;
  kind: string;
  metadata: Json & { name: string; namespace?: string };
}

interface Kustomization {
  resources?: string[];
  namespace?: string;
  images?: { name: string; newName?: string; newTag?: string }[];
  patches?: { path: string }[];
}

const SUPPORTED = new Set(['apiVersion', 'kind', 'resources', 'namespace', 'images', 'patches']);

/** The key each list merges on, by the list's field name (Kubernetes' patchMergeKey). */
const MERGE_KEYS: Record<string, (item: Json) => unknown> = {
  containers: (item) => item.name,
  initContainers: (item) => item.name,
  env: (item) => item.name,
  volumes: (item) => item.name,
  volumeMounts: (item) => item.mountPath,
  // Container ports merge on containerPort and protocol, a Service's on port and protocol.
  ports: (item) => `${String(item.containerPort ?? item.port)}/${String(item.protocol)}`,
};

function isMap(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readYaml(path: string): unknown[] {
  return parseAllDocuments(readFileSync(path, 'utf8')).map((document) => {
    if (document.errors.length > 0) throw new Error(`${path}: ${document.errors[0]?.message}`);
    return document.toJS() as unknown;
  });
}

function asObject(value: unknown, path: string): KubernetesObject {
  if (
    !isMap(value) ||
    typeof value.apiVersion !== 'string' ||
    typeof value.kind !== 'string' ||
    !isMap(value.metadata) ||
    typeof value.metadata.name !== 'string'
  ) {
    throw new Error(`${path}: not a Kubernetes object (apiVersion, kind, metadata.name)`);
  }
  return value as KubernetesObject;
}

function mergeList(field: string, base: unknown[], patch: unknown[]): unknown[] {
  const keyOf = MERGE_KEYS[field];
  if (keyOf === undefined || !base.every(isMap) || !patch.every(isMap)) return patch;
  // kustomize matches a port only when both sides name the protocol: a patch without it silently
  // leaves the port it meant unchanged. Refused here rather than rendered differently.
  if (field === 'ports' && [...base, ...patch].some((item) => item.protocol === undefined)) {
    throw new Error('ports merge on their number and protocol: give every port its `protocol`');
  }
  const result: Json[] = [...base];
  for (const item of patch) {
    const key = keyOf(item);
    const at = result.findIndex((existing) => keyOf(existing) === key);
    if (item.$patch === 'delete') {
      if (at !== -1) result.splice(at, 1);
    } else if (at === -1) {
      result.push(item);
    } else {
      result[at] = merge(result[at] ?? {}, item);
    }
  }
  return result;
}

/** A strategic merge patch of `patch` into `base` (the subset described above). */
function merge(base: Json, patch: Json): Json {
  const result: Json = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    const current = result[key];
    if (isMap(value) && isMap(current)) {
      result[key] = merge(current, value);
    } else if (Array.isArray(value) && Array.isArray(current)) {
      result[key] = mergeList(key, current, value);
    } else {
      result[key] = value;
    }
  }
  // A null in the patch removes the key.
  return Object.fromEntries(Object.entries(result).filter(([key]) => patch[key] !== null));
}

function sameObject(a: KubernetesObject, b: KubernetesObject): boolean {
  return a.apiVersion === b.apiVersion && a.kind === b.kind && a.metadata.name === b.metadata.name;
}

function setImages(object: KubernetesObject, images: Kustomization['images'] = []): void {
  const spec = object.spec as Json | undefined;
  const template = spec?.template as Json | undefined;
  const pod = template?.spec as Json | undefined;
  for (const list of [pod?.containers, pod?.initContainers]) {
    if (!Array.isArray(list)) continue;
    for (const container of list.filter(isMap)) {
      const image = String(container.image);
      const name = image.replace(/[@:][^/]*$/, '');
      const rule = images.find((candidate) => candidate.name === name);
      if (rule === undefined) continue;
      const tag = image.slice(name.length);
      container.image = `${rule.newName ?? name}${rule.newTag === undefined ? tag : `:${rule.newTag}`}`;
    }
  }
}

function readKustomization(dir: string): Kustomization {
  const path = join(dir, 'kustomization.yaml');
  const [document] = readYaml(path);
  if (!isMap(document)) throw new Error(`${path}: not a mapping`);
  const unsupported = Object.keys(document).filter((key) => !SUPPORTED.has(key));
  if (unsupported.length > 0) {
    throw new Error(`${path}: not supported by this renderer: ${unsupported.join(', ')}`);
  }
  for (const patch of (document.patches ?? []) as Json[]) {
    if (Object.keys(patch).some((key) => key !== 'path')) {
      throw new Error(`${path}: only \`path:\` patches are supported`);
    }
  }
  return document;
}

/** The objects a kustomization folder renders to, in the order of its resources. */
export function render(dir: string): KubernetesObject[] {
  const kustomization = readKustomization(dir);
  const objects: KubernetesObject[] = [];
  for (const resource of kustomization.resources ?? []) {
    const path = resolve(dir, resource);
    if (statSync(path).isDirectory()) {
      objects.push(...render(path));
    } else {
      objects.push(...readYaml(path).map((value) => asObject(value, path)));
    }
  }
  for (const { path } of kustomization.patches ?? []) {
    for (const patch of readYaml(resolve(dir, path)).map((value) => asObject(value, path))) {
      const at = objects.findIndex((object) => sameObject(object, patch));
      const target = objects[at];
      if (target === undefined) {
        throw new Error(`${path}: no ${patch.kind} ${patch.metadata.name} to patch`);
      }
      objects[at] = merge(target, patch) as KubernetesObject;
    }
  }
  for (const object of objects) {
    if (kustomization.namespace !== undefined) object.metadata.namespace = kustomization.namespace;
    setImages(object, kustomization.images);
  }
  return objects;
}

/** The schema of each kind these manifests use, by `apiVersion/kind`. */
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'v1/PersistentVolumeClaim': PersistentVolumeClaim,
  'apps/v1/Deployment': Deployment,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'networking.k8s.io/v1/Ingress': Ingress,
};

/** What is wrong with each object by the Kubernetes API's schemas; empty when all are valid. */
export function validate(objects: readonly KubernetesObject[]): string[] {
  return objects.flatMap((object) => {
    const name = `${object.kind} ${object.metadata.name}`;
    const Model = MODELS[`${object.apiVersion}/${object.kind}`];
    if (Model === undefined) return [`${name}: no schema for ${object.apiVersion} here`];
    try {
      new Model(object as never).validate();
      return [];
    } catch (error) {
      return [`${name}: ${error instanceof Error ? error.message : String(error)}`];
    }
  });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = resolve(process.argv[2] ?? join(dirname(import.meta.dirname), 'kubernetes/base'));
  const objects = render(dir);
  const problems = validate(objects);
  if (problems.length > 0) {
    console.error(problems.join('\n'));
    process.exitCode = 1;
  } else {
    process.stdout.write(objects.map((object) => stringify(object)).join('---\n'));
  }
}
