/**
 * Repositories: every organization's repositories, paged, filtered and sorted by SWR with the view
 * in the URL; create (name checked as typed), edit attributes, delete with the name typed; a
 * viewer's missing rights.
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

test('the list pages, filters and sorts on the server, with the view in the URL', async ({
  page,
}) => {
  await signIn(page, 'admin');
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Repositories' })
    .click();
  const table = page.getByRole('table', { name: 'Repositories' });
  await expect(table).toBeVisible();
  await expect(page.getByText(/^1–20 of \d+$/)).toBeVisible();
  await snapshotThemes(page, 'repositories');

  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText(/^21–40 of \d+$/)).toBeVisible();
  await expect(page).toHaveURL(/[?&]offset=20/);

  await page.getByRole('combobox', { name: 'Organization' }).selectOption('payments');
  await expect(page).toHaveURL(/[?&]org=payments/);
  await expect(page).not.toHaveURL(/offset=/);
  await expect(page.getByText(/^1–\d+ of \d+$/)).toBeVisible();
  // Wait for SWR's answer, not for time: every row is then a payments repository.
  const organizations = table.locator('tbody tr td:nth-child(2)');
  await expect
    .poll(async () => [...new Set(await organizations.allTextContents())])
    .toEqual(['payments']);

  await page.getByRole('button', { name: /^Name/ }).click();
  await expect(page).toHaveURL(/[?&]sort=name&dir=desc/);
  await page.getByRole('button', { name: /^Name/ }).click();
  await expect(page).toHaveURL(/[?&]sort=name&dir=asc/);
  await expect(page.getByRole('columnheader', { name: /^Name/ })).toHaveAttribute(
    'aria-sort',
    'ascending',
  );
  const names = table.locator('tbody tr td:first-child a');
  await expect
    .poll(async () => {
      const shown = await names.allTextContents();
      return shown.length > 1 && shown.join() === [...shown].sort().join();
    })
    .toBe(true);

  // The view is a link: reloading keeps it.
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Organization' })).toHaveValue('payments');
  await expect(page.getByRole('columnheader', { name: /^Name/ })).toHaveAttribute(
    'aria-sort',
    'ascending',
  );
});

test('an admin creates, edits and deletes a repository', async ({ page }) => {
  await useSession(page, 'admin');
  const organization = unique('e2e-repos');
  await consoleApi(page).swr('POST', '/v2/manage/namespaces', { namespace: organization });
  await page.goto('/cn-north-4/repositories');

  await page.getByRole('button', { name: 'Create repository' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create a repository' });
  await dialog.getByRole('combobox', { name: 'Organization' }).selectOption(organization);
  const name = dialog.getByRole('textbox', { name: 'Name' });
  await name.fill('Team App');
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByRole('button', { name: 'Create' })).toBeDisabled();
  await snapshotThemes(page, 'repositories-create');
  await name.fill('team/app');
  await expect(name).not.toHaveAttribute('aria-invalid');
  await dialog.getByRole('combobox', { name: 'Category' }).selectOption('lang');
  await dialog.getByRole('textbox', { name: 'Description' }).fill('The team app');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`Repository ${organization}/team/app created.`)).toBeVisible();

  await page.getByRole('combobox', { name: 'Organization' }).selectOption(organization);
  const row = page.getByRole('row').filter({ hasText: 'team/app' });
  await expect(row).toContainText('Language runtime');
  await expect(row).toContainText('Private');
  await expect(row.getByRole('link', { name: 'team/app' })).toHaveAttribute(
    'href',
    `/cn-north-4/repositories/${organization}/team$app/tags`,
  );

  await page.getByRole('button', { name: `Edit repository ${organization}/team/app` }).click();
  const edit = page.getByRole('dialog', { name: `Edit ${organization}/team/app` });
  await edit.getByRole('radio', { name: 'Public' }).check();
  await edit.getByRole('combobox', { name: 'Category' }).selectOption('database');
  await edit.getByRole('textbox', { name: 'Description' }).fill('Now public');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toBeHidden();
  await expect(row).toContainText('Public');
  await expect(row).toContainText('Database');
  await expect(row).toContainText('Now public');

  await page.getByRole('button', { name: `Delete repository ${organization}/team/app` }).click();
  const confirm = page.getByRole('dialog', { name: `Delete repository ${organization}/team/app?` });
  await expect(confirm).toContainText('all its 0 tags');
  const remove = confirm.getByRole('button', { name: 'Delete repository' });
  await expect(remove).toBeDisabled();
  await confirm.getByRole('textbox').fill(`${organization}/team/app`);
  await remove.click();
  await expect(confirm).toBeHidden();
  await expect(page.getByText('No repository matches these filters.')).toBeVisible();
});

test('a taken name is reported by SWR next to the field, keeping the input', async ({ page }) => {
  await signIn(page, 'operator', '/cn-north-4/repositories');
  await page.getByRole('button', { name: 'Create repository' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create a repository' });
  await dialog.getByRole('combobox', { name: 'Organization' }).selectOption('payments');
  const name = dialog.getByRole('textbox', { name: 'Name' });
  // The demo account's payments organization holds payment-gateway.
  await name.fill('payment-gateway');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(name).toHaveAccessibleDescription(/already exists in the organization/);
  await expect(name).toHaveValue('payment-gateway');
});

test('a viewer sees repositories but cannot change them, and is told why', async ({ page }) => {
  await signIn(page, 'viewer', '/cn-north-4/repositories?org=payments');
  const create = page.getByRole('button', { name: 'Create repository' });
  await expect(create).toBeDisabled();
  await expect(create).toHaveAccessibleDescription('Needs the Operator role (you are Viewer).');
  const edit = page.getByRole('button', { name: /^Edit repository payments\// }).first();
  await expect(edit).toBeDisabled();
  await expect(edit).toHaveAccessibleDescription('Needs the Operator role (you are Viewer).');
  const remove = page.getByRole('button', { name: /^Delete repository payments\// }).first();
  await expect(remove).toBeDisabled();
  await expect(remove).toHaveAccessibleDescription('Needs the Admin role (you are Viewer).');
});

test('fits a 1024 px wide laptop screen', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await signIn(page, 'viewer', '/cn-north-4/repositories');
  await expect(page.getByRole('table', { name: 'Repositories' })).toBeVisible();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await snapshotThemes(page, 'repositories-1024');
});
