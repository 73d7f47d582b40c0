/**
 * A region's registry front door: the OCI Distribution API on its own port, in front of the
 * region's real registry (distribution.ts). Every request's path is read as Distribution routes
 * it (so the repository authorized is the one the registry serves), authenticated with SWR's
 * docker logins and authorized on its repository (access.ts), then passed to the registry (its
 * body streamed), and the registry's answer passed back. A blob mount needs pull on the
 * repository it mounts from.
 *
 * SWR's own state stays the truth about tags: a pull by tag waits for queued registry work
 * (outbox.ts), then gets the image SWR's tag names by its digest (`MANIFEST_UNKNOWN` for a tag
 * the API deleted, whatever the registry still holds); the tag list is SWR's, paged as the
 * registry pages it. A manifest pushed under a tag is a push: the tag is written with the real
 * digest, size and manifest, and sets off triggers, automatic sync and retention
 * (effects/push.ts), before the client is answered. Deleting goes through SWR's API, never the
 * registry's (405). A registry that cannot be reached is answered 503 `UNAVAILABLE`.
 */
import {
  createServer,
  request,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { REPOSITORY_RULE, repositoryName } from '@swr-dashboard/swr-client';
import type { EmulatorConfig, RegionConfig } from '../config';
import type { Store } from '../store/store';
import { accessOf, registryCaller, type RegistryCaller } from './access';
import type { RegistryOutbox } from './outbox';
import { call, header, RegistryUnavailable } from './client';
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

/** The parts of the Distribution API the door serves, as Distribution routes them. */
type Route = 'tags' | 'manifest' | 'blob' | 'upload' | 'chunk';

interface Target {
  route: Route;
  /** The repository as the registry names it: `namespace/repository`. */
  name: string;
  namespace: string;
  repository: string;
  /** A manifest's tag or digest, a blob's digest, an upload's id ('' for the others). */
  reference: string;
}

/**
 * Distribution's grammar (its `reference` and `go-digest` packages): a name is components of
 * lowercase letters and digits joined by separators, then `/`; a tag never holds a `/` or a
 * `:`, a digest always holds a `:`. Only names the registry reads the same way are taken (no
 * `%`, no `.` or `..` segment, no domain), so the repository the door authorizes is the one the
 * registry serves.
 */
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const NAME = `(${COMPONENT}(?:/${COMPONENT})*)`;
const TAG = '[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}';
const DIGEST = '[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+';
const UPLOAD = '[a-zA-Z0-9_.=-]+';

/** Distribution's routes, in the order it tries them. */
const ROUTES: readonly [Route, RegExp][] = [
  ['tags', new RegExp(`^/v2/${NAME}/tags/list$`)],
  ['manifest', new RegExp(`^/v2/${NAME}/manifests/(${TAG}|${DIGEST})$`)],
  ['blob', new RegExp(`^/v2/${NAME}/blobs/(${DIGEST})$`)],
  ['upload', new RegExp(`^/v2/${NAME}/blobs/uploads/$`)],
  ['chunk', new RegExp(`^/v2/${NAME}/blobs/uploads/(${UPLOAD})$`)],
];

/** The route and repository of a path, as the registry will read them; undefined: not served. */
function targetOf(path: string): Target | undefined {
  if (path.split('/').some((segment) => segment === '.' || segment === '..')) return undefined;
  for (const [route, pattern] of ROUTES) {
    const match = pattern.exec(path);
    if (match === null) continue;
    const [, name = '', reference = ''] = match;
    const slash = name.indexOf('/');
    if (slash < 0) return undefined;
    return {
      route,
      name,
      namespace: name.slice(0, slash),
      repository: name.slice(slash + 1),
      reference,
    };
  }
  return undefined;
}

/** Whether a reference is a digest (`sha256:…`) rather than a tag. */
function isDigest(reference: string): boolean {
  return reference.includes(':');
}

/** The tag list's paging (`n`, `last`), or undefined when `n` is not a count. */
function tagPaging(query: string): { n: number | undefined; last: string } | undefined {
  const params = new URLSearchParams(query);
  const n = params.get('n');
  if (n !== null && !/^\d{1,9}$/.test(n)) return undefined;
  return { n: n === null ? undefined : Number(n), last: params.get('last') ?? '' };
}

/**
 * The repository's tags as SWR has them, in the shape of the registry's tag list, in lexical
 * order and paged as the Distribution API pages it: at most `n` tags after `last`, and a `Link`
 * to the next page while tags remain.
 */
function listTags(
  store: Store,
  region: string,
  target: Target,
  query: string,
  res: ServerResponse,
): void {
  const paging = tagPaging(query);
  if (paging === undefined) {
    refuse(res, 400, 'PAGINATION_NUMBER_INVALID', 'n must be a count of tags');
    return;
  }
  const tagsAfter = (last: string, limit: number) =>
    store
      .all<{ tag: string }>(
        `SELECT t.tag FROM tags t JOIN repositories r ON r.id = t.repository_id
           JOIN namespaces n ON n.id = r.namespace_id
         WHERE n.region = ? AND n.name = ? AND r.name = ? AND t.tag > ? ORDER BY t.tag LIMIT ?`,
        region,
        target.namespace,
        target.repository,
        last,
        limit,
      )
      .map((row) => row.tag);
  const { n, last } = paging;
  // One more than asked says whether a next page exists.
  const found = tagsAfter(last, n === undefined ? -1 : n + 1);
  // A repository without tags is unknown to the registry; one asked past its last tag is not.
  if (found.length === 0 && (last === '' || tagsAfter('', 1).length === 0)) {
    refuse(res, 404, 'NAME_UNKNOWN', `repository name not known to registry: ${target.name}`);
    return;
  }
  const tags = n === undefined ? found : found.slice(0, n);
  const headers: Record<string, string> = {
    ...API_VERSION,
    'Content-Type': 'application/json; charset=utf-8',
  };
  const lastShown = tags.at(-1);
  if (n !== undefined && found.length > n && lastShown !== undefined) {
    const next = new URLSearchParams({ n: String(n), last: lastShown });
    headers.Link = `</v2/${target.name}/tags/list?${next.toString()}>; rel="next"`;
  }
  res.writeHead(200, headers);
  res.end(JSON.stringify({ name: target.name, tags }));
}

/** The digest SWR's tag names (undefined: SWR has no such tag). */
function swrDigest(store: Store, region: string, target: Target): string | undefined {
  return store.get<{ digest: string }>(
    `SELECT t.digest FROM tags t JOIN repositories r ON r.id = t.repository_id
       JOIN namespaces n ON n.id = r.namespace_id
     WHERE n.region = ? AND n.name = ? AND r.name = ? AND t.tag = ?`,
    region,
    target.namespace,
    target.repository,
    target.reference,
  )?.digest;
}

/** Headers that belong to one connection, never passed on. */
const HOP_BY_HOP = ['authorization', 'connection', 'keep-alive', 'proxy-authorization', 'upgrade'];

/** The headers to pass on: without those of one connection, and those of `dropped`. */
function passed(
  headers: IncomingHttpHeaders,
  dropped: readonly string[] = [],
): Record<string, string | string[]> {
  const kept: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.includes(name) || dropped.includes(name)) continue;
    kept[name] = value;
  }
  return kept;
}

/**
 * Passes the request (to `path`) to the registry and its answer back, streamed both ways. A
 * client that leaves ends the registry's request too (no half-sent upload left open there).
 */
function forward(
  options: FrontDoorOptions,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const upstream = request({
      socketPath: options.socket,
      method: req.method ?? 'GET',
      path,
      headers: passed(req.headers),
    });
    let done = false;
    const finish = (error?: Error) => {
      if (done) return;
      done = true;
      res.off('close', left);
      if (error === undefined) resolve();
      else reject(error);
    };
    const left = () => {
      if (res.writableFinished) return;
      upstream.destroy();
      finish();
    };
    res.once('close', left);
    upstream.on('error', (error) => {
      finish(res.headersSent ? error : new RegistryUnavailable(error));
    });
    upstream.once('response', (answer) => {
      res.writeHead(answer.statusCode ?? 502, passed(answer.headers));
      answer.on('error', finish);
      res.once('finish', () => {
        finish();
      });
      answer.pipe(res);
    });
    req.pipe(upstream);
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

/** Runs work one at a time per key (a tag's pushes: the registry's order is SWR's). */
class KeyedQueue {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const before = this.tails.get(key) ?? Promise.resolve();
    let release = () => {};
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = before.then(() => mine);
    this.tails.set(key, tail);
    await before;
    try {
      return await work();
    } finally {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}

/**
 * A manifest pushed: passed on, and when it is under a tag and the registry took it, recorded as
 * SWR records a push before the client hears of it (so a pull or a tag list right after the
 * answer finds it). Pushes of one tag go one at a time, so SWR and the registry end up naming
 * the same image.
 */
async function pushManifest(
  options: FrontDoorOptions,
  exchange: { req: IncomingMessage; res: ServerResponse },
  caller: RegistryCaller,
  target: Target,
  pushes: KeyedQueue,
): Promise<void> {
  const { req, res } = exchange;
  const body = await readLimited(req, MANIFEST_LIMIT);
  if (body === undefined) {
    refuse(res, 413, 'SIZE_INVALID', `a manifest is at most ${String(MANIFEST_LIMIT)} bytes`);
    return;
  }
  // Work queued before (a delete's forget) is done before the registry takes the manifest.
  await options.outbox.drained();
  const headers = passed(req.headers, ['content-length', 'transfer-encoding']);
  headers['content-length'] = String(body.length);
  const put = async () => {
    const answer = await call(options.socket, 'PUT', req.url ?? '/', { headers, body });
    const digest = header(answer.headers, 'docker-content-digest');
    if (answer.status === 201 && !isDigest(target.reference) && digest !== '') {
      await recordPush(options, caller, {
        namespace: target.namespace,
        repository: target.repository,
        tag: target.reference,
        digest,
        manifest: body,
      });
    }
    const answered = passed(answer.headers, ['content-length', 'transfer-encoding']);
    answered['content-length'] = String(answer.body.length);
    res.writeHead(answer.status, answered);
    res.end(answer.body);
  };
  if (isDigest(target.reference)) await put();
  else await pushes.run(`${target.name}:${target.reference}`, put);
}

function unauthorized(options: FrontDoorOptions, res: ServerResponse): void {
  refuse(res, 401, 'UNAUTHORIZED', 'authentication required: log in with the command SWR gives', {
    'WWW-Authenticate': `Basic realm="${options.region.registryHost}"`,
  });
}

/** Whether a body is a form, which Distribution would read parameters from (as `mount`). */
function isForm(req: IncomingMessage): boolean {
  const type = (req.headers['content-type'] ?? '').split(';', 1)[0]?.trim().toLowerCase();
  return type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data';
}

function decoded(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

/**
 * The query of a blob upload's start, without `mount` and `from` unless the caller may pull
 * every repository `from` names: a mount copies a blob out of that repository. Without them
 * the registry starts an ordinary upload (202), as the API says it does when it cannot mount.
 */
function mountChecked(query: string, mayPull: (name: string) => boolean): string {
  const pairs = query === '' ? [] : query.split('&');
  const mountPairs = pairs.filter((pair) => {
    const key = decoded(pair.split('=', 1)[0] ?? '');
    return key === 'mount' || key === 'from';
  });
  if (mountPairs.length === 0) return query;
  const allowed = mountPairs.every((pair) => {
    const [key = '', ...rest] = pair.split('=');
    if (decoded(key) !== 'from') return true;
    const name = decoded(rest.join('='));
    return name !== undefined && mayPull(name);
  });
  if (allowed) return query;
  return pairs.filter((pair) => !mountPairs.includes(pair)).join('&');
}

async function handle(
  options: FrontDoorOptions,
  exchange: { req: IncomingMessage; res: ServerResponse },
  pushes: KeyedQueue,
): Promise<void> {
  const { req, res } = exchange;
  const url = req.url ?? '/';
  const mark = url.indexOf('?');
  const path = mark < 0 ? url : url.slice(0, mark);
  const query = mark < 0 ? '' : url.slice(mark + 1);
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
  if (isForm(req)) {
    refuse(res, 415, 'UNSUPPORTED', 'a form body is not part of the registry API');
    return;
  }
  const accessTo = (namespace: string, repository: string) =>
    accessOf({ store, region, now }, caller, namespace, repository);
  const access = accessTo(target.namespace, target.repository);
  const reading = method === 'GET' || method === 'HEAD';
  // An upload is part of a push whatever its method (its status is read while pushing).
  const pull = reading && target.route !== 'upload' && target.route !== 'chunk';
  if (!(pull ? access.pull : access.push)) {
    refuse(res, 403, 'DENIED', 'requested access to the resource is denied');
    return;
  }
  // A push may make the repository: only under a name SWR's API takes (Distribution takes more,
  // as `a--b`), or the API could neither show nor delete it.
  if (!pull && !repositoryName.safeParse(target.repository).success) {
    refuse(res, 400, 'NAME_INVALID', `invalid repository name: ${REPOSITORY_RULE}`);
    return;
  }
  if (pull && target.route === 'tags') {
    listTags(store, region, target, query, res);
    return;
  }
  if (pull) {
    await options.outbox.drained();
    let forwarded = url;
    if (target.route === 'manifest' && !isDigest(target.reference)) {
      // SWR's tag is the truth: the image its digest names, whatever tag the registry holds.
      const digest = swrDigest(store, region, target);
      if (digest === undefined) {
        refuse(res, 404, 'MANIFEST_UNKNOWN', `manifest unknown: ${target.reference}`);
        return;
      }
      forwarded = `/v2/${target.name}/manifests/${digest}${mark < 0 ? '' : `?${query}`}`;
    }
    await forward(options, req, res, forwarded);
    return;
  }
  if (method === 'PUT' && target.route === 'manifest') {
    await pushManifest(options, exchange, caller, target, pushes);
    return;
  }
  if (method === 'POST' && target.route === 'upload') {
    const checked = mountChecked(query, (name) => {
      const slash = name.indexOf('/');
      if (slash < 0 || targetOf(`/v2/${name}/tags/list`)?.name !== name) return false;
      return accessTo(name.slice(0, slash), name.slice(slash + 1)).pull;
    });
    await forward(options, req, res, `${path}${checked === '' ? '' : `?${checked}`}`);
    return;
  }
  await forward(options, req, res, url);
}

/** The front door's HTTP server (not listening yet). */
export function createFrontDoor(options: FrontDoorOptions): Server {
  const pushes = new KeyedQueue();
  return createServer((req, res) => {
    handle(options, { req, res }, pushes).catch((error: unknown) => {
      options.log(
        `registry ${options.region.id}: ${req.method ?? ''} ${req.url ?? ''}: ${String(error)}`,
      );
      if (res.headersSent) res.destroy();
      else if (error instanceof RegistryUnavailable) {
        refuse(res, 503, 'UNAVAILABLE', 'the registry cannot be reached; try again shortly', {
          'Retry-After': '5',
        });
      } else refuse(res, 500, 'UNKNOWN', 'the front door failed');
    });
  });
}
