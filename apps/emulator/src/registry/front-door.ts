/**
 * A region's registry front door: the OCI Distribution API on its own port, in front of the
 * region's real registry (distribution.ts). Every request is authenticated with SWR's docker
 * logins and authorized on its repository (access.ts), then passed to the registry as it came
 * (its body streamed), and the registry's answer passed back.
 *
 * SWR's own state stays the truth about tags: a pull of a tag the API deleted is
 * `MANIFEST_UNKNOWN` whatever the registry still holds, and waits for queued registry work
 * (outbox.ts) first; the tag list is SWR's. A manifest pushed under a tag is a push: the tag is written with the real
 * digest, size and manifest, and sets off triggers, automatic sync and retention (effects/push.ts).
 * Deleting goes through SWR's API, never the registry's (405).
 */
import {
  createServer,
  request,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { EmulatorConfig, RegionConfig } from '../config';
import type { Store } from '../store/store';
import { accessOf, registryCaller, type RegistryCaller } from './access';
import type { RegistryOutbox } from './outbox';
import { header } from './client';
import { recordPush } from './push';

export interface FrontDoorOptions {
  config: EmulatorConfig;
  store: Store;
  region: RegionConfig;
  /** The region's registry socket. */
  socket: string;
  outbox: RegistryOutbox;
  /** SWR's business clock (logins expire by it; pushes happen at it). */
  clock: () => Date;
  /** The region's API base URL (what a push's context names). */
  baseUrl: () => string;
  log: (line: string) => void;
}

/** The largest manifest a push may carry (the registry's own limit is 4 MiB). */
const MANIFEST_LIMIT = 4 * 1024 * 1024;

const API_VERSION = { 'Docker-Distribution-Api-Version': 'registry/2.0' };

/** An answer in the Distribution API's error shape. */
function refuse(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  const body = JSON.stringify({ errors: [{ code, message, detail: null }] });
  res.writeHead(status, {
    ...API_VERSION,
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
  });
  res.end(body);
}

interface Target {
  namespace: string;
  repository: string;
  /** `manifests`, `blobs` or `tags`. */
  area: string;
  /** What follows the area: a tag or digest, `uploads/…`, `list`. */
  rest: string;
}

/** The repository and area a `/v2/<namespace>/<repository>/<area>/…` path names. */
function targetOf(path: string): Target | undefined {
  const match = /^\/v2\/([^/]+)\/(.+?)\/(manifests|blobs|tags)\/(.*)$/.exec(path);
  if (match === null) return undefined;
  const [, namespace = '', repository = '', area = '', rest = ''] = match;
  return { namespace, repository, area, rest };
}

/** Whether a reference is a digest (`sha256:…`) rather than a tag. */
function isDigest(reference: string): boolean {
  return reference.includes(':');
}

/** The repository's tags as SWR has them, in the shape of the registry's tag list. */
function listTags(store: Store, region: string, target: Target, res: ServerResponse): void {
  const tags = store.all<{ tag: string }>(
    `SELECT t.tag FROM tags t JOIN repositories r ON r.id = t.repository_id
       JOIN namespaces n ON n.id = r.namespace_id
     WHERE n.region = ? AND n.name = ? AND r.name = ? ORDER BY t.tag`,
    region,
    target.namespace,
    target.repository,
  );
  const name = `${target.namespace}/${target.repository}`;
  if (tags.length === 0) {
    refuse(res, 404, 'NAME_UNKNOWN', `repository name not known to registry: ${name}`);
    return;
  }
  const body = JSON.stringify({ name, tags: tags.map((row) => row.tag) });
  res.writeHead(200, { ...API_VERSION, 'Content-Type': 'application/json; charset=utf-8' });
  res.end(body);
}

function tagKnown(store: Store, region: string, target: Target): boolean {
  const row = store.get<{ n: number }>(
    `SELECT count(*) AS n FROM tags t JOIN repositories r ON r.id = t.repository_id
       JOIN namespaces n ON n.id = r.namespace_id
     WHERE n.region = ? AND n.name = ? AND r.name = ? AND t.tag = ?`,
    region,
    target.namespace,
    target.repository,
    target.rest,
  );
  return (row?.n ?? 0) > 0;
}

/** Passes the request to the registry and its answer back; resolves with the answer's status. */
function forward(
  options: FrontDoorOptions,
  req: IncomingMessage,
  res: ServerResponse,
  body?: Buffer,
): Promise<{ status: number; headers: IncomingMessage['headers'] }> {
  const headers = { ...req.headers };
  delete headers.authorization;
  delete headers.connection;
  if (body !== undefined) headers['content-length'] = String(body.length);
  return new Promise((resolve, reject) => {
    const upstream = request({
      socketPath: options.socket,
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers,
    });
    upstream.once('error', reject);
    upstream.once('response', (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
      answer.once('end', () => {
        resolve({ status: answer.statusCode ?? 502, headers: answer.headers });
      });
      answer.once('error', reject);
    });
    if (body === undefined) req.pipe(upstream);
    else upstream.end(body);
  });
}

async function readLimited(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** A manifest pushed under a tag: passed on, then recorded as SWR records a push. */
async function pushManifest(
  options: FrontDoorOptions,
  exchange: { req: IncomingMessage; res: ServerResponse },
  caller: RegistryCaller,
  target: Target,
): Promise<void> {
  const { req, res } = exchange;
  const body = await readLimited(req, MANIFEST_LIMIT);
  if (body === undefined) {
    refuse(res, 413, 'SIZE_INVALID', `a manifest is at most ${String(MANIFEST_LIMIT)} bytes`);
    return;
  }
  const answer = await forward(options, req, res, body);
  const digest = header(answer.headers, 'docker-content-digest');
  if (answer.status !== 201 || isDigest(target.rest) || digest === '') return;
  await recordPush(options, caller, { ...target, tag: target.rest, digest, manifest: body });
}

function unauthorized(options: FrontDoorOptions, res: ServerResponse): void {
  refuse(res, 401, 'UNAUTHORIZED', 'authentication required: log in with the command SWR gives', {
    'WWW-Authenticate': `Basic realm="${options.region.registryHost}"`,
  });
}

async function handle(
  options: FrontDoorOptions,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
  const method = req.method ?? 'GET';
  const now = options.clock();
  const { config, store } = options;
  const region = options.region.id;
  const caller = registryCaller({ config, store, region, now }, req.headers.authorization);
  if (caller === undefined) {
    unauthorized(options, res);
    return;
  }
  if (path === '/v2/' || path === '/v2') {
    res.writeHead(200, { ...API_VERSION, 'Content-Type': 'application/json' });
    res.end('{}');
    return;
  }
  const target = targetOf(path);
  if (target === undefined) {
    refuse(res, 404, 'UNSUPPORTED', `${method} ${path} is not offered`);
    return;
  }
  if (method === 'DELETE') {
    refuse(res, 405, 'UNSUPPORTED', "delete tags and repositories through SWR's API");
    return;
  }
  const access = accessOf({ store, region, now }, caller, target.namespace, target.repository);
  const pull = method === 'GET' || method === 'HEAD';
  if (!(pull ? access.pull : access.push)) {
    refuse(res, 403, 'DENIED', 'requested access to the resource is denied');
    return;
  }
  if (pull && target.area === 'tags') {
    listTags(store, region, target, res);
    return;
  }
  if (pull) {
    await options.outbox.drained();
    const byTag = target.area === 'manifests' && !isDigest(target.rest);
    if (byTag && !tagKnown(store, region, target)) {
      refuse(res, 404, 'MANIFEST_UNKNOWN', `manifest unknown: ${target.rest}`);
      return;
    }
  }
  if (method === 'PUT' && target.area === 'manifests') {
    return pushManifest(options, { req, res }, caller, target);
  }
  await forward(options, req, res);
}

/** The front door's HTTP server (not listening yet). */
export function createFrontDoor(options: FrontDoorOptions): Server {
  return createServer((req, res) => {
    handle(options, req, res).catch((error: unknown) => {
      options.log(
        `registry ${options.region.id}: ${req.method ?? ''} ${req.url ?? ''}: ${String(error)}`,
      );
      if (!res.headersSent) refuse(res, 500, 'UNKNOWN', 'the front door failed');
      else res.destroy();
    });
  });
}
