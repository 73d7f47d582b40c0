/**
 * Real OCI images for tests and benchmarks, built here (no base image can be pulled): `umoci`
 * (Debian's package) writes an OCI layout with layers of the files given and the config asked
 * for; a two-platform index is written beside them. `skopeo` (Debian's package) copies them to
 * a registry and reads them back, as a user's tools would.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface ImageSpec {
  /** One layer per entry: its files, path in the image → content. */
  layers: Record<string, string>[];
  architecture?: string;
  entrypoint?: string;
  cmd?: string;
  env?: Record<string, string>;
  labels?: Record<string, string>;
  exposedPorts?: string[];
}

/** An OCI layout directory that images are built into; `remove()` deletes it. */
export interface OciLayout {
  path: string;
  /** Builds `spec` as the layout's tag `tag`. */
  build(tag: string, spec: ImageSpec): Promise<void>;
  /** Writes an image index of the tags' images (each with its platform) as `tag`. */
  index(tag: string, tags: readonly string[]): void;
  /** The `oci:` reference skopeo takes. */
  ref(tag: string): string;
  remove(): void;
}

function configArgs(spec: ImageSpec): string[] {
  const args = ['--architecture', spec.architecture ?? 'amd64', '--os', 'linux'];
  if (spec.entrypoint !== undefined) args.push('--config.entrypoint', spec.entrypoint);
  if (spec.cmd !== undefined) args.push('--config.cmd', spec.cmd);
  for (const [name, value] of Object.entries(spec.env ?? {})) {
    args.push('--config.env', `${name}=${value}`);
  }
  for (const [name, value] of Object.entries(spec.labels ?? {})) {
    args.push('--config.label', `${name}=${value}`);
  }
  for (const port of spec.exposedPorts ?? []) args.push('--config.exposedports', port);
  return args;
}

interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  annotations?: Record<string, string>;
  platform?: { os: string; architecture: string };
}

// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller knows the file's shape
function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

function blobPath(layout: string, digest: string): string {
  return join(layout, 'blobs', ...digest.split(':'));
}

const REF = 'org.opencontainers.image.ref.name';

function writeIndex(layout: string, tag: string, tags: readonly string[]): void {
  const top = readJson<{ manifests: Descriptor[] }>(join(layout, 'index.json'));
  const manifests = tags.map((name) => {
    const descriptor = top.manifests.find((entry) => entry.annotations?.[REF] === name);
    if (descriptor === undefined) throw new Error(`no image ${name} in ${layout}`);
    const manifest = readJson<{ config: { digest: string } }>(blobPath(layout, descriptor.digest));
    const config = readJson<{ os: string; architecture: string }>(
      blobPath(layout, manifest.config.digest),
    );
    const { mediaType, digest, size } = descriptor;
    return {
      mediaType,
      digest,
      size,
      platform: { os: config.os, architecture: config.architecture },
    };
  });
  const bytes = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests,
    }),
  );
  const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  writeFileSync(blobPath(layout, digest), bytes);
  const entry: Descriptor = {
    mediaType: 'application/vnd.oci.image.index.v1+json',
    digest,
    size: bytes.length,
    annotations: { [REF]: tag },
  };
  const kept = top.manifests.filter((descriptor) => descriptor.annotations?.[REF] !== tag);
  writeFileSync(
    join(layout, 'index.json'),
    JSON.stringify({ ...top, manifests: [...kept, entry] }),
  );
}

/** A new, empty OCI layout in a temporary directory. */
export async function ociLayout(): Promise<OciLayout> {
  const root = mkdtempSync(join(tmpdir(), 'swr-oci-'));
  const path = join(root, 'layout');
  await run('umoci', ['init', '--layout', path]);
  return {
    path,
    async build(tag, spec) {
      const image = `${path}:${tag}`;
      await run('umoci', ['new', '--image', image]);
      for (const [index, files] of spec.layers.entries()) {
        const dir = join(root, `${tag}-layer-${String(index)}`);
        for (const [file, content] of Object.entries(files)) {
          const target = join(dir, file);
          await run('mkdir', ['-p', join(target, '..')]);
          writeFileSync(target, content);
        }
        await run('umoci', ['insert', '--image', image, dir, '/']);
      }
      await run('umoci', ['config', '--image', image, ...configArgs(spec)]);
    },
    index(tag, tags) {
      writeIndex(path, tag, tags);
    },
    ref: (tag) => `oci:${path}:${tag}`,
    remove() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}

export interface ToolResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** How long one skopeo command may take. */
const SKOPEO_TIMEOUT_MS = 60_000;

/** Runs skopeo; a failure (or a timeout) is a result (its code and stderr), not a throw. */
export async function skopeo(args: readonly string[]): Promise<ToolResult> {
  try {
    const { stdout, stderr } = await run('skopeo', [...args], {
      maxBuffer: 16 * 1024 * 1024,
      // A registry that stops answering fails the push instead of holding the test up.
      timeout: SKOPEO_TIMEOUT_MS,
      killSignal: 'SIGKILL',
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return {
      code: typeof failed.code === 'number' ? failed.code : 1,
      stdout: failed.stdout ?? '',
      stderr: failed.stderr ?? '',
    };
  }
}

/** The user, password and registry of `docker login -u <user> -p <password> <registry>`. */
export function dockerLogin(command: string): { user: string; password: string; registry: string } {
  const match = /^docker login -u (\S+) -p (\S+) (\S+)$/.exec(command.trim());
  if (match === null) throw new Error(`not a docker login command: ${command}`);
  const [, user = '', password = '', registry = ''] = match;
  return { user, password, registry };
}
