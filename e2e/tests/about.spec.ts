/** About: the build, each region's health and API versions; a failing health check says so. */
import { expect, signIn, snapshotThemes, test } from '../support/fixtures';

test("shows the build, the regions' health and their API versions", async ({ page }) => {
  await signIn(page, 'viewer');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'About' }).click();
  await expect(page.getByRole('heading', { name: 'About', level: 1 })).toBeVisible();
  await expect(page.getByText('0.1.0', { exact: true })).toBeVisible();
  const health = page.getByRole('table', { name: /whether it answers/ });
  await expect(health.getByRole('row').filter({ hasText: 'cn-north-4' })).toContainText('OK');
  await expect(health.getByRole('row').filter({ hasText: 'cn-east-3' })).toContainText('OK');
  const versions = page.getByRole('table', { name: 'API versions of cn-north-4' });
  await expect(versions.getByRole('row').nth(1)).toContainText('v2');
  await expect(versions.getByRole('row').nth(1)).toContainText('Current');
  await expect(page.getByRole('table', { name: 'API versions of cn-east-3' })).toBeVisible();
  await snapshotThemes(page, 'about');
});

test('a health check that cannot be read says so and can be run again', async ({ page }) => {
  await page.route('**/api/readiness', (route) =>
    route.fulfill({ status: 502, body: 'Bad gateway' }),
  );
  await signIn(page, 'viewer', '/cn-north-4/about');
  await expect(page.getByText("The console's health could not be checked.")).toBeVisible();
  await page.unroute('**/api/readiness');
  await page.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('table', { name: /whether it answers/ })).toBeVisible();
});
