/**
 * The BFF serves the built web app from its own origin: the app's routes get index.html (under
 * the strict CSP), hashed assets are cached for a year, the API stays JSON. Text files go out
 * compressed (brotli or gzip, as the browser accepts), each compressed once when the BFF starts,
 * never per request; every file has an ETag, so index.html revalidates with a 304.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as compression from '../src/http/compression';
import { rawRequest, type RawReply } from './support/raw-http';
import { startStack, type Stack } from './support/stack';

vi.mock('../src/http/compression', async (importOriginal) => {
  const original = await importOriginal<typeof compression>();
  return { ...original, compress: vi.fn(original.compress) };
});

const root = mkdtempSync(join(tmpdir(), 'bff-spa-'));
/** Text that compresses, larger than the 1 KiB below which nothing is compressed. */
const SCRIPT = `export const rows = [${Array.from({ length: 400 }, (_, i) => `{id:${i},name:"row ${i}"}`).join(',')}];\n`;
const INDEX = `<!doctype html><title>console</title><div id="root"></div><script type="module" src="/assets/index-abc123.js"></script>${'<!-- padding -->'.repeat(80)}`;
const PNG = Buffer.alloc(4096, 7);
let stack: Stack;

beforeAll(async () => {
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), INDEX);
  writeFileSync(join(root, 'assets', 'index-abc123.js'), SCRIPT);
  writeFileSync(join(root, 'assets', 'tiny-0a1b2c.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'logo-9f8e7d.png'), PNG);
  writeFileSync(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(root, '.env'), 'SECRET=1');
  stack = await startStack({ env: { WEB_ROOT: root } });
});

afterAll(async () => {
  await stack.close();
  rmSync(root, { recursive: true, force: true });
});

function get(
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<RawReply> {
  return rawRequest(stack.origin, { path, headers, method });
}

describe('serving the web app', () => {
  it('answers the app routes with index.html, revalidated, under the strict CSP', async () => {
    const browser = stack.browser();
    for (const path of [
      '/',
      '/cn-north-4/overview',
      '/cn-north-4/repositories/platform/ci$runner/tags',
      '/signin',
      '/index.html',
    ]) {
      const page = await browser.get(path, { csrf: false });
      expect(page.status, path).toBe(200);
      expect(page.text).toBe(INDEX);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(page.headers.get('cache-control')).toBe('no-cache');
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    }
  });

  it('caches hashed assets for a year and 404s missing ones', async () => {
    const browser = stack.browser();
    const asset = await browser.get('/assets/index-abc123.js', { csrf: false });
    expect(asset.status).toBe(200);
    expect(asset.text).toBe(SCRIPT);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const missing = await browser.get('/assets/gone-000.js', { csrf: false });
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({ code: 'not_found' });
    const favicon = await browser.get('/favicon.svg', { csrf: false });
    expect(favicon.status).toBe(200);
    expect(favicon.headers.get('cache-control')).toBe('no-cache');
    // Dotfiles are never served: the route falls back to the app.
    expect((await browser.get('/.env', { csrf: false })).text).toBe(INDEX);
    const post = await get('/assets/index-abc123.js', {}, 'POST');
    expect(post.status).toBe(405);
  });

  it('keeps API and sign-in routes out of the fallback', async () => {
    const browser = stack.browser();
    const api = await browser.get('/api/nothing-here');
    expect(api.status).toBe(401);
    await browser.signInDemo('vera-viewer');
    expect((await browser.get('/api/nothing-here')).json).toMatchObject({ code: 'not_found' });
    const post = await browser.request('POST', '/cn-north-4/overview', { json: {} });
    expect(post.status).toBe(404);
    expect((await browser.get('/healthz')).json).toEqual({ status: 'ok' });
    // Other spellings of the API and the probes are not pages: a probe set up with a trailing
    // slash must see a 404, not the app's 200.
    for (const path of ['/readyz/', '/healthz/', '/API/me', '/Auth/login', '/READYZ']) {
      const reply = await browser.get(path);
      expect(reply.status, path).toBe(404);
      expect(reply.json, path).toMatchObject({ code: 'not_found' });
    }
  });
});

describe('compression of the web app', () => {
  it.each([
    ['br', 'br', brotliDecompressSync],
    ['gzip, deflate, br, zstd', 'br', brotliDecompressSync],
    ['gzip, deflate', 'gzip', gunzipSync],
    ['br;q=0.5, gzip', 'gzip', gunzipSync],
  ] as const)('Accept-Encoding: %s gets %s', async (accept, encoding, decompress) => {
    for (const [path, content, cache] of [
      ['/assets/index-abc123.js', SCRIPT, 'public, max-age=31536000, immutable'],
      ['/', INDEX, 'no-cache'],
      ['/cn-north-4/overview', INDEX, 'no-cache'],
    ] as const) {
      const reply = await get(path, { 'Accept-Encoding': accept });
      expect(reply.status, path).toBe(200);
      expect(reply.headers['content-encoding'], path).toBe(encoding);
      expect(reply.headers.vary).toBe('Accept-Encoding');
      expect(reply.headers['cache-control']).toBe(cache);
      expect(Number(reply.headers['content-length'])).toBe(reply.bytes.length);
      expect(reply.bytes.length).toBeLessThan(Buffer.byteLength(content) / 2);
      expect(decompress(reply.bytes).toString('utf8')).toBe(content);
    }
  });

  it.each([
    ['no Accept-Encoding', undefined],
    ['identity', 'identity'],
    ['a coding it does not offer', 'deflate'],
    ['every coding refused', 'br;q=0, gzip;q=0'],
    ['*;q=0', '*;q=0'],
  ])('%s: the file as it is, still varying on Accept-Encoding', async (_, accept) => {
    const reply = await get(
      '/assets/index-abc123.js',
      accept === undefined ? {} : { 'Accept-Encoding': accept },
    );
    expect(reply.status).toBe(200);
    expect(reply.headers['content-encoding']).toBeUndefined();
    expect(reply.headers.vary).toBe('Accept-Encoding');
    expect(reply.text).toBe(SCRIPT);
  });

  it('leaves small files, images and fonts as they are', async () => {
    for (const path of ['/assets/tiny-0a1b2c.js', '/assets/logo-9f8e7d.png', '/favicon.svg']) {
      const reply = await get(path, { 'Accept-Encoding': 'br, gzip' });
      expect(reply.status, path).toBe(200);
      expect(reply.headers['content-encoding'], path).toBeUndefined();
      expect(reply.headers.vary, path).toBeUndefined();
    }
    expect((await get('/assets/logo-9f8e7d.png')).bytes.equals(PNG)).toBe(true);
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const head = await get('/assets/index-abc123.js', { 'Accept-Encoding': 'br' }, 'HEAD');
    const full = await get('/assets/index-abc123.js', { 'Accept-Encoding': 'br' });
    expect(head.status).toBe(200);
    expect(head.bytes.length).toBe(0);
    expect(head.headers['content-length']).toBe(full.headers['content-length']);
    expect(head.headers.etag).toBe(full.headers.etag);
  });

  it('gives each encoding its own ETag, and 304 to a copy still current', async () => {
    const tags = new Set<string>();
    for (const accept of ['br', 'gzip', 'identity']) {
      const reply = await get('/', { 'Accept-Encoding': accept });
      const etag = reply.headers.etag ?? '';
      expect(etag).toMatch(/^"[\w-]+"$/);
      tags.add(etag);
      const again = await get('/', { 'Accept-Encoding': accept, 'If-None-Match': etag });
      expect(again.status).toBe(304);
      expect(again.bytes.length).toBe(0);
      expect(again.headers.etag).toBe(etag);
      expect(again.headers['cache-control']).toBe('no-cache');
      const weak = await get('/', { 'Accept-Encoding': accept, 'If-None-Match': `"x", W/${etag}` });
      expect(weak.status).toBe(304);
    }
    expect(tags.size).toBe(3);
    // Another representation's tag does not match.
    const other = await get('/', {
      'Accept-Encoding': 'gzip',
      'If-None-Match': [...tags][0] ?? '',
    });
    expect(other.status).toBe(200);
  });

  it('compresses each file once, when the BFF starts, never per request', async () => {
    const compress = vi.mocked(compression.compress);
    // Two compressible files (the script and index.html), two encodings each.
    expect(compress).toHaveBeenCalledTimes(4);
    for (let i = 0; i < 5; i += 1) {
      await get('/assets/index-abc123.js', { 'Accept-Encoding': 'br' });
      await get('/', { 'Accept-Encoding': 'gzip' });
      await get('/assets/index-abc123.js', { 'Accept-Encoding': 'gzip' });
    }
    expect(compress).toHaveBeenCalledTimes(4);
  });
});
