/**
 * The audit log: an admin finds a change by its filters, reads the record, and downloads the CSV
 * of the filtered records; an operator is refused, in the page and by the BFF.
 */
import { readFileSync } from 'node:fs';
import { consoleApi, expect, signIn, snapshotThemes, test, unique } from '../support/fixtures';

test('an admin filters the log, opens a record and downloads the CSV', async ({ page }) => {
  await signIn(page, 'admin');
  const repository = unique('e2e-audit');
  await consoleApi(page).swr('POST', '/v2/manage/namespaces/platform/repos', {
    repository,
    is_public: false,
  });
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Audit log' })
    .click();
  await expect(page.getByRole('table', { name: /Audit records/ })).toBeVisible();

  const filters = page.getByRole('form', { name: 'Filters' });
  // People are picked by name; the filter goes by their identity key.
  await filters.getByRole('combobox', { name: 'User' }).selectOption({ label: 'alice' });
  await filters.getByRole('combobox', { name: 'Action' }).fill('swr.createRepo');
  await filters.getByRole('textbox', { name: 'Organization' }).fill('platform');
  await filters.getByRole('combobox', { name: 'Outcome' }).selectOption('success');
  await filters.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/action=swr\.createRepo/);
  await expect(page).toHaveURL(/outcome=success/);

  const table = page.getByRole('table', { name: /Audit records/ });
  const row = table.getByRole('row').filter({ hasText: repository });
  await expect(row).toContainText('alice');
  await expect(row).toContainText('Success');
  await expect(row).toContainText('HTTP 201');
  await expect(table.getByRole('row').filter({ hasText: 'swr.deleteRepo' })).toHaveCount(0);
  await snapshotThemes(page, 'audit');

  await row.getByRole('button', { name: /Details of swr.createRepo/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Audit record: swr.createRepo' });
  await expect(dialog).toContainText(`"repository": "${repository}"`);
  await expect(dialog).toContainText('alice@corp.example');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^swr-audit-.+\.csv$/);
  const csv = readFileSync(await download.path(), 'utf8');
  const lines = csv.trim().split('\r\n');
  expect(lines[0]).toMatch(/^id,ts,event,outcome,actor/);
  expect(lines.some((line) => line.includes(repository))).toBe(true);
  expect(lines.slice(1).every((line) => line.includes('swr.createRepo'))).toBe(true);
  await expect(page.getByRole('status').filter({ hasText: 'Saved swr-audit-' })).toBeVisible();
});

test('an operator is told the log is for admins, and the BFF refuses it too', async ({ page }) => {
  await signIn(page, 'operator', '/cn-north-4/audit');
  await expect(page.getByText('Admins only')).toBeVisible();
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }),
  ).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Download CSV' })).toHaveCount(0);
  const list = await page.request.get('/api/audit', { headers: { 'X-CSRF': '1' } });
  expect(list.status()).toBe(403);
  const csv = await page.request.get('/api/audit.csv', { headers: { 'X-CSRF': '1' } });
  expect(csv.status()).toBe(403);
});
