/**
 * Serving the built web app from the BFF's own origin (no CORS, one CSP): hashed assets are
 * cached for a year, `index.html` and the other files are revalidated every time (ETag), and any
 * other GET that is not an API or sign-in route gets `index.html`, so the SPA's routes can be
 * linked and reloaded.
 *
 * The files are read once, when the BFF starts (the build is about 1 MB), and each text file is
 * compressed once, brotli and gzip at their best settings, on libuv's thread pool, starting at
 * once; an answer picks the encoding the client accepts (http/compression.ts) and never
 * compresses anything itself (the first request for a file still being compressed waits for it).
 * A web app rebuilt while the BFF runs is served after the BFF restarts.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import type { Request, RequestHandler, Response, Router } from 'express';
import {
  API_MIN_BYTES,
  compress,
  negotiateEncoding,
  varyOnEncoding,
  type Encoding,
} from './compression';
import { AppError } from './errors';
import { strictRouter } from './router';

// In any letter case: `/API/…` is not a page of the web app but a 404 (routes match exactly).
const NOT_SPA = /^\/(?:api|auth|healthz|readyz)(?:\/|$)/i;

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml',
  '.wasm': 'application/wasm',
  '.ico': 'image/x-icon',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

/** Formats that gain from compression (images and fonts other than SVG are compressed already). */
const COMPRESSIBLE = new Set([
  '.html',
  '.js',
  '.mjs',
  '.css',
  '.json',
  '.map',
  '.webmanifest',
  '.txt',
  '.svg',
  '.xml',
  '.wasm',
  '.ico',
]);

interface Representation {
  body: Buffer;
  etag: string;
}

interface StaticFile {
  type: string;
  cacheControl: string;
  identity: Representation;
  /** Each encoding's bytes once compressed; undefined when compression would not make it smaller. */
  encoded: Partial<Record<Encoding, Promise<Representation | undefined>>>;
}

function walk(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    // Dotfiles are never served (as serve-static's default).
    if (entry.name.startsWith('.')) return [];
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return walk(path);
    return entry.isFile() ? [path] : [];
  });
}

function loadFile(path: string, immutable: boolean): StaticFile {
  const body = readFileSync(path);
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 27);
  const extension = extname(path).toLowerCase();
  const file: StaticFile = {
    type: TYPES[extension] ?? 'application/octet-stream',
    cacheControl: immutable ? IMMUTABLE : REVALIDATE,
    identity: { body, etag: `"${hash}"` },
    encoded: {},
  };
  if (COMPRESSIBLE.has(extension) && body.length >= API_MIN_BYTES) {
    for (const encoding of ['br', 'gzip'] as const) {
      file.encoded[encoding] = compress(body, encoding, true).then(
        (compressed) =>
          compressed.length < body.length
            ? { body: compressed, etag: `"${hash}-${encoding}"` }
            : undefined,
        // Serving the file uncompressed is always correct.
        () => undefined,
      );
    }
  }
  return file;
}

/** Every file under `root`, by URL path (`/assets/index-abc.js`), read and compressing. */
export function loadWebApp(root: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  const assets = join(root, 'assets') + sep;
  for (const path of walk(root)) {
    const url = `/${relative(root, path).split(sep).join('/')}`;
    files.set(url, loadFile(path, path.startsWith(assets)));
  }
  return files;
}

/** Whether `If-None-Match` names this representation (weak comparison, RFC 9110 §13.1.2). */
function notModified(req: Request, etag: string): boolean {
  const header = req.get('if-none-match');
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

async function serve(req: Request, res: Response, file: StaticFile): Promise<void> {
  const encodings = Object.keys(file.encoded).length > 0;
  const encoding = encodings ? negotiateEncoding(req.get('accept-encoding')) : undefined;
  const encoded = encoding === undefined ? undefined : await file.encoded[encoding];
  const chosen = encoded ?? file.identity;
  res.setHeader('Content-Type', file.type);
  res.setHeader('Cache-Control', file.cacheControl);
  res.setHeader('ETag', chosen.etag);
  if (encodings) varyOnEncoding(res);
  if (notModified(req, chosen.etag)) {
    res.status(304).end();
    return;
  }
  if (encoded !== undefined && encoding !== undefined) res.setHeader('Content-Encoding', encoding);
  res.setHeader('Content-Length', String(chosen.body.length));
  res.status(200).end(req.method === 'HEAD' ? undefined : chosen.body);
}

/** The path as a key of the file map, or undefined when it is not valid percent-encoding. */
function decodedPath(path: string): string | undefined {
  try {
    return decodeURIComponent(path);
  } catch {
    return undefined;
  }
}

export function spaRouter(root: string): Router {
  const files = loadWebApp(root);
  const index = files.get('/index.html');
  if (index === undefined) throw new Error(`${root} holds no index.html`);
  const router = strictRouter();
  const handler: RequestHandler = async (req, res, next) => {
    const readable = req.method === 'GET' || req.method === 'HEAD';
    const path = decodedPath(req.path);
    const file = path === undefined ? undefined : files.get(path);
    if (readable && file !== undefined) {
      await serve(req, res, file);
      return;
    }
    if (req.path.startsWith('/assets/')) {
      next(
        readable
          ? new AppError('not_found', 'Not found.')
          : new AppError('method_not_allowed', `${req.method} is not allowed here.`),
      );
      return;
    }
    if (!readable || NOT_SPA.test(req.path)) {
      next();
      return;
    }
    await serve(req, res, index);
  };
  router.use(handler);
  return router;
}
