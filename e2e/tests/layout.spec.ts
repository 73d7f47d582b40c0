/**
 * Layout that only a real browser can measure: the tags table shows its texts whole on the two
 * desktop widths ops users have (1440 and 1024 px), a filter field and the selects beside it are
 * one height, and the create-repository dialog's choices are cards of one width.
 */
import type { Locator, Page } from '@playwright/test';
import {
  consoleApi,
  expect as baseExpect,
  pushTag,
  test,
  unique,
  useSession,
} from '../support/fixtures';

test.describe.configure({ timeout: 120_000 });
const expect = baseExpect.configure({ timeout: 30_000 });

const DAY = 86_400_000;
const REPOSITORY = 'svc/layout';
/** A tag name of an ordinary length, as release pipelines write them (20 characters). */
const LONG_TAG = 'v2.14.3-rc.1-a1b2c3d';

/** A repository whose tags were pushed 360 days ago ("12 months ago"), and one just now. */
async function seedTags(page: Page): Promise<string> {
  const namespace = unique('e2e-layout');
  const api = consoleApi(page);
  await api.swr('POST', '/v2/manage/namespaces', { namespace });
  await api.swr('POST', `/v2/manage/namespaces/${namespace}/repos`, {
    repository: REPOSITORY,
    is_public: false,
  });
  const old = new Date(Date.now() - 360 * DAY).toISOString();
  for (const tag of ['v1.0.0', 'v1.0.1']) {
    await pushTag(page, { namespace, repository: REPOSITORY, tag, created: old });
  }
  await pushTag(page, { namespace, repository: REPOSITORY, tag: LONG_TAG });
  return namespace;
}

/** The texts of `cells` that do not fit their cell (cut off with an ellipsis or hidden). */
async function cutOff(cells: Locator): Promise<string[]> {
  return cells.evaluateAll((elements) =>
    elements
      .filter((element) => element.getClientRects().length > 0)
      .filter((element) => element.scrollWidth > element.clientWidth)
      .map((element) => element.textContent),
  );
}

async function openTags(page: Page, namespace: string, width: number): Promise<Locator> {
  await page.setViewportSize({ width, height: 900 });
  await page.goto(`/cn-north-4/repositories/${namespace}/svc$layout/tags`);
  const table = page.getByRole('table', { name: `Tags of ${namespace}/${REPOSITORY}` });
  await expect(table.getByRole('row')).toHaveCount(4);
  return table;
}

test('the tags table shows times and tag names whole at 1440 and 1024 px', async ({ page }) => {
  await useSession(page, 'admin');
  const namespace = await seedTags(page);

  const wide = await openTags(page, namespace, 1440);
  await expect(wide.getByRole('cell', { name: '12 months ago' }).first()).toBeVisible();
  await expect(wide.getByRole('columnheader', { name: 'Created' })).toBeVisible();
  expect(await cutOff(wide.getByRole('cell'))).toEqual([]);

  const laptop = await openTags(page, namespace, 1024);
  await expect(laptop.getByRole('cell', { name: LONG_TAG, exact: true })).toBeVisible();
  expect(await cutOff(laptop.getByRole('cell'))).toEqual([]);
  // The page itself does not scroll sideways.
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});

test('a filter field is as tall as the selects beside it', async ({ page }) => {
  await useSession(page, 'admin');
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/cn-north-4/repositories');
  const filters = page.getByRole('search', { name: 'Filter repositories' });
  const heights = await Promise.all(
    [
      filters.getByRole('combobox', { name: 'Organization' }),
      filters.getByRole('searchbox', { name: 'Name' }),
      filters.getByRole('combobox', { name: 'Category' }),
    ].map(async (control) => (await control.boundingBox())?.height),
  );
  expect(heights[0]).toBeGreaterThan(0);
  expect(new Set(heights).size, JSON.stringify(heights)).toBe(1);
});

test('the create-repository choices are cards of one width', async ({ page }) => {
  await useSession(page, 'admin');
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/cn-north-4/repositories');
  await page.getByRole('button', { name: 'Create repository' }).click();
  const dialog = page.getByRole('dialog');
  const visibility = dialog.getByRole('group', { name: 'Visibility' });
  await expect(visibility).toBeVisible();
  const widths = await visibility
    .getByRole('radio')
    .evaluateAll((radios) =>
      radios.map((radio) => Math.round(radio.parentElement?.getBoundingClientRect().width ?? 0)),
    );
  expect(widths).toHaveLength(2);
  expect(widths[0]).toBeGreaterThan(0);
  expect(new Set(widths).size, JSON.stringify(widths)).toBe(1);
});
