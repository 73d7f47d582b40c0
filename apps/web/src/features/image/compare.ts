/**
 * What differs between two images (the comparison of two tags): the layers they share by digest
 * and those only one has, the size difference, and what changed in the config (entrypoint,
 * command, working directory, user, created, the environment variables' names, labels, ports).
 */
import type { ImageConfig, ImageLayer } from '@swr-dashboard/swr-client/browser';

export type LayerPlace = 'both' | 'a' | 'b';

export interface ComparedLayer extends ImageLayer {
  /** In both images, or only in the first (`a`) or the second (`b`). */
  in: LayerPlace;
}

export interface LayerComparison {
  /** The first image's layers in its order, then the second's own, in its order. */
  layers: ComparedLayer[];
  shared: { count: number; size: number };
  onlyA: { count: number; size: number };
  onlyB: { count: number; size: number };
}

function tally(layers: readonly ComparedLayer[], place: LayerPlace) {
  const some = layers.filter((layer) => layer.in === place);
  return { count: some.length, size: some.reduce((sum, layer) => sum + layer.size, 0) };
}

/** Layers compared by digest: the same digest is the same content, whatever its place. */
export function compareLayers(a: readonly ImageLayer[], b: readonly ImageLayer[]): LayerComparison {
  const inA = new Set(a.map((layer) => layer.digest));
  const inB = new Set(b.map((layer) => layer.digest));
  const layers: ComparedLayer[] = [
    ...a.map((layer) => ({ ...layer, in: inB.has(layer.digest) ? 'both' : 'a' }) as const),
    ...b.filter((layer) => !inA.has(layer.digest)).map((layer) => ({ ...layer, in: 'b' }) as const),
  ];
  return {
    layers,
    shared: tally(layers, 'both'),
    onlyA: tally(layers, 'a'),
    onlyB: tally(layers, 'b'),
  };
}

/** A value of both configs, and whether it differs. */
export interface Changed<T> {
  a: T;
  b: T;
  changed: boolean;
}

/** Names in the second and not the first (`added`), and the other way round (`removed`). */
export interface SetChange {
  added: string[];
  removed: string[];
}

export interface LabelChange {
  key: string;
  /** Undefined: the image has no such label. */
  a: string | undefined;
  b: string | undefined;
}

export interface ConfigComparison {
  created: Changed<string | null>;
  platform: Changed<string>;
  entrypoint: Changed<readonly string[]>;
  cmd: Changed<readonly string[]>;
  workingDir: Changed<string>;
  user: Changed<string>;
  envNames: SetChange;
  exposedPorts: SetChange;
  /** Labels added, removed or given another value, by key. */
  labels: LabelChange[];
  /** Whether anything at all differs. */
  changed: boolean;
}

function same<T>(a: T, b: T): Changed<T> {
  return { a, b, changed: a !== b };
}

function sameList(a: readonly string[], b: readonly string[]): Changed<readonly string[]> {
  return { a, b, changed: a.length !== b.length || a.some((value, index) => value !== b[index]) };
}

function setChange(a: readonly string[], b: readonly string[]): SetChange {
  const inA = new Set(a);
  const inB = new Set(b);
  return {
    added: [...inB].filter((name) => !inA.has(name)).sort(),
    removed: [...inA].filter((name) => !inB.has(name)).sort(),
  };
}

function labelChanges(a: Record<string, string>, b: Record<string, string>): LabelChange[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys
    .map((key) => ({ key, a: a[key], b: b[key] }))
    .filter((change) => change.a !== change.b);
}

export function compareConfigs(a: ImageConfig, b: ImageConfig): ConfigComparison {
  const fields = {
    created: same(a.created, b.created),
    platform: same(a.platform, b.platform),
    entrypoint: sameList(a.entrypoint, b.entrypoint),
    cmd: sameList(a.cmd, b.cmd),
    workingDir: same(a.workingDir, b.workingDir),
    user: same(a.user, b.user),
  };
  const envNames = setChange(a.envNames, b.envNames);
  const exposedPorts = setChange(a.exposedPorts, b.exposedPorts);
  const labels = labelChanges(a.labels, b.labels);
  const changed =
    Object.values(fields).some((field) => field.changed) ||
    [envNames, exposedPorts].some((set) => set.added.length + set.removed.length > 0) ||
    labels.length > 0;
  return { ...fields, envNames, exposedPorts, labels, changed };
}
