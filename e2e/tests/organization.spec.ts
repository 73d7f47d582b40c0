/**
 * An organization's page: its details, its repositories (only its own), and its IAM permissions:
 * an admin chooses an IAM user from the account's list, then changes and removes the grant; a
 * viewer reads only.
 */
import {
  consoleApi,
  expect,
  signIn,
  snapshotThemes,
  test,
  unique,
  useSession,
} from '../support/fixtures';

// Each flow seeds data through the console and runs axe in two themes.
test.slow();

test('an organization shows its repositories, linked from the organizations list', async ({
  page,
}) => {
  await useSession(page, 'admin');
  const api = consoleApi(page);
  const organization = unique('e2e-orgpage');
  await api.swr('POST', '/v2/manage/namespaces', { namespace: organization });
  for (const repository of ['api', 'worker/jobs']) {
    await api.swr('POST', `/v2/manage/namespaces/${organization}/repos`, {
      repository,
      is_public: repository === 'api',
      category: 'app_server',
    });
  }
  await page.goto('/cn-north-4/organizations');
  await page.getByRole('link', { name: organization }).click();
  await expect(page).toHaveURL(`/cn-north-4/organizations/${organization}`);
  await expect(page.getByRole('heading', { level: 1, name: organization })).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'Repositories', exact: true }).last(),
  ).toHaveAttribute('aria-current', 'page');
  const table = page.getByRole('table', { name: `Repositories of ${organization}` });
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(table.getByRole('link', { name: 'worker/jobs' })).toHaveAttribute(
    'href',
    `/cn-north-4/repositories/${organization}/worker$jobs/tags`,
  );
  await expect(page.getByRole('combobox', { name: 'Organization' })).toHaveCount(0);
  await expect(page.getByText('1–2 of 2')).toBeVisible();
  await snapshotThemes(page, 'organization');
  // A row under the pointer keeps its badges readable (Public is a warning badge), in both themes.
  await table.getByRole('row', { name: /^api / }).hover();
  await snapshotThemes(page, 'organization-row-hover');

  // A repository created here belongs to this organization.
  await page.getByRole('button', { name: 'Create repository' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create a repository' });
  await expect(dialog.getByRole('combobox', { name: 'Organization' })).toHaveValue(organization);
  await dialog.getByRole('textbox', { name: 'Name' }).fill('cron');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog).toBeHidden();
  await expect(table.getByRole('link', { name: 'cron' })).toBeVisible();
  await expect(page.getByText('1–3 of 3')).toBeVisible();
});

test('an admin adds, changes and removes an IAM permission on the organization', async ({
  page,
}) => {
  await useSession(page, 'admin');
  const organization = unique('e2e-orgperm');
  await consoleApi(page).swr('POST', '/v2/manage/namespaces', { namespace: organization });
  await page.goto(`/cn-north-4/organizations/${organization}`);
  await page.getByRole('link', { name: 'Permissions' }).click();
  await expect(page).toHaveURL(/\?tab=permissions$/);
  await expect(
    page.getByText(`No other IAM user has a permission on ${organization}.`),
  ).toBeVisible();
  await expect(page.getByText(/not this console's roles/)).toBeVisible();

  await page.getByRole('button', { name: 'Add permission' }).click();
  const add = page.getByRole('dialog', { name: `Add a permission on ${organization}` });
  const users = add.getByRole('group', { name: 'IAM user' });
  await expect(add.getByRole('button', { name: 'Add permission' })).toBeDisabled();
  await snapshotThemes(page, 'organization-permissions-add');
  await users.getByRole('searchbox', { name: 'Search IAM users by name or ID' }).fill('grace');
  await users.getByRole('radio', { name: /^grace-qa / }).check();
  // The choice is said with the id it grants to.
  const chosen = add.getByText(/^User ID: [0-9a-f]{32}$/);
  await expect(chosen).toBeVisible();
  const userId = ((await chosen.textContent()) ?? '').replace('User ID: ', '');
  await add.getByRole('radio', { name: 'Edit' }).check();
  await add.getByRole('button', { name: 'Add permission' }).click();
  await expect(add).toBeHidden();
  const table = page.getByRole('table', { name: `IAM users with a permission on ${organization}` });
  const row = table.getByRole('row').filter({ hasText: 'grace-qa' });
  await expect(row).toContainText(userId);
  await expect(row).toContainText('Edit');
  await snapshotThemes(page, 'organization-permissions');

  await page.getByRole('button', { name: 'Change the permission of grace-qa' }).click();
  const change = page.getByRole('dialog', { name: 'Change the permission of grace-qa' });
  await expect(change.getByRole('radio', { name: 'Edit' })).toBeChecked();
  await change.getByRole('radio', { name: 'Manage' }).check();
  await change.getByRole('button', { name: 'Save' }).click();
  await expect(change).toBeHidden();
  await expect(row).toContainText('Manage');

  await page.getByRole('button', { name: 'Remove the permission of grace-qa' }).click();
  const confirm = page.getByRole('dialog', { name: 'Remove the permission of grace-qa?' });
  await expect(confirm).toContainText(`grace-qa loses Manage on the organization ${organization}`);
  await confirm.getByRole('button', { name: 'Remove permission' }).click();
  await expect(confirm).toBeHidden();
  await expect(
    page.getByText(`No other IAM user has a permission on ${organization}.`),
  ).toBeVisible();
});

test("a viewer sees an organization's permissions read-only, with the reason", async ({ page }) => {
  await signIn(page, 'viewer', '/cn-north-4/organizations/payments?tab=permissions');
  const table = page.getByRole('table', { name: 'IAM users with a permission on payments' });
  await expect(table.getByRole('row').filter({ hasText: 'ci-pipeline' })).toContainText('Edit');
  const add = page.getByRole('button', { name: 'Add permission' });
  await expect(add).toBeDisabled();
  await expect(add).toHaveAccessibleDescription('Needs the Admin role (you are Viewer).');
  await expect(
    page.getByRole('button', { name: 'Remove the permission of carol-sec' }),
  ).toBeDisabled();
  await expect(page.getByRole('note').filter({ hasText: 'read-only' })).toContainText(
    'Needs the Admin role (you are Viewer).',
  );
});

test('an organization that does not exist says so, and leads back to the list', async ({
  page,
}) => {
  await signIn(page, 'admin', `/cn-north-4/organizations/${unique('e2e-missing')}`);
  await expect(page.getByText('The organization does not exist.')).toBeVisible();
  // Asking again cannot help: no Retry, a way back instead.
  await expect(page.getByRole('button', { name: 'Retry' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Go to the list of organizations' }).click();
  await expect(page.getByRole('heading', { name: 'Organizations', level: 1 })).toBeVisible();
});

test("an organization's usage over time is drawn on its tab, in both themes", async ({ page }) => {
  await signIn(page, 'viewer', '/cn-north-4/organizations/payments');
  await page.getByRole('link', { name: 'Usage over time' }).click();
  await expect(page).toHaveURL(/\?tab=usage$/);
  const usage = page.getByRole('region', { name: 'Usage over time' });
  const chart = usage.getByRole('application', { name: 'Tags per day in payments' });
  // The index records payments' totals once its first sweep is done (a few seconds after the
  // stack started): until then the tab says so, and a reload reads again.
  await expect(async () => {
    await page.reload();
    await expect(chart).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 60_000 });
  await expect(
    usage.getByRole('figure', { name: /^Tags(: [\d,]+ on | grew from | fell from | stayed at )/ }),
  ).toBeVisible();
  await usage.getByRole('radio', { name: 'Storage' }).check();
  await expect(
    usage.getByRole('application', { name: 'Storage per day in payments' }),
  ).toBeVisible();
  await usage.getByRole('button', { name: 'Show the data as a table' }).click();
  await expect(
    usage.getByRole('table', { name: 'Storage per day in payments' }).getByRole('row'),
  ).not.toHaveCount(0);
  await snapshotThemes(page, 'organization-usage');
});
