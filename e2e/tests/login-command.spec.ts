/**
 * The login command: an operator generates one, sees it masked, reveals and copies it, and it logs
 * in at the region's registry front door it names; a viewer and an operator limited to some
 * organizations cannot generate one, and are told why.
 */
import { dockerLogin } from '@swr-dashboard/test-support';
import { expect, signIn, snapshotThemes, test } from '../support/fixtures';

/** The emulator's registry front door of a region: `127.0.0.1:<port>` (e2e/support/stack.ts). */
const FRONT_DOOR = /127\.0\.0\.1:\d+/;

test('an operator generates a command, masked until revealed, and copies it', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await signIn(page, 'operator');
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Login command' })
    .click();
  await page.getByRole('button', { name: 'Generate login command' }).click();
  const result = page.getByRole('region', { name: 'Your login command' });
  await expect(result).toContainText(FRONT_DOOR);
  await expect(result.getByRole('timer')).toHaveText(/^in 5 h 59 min \d+ s$/);
  await expect(result).toContainText('docker login -u cn-north-4@');
  await expect(result).toContainText('-p ••••••••••••');
  await expect(result).not.toContainText(/-p [0-9a-f]{16,}/);
  await snapshotThemes(page, 'login-command');

  await result.getByRole('button', { name: 'Reveal the password' }).click();
  const docker = result.locator('pre code').first();
  await expect(docker).toHaveText(
    /^docker login -u cn-north-4@\S+ -p [0-9a-f]{16,} 127\.0\.0\.1:\d+$/,
  );
  await expect(result).toContainText('podman login -u cn-north-4@');
  await expect(result).toContainText('kubectl create secret docker-registry swr-cn-north-4');
  const command = await docker.textContent();

  await result.getByRole('button', { name: 'Hide the password' }).click();
  await expect(result).not.toContainText(/-p [0-9a-f]{16,}/);
  await result.getByRole('button', { name: 'Copy the docker command' }).click();
  await expect(result.getByRole('button', { name: 'Copy the docker command' })).toHaveText(
    'Copied',
  );
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(command);

  // The host it names is the region's registry, which asks for a login and takes this one.
  const login = dockerLogin(command ?? '');
  await expect(result.getByText(login.registry, { exact: true })).toBeVisible();
  const anonymous = await page.request.get(`http://${login.registry}/v2/`);
  expect(anonymous.status()).toBe(401);
  expect(anonymous.headers()['www-authenticate']).toMatch(/^Basic /);
  const basic = Buffer.from(`${login.user}:${login.password}`).toString('base64');
  const signedIn = await page.request.get(`http://${login.registry}/v2/`, {
    headers: { Authorization: `Basic ${basic}` },
  });
  expect(signedIn.status()).toBe(200);
});

test('a viewer cannot generate a command, and is told why', async ({ page }) => {
  await signIn(page, 'viewer', '/cn-north-4/login-command');
  const generate = page.getByRole('button', { name: 'Generate login command' });
  await expect(generate).toBeDisabled();
  await expect(generate).toHaveAccessibleDescription(
    /is a password that can push and pull every image of the account, so it needs the Operator role; you are Viewer/,
  );
  await expect(page.getByRole('region', { name: 'Your login command' })).toHaveCount(0);
});

test('an operator limited to some organizations is refused, by the page and the BFF', async ({
  page,
}) => {
  await signIn(page, 'scopedOperator', '/cn-north-4/login-command');
  const generate = page.getByRole('button', { name: 'Generate login command' });
  await expect(generate).toBeDisabled();
  await expect(generate).toHaveAccessibleDescription(
    /opens every organization of the account, and your access is limited to organizations matching/,
  );
  const refused = await page.request.post('/api/swr/cn-north-4/v2/manage/utils/secret', {
    headers: { 'X-CSRF': '1', Origin: new URL(page.url()).origin },
  });
  expect(refused.status()).toBe(403);
});
