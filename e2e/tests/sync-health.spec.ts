/**
 * Sync health against the whole stack. An admin's repository has tags pushed before its automatic
 * sync policy was made, so its target lacks them: the view shows them, "Sync the missing" copies
 * them, and the row becomes healthy once the index has re-read the repository (the BFF does so
 * right after a change made through the console). A viewer sees the demo account's targets
 * without any action; the page speaks 简体中文.
 */
import type { Page } from '@playwright/test';
import type { FleetResponse } from '@swr-dashboard/swr-client';
import {
  consoleApi,
  expect,
  pushTag,
  signIn,
  snapshotThemes,
  test,
  unique,
  useSession,
} from '../support/fixtures';

// Several steps, each through the whole stack: room for a loaded machine.
test.describe.configure({ timeout: 90_000 });

/**
 * An own organization in cn-north-4 with a repository of two tags, then an automatic sync policy
 * to an organization in cn-east-3: the tags pushed before it are missing there. The policy is made
 * through the console, so the index re-reads the repository at once.
 */
async function seed(page: Page): Promise<{ namespace: string; target: string }> {
  const api = consoleApi(page);
  const namespace = unique('e2e-health');
  const target = unique('e2e-health-dr');
  await api.swr('POST', '/v2/manage/namespaces', { namespace });
  await api.swr('POST', `/v2/manage/namespaces/${namespace}/repos`, {
    repository: 'app',
    is_public: false,
  });
  await api.swr('POST', '/v2/manage/namespaces', { namespace: target }, 'cn-east-3');
  await pushTag(page, { namespace, repository: 'app', tag: 'v1' });
  await pushTag(page, { namespace, repository: 'app', tag: 'v2' });
  await api.swr('POST', `/v2/manage/namespaces/${namespace}/repos/app/sync_repo`, {
    remoteRegionId: 'cn-east-3',
    remoteNamespace: target,
    syncAuto: true,
    override: false,
  });
  // The BFF re-reads the repository right after that change, in the background, behind whatever
  // else the index is reading: the page shows it once the index has it.
  await expect
    .poll(
      async () => {
        const response = await page.request.get('/api/fleet?region=cn-north-4', {
          headers: { 'X-CSRF': '1' },
        });
        const index = (await response.json()) as FleetResponse;
        const entry = index.repositories.find(
          (repository) => repository.namespace === namespace && repository.name === 'app',
        );
        return [...(entry?.syncHealth[0]?.missing ?? [])].sort();
      },
      { timeout: 30_000 },
    )
    .toEqual(['v1', 'v2']);
  return { namespace, target };
}

test('a target lacking tags is synced from its row and becomes healthy', async ({ page }) => {
  await useSession(page, 'admin');
  const { namespace, target } = await seed(page);
  await signIn(page, 'admin', `/cn-north-4/sync-health?org=${namespace}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Sync health' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Sync targets and their health' });
  const row = table
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name: `${namespace}/app`, exact: true }) });
  await expect(row).toBeVisible({ timeout: 30_000 });
  await expect(row).toContainText(`cn-east-3/${target}`);
  await expect(row).toContainText('Missing tags');
  await expect(row.getByRole('cell').nth(4)).toHaveText('2');

  await row
    .getByRole('button', { name: `Details of ${namespace}/app in cn-east-3/${target}` })
    .click();
  const details = page.getByRole('region', {
    name: `Details of ${namespace}/app in cn-east-3/${target}`,
  });
  await expect(details.getByRole('list', { name: 'Tags missing in the target' })).toHaveText(
    'v1v2',
  );
  await snapshotThemes(page, 'sync-health');

  await row
    .getByRole('button', { name: `Sync the missing: ${namespace}/app to cn-east-3/${target}` })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Sync the missing tags' });
  await expect(dialog.getByRole('list', { name: 'Tags to sync' })).toHaveText('v1v2');
  await dialog.getByRole('button', { name: 'Sync 2 tags' }).click();
  await expect(dialog).toBeHidden();
  const outcome = page.getByRole('status', {
    name: `Sync of ${namespace}/app to cn-east-3/${target}`,
  });
  await expect(outcome).toContainText('Request 1 of 1 (2 tags): all 2 tags were synced.');
  await expect(outcome).toContainText('The index has re-read the repository', {
    timeout: 30_000,
  });

  // Healthy now, so hidden by default; shown on request.
  await expect(page.getByText('Every sync target is healthy.')).toBeVisible();
  await page.getByRole('button', { name: 'Show healthy targets' }).click();
  await expect(row).toContainText('Healthy');
  await expect(row.getByRole('cell').nth(4)).toHaveText('0');
  await expect(
    page.getByRole('region', { name: 'How fresh the index is' }).getByText(/^indexed /),
  ).toBeVisible();
});

test('a viewer sees the demo account’s sync targets without any action', async ({ page }) => {
  // The demo's data-eng/airflow syncs to cn-east-3/data-dr, an organization deleted since.
  await signIn(page, 'viewer', '/cn-north-4/sync-health?org=data-eng');
  const table = page.getByRole('table', { name: 'Sync targets and their health' });
  const row = table
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name: 'data-eng/airflow', exact: true }) });
  await expect(row).toBeVisible({ timeout: 30_000 });
  await expect(row).toContainText('cn-east-3/data-dr');
  await expect(row).toContainText('Missing tags');
  await expect(page.getByText(/^You see the health of every target/)).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'Actions' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Sync the missing/ })).toHaveCount(0);
});

test.describe('in 简体中文', () => {
  test.use({ locale: 'zh-CN' });

  test('the view and its rows are in Chinese', async ({ page }) => {
    await signIn(page, 'operator', '/cn-north-4/sync-health?org=data-eng');
    await expect(page.getByRole('heading', { level: 1, name: '同步健康' })).toBeVisible();
    const table = page.getByRole('table', { name: '同步目标及其健康状况' });
    const row = table
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: 'data-eng/airflow', exact: true }) });
    await expect(row).toBeVisible({ timeout: 30_000 });
    await expect(row).toContainText('缺少镜像版本');
    await expect(
      row.getByRole('button', { name: '同步缺少的：data-eng/airflow 到 cn-east-3/data-dr' }),
    ).toBeVisible();
  });
});
