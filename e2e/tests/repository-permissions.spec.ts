/**
 * A repository's Permissions tab: an admin adds, changes and removes an IAM user's grant; SWR's
 * refusal is shown next to the field; an operator sees grants read-only with the reason.
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

test("an admin manages IAM users' grants on a repository", async ({ page }) => {
  await useSession(page, 'admin');
  const api = consoleApi(page);
  const organization = unique('e2e-repoperm');
  await api.swr('POST', '/v2/manage/namespaces', { namespace: organization });
  await api.swr('POST', `/v2/manage/namespaces/${organization}/repos`, {
    repository: 'svc/api',
    is_public: false,
  });
  await api.swr('POST', `/v2/manage/namespaces/${organization}/repos/svc$api/access`, [
    { user_id: 'e2e-reader-id', user_name: 'e2e-reader', auth: 1 },
  ]);
  await page.goto(`/cn-north-4/repositories/${organization}/svc$api/tags`);
  await page.getByRole('link', { name: 'Permissions' }).click();
  await expect(page).toHaveURL(`/cn-north-4/repositories/${organization}/svc$api/permissions`);
  const table = page.getByRole('table', {
    name: `IAM users with a permission on ${organization}/svc/api`,
  });
  await expect(table.getByRole('row').filter({ hasText: 'e2e-reader' })).toContainText('Read');
  await expect(
    page.getByRole('link', { name: `See the permissions on ${organization}` }),
  ).toHaveAttribute('href', `/cn-north-4/organizations/${organization}?tab=permissions`);
  await snapshotThemes(page, 'repository-permissions');

  await page.getByRole('button', { name: 'Add permission' }).click();
  const add = page.getByRole('dialog', { name: `Add a permission on ${organization}/svc/api` });
  const id = add.getByRole('textbox', { name: 'User ID' });
  await id.fill('e2e-reader-id');
  await expect(id).toHaveAccessibleDescription(/already has a permission here/);
  await id.fill('e2e-pusher-id');
  await add.getByRole('textbox', { name: 'User name' }).fill('e2e-pusher');
  await add.getByRole('radio', { name: 'Edit' }).check();
  await add.getByRole('button', { name: 'Add permission' }).click();
  await expect(add).toBeHidden();
  const pusher = table.getByRole('row').filter({ hasText: 'e2e-pusher' });
  await expect(pusher).toContainText('Edit');

  await page.getByRole('button', { name: 'Change the permission of e2e-reader' }).click();
  const change = page.getByRole('dialog', { name: 'Change the permission of e2e-reader' });
  await change.getByRole('radio', { name: 'Manage' }).check();
  await change.getByRole('button', { name: 'Save' }).click();
  await expect(change).toBeHidden();
  await expect(table.getByRole('row').filter({ hasText: 'e2e-reader' })).toContainText('Manage');

  await page.getByRole('button', { name: 'Remove the permission of e2e-pusher' }).click();
  const confirm = page.getByRole('dialog', { name: 'Remove the permission of e2e-pusher?' });
  await expect(confirm).toContainText(`on the repository ${organization}/svc/api`);
  await confirm.getByRole('button', { name: 'Remove permission' }).click();
  await expect(confirm).toBeHidden();
  await expect(pusher).toHaveCount(0);
});

test("the console's own IAM user cannot be granted, and the form says why as it is typed", async ({
  page,
}) => {
  await useSession(page, 'admin');
  const api = consoleApi(page);
  const organization = unique('e2e-selfperm');
  await api.swr('POST', '/v2/manage/namespaces', { namespace: organization });
  await api.swr('POST', `/v2/manage/namespaces/${organization}/repos`, {
    repository: 'app',
    is_public: false,
  });
  const access = (await api.swr(
    'GET',
    `/v2/manage/namespaces/${organization}/repos/app/access`,
  )) as { self_auth: { user_id: string; user_name: string } };
  await page.goto(`/cn-north-4/repositories/${organization}/app/permissions`);
  await page.getByRole('button', { name: 'Add permission' }).click();
  const add = page.getByRole('dialog', { name: `Add a permission on ${organization}/app` });
  const id = add.getByRole('textbox', { name: 'User ID' });
  await id.fill(access.self_auth.user_id);
  await expect(id).toHaveAttribute('aria-invalid', 'true');
  await expect(id).toHaveAccessibleDescription(/console's own IAM user/);
  await expect(add.getByRole('button', { name: 'Add permission' })).toBeDisabled();
});

test('an operator sees repository grants read-only, with the reason', async ({ page }) => {
  await signIn(page, 'operator', '/cn-north-4/repositories/legacy-apps/java8-monolith/permissions');
  const table = page.getByRole('table', {
    name: 'IAM users with a permission on legacy-apps/java8-monolith',
  });
  await expect(table.getByRole('row').filter({ hasText: 'bob-ops' })).toContainText('Manage');
  const add = page.getByRole('button', { name: 'Add permission' });
  await expect(add).toBeDisabled();
  await expect(add).toHaveAccessibleDescription('Needs the Admin role (you are Operator).');
  const change = page.getByRole('button', { name: 'Change the permission of bob-ops' });
  await expect(change).toBeDisabled();
  await expect(change).toHaveAccessibleDescription('Needs the Admin role (you are Operator).');
});
