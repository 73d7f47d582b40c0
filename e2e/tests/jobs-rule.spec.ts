/**
 * A clean-up by rule that reaches past the page in view (issue 16), against the whole stack: an
 * operator opens a repository's Tags tab (more tags than one page holds), follows "Clean up by
 * rule…" to the Jobs page's form with the repository already chosen, previews a name pattern that
 * matches tags of every page, confirms by typing the count, watches the job's progress and cancels
 * it while it runs (some tags are left), resumes it with the count of the tags left, watches it
 * finish (none of the rule's tags left in SWR), and downloads the CSV of what it deleted: one row
 * per tag, each once.
 *
 * Its own organization and tags (pushed at the emulator, as CI would), so no other spec's data is
 * touched; the job runs at the stack's pace of jobs (5 SWR calls a second), so it is still running
 * when Cancel is clicked.
 */
import { readFile } from 'node:fs/promises';
import {
  consoleApi,
  expect as baseExpect,
  pushTag,
  sessionRequest,
  signIn,
  test,
  unique,
  type Requester,
} from '../support/fixtures';

// Seeding over a hundred pushes, then a paced job: a while on a busy machine.
test.describe.configure({ timeout: 240_000 });
const expect = baseExpect.configure({ timeout: 30_000 });

/** A repository whose name has a `/`: it travels as `$` in the tab's URL, encoded in the link's. */
const REPOSITORY = 'svc/api';
/** The tags the rule matches: six pages of the Tags tab (20 a page), seconds of the job's pace. */
const SWEPT = 120;
const DAY = 86_400_000;

/** An organization (the admin makes it) with `sweep-001` … `sweep-120`, and `v1`, `v2` after them. */
async function seed(admin: Requester): Promise<string> {
  const namespace = unique('e2e-rule');
  const api = consoleApi(admin);
  await api.swr('POST', '/v2/manage/namespaces', { namespace });
  await api.swr('POST', `/v2/manage/namespaces/${namespace}/repos`, {
    repository: REPOSITORY,
    is_public: false,
  });
  const names = [
    ...Array.from({ length: SWEPT }, (_, index) => `sweep-${String(index + 1).padStart(3, '0')}`),
    'v1',
    'v2',
  ];
  const start = Date.UTC(2025, 0, 1);
  for (let first = 0; first < names.length; first += 10) {
    await Promise.all(
      names.slice(first, first + 10).map((tag, offset) =>
        pushTag(admin, {
          namespace,
          repository: REPOSITORY,
          tag,
          created: new Date(start + (first + offset) * DAY).toISOString(),
        }),
      ),
    );
  }
  return namespace;
}

test('an operator cleans up by rule from the Tags tab across pages, cancels the job while it runs, resumes it and downloads what it deleted', async ({
  page,
}) => {
  const admin = await sessionRequest('admin');
  const namespace = await seed({ request: admin }).finally(() => admin.dispose());
  const fullName = `${namespace}/${REPOSITORY}`;
  const total = SWEPT + 2;

  // The Tags tab shows a page of 20; the rule will reach every page.
  await signIn(page, 'operator', `/cn-north-4/repositories/${namespace}/svc$api/tags`);
  const table = page.getByRole('table', { name: `Tags of ${fullName}` });
  await expect(table.getByRole('row')).toHaveCount(21);
  await expect(page.getByText(`1–20 of ${String(total)}`)).toBeVisible();
  await page.getByRole('link', { name: 'Clean up by rule…' }).click();

  await expect(page).toHaveURL(`/cn-north-4/jobs?new=1&repository=${encodeURIComponent(fullName)}`);
  const form = page.getByRole('region', { name: 'New tag clean-up' });
  await expect(form.getByText('1 repository chosen')).toBeVisible();
  await expect(form.getByRole('button', { name: `Remove ${fullName}` })).toBeVisible();

  await form.getByRole('textbox', { name: 'Tag name pattern' }).fill('sweep-*');
  await form.getByRole('button', { name: 'Preview' }).click();
  await expect(form.getByRole('status').filter({ hasText: /will be deleted/ })).toHaveText(
    `${String(SWEPT)} tags will be deleted in 1 repository; 0 kept.`,
  );
  // The preview lists them 50 a page.
  const deleted = form.getByRole('table', { name: 'Tags to delete' });
  await expect(deleted.getByRole('row')).toHaveCount(51);
  await expect(deleted.getByRole('row').nth(1).getByRole('cell').nth(1)).toHaveText(
    /^sweep-\d{3}$/,
  );

  await form.getByRole('button', { name: `Delete ${String(SWEPT)} tags…` }).click();
  const confirm = page.getByRole('dialog', { name: `Delete ${String(SWEPT)} tags?` });
  const start = confirm.getByRole('button', { name: `Start: delete ${String(SWEPT)} tags` });
  await expect(start).toBeDisabled();
  await confirm
    .getByRole('textbox', { name: `Type ${String(SWEPT)} to confirm` })
    .fill(String(SWEPT));
  await start.click();

  // The job's page, while the job runs: cancel it.
  await expect(page).toHaveURL(/\/cn-north-4\/jobs\/[0-9A-Z]{26}$/);
  await expect(
    page.getByRole('heading', { level: 1, name: `Tag clean-up of ${fullName}` }),
  ).toBeVisible();
  const progress = page.getByRole('region', { name: 'Progress' });
  await expect(page.getByRole('definition').filter({ hasText: /^Running$/ })).toBeVisible();
  // Progress shows live: once a first tag is deleted, cancel while the rest wait their turn.
  await expect(progress).toContainText(/Done[1-9]\d*Failed/);
  await page.getByRole('button', { name: 'Cancel job' }).click();
  const cancel = page.getByRole('dialog', { name: 'Cancel this job?' });
  await cancel.getByRole('button', { name: 'Cancel the job' }).click();
  await expect(cancel).toBeHidden();

  // Cancelled: every item settled, some deleted, the rest cancelled and still in SWR.
  const bar = page.getByRole('progressbar', { name: 'Items settled' });
  await expect(bar).toHaveAttribute(
    'aria-valuetext',
    `${String(SWEPT)} of ${String(SWEPT)} settled`,
  );
  await expect(page.getByRole('button', { name: 'Cancel job' })).toHaveCount(0);
  await expect(page.getByRole('definition').filter({ hasText: /^Cancelled$/ })).toBeVisible();
  await expect(progress).toContainText(/Done\d+Failed0Cancelled\d+Left0/);
  const counts = /Done(\d+)Failed0Cancelled(\d+)Left0/.exec((await progress.textContent()) ?? '');
  const done = Number(counts?.[1]);
  const cancelled = Number(counts?.[2]);
  expect(done + cancelled).toBe(SWEPT);
  expect(done).toBeGreaterThan(0);
  expect(cancelled).toBeGreaterThan(0);
  const left = (await consoleApi(page).swr(
    'GET',
    `/v2/manage/namespaces/${namespace}/repos/svc$api/tags?limit=1000&offset=0`,
  )) as { Tag: string }[];
  expect(left.filter((tag) => tag.Tag.startsWith('sweep-'))).toHaveLength(cancelled);
  expect(left.filter((tag) => !tag.Tag.startsWith('sweep-')).map((tag) => tag.Tag)).toEqual(
    expect.arrayContaining(['v1', 'v2']),
  );

  // Resume: the job goes on with the tags it had not started, their count confirmed.
  await page.getByRole('button', { name: 'Resume job' }).click();
  const resume = page.getByRole('dialog', { name: 'Resume this job?' });
  await resume
    .getByRole('button', {
      name: cancelled === 1 ? 'Resume: 1 item' : `Resume: ${String(cancelled)} items`,
    })
    .click();
  await expect(resume).toBeHidden();

  // It finishes at the same pace: every tag of the rule done once, none cancelled or left.
  await expect(page.getByRole('definition').filter({ hasText: /^Done$/ })).toBeVisible({
    timeout: 120_000,
  });
  await expect(progress).toContainText(`Done${String(SWEPT)}Failed0Cancelled0Left0`);
  await expect(bar).toHaveAttribute(
    'aria-valuetext',
    `${String(SWEPT)} of ${String(SWEPT)} settled`,
  );
  await expect(page.getByRole('button', { name: 'Resume job' })).toHaveCount(0);
  const after = (await consoleApi(page).swr(
    'GET',
    `/v2/manage/namespaces/${namespace}/repos/svc$api/tags?limit=1000&offset=0`,
  )) as { Tag: string }[];
  expect(after.map((tag) => tag.Tag).sort()).toEqual(['v1', 'v2']);

  // The CSV of what was deleted: one row per tag of the rule, each once, none left in SWR.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV of what was deleted' }).click();
  const download = await downloading;
  const csv = (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '');
  const rows = csv
    .split('\r\n')
    .filter((line) => line !== '')
    .slice(1);
  expect(rows).toHaveLength(SWEPT);
  const remaining = new Set(after.map((tag) => tag.Tag));
  const tags = new Set<string>();
  for (const row of rows) {
    const [organization, repository, tag = ''] = row.split(',');
    expect([organization, repository]).toEqual([namespace, REPOSITORY]);
    expect(tag).toMatch(/^sweep-\d{3}$/);
    expect(remaining.has(tag)).toBe(false);
    tags.add(tag);
  }
  expect(tags.size).toBe(SWEPT);
});
