/**
 * The console on a bad day, against the emulator's fault injection: a slow region, a region that
 * answers 503 until it recovers, and a change whose answer is lost. Faults are set in ap-southeast-3,
 * which no other spec uses, on routes naming this spec's own organizations, and cleared after each
 * test; the tests run one after another.
 */
import type { Page } from '@playwright/test';
import {
  consoleApi,
  emulatorFaults,
  expect,
  pushTag,
  signIn,
  test,
  unique,
  useSession,
} from '../support/fixtures';

const REGION = 'ap-southeast-3';

test.describe.configure({ mode: 'serial' });

test.afterEach(async ({ page }) => {
  await emulatorFaults(page, REGION).clear();
});

/** An organization in the region with a repository `svc/api` holding `v1` and `v2`. */
async function seedRepository(page: Page): Promise<string> {
  const namespace = unique('e2e-faults');
  const api = consoleApi(page);
  await api.swr('POST', '/v2/manage/namespaces', { namespace }, REGION);
  await api.swr(
    'POST',
    `/v2/manage/namespaces/${namespace}/repos`,
    { repository: 'svc/api', is_public: false },
    REGION,
  );
  for (const tag of ['v1', 'v2']) {
    await pushTag(page, { namespace, repository: 'svc/api', tag }, REGION);
  }
  return namespace;
}

test('a slow region shows that it is loading, then the tags', async ({ page }) => {
  await useSession(page, 'admin');
  const namespace = await seedRepository(page);
  await emulatorFaults(page, REGION).set([
    { kind: 'latency', ms: 2000, route: `GET /v2/manage/namespaces/${namespace}/**` },
  ]);
  await page.goto(`/${REGION}/repositories/${namespace}/svc$api/tags`);
  await expect(page.getByRole('status').filter({ hasText: 'Loading…' }).first()).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'v2' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'v1' })).toBeVisible();
});

test('a region answering 503 shows what failed, and Retry works once it recovers', async ({
  page,
}) => {
  await useSession(page, 'admin');
  const namespace = await seedRepository(page);
  await emulatorFaults(page, REGION).set([
    { kind: 'error', status: 503, route: `GET /v2/manage/namespaces/${namespace}/**` },
  ]);
  await page.goto(`/${REGION}/repositories/${namespace}/svc$api/tags`);
  // The BFF retries the read, the page retries twice more; then it says what failed.
  const alert = page.getByRole('alert').first();
  await expect(alert).toBeVisible({ timeout: 30_000 });
  await expect(alert).toContainText(/SWR/);
  await expect(page.getByRole('row').filter({ hasText: 'v2' })).toHaveCount(0);

  await emulatorFaults(page, REGION).clear();
  await page.getByRole('button', { name: 'Retry' }).first().click();
  await expect(page.getByRole('row').filter({ hasText: 'v2' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a new organization whose answer is lost is reported as unknown, then shown as it is', async ({
  page,
}) => {
  await signIn(page, 'admin', `/${REGION}/organizations`);
  await expect(page.getByRole('table', { name: 'Organizations' })).toBeVisible();
  const name = unique('e2e-lost');
  // SWR creates the organization, then the connection drops before its answer.
  await emulatorFaults(page, REGION).set([
    { kind: 'reset-after', route: 'POST /v2/manage/namespaces', count: 1 },
  ]);
  await page.getByRole('button', { name: 'Create organization' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create an organization' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog.getByText(/may or may not have been applied/)).toBeVisible();
  await expect(dialog.getByRole('textbox', { name: 'Name' })).toHaveValue(name);
  // The list was asked again behind the dialog: the organization exists.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
});
