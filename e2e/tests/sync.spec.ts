/**
 * Image sync: an operator's automatic policy copies a newly pushed tag to cn-east-3; a manual
 * sync reports the tag that failed; a missing target organization is shown next to its field;
 * a viewer sees policies and jobs but cannot sync.
 */
import type { Page } from '@playwright/test';
import { OIDC_ACCOUNTS } from '@swr-dashboard/test-support';
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

/** An own repository in cn-north-4 with two tags, and an organization to sync to in cn-east-3. */
async function seed(page: Page): Promise<{ namespace: string; target: string; url: string }> {
  const api = consoleApi(page);
  const namespace = unique('e2e-sync');
  const target = unique('e2e-sync-dr');
  await api.swr('POST', '/v2/manage/namespaces', { namespace });
  await api.swr('POST', `/v2/manage/namespaces/${namespace}/repos`, {
    repository: 'app',
    is_public: false,
  });
  await api.swr('POST', '/v2/manage/namespaces', { namespace: target }, 'cn-east-3');
  await pushTag(page, { namespace, repository: 'app', tag: 'v1' });
  await pushTag(page, { namespace, repository: 'app', tag: 'v2' });
  return { namespace, target, url: `/cn-north-4/repositories/${namespace}/app/sync` };
}

function card(page: Page, heading: string) {
  return page.locator('section', { has: page.getByRole('heading', { name: heading }) }).last();
}

test('a new push is synced by an automatic policy, and a manual sync reports its failed tag', async ({
  page,
}) => {
  await useSession(page, 'admin');
  const { namespace, target, url } = await seed(page);
  await page.goto(url);
  await expect(page.getByText('No automatic sync: new pushes stay in this region.')).toBeVisible();
  await expect(page.getByText('No tag of this repository has been synced yet.')).toBeVisible();

  await page.getByRole('button', { name: 'Add automatic sync' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add automatic sync' });
  await expect(dialog.getByRole('combobox', { name: 'Target region' })).toHaveValue('cn-east-3');
  await dialog.getByRole('combobox', { name: 'Target organization' }).fill(target);
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog).toBeHidden();
  const policies = page.getByRole('table', {
    name: `Automatic sync policies of ${namespace}/app`,
  });
  await expect(policies.getByRole('cell', { name: target, exact: true })).toBeVisible();

  // A pipeline pushes a new tag: the policy copies it to cn-east-3.
  await pushTag(page, { namespace, repository: 'app', tag: 'v3' });
  await card(page, 'Sync jobs').getByRole('button', { name: 'Refresh' }).click();
  const jobs = page.getByRole('table', { name: `Sync jobs of ${namespace}/app` });
  // By the tag the row starts with: a random name elsewhere in a row may hold "v3".
  const automaticJob = jobs.getByRole('row', { name: /^v3 / });
  await expect(automaticJob).toContainText('Synced');
  await expect(automaticJob).toContainText(`cn-east-3 / ${target}`);

  // A manual sync of v1 (deleted meanwhile, so it fails) and v2, pushed before the policy.
  await page.getByRole('button', { name: 'Sync tags…' }).click();
  const manual = page.getByRole('dialog', { name: 'Sync tags to another region' });
  await manual.getByRole('searchbox', { name: 'Search tags' }).fill('v');
  await manual.getByRole('checkbox', { name: 'v1' }).check();
  await manual.getByRole('checkbox', { name: 'v2' }).check();
  await expect(manual.getByText('2 tags chosen:')).toBeVisible();
  await manual.getByRole('combobox', { name: 'Target organization' }).fill(target);
  await consoleApi(page).swr('DELETE', `/v2/manage/namespaces/${namespace}/repos/app/tags/v1`);
  await manual.getByRole('button', { name: 'Sync 2 tags' }).click();
  await expect(manual).toBeHidden();
  const outcome = page.getByRole('alert').filter({ hasText: 'failed to sync' });
  await expect(outcome).toContainText(`1 of 2 tags failed to sync to cn-east-3 / ${target}:`);
  await expect(outcome.getByRole('list', { name: 'Tags that failed' })).toHaveText('v1');
  // The manual sync's job names the person who asked, from the audit trail; the policy's job
  // names the IAM user SWR records.
  const manualJob = jobs.getByRole('row', { name: /^v2 / });
  await expect(manualJob).toContainText('Synced');
  await expect(manualJob).toContainText(
    `${OIDC_ACCOUNTS.admin.preferredUsername}through the console`,
  );
  await expect(automaticJob).toContainText('IAM user, as SWR records it');
  await snapshotThemes(page, 'sync');
});

test('a manual sync to an organization missing in the target region is refused at its field', async ({
  page,
}) => {
  await signIn(page, 'operator', '/cn-north-4/repositories/payments/payment-gateway/sync');
  await page.getByRole('button', { name: 'Sync tags…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sync tags to another region' });
  await dialog.getByRole('checkbox', { name: 'latest', exact: true }).check();
  const organization = dialog.getByRole('combobox', { name: 'Target organization' });
  const missing = unique('e2e-missing');
  await organization.fill(missing);
  await dialog.getByRole('button', { name: 'Sync 1 tag' }).click();
  await expect(organization).toHaveAttribute('aria-invalid', 'true');
  await expect(organization).toHaveAccessibleDescription(/The organization does not exist/);
  await expect(organization).toHaveValue(missing);
  await snapshotThemes(page, 'sync-manual');
});

test('a viewer sees the demo policies and jobs but cannot sync, and is told why', async ({
  page,
}) => {
  await signIn(page, 'viewer', '/cn-north-4/repositories/platform/nginx/sync');
  await expect(
    page
      .getByRole('table', { name: 'Automatic sync policies of platform/nginx' })
      .getByRole('cell', { name: 'platform', exact: true }),
  ).toBeVisible();
  await expect(
    page.getByRole('table', { name: 'Sync jobs of platform/nginx' }).getByText('Synced').first(),
  ).toBeVisible();
  const add = page.getByRole('button', { name: 'Add automatic sync' });
  await expect(add).toBeDisabled();
  await expect(add).toHaveAccessibleDescription('Needs the Operator role (you are Viewer).');
  await expect(page.getByRole('button', { name: 'Sync tags…' })).toBeDisabled();
});
