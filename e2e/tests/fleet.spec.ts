/**
 * Fleet: the grid of every repository from the BFF's fleet index, against the whole stack. A
 * scoped operator opens it from the navigation, picks a built-in view, sees its rows (the index
 * of the demo account is built in the background; the page reads it again until it is), exports
 * them as CSV and opens a repository from its row.
 */
import { readFile } from 'node:fs/promises';
import { expect, signIn, snapshotThemes, test } from '../support/fixtures';

test('a saved view of the fleet, its rows as CSV, and a repository opened from its row', async ({
  page,
}) => {
  await signIn(page, 'scopedOperator');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Fleet' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Fleet' })).toBeVisible();

  await page
    .getByRole('combobox', { name: 'Saved view' })
    .selectOption({ label: 'Shared with an account that is not ours' });
  await expect(page).toHaveURL(/[?&]facets=shared-outside(&|$)/);
  await expect(
    page.getByRole('checkbox', { name: 'are shared outside the company' }),
  ).toBeChecked();

  // The demo account's payment-gateway is shared with partner-corp, which is not one of ours.
  const table = page.getByRole('table', { name: 'Fleet repositories' });
  const link = page.getByRole('link', { name: 'payment-gateway', exact: true });
  const row = table.getByRole('row').filter({ has: link });
  // The first sweep of the index may still be under way: the page shows it when it is done.
  await expect(row).toBeVisible({ timeout: 30_000 });
  await expect(row).toContainText('leaving the company');
  await expect(
    page.getByRole('region', { name: 'How fresh the index is' }).getByText(/^indexed /),
  ).toBeVisible();
  await snapshotThemes(page, 'fleet');

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^swr-fleet-cn-north-4-\d{8}T\d{6}Z\.csv$/);
  const csv = (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '');
  const lines = csv.split('\r\n').filter((line) => line !== '');
  expect(lines[0]).toBe(
    'Organization,Repository,Region,Tags,Size (bytes),Downloads,Updated (UTC),Retention,' +
      'Sync targets,Triggers,Shares,Shares ending soon,Shares ended,Shared outside the company with',
  );
  expect(lines.some((line) => line.startsWith('payments,payment-gateway,cn-north-4,'))).toBe(true);
  // The operator is limited to payments*: the index answers nothing else, and the file has it all.
  expect(lines.slice(1).every((line) => line.startsWith('payments'))).toBe(true);
  await expect(
    page.getByText(new RegExp(`^${String(lines.length - 1)} of \\d+ repositories shown$`)),
  ).toBeVisible();

  await row.getByRole('link', { name: 'payment-gateway', exact: true }).click();
  await expect(page).toHaveURL(/\/cn-north-4\/repositories\/payments\/payment-gateway\/tags$/);
  await expect(page.getByRole('heading', { level: 1, name: /payment-gateway/ })).toBeVisible();
});
