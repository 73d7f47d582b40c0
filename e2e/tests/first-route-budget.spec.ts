/**
 * The console's JavaScript budget (issue 6): everything the browser runs to show the first route,
 * the Overview a user lands on after signing in, is at most 150 KB gzip. Measured on the wire, not
 * from the build's file list: every script a fresh browser fetches until the Overview has drawn,
 * whichever chunk it came from (the entry, the route, its translations, anything they import).
 */
import { gzipSync } from 'node:zlib';
import { E2E_ORIGIN } from '../support/stack';
import { expect, signIn, test } from '../support/fixtures';

/** 150 KB, counted in thousands as Vite and Lighthouse count them. */
const BUDGET_BYTES = 150_000;

test('the first route needs at most 150 KB of JavaScript, gzip', async ({ page, browser }) => {
  await signIn(page, 'admin');
  // A fresh context has an empty cache; it only borrows the session.
  const context = await browser.newContext({ baseURL: E2E_ORIGIN });
  await context.addCookies(await page.context().cookies(E2E_ORIGIN));
  const fresh = await context.newPage();
  const scripts = new Map<string, Promise<number>>();
  fresh.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    // The decoded body, gzipped at the strongest level: what a compressing server would send.
    scripts.set(
      new URL(response.url()).pathname,
      response.body().then((body) => gzipSync(body, { level: 9 }).length),
    );
  });

  await fresh.goto('/');
  await expect(fresh).toHaveURL(/\/cn-north-4\/overview$/);
  await expect(fresh.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await expect(fresh.getByRole('region', { name: 'Region cn-north-4', exact: true })).toBeVisible();

  const sizes = await Promise.all(
    [...scripts].map(async ([path, size]) => ({ path, gzip: await size })),
  );
  const total = sizes.reduce((sum, script) => sum + script.gzip, 0);
  test.info().annotations.push({
    type: 'first-route JavaScript (gzip bytes)',
    description: `${String(total)} in ${String(sizes.length)} scripts: ${sizes
      .map((script) => `${script.path} ${String(script.gzip)}`)
      .join(', ')}`,
  });
  // The entry (the Overview comes with it, decision 0012) and the Overview's strings were both
  // counted; no other page's code was fetched.
  expect(sizes.some((script) => /\/assets\/index-/.test(script.path))).toBe(true);
  expect(sizes.some((script) => /\/assets\/en-/.test(script.path))).toBe(true);
  const otherPages =
    /\/assets\/(organizations?|repositor(y|ies)|fleet|shared|login-command|audit|about|sign-in)-/;
  expect(sizes.filter((script) => otherPages.test(script.path))).toEqual([]);
  expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
  await context.close();
});
