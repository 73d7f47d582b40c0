/**
 * A repository's Tags tab against the emulator: paging, sorting and filtering on the server (all in
 * the URL), copying a pull command, deleting one tag and several with a summary of what failed, a
 * large page that renders only the rows in view, and a viewer who may look but not delete.
 */
import type { Page } from '@playwright/test';
import {
  consoleApi,
  expect as baseExpect,
  pushTag,
  sessionRequest,
  snapshotThemes,
  test,
  unique,
  useSession,
  type Requester,
} from '../support/fixtures';
import { E2E_ORIGIN } from '../support/origin';

// Every test seeds through the API and signed pushes before it looks at a page; on a busy machine
// (several e2e runs at once) that, and each page load, takes a while.
test.describe.configure({ timeout: 180_000 });
const expect = baseExpect.configure({ timeout: 30_000 });

const REPOSITORY = 'svc/api';
const DAY = 86_400_000;

/** An organization with one repository (its name has a `/`, which travels as `$` in URLs). */
async function seedRepository(page: Requester): Promise<string> {
  const namespace = unique('e2e-tags');
  const api = consoleApi(page);
  await api.swr('POST', '/v2/manage/namespaces', { namespace });
  await api.swr('POST', `/v2/manage/namespaces/${namespace}/repos`, {
    repository: REPOSITORY,
    is_public: false,
  });
  return namespace;
}

/** Pushes `t-01` … `t-<count>`, a day apart and long ago, the highest number the newest. */
async function pushTags(page: Requester, namespace: string, count: number): Promise<void> {
  const start = Date.UTC(2025, 0, 1);
  const names = Array.from({ length: count }, (_, index) => index + 1);
  // A few pushes at a time, so the order of their times is the order of their numbers.
  for (let first = 0; first < names.length; first += 10) {
    await Promise.all(
      names.slice(first, first + 10).map((number) =>
        pushTag(page, {
          namespace,
          repository: REPOSITORY,
          tag: `t-${String(number).padStart(String(count).length, '0')}`,
          size: 20_000_000 + number,
          created: new Date(start + number * DAY).toISOString(),
        }),
      ),
    );
  }
}

function tagsUrl(namespace: string, query = ''): string {
  return `/cn-north-4/repositories/${namespace}/svc$api/tags${query}`;
}

function firstTagCell(page: Page) {
  return page.getByRole('table').getByRole('row').nth(1).getByRole('cell').nth(1);
}

test('an admin pages, sorts and filters tags on the server, all in the URL', async ({ page }) => {
  await useSession(page, 'admin');
  const namespace = await seedRepository(page);
  await pushTags(page, namespace, 30);

  await page.goto(tagsUrl(namespace));
  const table = page.getByRole('table', { name: `Tags of ${namespace}/${REPOSITORY}` });
  await expect(table.getByRole('row')).toHaveCount(21);
  await expect(firstTagCell(page)).toHaveText('t-30');
  await expect(page.getByText('1–20 of 30')).toBeVisible();
  await snapshotThemes(page, 'repository-tags');

  // Paging on the server, in the URL.
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page).toHaveURL(/\?offset=20$/);
  await expect(table.getByRole('row')).toHaveCount(11);
  await expect(firstTagCell(page)).toHaveText('t-10');
  await expect(page.getByText('21–30 of 30')).toBeVisible();

  // Sorting by name (from the first page), both ways.
  await table.getByRole('button', { name: /^Tag/ }).click();
  await expect(page).toHaveURL(/\?sort=tag&order=desc$/);
  await expect(firstTagCell(page)).toHaveText('t-30');
  await table.getByRole('button', { name: /^Tag/ }).click();
  await expect(page).toHaveURL(/\?sort=tag&order=asc$/);
  await expect(firstTagCell(page)).toHaveText('t-01');
  await expect(table.getByRole('columnheader', { name: /^Tag/ })).toHaveAttribute(
    'aria-sort',
    'ascending',
  );

  // Filtering on the server; the link reloads to the same view.
  await page.getByRole('searchbox', { name: 'Filter tags' }).fill('t-2');
  await expect(page).toHaveURL(/q=t-2/);
  const filtered = page.getByRole('table', {
    name: `Tags of ${namespace}/${REPOSITORY} matching “t-2”`,
  });
  await expect(filtered.getByRole('row')).toHaveCount(11);
  await page.reload();
  await expect(filtered.getByRole('row')).toHaveCount(11);
  await expect(firstTagCell(page)).toHaveText('t-20');
  await expect(page.getByRole('searchbox', { name: 'Filter tags' })).toHaveValue('t-2');
  await page.getByRole('searchbox', { name: 'Filter tags' }).fill('no-such-tag');
  await expect(page.getByText('No tag matches “no-such-tag”.')).toBeVisible();
});

test('copies the pull command of a tag for each client', async ({ page }) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: E2E_ORIGIN,
  });
  await useSession(page, 'admin');
  const namespace = await seedRepository(page);
  await pushTags(page, namespace, 2);
  const repository = (await consoleApi(page).swr(
    'GET',
    `/v2/manage/namespaces/${namespace}/repos/svc$api`,
  )) as { path: string };
  const reference = `${repository.path}:t-2`;
  // The region's registry host is the emulator's front door (e2e/support/stack.ts).
  expect(reference).toMatch(new RegExp(`^127\\.0\\.0\\.1:\\d+/${namespace}/svc/api:t-2$`));

  await page.goto(tagsUrl(namespace));
  const open = page.getByRole('button', { name: 'Pull commands for tag t-2' });
  await open.click();
  const pull = page.getByRole('dialog', { name: 'Pull t-2' });
  await expect(pull.getByText(`podman pull ${reference}`)).toBeVisible();
  await expect(pull.getByText(`nerdctl pull ${reference}`)).toBeVisible();
  await expect(pull.getByText(`ctr image pull ${reference}`)).toBeVisible();
  await pull.getByRole('button', { name: 'Copy the Docker pull command' }).click();
  await expect(pull.getByRole('button', { name: 'Copy the Docker pull command' })).toHaveText(
    'Copied',
  );
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
    `docker pull ${reference}`,
  );
  await pull.getByRole('button', { name: 'Copy the containerd (ctr) pull command' }).click();
  await expect
    .poll(() => page.evaluate(() => navigator.clipboard.readText()))
    .toBe(`ctr image pull ${reference}`);
  await snapshotThemes(page, 'repository-tags-pull');
  await page.keyboard.press('Escape');
  await expect(pull).toBeHidden();
  await expect(open).toBeFocused();
});

test('deletes one tag, then several with a summary of what failed', async ({ page }) => {
  await useSession(page, 'admin');
  const namespace = await seedRepository(page);
  await pushTags(page, namespace, 6);
  const api = consoleApi(page);

  await page.goto(tagsUrl(namespace));
  const table = page.getByRole('table', { name: `Tags of ${namespace}/${REPOSITORY}` });
  await expect(table.getByRole('row')).toHaveCount(7);

  // One tag, after a red confirmation that states the effect.
  await page.getByRole('button', { name: 'Delete tag t-6' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete tag t-6?' });
  await expect(confirm).toContainText(`/${namespace}/svc/api:t-6 fails from now on`);
  await confirm.getByRole('button', { name: 'Delete tag' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole('button', { name: 'Delete tag t-6' })).toBeHidden();
  await expect(table.getByRole('row')).toHaveCount(6);

  // Several: one of them disappears behind the console's back, and its delete fails.
  for (const name of ['t-2', 't-3', 't-4']) {
    await page.getByRole('checkbox', { name: `Select tag ${name}` }).check();
  }
  await expect(page.getByText('3 tags selected')).toBeVisible();
  await api.swr('DELETE', `/v2/manage/namespaces/${namespace}/repos/svc$api/tags/t-3`);
  await page.getByRole('button', { name: 'Delete 3 tags' }).click();
  const bulk = page.getByRole('dialog', { name: 'Delete 3 tags?' });
  await expect(bulk.getByRole('list', { name: 'Tags to delete' })).toHaveText(/t-2\s*t-3\s*t-4/);
  await bulk.getByRole('button', { name: 'Delete 3 tags' }).click();
  const summary = page.getByRole('dialog', { name: 'Deletion finished' });
  await expect(summary).toContainText('Deleted: 2 · Failed: 1 · Not attempted: 0');
  await expect(summary.getByRole('list', { name: 'Failed (1)' })).toContainText(
    't-3: The tag does not exist.',
  );
  await expect(summary.getByRole('list', { name: 'Deleted (2)' })).toHaveText(/t-2\s*t-4/);
  await snapshotThemes(page, 'repository-tags-bulk-summary');
  await summary.getByRole('button', { name: 'Done' }).click();
  await expect(summary).toBeHidden();
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(page.getByText('1–2 of 2')).toBeVisible();
  // The failed tag stays selected; it is gone, so nothing on the page shows it.
  await expect(page.getByText('1 tag selected')).toBeVisible();
});

test('a page of 500 renders only the rows in view and scrolls by keyboard', async ({ page }) => {
  await useSession(page, 'admin');
  const namespace = await seedRepository(page);
  await pushTags(page, namespace, 150);
  await page.goto(tagsUrl(namespace));
  await page.getByRole('combobox', { name: 'Per page' }).selectOption('500');
  await expect(page).toHaveURL(/\?limit=500$/);
  const region = page.getByRole('region', {
    name: `Tags of ${namespace}/${REPOSITORY}, scrollable`,
  });
  const table = region.getByRole('table');
  await expect(table).toHaveAttribute('aria-rowcount', '151');
  await expect(firstTagCell(page)).toHaveText('t-150');
  const rendered = await table.locator('tbody tr[aria-rowindex]').count();
  expect(rendered).toBeGreaterThan(5);
  expect(rendered).toBeLessThan(60);
  // Rows keep the height the virtualizer places them by.
  const heights = await table
    .locator('tbody tr[aria-rowindex]')
    .evaluateAll((rows) => rows.map((row) => row.getBoundingClientRect().height));
  expect(new Set(heights)).toEqual(new Set([48]));

  // The keys scroll the region only once it overflows (the virtualizer sizes it after a render).
  await expect
    .poll(() => region.evaluate((element) => element.scrollHeight > element.clientHeight))
    .toBe(true);
  await region.focus();
  await expect(region).toBeFocused();
  await page.keyboard.press('End');
  const last = table.getByRole('row').filter({ hasText: 't-001' });
  await expect(last).toBeVisible();
  await expect(last).toHaveAttribute('aria-rowindex', '151');
  expect(await table.locator('tbody tr[aria-rowindex]').count()).toBeLessThan(60);
  await expect(table.getByRole('row').filter({ hasText: 't-150' })).toHaveCount(0);
  await page.keyboard.press('Home');
  await expect(table.getByRole('row').filter({ hasText: 't-150' })).toBeVisible();
});

test('a new repository explains how to push its first image', async ({ page }) => {
  await useSession(page, 'admin');
  const namespace = await seedRepository(page);
  await page.goto(tagsUrl(namespace));
  await expect(page.getByText('No tags yet')).toBeVisible();
  await expect(page.getByText(/^docker push \S+\/svc\/api:latest$/)).toBeVisible();
  await snapshotThemes(page, 'repository-tags-empty');
});

test('a viewer sees the tags but cannot delete them, and is told why', async ({ page }) => {
  // An admin seeds what a viewer may not, through the API alone.
  const admin = await sessionRequest('admin');
  const namespace = await seedRepository({ request: admin });
  await pushTags({ request: admin }, namespace, 3);
  await admin.dispose();
  await useSession(page, 'viewer');

  await page.goto(tagsUrl(namespace));
  const reason = 'Needs the Operator role (you are Viewer).';
  const remove = page.getByRole('button', { name: 'Delete tag t-3' });
  await expect(remove).toBeDisabled();
  await expect(remove).toHaveAccessibleDescription(reason);
  await expect(page.getByRole('checkbox', { name: 'Select tag t-3' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Delete selected' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Delete selected' })).toHaveAccessibleDescription(
    reason,
  );
  await expect(page.getByRole('button', { name: 'Pull commands for tag t-3' })).toBeEnabled();

  // The console refuses the call itself, whatever the page shows.
  const refused = await page.request.delete(
    `/api/swr/cn-north-4/v2/manage/namespaces/${namespace}/repos/svc$api/tags/t-3`,
    { headers: { 'X-CSRF': '1', Origin: E2E_ORIGIN } },
  );
  expect(refused.status()).toBe(403);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Delete tag t-3' })).toBeVisible();
});
