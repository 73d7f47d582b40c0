/** Organizations: an admin creates and deletes one; bad names and missing rights are refused. */
import {
  consoleApi,
  expect,
  signIn,
  snapshotThemes,
  test,
  unique,
  useSession,
} from '../support/fixtures';

test('an admin creates an organization and deletes it with its name typed', async ({ page }) => {
  await signIn(page, 'admin');
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Organizations' })
    .click();
  await expect(page.getByRole('table', { name: 'Organizations' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'payments' })).toBeVisible();
  await snapshotThemes(page, 'organizations');

  const name = unique('e2e-org');
  await page.getByRole('button', { name: 'Create organization' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create an organization' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('link', { name })).toBeVisible();

  await page.getByRole('button', { name: `Delete organization ${name}` }).click();
  const confirm = page.getByRole('dialog', { name: `Delete organization ${name}?` });
  await expect(confirm.getByRole('button', { name: 'Delete organization' })).toBeDisabled();
  await confirm.getByRole('textbox').fill(name);
  await confirm.getByRole('button', { name: 'Delete organization' }).click();
  await expect(page.getByRole('link', { name })).toBeHidden();
});

test('an invalid name is explained as it is typed, and a taken one by SWR', async ({ page }) => {
  await signIn(page, 'admin', '/cn-north-4/organizations');
  await page.getByRole('button', { name: 'Create organization' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create an organization' });
  const input = dialog.getByRole('textbox', { name: 'Name' });
  await input.fill('Has_Capitals');
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByRole('button', { name: 'Create' })).toBeDisabled();
  await input.fill('payments');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog.getByText('An organization with this name already exists')).toBeVisible();
  await expect(input).toHaveValue('payments');
});

test('a viewer sees organizations but cannot create or delete, and is told why', async ({
  page,
}) => {
  await signIn(page, 'viewer', '/cn-north-4/organizations');
  const create = page.getByRole('button', { name: 'Create organization' });
  await expect(create).toBeDisabled();
  await expect(create).toHaveAccessibleDescription('Needs the Admin role (you are Viewer).');
  await expect(page.getByRole('button', { name: 'Delete organization payments' })).toBeDisabled();
});

test('an organization seeded through the API shows up, and a non-empty one cannot be deleted', async ({
  page,
}) => {
  await useSession(page, 'admin');
  const api = consoleApi(page);
  const name = unique('e2e-full');
  await api.swr('POST', '/v2/manage/namespaces', { namespace: name });
  await api.swr('POST', `/v2/manage/namespaces/${name}/repos`, {
    repository: 'app',
    is_public: false,
  });
  await page.goto('/cn-north-4/organizations');
  const remove = page.getByRole('button', { name: `Delete organization ${name}` });
  await expect(remove).toBeDisabled();
  await expect(remove).toHaveAccessibleDescription(/still holds 1 repository/);
});
