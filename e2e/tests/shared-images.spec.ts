/**
 * Shared images: the partner's images shared with the demo account (valid and expired), this
 * account's shared images filtered and sorted on the server with the view in the URL, each
 * leading to its Sharing tab; an unusable filter is explained; a viewer can look, not change.
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

// Several steps, each through the whole stack: room for a loaded machine.
test.describe.configure({ timeout: 90_000 });

test('images shared with this account show their owner and whether the share is valid', async ({
  page,
}) => {
  await signIn(page, 'viewer');
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Shared images' })
    .click();
  const table = page.getByRole('table', { name: 'Images shared with this account' });
  const row = (name: string) => table.getByRole('row', { name: new RegExp(name) });
  await expect(row('sdk/builder')).toContainText('partner-corp');
  await expect(row('sdk/builder')).toContainText('Valid');
  await expect(row('legacy-sdk')).toContainText('Expired');
  await expect(
    row('analytics-agent').getByRole('button', {
      name: 'Copy the image address of partner-shared/analytics-agent',
    }),
  ).toBeVisible();
  await snapshotThemes(page, 'shared-images');

  await page.getByRole('button', { name: /^Image/ }).click();
  await expect(page).toHaveURL(/[?&]sort=name&dir=desc/);
  await expect(page.getByRole('columnheader', { name: /^Image/ })).toHaveAttribute(
    'aria-sort',
    'descending',
  );
  await expect(table.locator('tbody tr').first()).toContainText('sdk/builder');
});

test('images shared by this account are filtered on the server and lead to their Sharing tab', async ({
  page,
}) => {
  await useSession(page, 'admin');
  const api = consoleApi(page);
  const namespace = unique('e2e-shared');
  await api.swr('POST', '/v2/manage/namespaces', { namespace });
  for (const repository of ['alpha', 'beta/tools']) {
    await api.swr('POST', `/v2/manage/namespaces/${namespace}/repos`, {
      repository,
      is_public: false,
    });
    await api.swr(
      'POST',
      `/v2/manage/namespaces/${namespace}/repositories/${repository.replace('/', '$')}/access-domains`,
      { access_domain: 'partner-corp', permit: 'read', deadline: 'forever' },
    );
  }
  await page.goto('/cn-north-4/shared');
  await page.getByRole('button', { name: 'Shared by me' }).click();
  await expect(page).toHaveURL(/[?&]view=by-me/);
  await page.getByRole('searchbox', { name: 'Organization' }).fill(namespace);
  await expect(page).toHaveURL(new RegExp(`[?&]namespace=${namespace}`));
  const table = page.getByRole('table', { name: 'Images this account shares with others' });
  await expect(table.locator('tbody tr')).toHaveCount(2);
  await expect(page.getByText('1–2 of 2')).toBeVisible();

  await page.getByRole('searchbox', { name: 'Image name' }).fill('beta');
  await expect(table.locator('tbody tr')).toHaveCount(1);
  await page.reload();
  await expect(page.getByRole('searchbox', { name: 'Image name' })).toHaveValue('beta');
  await page.getByRole('link', { name: `Manage the sharing of ${namespace}/beta/tools` }).click();
  await expect(page).toHaveURL(`/cn-north-4/repositories/${namespace}/beta$tools/sharing`);
  await expect(
    page
      .getByRole('table', { name: `Accounts ${namespace}/beta/tools is shared with` })
      .getByRole('cell', { name: 'partner-corp', exact: true }),
  ).toBeVisible();
});

test('a filter SWR cannot take is explained, and a viewer cannot change shares', async ({
  page,
}) => {
  await signIn(page, 'viewer', '/cn-north-4/shared?view=by-me');
  const name = page.getByRole('searchbox', { name: 'Image name' });
  await name.fill('a|b');
  await expect(name).toHaveAccessibleDescription('A filter cannot contain “|”.');
  await expect(page).not.toHaveURL(/name=/);
  await name.fill('');
  await page.getByRole('link', { name: 'Manage the sharing of payments/payment-gateway' }).click();
  const share = page.getByRole('button', { name: 'Share with an account' });
  await expect(share).toBeDisabled();
  await expect(share).toHaveAccessibleDescription('Needs the Admin role (you are Viewer).');
});
