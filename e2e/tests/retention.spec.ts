/**
 * Retention: an operator previews a rule against a repository's real tags, saves it, and the tags
 * it marked are gone and logged; bad input is explained; a viewer reads but cannot change.
 */
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

const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString();

test('an operator previews a rule, saves it, and the tags it marked are deleted and logged', async ({
  page,
}) => {
  await useSession(page, 'operator');
  const api = consoleApi(page);
  const repository = unique('e2e-ret');
  await api.swr('POST', '/v2/manage/namespaces/platform/repos', {
    repository,
    is_public: false,
  });
  const pushes: [string, number][] = [
    ['release-1', 120],
    ['latest', 100],
    ['v1', 90],
    ['v2', 45],
    ['v3', 1],
  ];
  for (const [tag, age] of pushes) {
    await pushTag(page, { namespace: 'platform', repository, tag, created: daysAgo(age) });
  }

  await page.goto(`/cn-north-4/repositories/platform/${repository}/retention`);
  await expect(page.getByText('No retention policy')).toBeVisible();
  await page.getByRole('button', { name: 'Create policy' }).click();
  const editor = page.getByRole('region', { name: 'Create a retention policy' });
  await expect(editor.getByRole('note')).toContainText('as soon as it is saved');
  await editor.getByRole('radio', { name: /by age/ }).check();
  await editor.getByRole('spinbutton', { name: 'Days' }).fill('30');
  await editor.getByRole('button', { name: 'Add exception' }).click();
  await editor.getByRole('combobox', { name: 'Exception 2: kind' }).selectOption('regexp');
  await editor.getByRole('textbox', { name: 'Exception 2: pattern' }).fill('^release-');

  const preview = editor.getByRole('table', { name: /kept or deleted/ });
  const row = (tag: string) =>
    preview.getByRole('row').filter({ has: page.getByText(tag, { exact: true }) });
  await expect(row('v1')).toContainText('DeleteNot pushed in the last 30 days');
  await expect(row('v2')).toContainText('Delete');
  await expect(row('v3')).toContainText('KeepPushed within the last 30 days');
  await expect(row('latest')).toContainText('KeepAn exception: the tag latest');
  await expect(row('release-1')).toContainText('KeepAn exception: matches ^release-');
  await expect(editor.getByText('2 of 5 tags would be deleted; 3 kept.')).toBeVisible();
  await snapshotThemes(page, 'retention-editor');

  await editor.getByRole('button', { name: 'Save and delete 2 tags' }).click();
  const confirm = page.getByRole('dialog', { name: 'Save the policy and apply it now?' });
  await expect(confirm).toContainText(`2 tags of platform/${repository} are deleted right away`);
  await confirm.getByRole('button', { name: 'Save and delete' }).click();
  await expect(confirm).toBeHidden();
  await expect(editor).toBeHidden();
  await expect(
    page.getByRole('paragraph').filter({
      hasText:
        'Delete tags not pushed in the last 30 days, except the tag latest and tags matching ^release-.',
    }),
  ).toBeVisible();
  const logs = page.getByRole('table', { name: /Tags deleted by retention/ });
  await expect(logs.getByRole('row')).toHaveCount(3);
  await expect(logs).toContainText('v1');
  await expect(logs).toContainText('v2');
  await snapshotThemes(page, 'retention');

  const tags = (await api.swr(
    'GET',
    `/v2/manage/namespaces/platform/repos/${repository}/tags`,
  )) as { Tag: string }[];
  expect(tags.map((tag) => tag.Tag).sort()).toEqual(['latest', 'release-1', 'v3']);
});

test('a rule out of range or with a broken pattern is explained and cannot be saved', async ({
  page,
}) => {
  await useSession(page, 'operator');
  const repository = unique('e2e-ret-bad');
  await consoleApi(page).swr('POST', '/v2/manage/namespaces/platform/repos', {
    repository,
    is_public: false,
  });
  await page.goto(`/cn-north-4/repositories/platform/${repository}/retention`);
  await page.getByRole('button', { name: 'Create policy' }).click();
  const editor = page.getByRole('region', { name: 'Create a retention policy' });
  await editor.getByRole('radio', { name: /by age/ }).check();
  const days = editor.getByRole('spinbutton', { name: 'Days' });
  await days.fill('400');
  await expect(days).toHaveAttribute('aria-invalid', 'true');
  await expect(editor.getByText('Enter a whole number of days from 1 to 365.')).toBeVisible();
  await days.fill('30');
  await editor.getByRole('combobox', { name: 'Exception 1: kind' }).selectOption('regexp');
  await editor.getByRole('textbox', { name: 'Exception 1: pattern' }).fill('v(');
  await expect(editor.getByText('This is not a valid regular expression.')).toBeVisible();
  await editor.getByRole('button', { name: 'Save and apply' }).click();
  await expect(editor.getByRole('button', { name: 'Save and apply' })).toBeDisabled();
  await expect(page.getByRole('dialog')).toBeHidden();
  const policies = await consoleApi(page).swr(
    'GET',
    `/v2/manage/namespaces/platform/repos/${repository}/retentions`,
  );
  expect(policies).toEqual([]);
});

test('a viewer reads a policy and its logs but cannot change it, and is told why', async ({
  page,
}) => {
  await signIn(page, 'viewer', '/cn-north-4/repositories/platform/ci$runner/retention');
  await expect(
    page
      .getByRole('paragraph')
      .filter({ hasText: 'Keep the 20 most recent tags, except the tag latest.' }),
  ).toBeVisible();
  const edit = page.getByRole('button', { name: 'Edit policy' });
  await expect(edit).toBeDisabled();
  await expect(edit).toHaveAccessibleDescription('Needs the Operator role (you are Viewer).');
  await expect(page.getByRole('button', { name: 'Delete policy' })).toBeDisabled();
  await expect(page.getByRole('table', { name: /Tags deleted by retention/ })).toBeVisible();
});
