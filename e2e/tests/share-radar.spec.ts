/**
 * Share radar: every outbound share of the demo account by end date, from the BFF's fleet index,
 * against the whole stack. A viewer opens it from the navigation, sees the shares ending soon and
 * ended, filters to one account (in the URL), cannot stop a share, exports the rows shown as CSV
 * and opens a repository's Sharing tab from its row; and the same in 简体中文.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, signIn, snapshotThemes, test } from '../support/fixtures';

/** The first sweep of the index may still be under way: the page shows it when it is done. */
const FIRST_INDEX = { timeout: 30_000 };

/** The row of a repository's share with an account. */
function shareRow(page: Page, table: string, repository: string, account: string) {
  return page
    .getByRole('table', { name: table })
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name: repository, exact: true }) })
    .filter({ hasText: account });
}

test('the shares ending soon and ended, one account’s, their CSV and a Sharing tab', async ({
  page,
}) => {
  await signIn(page, 'viewer');
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Share radar' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Share radar' })).toBeVisible();

  // The demo account shares data-eng/airflow with partner-corp for three more days.
  const airflow = shareRow(page, 'Outbound shares by end date', 'data-eng/airflow', 'partner-corp');
  await expect(airflow).toBeVisible(FIRST_INDEX);
  await expect(airflow).toContainText('ends in 3 days');
  await expect(airflow).toContainText('Ending soon');
  // The e2e BFF names no account of the company's own: every open share leaves, and it says so.
  await expect(airflow).toContainText('Leaving the company');
  await expect(
    page.getByRole('region', { name: 'How fresh the index is' }).getByText(/^indexed /),
  ).toBeVisible();
  await expect(page.getByText(/every share still open counts as leaving/)).toBeVisible();
  // A viewer reads the radar but cannot stop a share.
  const stop = airflow.getByRole('button', {
    name: 'Stop sharing data-eng/airflow with partner-corp',
  });
  await expect(stop).toBeDisabled();
  await expect(stop).toHaveAccessibleDescription(/\(you are Viewer\)/);
  await snapshotThemes(page, 'share-radar');

  // The URL, and so the radio, changes in a transition after the click: clicked, then awaited.
  await page.getByRole('radio', { name: /^Ended \(\d+\)$/ }).click();
  await expect(page.getByRole('radio', { name: /^Ended \(\d+\)$/ })).toBeChecked();
  await expect(page).toHaveURL(/[?&]group=ended(&|$)/);
  const debian = shareRow(
    page,
    'Outbound shares by end date',
    'platform/base/debian',
    'contractor-x',
  );
  await expect(debian).toContainText('ended 20 days ago');
  await expect(airflow).toHaveCount(0);

  await page.getByRole('radio', { name: /^All \(\d+\)$/ }).click();
  const partner = page.getByRole('button', { name: 'Show the shares with partner-corp' });
  await partner.click();
  await expect(partner).toHaveAttribute('aria-pressed', 'true');
  await expect(page).toHaveURL(/[?&]account=partner-corp(&|$)/);
  await expect(debian).toHaveCount(0);
  await expect(
    shareRow(page, 'Outbound shares by end date', 'payments/payment-gateway', 'partner-corp'),
  ).toContainText('never ends');

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^swr-share-radar-cn-north-4-\d{8}T\d{6}Z\.csv$/);
  const csv = (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '');
  const lines = csv.split('\r\n').filter((line) => line !== '');
  expect(lines[0]).toBe(
    'Organization,Repository,Region,Shared with,Permit,Ends (UTC),Status,Valid,Leaving the company',
  );
  expect(lines).toContainEqual(expect.stringMatching(/^data-eng,airflow,cn-north-4,partner-corp,/));
  // The file holds the rows shown: partner-corp's only, as many as the page counts.
  expect(lines.slice(1).every((line) => line.split(',')[3] === 'partner-corp')).toBe(true);
  await expect(
    page.getByText(new RegExp(`^${String(lines.length - 1)} of \\d+ shares shown$`)),
  ).toBeVisible();

  await airflow.getByRole('link', { name: 'data-eng/airflow', exact: true }).click();
  await expect(page).toHaveURL(/\/cn-north-4\/repositories\/data-eng\/airflow\/sharing$/);
  await expect(page.getByRole('heading', { level: 1, name: /airflow/ })).toBeVisible();
});

test.describe('in 简体中文', () => {
  test.use({ locale: 'zh-CN' });

  test('the shares and their ends read in Chinese', async ({ page }) => {
    await signIn(page, 'viewer', '/cn-north-4/share-radar?group=soon');
    await expect(page.getByRole('heading', { level: 1, name: '共享雷达' })).toBeVisible();
    const airflow = shareRow(page, '按到期时间排列的对外共享', 'data-eng/airflow', 'partner-corp');
    await expect(airflow).toBeVisible(FIRST_INDEX);
    await expect(airflow).toContainText('3天后到期');
    await expect(page.getByRole('radio', { name: /^即将到期（\d+）$/ })).toBeChecked();
  });
});
