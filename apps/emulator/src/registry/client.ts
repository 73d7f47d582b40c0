/**
 * The emulator's own calls to a region's registry (over its Unix socket): reading a manifest,
 * copying an image to another registry (sync), deleting a manifest. The OCI Distribution API, as
 * `docker` and `skopeo` use it; only what the emulator needs.
 */
import { request, type ClientRequest, type IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';

/** The manifest media types a push may use, as `Accept` asks for them. */
export const MANIFEST_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json',
];

/**
 * How long a call may wait on the registry without a byte either way before it fails: a registry
 * that hangs fails the work (and frees the outbox, and the pulls waiting on it) instead of
 * holding it for ever.
 */
export const IDLE_TIMEOUT_MS = 60_000;

export interface CallOptions {
  /** The longest silence of the registry's connection (default `IDLE_TIMEOUT_MS`). */
  timeoutMs?: number;
}

/** Fails `req` once its connection has been silent for `timeoutMs`. */
function deadline(req: ClientRequest, timeoutMs = IDLE_TIMEOUT_MS): void {
  req.setTimeout(timeoutMs, () => {
    req.destroy(new Error(`the registry was silent for ${String(timeoutMs)} ms`));
  });
}

/**
 * The registry could not be reached, or went silent, before it answered: its process is gone or
 * stuck, which the front door answers 503 `UNAVAILABLE` rather than as its own failure.
 */
export class RegistryUnavailable extends Error {
  constructor(cause: unknown) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(`the registry cannot be reached: ${why}`, { cause });
    this.name = 'RegistryUnavailable';
  }
}

/** Rejects with RegistryUnavailable when `req` fails before its answer came. */
function failsUnavailable(req: ClientRequest, reject: (error: Error) => void): void {
  req.once('error', (error) => {
    reject(new RegistryUnavailable(error));
  });
}

export interface RegistryAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A header's value ('' when absent; the first of several). */
export function header(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

/** One call, its answer read whole (manifests and errors: small). */
export function call(
  socket: string,
  method: string,
  path: string,
  options: CallOptions & {
    headers?: Record<string, string | string[]>;
    body?: Buffer | Readable;
  } = {},
): Promise<RegistryAnswer> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath: socket, method, path, headers: options.headers ?? {} });
    deadline(req, options.timeoutMs);
    failsUnavailable(req, reject);
    req.once('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.once('error', reject);
      res.once('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
      });
    });
    const { body } = options;
    if (body === undefined) req.end();
    else if (Buffer.isBuffer(body)) req.end(body);
    else {
      body.once('error', (error) => req.destroy(error));
      body.pipe(req);
    }
  });
}

/** A blob's bytes as a stream (the caller reads it to the end). */
function blobStream(
  socket: string,
  repository: string,
  digest: string,
  options: CallOptions,
): Promise<Readable> {
  return new Promise((resolve, reject) => {
    const req = request({
      socketPath: socket,
      method: 'GET',
      path: `/v2/${repository}/blobs/${digest}`,
    });
    deadline(req, options.timeoutMs);
    failsUnavailable(req, reject);
    req.once('response', (res) => {
      if (res.statusCode === 200) {
        resolve(res);
        return;
      }
      res.resume();
      reject(new Error(`blob ${digest} of ${repository}: HTTP ${String(res.statusCode)}`));
    });
    req.end();
  });
}

export interface Manifest {
  mediaType: string;
  digest: string;
  bytes: Buffer;
  json: ManifestJson;
}

export interface ManifestJson {
  mediaType?: string;
  config?: { digest: string; size: number; mediaType?: string };
  layers?: { digest: string; size: number; mediaType?: string }[];
  manifests?: {
    digest: string;
    size: number;
    mediaType?: string;
    platform?: { os?: string; architecture?: string; variant?: string };
  }[];
}

/** A manifest by tag or digest; undefined when the registry does not have it. */
export async function getManifest(
  socket: string,
  repository: string,
  reference: string,
  options: CallOptions = {},
): Promise<Manifest | undefined> {
  const answer = await call(socket, 'GET', `/v2/${repository}/manifests/${reference}`, {
    ...options,
    headers: { Accept: MANIFEST_TYPES.join(', ') },
  });
  if (answer.status === 404) return undefined;
  if (answer.status !== 200) {
    throw new Error(`manifest ${reference} of ${repository}: HTTP ${String(answer.status)}`);
  }
  const digest = header(answer.headers, 'docker-content-digest');
  const json = JSON.parse(answer.body.toString('utf8')) as ManifestJson;
  const mediaType = header(answer.headers, 'content-type') || (json.mediaType ?? '');
  return { mediaType, digest, bytes: answer.body, json };
}

/** Copies one blob, unless the target has it already. */
async function copyBlob(
  from: Place,
  to: Place,
  digest: string,
  options: CallOptions,
): Promise<void> {
  const head = await call(to.socket, 'HEAD', `/v2/${to.repository}/blobs/${digest}`, options);
  if (head.status === 200) return;
  const started = await call(to.socket, 'POST', `/v2/${to.repository}/blobs/uploads/`, options);
  const location = header(started.headers, 'location');
  if (started.status !== 202 || location === '') {
    throw new Error(`an upload to ${to.repository}: HTTP ${String(started.status)}`);
  }
  const length = await call(from.socket, 'HEAD', `/v2/${from.repository}/blobs/${digest}`, options);
  const separator = location.includes('?') ? '&' : '?';
  const put = await call(to.socket, 'PUT', `${location}${separator}digest=${digest}`, {
    ...options,
    headers: {
      'Content-Type': 'application/octet-stream',
      'Content-Length': header(length.headers, 'content-length') || '0',
    },
    body: await blobStream(from.socket, from.repository, digest, options),
  });
  if (put.status !== 201)
    throw new Error(`blob ${digest} to ${to.repository}: HTTP ${String(put.status)}`);
}

/** Where an image is: a registry's socket and a repository path (`namespace/repository`). */
export interface Place {
  socket: string;
  repository: string;
}

async function putManifest(
  to: Place,
  reference: string,
  manifest: Manifest,
  options: CallOptions,
): Promise<void> {
  const put = await call(to.socket, 'PUT', `/v2/${to.repository}/manifests/${reference}`, {
    ...options,
    headers: { 'Content-Type': manifest.mediaType },
    body: manifest.bytes,
  });
  if (put.status !== 201) {
    throw new Error(`manifest ${reference} to ${to.repository}: HTTP ${String(put.status)}`);
  }
}

/**
 * Copies the image `digest` names (its blobs, and for an index every manifest it lists) from one
 * registry to another, and tags it there. False when the source no longer has it.
 */
export async function copyImage(
  from: Place,
  to: Place,
  digest: string,
  tag: string,
  options: CallOptions = {},
): Promise<boolean> {
  const manifest = await getManifest(from.socket, from.repository, digest, options);
  if (manifest === undefined) return false;
  for (const child of manifest.json.manifests ?? []) {
    if (!(await copyImage(from, to, child.digest, child.digest, options))) return false;
  }
  const blobs = [manifest.json.config, ...(manifest.json.layers ?? [])];
  for (const blob of blobs) {
    if (blob !== undefined) await copyBlob(from, to, blob.digest, options);
  }
  await putManifest(to, tag, manifest, options);
  return true;
}

/** Deletes a manifest by digest (every tag naming it in the registry goes with it). */
export async function deleteManifest(
  place: Place,
  digest: string,
  options: CallOptions = {},
): Promise<void> {
  const path = `/v2/${place.repository}/manifests/${digest}`;
  const answer = await call(place.socket, 'DELETE', path, options);
  if (answer.status !== 202 && answer.status !== 404) {
    throw new Error(`deleting ${digest} of ${place.repository}: HTTP ${String(answer.status)}`);
  }
}
