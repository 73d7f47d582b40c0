/**
 * Protected tags (`PROTECTED_TAGS=latest`, set for the whole e2e stack): the Tags tab marks
 * `latest`, will not delete it and leaves it out of a bulk delete, and the BFF refuses it too; the
 * retention editor warns that SWR's own retention deletes it all the same, and excludes it on
 * request.
 */
import {
  consoleApi,
  expect as baseExpect,
  pushTag,
  snapshotThemes,
  test,
  unique,
  useSession,
} from '../support/fixtures';
import { E2E_ORIGIN } from '../support/origin';

// Seeding through the API and signed pushes takes a while on a busy machine.
test.describe.configure({ timeout: 180_000 });
const expect = baseExpect.configure({ timeout: 30_000 });

const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString();
const PROTECTED =
  "Protected by the console's configuration (pattern latest): it cannot be deleted here.";

test('latest is marked Protected and cannot be deleted, alone or in a bulk delete', async ({
  page,
}) => {
  await useSession(page, 'admin');
  const api = consoleApi(page);
  const namespace = unique('e2e-protected');
  await api.swr('POST', '/v2/manage/namespaces', { namespace });
  await api.swr('POST', `/v2/manage/namespaces/${namespace}/repos`, {
    repository: 'app',
    is_public: false,
  });
  for (const [tag, age] of [
    ['v1', 3],
    ['latest', 2],
    ['v2', 1],
  ] as const) {
    await pushTag(page, { namespace, repository: 'app', tag, created: daysAgo(age) });
  }

  await page.goto(`/cn-north-4/repositories/${namespace}/app/tags`);
  const table = page.getByRole('table', { name: `Tags of ${namespace}/app` });
  const latest = table.getByRole('row').filter({ hasText: 'latest' });
  await expect(latest.getByTitle('Matches the protected pattern latest')).toHaveText('Protected');
  await expect(table.getByText('Protected', { exact: true })).toHaveCount(1);
  const remove = page.getByRole('button', { name: 'Delete tag latest' });
  await expect(remove).toBeDisabled();
  await expect(remove).toHaveAccessibleDescription(PROTECTED);
  await expect(page.getByRole('checkbox', { name: 'Select tag latest' })).toBeDisabled();

  // A whole page is every tag but the protected one; the deletion says it left one out.
  await page.getByRole('checkbox', { name: 'Select all tags on this page' }).check();
  await expect(page.getByText('2 tags selected')).toBeVisible();
  await page.getByRole('button', { name: 'Delete 2 tags' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete 2 tags?' });
  await expect(dialog.getByRole('status')).toHaveText(
    '1 protected tag is left out: the console does not delete protected tags.',
  );
  await expect(dialog.getByRole('list', { name: 'Tags to delete' })).toHaveText(/^v1\s*v2$/);
  // Checked with the pointer on the dialog's danger button: its hover colour keeps its contrast,
  // and no colour is ever half-way between two (a check that ran mid-transition saw 4.5:1 fail).
  const confirm = dialog.getByRole('button', { name: 'Delete 2 tags' });
  await confirm.hover();
  expect(await confirm.evaluate((button) => getComputedStyle(button).transitionProperty)).toMatch(
    /^(?:none|all)$/,
  );
  expect(await confirm.evaluate((button) => getComputedStyle(button).transitionDuration)).toBe(
    '0s',
  );
  await snapshotThemes(page, 'repository-tags-protected');
  await dialog.getByRole('button', { name: 'Delete 2 tags' }).click();
  const summary = page.getByRole('dialog', { name: 'Deletion finished' });
  await expect(summary.getByRole('status')).toHaveText('Deleted: 2 · Failed: 0 · Not attempted: 0');
  await summary.getByRole('button', { name: 'Done' }).click();
  await expect(table.getByRole('row')).toHaveCount(2);

  // The BFF refuses it whoever asks, and SWR keeps it.
  const refused = await page.request.fetch(
    `/api/swr/cn-north-4/v2/manage/namespaces/${namespace}/repos/app/tags/latest`,
    { method: 'DELETE', headers: { 'X-CSRF': '1', Origin: E2E_ORIGIN } },
  );
  expect(refused.status()).toBe(409);
  expect(((await refused.json()) as { code: string }).code).toBe('tag_protected');
  const tags = (await api.swr('GET', `/v2/manage/namespaces/${namespace}/repos/app/tags`)) as {
    Tag: string;
  }[];
  expect(tags.map((tag) => tag.Tag)).toEqual(['latest']);
});

test('the retention editor warns that SWR deletes latest all the same, and excludes it', async ({
  page,
}) => {
  await useSession(page, 'operator');
  const api = consoleApi(page);
  const repository = unique('e2e-ret-protected');
  await api.swr('POST', '/v2/manage/namespaces/platform/repos', { repository, is_public: false });
  for (const [tag, age] of [
    ['latest', 100],
    ['v1', 90],
    ['v2', 1],
  ] as const) {
    await pushTag(page, { namespace: 'platform', repository, tag, created: daysAgo(age) });
  }

  await page.goto(`/cn-north-4/repositories/platform/${repository}/retention`);
  await page.getByRole('button', { name: 'Create policy' }).click();
  const editor = page.getByRole('region', { name: 'Create a retention policy' });
  await editor.getByRole('radio', { name: /by age/ }).check();
  await editor.getByRole('spinbutton', { name: 'Days' }).fill('30');
  await expect(editor.getByText('1 of 3 tags would be deleted; 2 kept.')).toBeVisible();
  // The new policy's default exception keeps latest: no warning until it is removed.
  await expect(editor.getByRole('note', { name: /protected tag/ })).toBeHidden();
  await editor.getByRole('button', { name: 'Remove exception 1' }).click();
  await expect(editor.getByText('2 of 3 tags would be deleted; 1 kept.')).toBeVisible();

  const warning = editor.getByRole('note', { name: '1 protected tag would be deleted:' });
  await expect(warning).toContainText('latest');
  await expect(warning).toContainText(
    "SWR applies retention itself and does not know the console's protection",
  );
  await snapshotThemes(page, 'retention-editor-protected');

  await warning.getByRole('button', { name: 'Exclude protected tags' }).click();
  await expect(editor.getByRole('textbox', { name: 'Exception 1: tag' })).toHaveValue('latest');
  await expect(warning).toBeHidden();
  await expect(editor.getByText('1 of 3 tags would be deleted; 2 kept.')).toBeVisible();
  // Nothing was saved: SWR has no policy for it yet.
  expect(
    await api.swr('GET', `/v2/manage/namespaces/platform/repos/${repository}/retentions`),
  ).toEqual([]);
});
