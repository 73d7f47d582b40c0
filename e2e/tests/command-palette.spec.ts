/**
 * The command palette and the keyboard shortcuts against the whole stack: Ctrl+K finds a
 * repository of the demo account from the fleet index and opens it with the keyboard, the tags of
 * the repository in view are found live, `g` then a letter goes to a page, `?` lists the
 * shortcuts; a scoped operator finds nothing outside their organizations; and 简体中文.
 */
import type { Page } from '@playwright/test';
import { expect, signIn, snapshotThemes, test } from '../support/fixtures';

async function openPalette(page: Page, name = /^Search pages/) {
  await page.keyboard.press('Control+k');
  const field = page.getByRole('combobox', { name });
  await expect(field).toBeFocused();
  return field;
}

test('finds a repository from the index, opens it, and finds its tags', async ({ page }) => {
  await signIn(page, 'operator');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const field = await openPalette(page);
  await field.fill('payment gate');
  const results = page.getByRole('listbox', { name: 'Results' });
  // The first sweep of the demo account may still be under way: the palette asks again until it is done.
  const found = results
    .getByRole('group', { name: 'Repositories' })
    .getByRole('option', { name: /^payments\/payment-gateway/ })
    .first();
  await expect(found).toBeVisible({ timeout: 30_000 });
  await expect(results.getByRole('option', { selected: true })).toHaveText(
    /^payments\/payment-gateway/,
  );
  await snapshotThemes(page, 'command-palette');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/repositories\/payments\/payment-gateway\/tags$/);
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // The repository in view: its tags, live from SWR.
  const again = await openPalette(page);
  await again.fill('v');
  const tags = page.getByRole('group', { name: 'Tags of this repository' });
  await expect(tags.getByRole('option').first()).toBeVisible();
  const tag = ((await tags.getByRole('option').first().textContent()) ?? '').replace(
    /payments\/payment-gateway$/,
    '',
  );
  // Found things come before pages ("Overview" has a v too); the first is marked.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await expect(
    page.getByRole('listbox', { name: 'Results' }).getByRole('option', { selected: true }),
  ).toHaveText(new RegExp(`^${tag}`));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/tags\\?q=${tag.replace(/\./g, '\\.')}$`));

  // Escape closes the palette; focus returns to the page.
  await openPalette(page);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('goes to pages with g then a letter and lists the shortcuts with ?', async ({ page }) => {
  await signIn(page, 'viewer');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.keyboard.press('g');
  await page.keyboard.press('f');
  await expect(page).toHaveURL(/\/cn-north-4\/fleet$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Fleet' })).toBeVisible();

  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help.getByRole('row', { name: /Go to Sync health/ })).toBeVisible();
  // A viewer has no audit log, and no shortcut to it.
  await expect(help.getByRole('row', { name: /Go to Audit log/ })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);
});

test('a scoped operator finds only their organizations', async ({ page }) => {
  await signIn(page, 'scopedOperator');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const field = await openPalette(page);
  await field.fill('payments');
  const results = page.getByRole('listbox', { name: 'Results' });
  await expect(
    results.getByRole('group', { name: 'Organizations' }).getByRole('option').first(),
  ).toBeVisible({ timeout: 30_000 });
  await field.fill('platform');
  await expect(page.getByRole('status').filter({ hasText: /results?$/ })).toHaveText(/^0 results$/);
  await expect(results.getByRole('option')).toHaveCount(0);
});

test.describe('in 简体中文', () => {
  test.use({ locale: 'zh-CN' });

  test('the palette and its results speak Chinese', async ({ page }) => {
    await signIn(page, 'viewer');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.getByRole('button', { name: /^搜索/ }).click();
    const field = page.getByRole('combobox', { name: /^搜索页面/ });
    await field.fill('总表');
    await expect(
      page.getByRole('group', { name: '页面' }).getByRole('option', { name: '镜像仓库总表' }),
    ).toBeVisible();
  });
});
