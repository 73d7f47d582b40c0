/**
 * Access against the whole stack: an admin sees who can reach a repository and why, with a
 * redundant grant flagged and listed for cleaning up, exports the lines as CSV and sees what one
 * IAM user can reach; a scoped operator sees only their organizations; a viewer reads it in
 * Chinese. The grants come from the BFF's fleet index (built in the background at start, and
 * re-read at once after a change through the console).
 */
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import {
  consoleApi,
  expect,
  signIn,
  snapshotThemes,
  test,
  unique,
  useSession,
} from '../support/fixtures';

/** The index of the demo account is built by a sweep at start; the first one takes a while. */
const FIRST_INDEX = 30_000;

/** IAM user ids (32 hexadecimal characters) of two users made up for this spec. */
const EDITOR_ID = 'e2eacce5500000000000000000000001';
const READER_ID = 'e2eacce5500000000000000000000002';

/**
 * Picks `name` in the combobox `label` once the index has it and waits until `locator` shows,
 * reading the index again each time: a change through the console reaches the index a moment
 * after SWR accepted it, and a built index is not polled.
 */
async function pickWhenIndexed(
  page: Page,
  label: string,
  name: string,
  locator: Locator,
): Promise<void> {
  const combobox = page.getByRole('combobox', { name: label });
  await expect(async () => {
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(page.getByRole('button', { name: 'Refresh' })).toBeEnabled();
    await combobox.fill('');
    await combobox.fill(name);
    await expect(locator).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: FIRST_INDEX });
}

test('an admin sees who can reach a repository and why, a redundant grant, the CSV and a user’s reach', async ({
  page,
}) => {
  test.slow();
  await useSession(page, 'admin');
  const api = consoleApi(page);
  const organization = unique('e2e-access');
  const editor = `${organization}-editor`;
  const reader = `${organization}-reader`;
  await api.swr('POST', '/v2/manage/namespaces', { namespace: organization });
  await api.swr('POST', `/v2/manage/namespaces/${organization}/repos`, {
    repository: 'svc',
    is_public: false,
  });
  await api.swr('POST', `/v2/manage/namespaces/${organization}/access`, [
    { user_id: EDITOR_ID, user_name: editor, auth: 3 },
  ]);
  // The editor's read on the repository adds nothing to the organization's edit: redundant.
  await api.swr('POST', `/v2/manage/namespaces/${organization}/repos/svc/access`, [
    { user_id: EDITOR_ID, user_name: editor, auth: 1 },
    { user_id: READER_ID, user_name: reader, auth: 1 },
  ]);

  await signIn(page, 'admin', '/cn-north-4/organizations');
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Access' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Access' })).toBeVisible();
  await expect(page.getByRole('radio', { name: 'By repository' })).toBeChecked();
  // The index may still be building: the summary shows when it is there.
  await expect(page.getByRole('region', { name: 'Summary' })).toBeVisible({ timeout: FIRST_INDEX });

  const name = `${organization}/svc`;
  const table = page.getByRole('table', { name: `Who can reach ${name}` });
  const editorRow = table.getByRole('row').filter({ hasText: editor });
  await pickWhenIndexed(page, 'Repository', name, editorRow);
  await expect(page).toHaveURL(
    new RegExp(`/cn-north-4/access\\?repository=${encodeURIComponent(name)}$`),
  );
  await expect(editorRow.getByRole('cell')).toHaveText([
    editor,
    'Edit',
    'organization grant: Edit; repository grant: Read',
    /^Redundant\s*The organization grant already gives Edit/,
  ]);
  await expect(table.getByRole('row').filter({ hasText: reader }).getByRole('cell')).toHaveText([
    reader,
    'Read',
    'repository grant: Read',
    'No',
  ]);
  await expect(
    page.getByRole('link', { name: `Permissions of ${name} in cn-north-4` }),
  ).toHaveAttribute('href', `/cn-north-4/repositories/${organization}/svc/permissions`);
  await expect(
    page.getByRole('link', { name: `Organization ${organization} in cn-north-4` }),
  ).toHaveAttribute('href', `/cn-north-4/organizations/${organization}?tab=permissions`);
  await expect(
    page.getByRole('region', { name: 'How fresh the index is' }).getByText(/^indexed /),
  ).toBeVisible();

  // The region's redundant grants, for cleaning up: this one among them.
  await page.getByRole('button', { name: 'Show redundant grants' }).click();
  const redundant = page.getByRole('list', { name: 'Redundant grants' });
  const cleanup = redundant.getByRole('link', { name: `Remove ${editor}'s grant on ${name}` });
  await expect(cleanup).toHaveAttribute(
    'href',
    `/cn-north-4/repositories/${organization}/svc/permissions`,
  );
  await snapshotThemes(page, 'access');

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(
    new RegExp(`^swr-access-cn-north-4-${organization}-svc-\\d{8}T\\d{6}Z\\.csv$`),
  );
  const csv = (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '');
  expect(csv.split('\r\n').filter((line) => line !== '')).toEqual([
    'Region,Organization,Repository,IAM user,Permission,Why,Redundant',
    `cn-north-4,${organization},svc,${editor},Edit,organization grant: Edit; repository grant: Read,` +
      'The organization grant already gives Edit: this repository grant adds nothing.',
    `cn-north-4,${organization},svc,${reader},Read,repository grant: Read,`,
  ]);

  // Everything the editor reaches: the organization (its one repository), and the redundant read.
  await page.getByRole('radio', { name: 'By user' }).click();
  await page.getByRole('combobox', { name: 'IAM user' }).fill(editor);
  await expect(page).toHaveURL(/[?&]user=/);
  const group = page.getByRole('region', { name: `${organization} in cn-north-4` });
  await expect(group.getByText('Repositories reached: Edit 1')).toBeVisible();
  await expect(group.getByRole('row')).toHaveCount(3);
  await expect(
    group.getByRole('row').filter({ hasText: 'The organization: its 1 repository' }),
  ).toContainText('organization grant: Edit');

  // The way to clean up: the repository's Permissions tab, where the admin removes the grant.
  await group.getByRole('link', { name: 'svc', exact: true }).click();
  await expect(page).toHaveURL(`/cn-north-4/repositories/${organization}/svc/permissions`);
  await expect(
    page
      .getByRole('table', { name: `IAM users with a permission on ${name}` })
      .getByRole('row')
      .filter({ hasText: editor }),
  ).toContainText('Read');
});

test('a scoped operator sees the access of their organizations only', async ({ page }) => {
  await signIn(page, 'scopedOperator', '/cn-north-4/access?repository=payments/payment-gateway');
  const table = page.getByRole('table', { name: 'Who can reach payments/payment-gateway' });
  // The demo account: carol-sec reads payments and edits its payment-gateway.
  await expect(table.getByRole('row').filter({ hasText: 'carol-sec' })).toBeVisible({
    timeout: FIRST_INDEX,
  });
  await expect(
    table.getByRole('row').filter({ hasText: 'carol-sec' }).getByRole('cell'),
  ).toHaveText(['carol-sec', 'Edit', 'organization grant: Read; repository grant: Edit', 'No']);
  // The repositories to pick from are the operator's payments* only.
  const combobox = page.getByRole('combobox', { name: 'Repository' });
  const options = await page
    .locator(`datalist[id="${(await combobox.getAttribute('list')) ?? ''}"] option`)
    .evaluateAll((nodes) => nodes.map((node) => (node as HTMLOptionElement).value));
  expect(options).toContain('payments/payment-gateway');
  expect(options.every((option) => option.startsWith('payments'))).toBe(true);
});

test.describe('in Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('a viewer sees everything an IAM user can reach, by organization', async ({ page }) => {
    await signIn(page, 'viewer', '/cn-north-4/access?user=carol-sec');
    await expect(page.getByRole('heading', { level: 1, name: '访问权限' })).toBeVisible();
    await expect(page.getByRole('radio', { name: '按用户' })).toBeChecked();
    const payments = page.getByRole('region', { name: 'cn-north-4 的 payments' });
    await expect(payments).toBeVisible({ timeout: FIRST_INDEX });
    await expect(
      payments.getByRole('row').filter({ hasText: 'payment-gateway' }).getByRole('cell'),
    ).toHaveText(['payment-gateway', '编辑', '组织权限：只读; 镜像仓库权限：编辑', '否']);
    await expect(page.getByRole('region', { name: 'cn-north-4 的 security-tools' })).toContainText(
      '组织权限：管理',
    );
  });
});
