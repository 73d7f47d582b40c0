/**
 * The BFF serves the built web app from its own origin: the app's routes get index.html (under
 * the strict CSP), hashed assets are cached for a year, the API stays JSON.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './support/stack';

const root = mkdtempSync(join(tmpdir(), 'bff-spa-'));
let stack: Stack;

beforeAll(async () => {
  mkdirSync(join(root, 'assets'));
  writeFileSync(
    join(root, 'index.html'),
    '<!doctype html><title>console</title><div id="root"></div>',
  );
  writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  stack = await startStack({ env: { WEB_ROOT: root } });
});

afterAll(async () => {
  await stack.close();
  rmSync(root, { recursive: true, force: true });
});

describe('serving the web app', () => {
  it('answers the app routes with index.html, revalidated, under the strict CSP', async () => {
    const browser = stack.browser();
    for (const path of [
      '/',
      '/cn-north-4/overview',
      '/cn-north-4/repositories/platform/ci$runner/tags',
      '/signin',
    ]) {
      const page = await browser.get(path, { csrf: false });
      expect(page.status, path).toBe(200);
      expect(page.text).toContain('<div id="root">');
      expect(page.headers.get('cache-control')).toBe('no-cache');
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    }
  });

  it('caches hashed assets for a year and 404s missing ones', async () => {
    const browser = stack.browser();
    const asset = await browser.get('/assets/index-abc123.js', { csrf: false });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const missing = await browser.get('/assets/gone-000.js', { csrf: false });
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({ code: 'not_found' });
    expect((await browser.get('/favicon.svg', { csrf: false })).status).toBe(200);
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
  });
});
