/**
 * A repository's Permissions tab: an admin chooses an IAM user from the account's IAM list (read
 * by the BFF), adds, changes and removes grants; a user who cannot be granted is shown but cannot
 * be chosen, with the reason; an operator sees grants read-only with the reason.
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

/** An IAM user id (32 hexadecimal characters) that is not in the account's IAM list. */
const READER_ID = 'e2e00000000000000000000000000001';

test("an admin manages IAM users' grants on a repository", async ({ page }) => {
  await useSession(page, 'admin');
  const api = consoleApi(page);
  const organization = unique('e2e-repoperm');
  await api.swr('POST', '/v2/manage/namespaces', { namespace: organization });
  await api.swr('POST', `/v2/manage/namespaces/${organization}/repos`, {
    repository: 'svc/api',
    is_public: false,
  });
  // A user outside the account's IAM list (an id from elsewhere): shown, changed and kept.
  await api.swr('POST', `/v2/manage/namespaces/${organization}/repos/svc$api/access`, [
    { user_id: READER_ID, user_name: 'e2e-reader', auth: 1 },
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

  // The account's IAM users, read by the BFF from the emulator's IAM, to choose from.
  await page.getByRole('button', { name: 'Add permission' }).click();
  const add = page.getByRole('dialog', { name: `Add a permission on ${organization}/svc/api` });
  const users = add.getByRole('group', { name: 'IAM user' });
  await users.getByRole('searchbox', { name: 'Search IAM users by name or ID' }).fill('frank');
  await expect(users.getByRole('radio')).toHaveCount(1);
  await users.getByRole('radio', { name: /^frank-web / }).check();
  await expect(users).toHaveAccessibleDescription(/User ID: [0-9a-f]{32}/);
  await add.getByRole('radio', { name: 'Edit' }).check();
  await add.getByRole('button', { name: 'Add permission' }).click();
  await expect(add).toBeHidden();
  const pusher = table.getByRole('row').filter({ hasText: 'frank-web' });
  await expect(pusher).toContainText('Edit');

  // Granted once, the user is no longer a choice.
  await page.getByRole('button', { name: 'Add permission' }).click();
  await users.getByRole('searchbox', { name: 'Search IAM users by name or ID' }).fill('frank');
  await expect(users.getByRole('radio', { name: /^frank-web / })).toBeDisabled();
  await expect(users.getByRole('radio', { name: /^frank-web / })).toHaveAccessibleName(
    /has a permission here/,
  );
  await add.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('button', { name: 'Change the permission of e2e-reader' }).click();
  const change = page.getByRole('dialog', { name: 'Change the permission of e2e-reader' });
  await change.getByRole('radio', { name: 'Manage' }).check();
  await change.getByRole('button', { name: 'Save' }).click();
  await expect(change).toBeHidden();
  await expect(table.getByRole('row').filter({ hasText: 'e2e-reader' })).toContainText('Manage');

  await page.getByRole('button', { name: 'Remove the permission of frank-web' }).click();
  const confirm = page.getByRole('dialog', { name: 'Remove the permission of frank-web?' });
  await expect(confirm).toContainText(`on the repository ${organization}/svc/api`);
  await confirm.getByRole('button', { name: 'Remove permission' }).click();
  await expect(confirm).toBeHidden();
  await expect(pusher).toHaveCount(0);
});

test("the console's own IAM user is listed but cannot be chosen, and says why", async ({
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
  const users = add.getByRole('group', { name: 'IAM user' });
  await users
    .getByRole('searchbox', { name: 'Search IAM users by name or ID' })
    .fill(access.self_auth.user_id);
  const self = users.getByRole('radio', { name: new RegExp(access.self_auth.user_name) });
  await expect(self).toBeDisabled();
  await expect(self).toHaveAccessibleName(/the console's own IAM user/);
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
