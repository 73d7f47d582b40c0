/**
 * Jobs (issue 16) against the whole stack: an operator opens Jobs from the navigation, picks the
 * demo repository payments/payment-gateway from the fleet index, previews a clean-up of its
 * `pr-*` tags (the demo seed pushes a few dozen; no other spec uses them), confirms by typing the
 * count, watches the job finish on its page (the BFF deletes the tags, paced), and downloads the
 * CSV of what it deleted; the page in both themes, and once in 简体中文.
 */
import { readFile } from 'node:fs/promises';
import {
  consoleApi,
  expect as baseExpect,
  signIn,
  snapshotThemes,
  test,
} from '../support/fixtures';

// The job runs at the stack's pace of jobs (5 SWR calls a second): some seconds per few dozen tags.
test.describe.configure({ timeout: 180_000 });
const expect = baseExpect.configure({ timeout: 30_000 });

/** Above this many items, starting a job asks for their count (the BFF's default). */
const CONFIRM_ABOVE = 20;

test('an operator previews a clean-up by pattern, confirms it, watches it finish and downloads the CSV', async ({
  page,
}) => {
  await signIn(page, 'operator');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Jobs' })).toBeVisible();
  await page.getByRole('button', { name: 'New tag clean-up' }).click();

  const form = page.getByRole('region', { name: 'New tag clean-up' });
  const search = form.getByRole('searchbox', { name: 'Search repositories' });
  await search.fill('payment-gateway');
  // Enter searches at once (else the search applies when the box is left: mid-click).
  await search.press('Enter');
  // The first sweep of the fleet index may still be under way: the picker fills in when it is done.
  const repository = form.getByRole('checkbox', { name: 'payments/payment-gateway', exact: true });
  await repository.check();
  await expect(form.getByText('1 repository chosen')).toBeVisible();
  await form.getByRole('textbox', { name: 'Tag name pattern' }).fill('pr-*');
  await form.getByRole('button', { name: 'Preview' }).click();

  const summary = form.getByRole('status').filter({ hasText: /will be deleted/ });
  await expect(summary).toHaveText(/^\d+ tags will be deleted in 1 repository; 0 kept\.$/);
  const count = Number(/^(\d+)/.exec((await summary.textContent()) ?? '')?.[1]);
  expect(count).toBeGreaterThan(CONFIRM_ABOVE);
  const deleted = form.getByRole('table', { name: 'Tags to delete' });
  const tagCells = deleted.getByRole('row').nth(1).getByRole('cell');
  await expect(tagCells.nth(0)).toHaveText('payments/payment-gateway');
  await expect(tagCells.nth(1)).toHaveText(/^pr-\d+$/);
  await snapshotThemes(page, 'jobs');

  await form.getByRole('button', { name: `Delete ${String(count)} tags…` }).click();
  const dialog = page.getByRole('dialog', { name: `Delete ${String(count)} tags?` });
  const start = dialog.getByRole('button', { name: `Start: delete ${String(count)} tags` });
  await expect(start).toBeDisabled();
  await dialog
    .getByRole('textbox', { name: `Type ${String(count)} to confirm` })
    .fill(String(count));
  await start.click();

  await expect(page).toHaveURL(/\/cn-north-4\/jobs\/[0-9A-Z]{26}$/);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Tag clean-up of payments/payment-gateway' }),
  ).toBeVisible();
  const bar = page.getByRole('progressbar', { name: 'Items settled' });
  await expect(bar).toHaveAttribute(
    'aria-valuetext',
    `${String(count)} of ${String(count)} settled`,
    { timeout: 120_000 },
  );
  await expect(page.getByText('Done', { exact: true }).first()).toBeVisible();
  const progress = page.getByRole('region', { name: 'Progress' });
  await expect(progress).toContainText(`Done${String(count)}Failed0Cancelled0Left0`);
  await expect(page.getByRole('button', { name: 'Cancel job' })).toHaveCount(0);
  await snapshotThemes(page, 'job');

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV of what was deleted' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^swr-job-[0-9A-Z]{26}-deleted\.csv$/);
  const csv = (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '');
  const lines = csv.split('\r\n').filter((line) => line !== '');
  expect(lines[0]).toBe('Organization,Repository,Tag,Digest,Pushed (UTC),SWR request ID,Note');
  expect(lines).toHaveLength(count + 1);
  for (const line of lines.slice(1)) {
    expect(line).toMatch(
      /^payments,payment-gateway,pr-\d+,sha256:[0-9a-f]{64},[^,]+,[^,]+,deleted$/,
    );
  }

  // SWR has no pr-* tag of the repository left.
  const tags = (await consoleApi(page).swr(
    'GET',
    '/v2/manage/namespaces/payments/repos/payment-gateway/tags?limit=1000&offset=0',
  )) as { Tag: string }[];
  expect(tags.filter((tag) => tag.Tag.startsWith('pr-'))).toEqual([]);

  // The job page in 简体中文.
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
  await expect(
    page.getByRole('heading', { level: 1, name: '清理 payments/payment-gateway 的镜像版本' }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: '下载已删除内容的 CSV' })).toBeEnabled();
  await expect(page.getByRole('link', { name: '← 所有任务' })).toBeVisible();
});
