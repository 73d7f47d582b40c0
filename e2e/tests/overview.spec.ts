/**
 * Overview: an admin lands on it after signing in and sees the region's counts, storage by
 * organization, a share ending soon, a failed deploy trigger and the change the test just made; a
 * viewer sees a note instead of the audit trail.
 */
import type { Locator, Page } from '@playwright/test';
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

/** The number a stat of the region card shows ("1,532" → 1532), once it has loaded. */
async function statValue(card: Locator, label: string): Promise<number> {
  const value = card.locator('dt', { hasText: new RegExp(`^${label}$`) }).locator('xpath=../dd[1]');
  await expect(value).toHaveText(/^[\d,]+$/);
  return Number((await value.innerText()).replaceAll(',', ''));
}

/** The shares and triggers cards read one call per repository: they may take longer to fill. */
const FAN_OUT = 30_000;

function card(page: Page, name: string): Locator {
  return page.getByRole('region', { name, exact: true });
}

test('an admin sees the region at a glance, what needs attention, and their own change', async ({
  page,
}) => {
  // Signs in, seeds a change and a push, then checks every card and both themes.
  test.slow();
  await useSession(page, 'admin');

  // Something to show up: a change through the console, and a push whose deploy trigger fails
  // (legacy-apps/java8-monolith deploys to a cluster that is unavailable).
  const api = consoleApi(page);
  const organization = unique('e2e-ov');
  await api.swr('POST', '/v2/manage/namespaces', { namespace: organization });
  const tag = unique('ov');
  await pushTag(page, { namespace: 'legacy-apps', repository: 'java8-monolith', tag });
  await signIn(page, 'admin', '/');
  await expect(page).toHaveURL(/\/cn-north-4\/overview$/);

  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  const region = card(page, 'Region cn-north-4');
  expect(await statValue(region, 'Organizations')).toBeGreaterThanOrEqual(8);
  expect(await statValue(region, 'Repositories')).toBeGreaterThanOrEqual(42);
  expect(await statValue(region, 'Tags')).toBeGreaterThan(1000);
  await expect(region.locator('dt', { hasText: 'Storage' }).locator('xpath=../dd[1]')).toHaveText(
    /\d (MB|GB|TB)$/,
  );
  // The other regions of the demo, one line each.
  await expect(region.getByRole('link', { name: 'cn-east-3' })).toBeVisible();
  await expect(region.getByText(/\d+ organizations? · \d+ repositor/).first()).toBeVisible();

  const storage = card(page, 'Storage by organization').getByRole('list', {
    name: 'Organizations by storage',
  });
  await expect(storage.getByRole('listitem')).toHaveCount(8);
  for (const name of ['platform', 'payments', 'data-eng', 'ml-research', 'legacy-apps']) {
    await expect(storage.getByRole('link', { name, exact: true })).toBeVisible();
  }
  await expect(storage.getByRole('listitem').first()).toContainText(/GB/);

  const shares = card(page, 'Shares ending soon').getByRole('list', {
    name: 'Shares ending soon or ended',
  });
  const storefront = shares.getByRole('listitem').filter({ hasText: 'acme-analytics' });
  await expect(storefront).toBeVisible({ timeout: FAN_OUT });
  await expect(storefront.getByRole('link', { name: 'web-frontend/storefront' })).toHaveAttribute(
    'href',
    '/cn-north-4/repositories/web-frontend/storefront/sharing',
  );
  await expect(storefront).toContainText('Ends soon');
  await expect(storefront).toContainText(/ends in (4|5) days/);
  await expect(
    shares
      .getByRole('listitem')
      .filter({ hasText: 'contractor-x' })
      .getByText('Ended', { exact: true }),
  ).toBeVisible();

  const failures = card(page, 'Recent trigger failures').getByRole('list', {
    name: 'Triggers with failed runs',
  });
  const failure = failures.getByRole('listitem').filter({ hasText: tag });
  await expect(failure).toBeVisible({ timeout: FAN_OUT });
  await expect(failure.getByRole('link', { name: 'legacy-apps/java8-monolith' })).toHaveAttribute(
    'href',
    '/cn-north-4/repositories/legacy-apps/java8-monolith/triggers',
  );
  await expect(failure).toContainText('Trigger deploy-legacy');
  await expect(failure).toContainText(/unavailable/);
  await expect(failure).toContainText('Still failing');

  const changes = card(page, 'Recent changes');
  await expect(
    changes
      .getByRole('list', { name: 'Latest changes' })
      .getByRole('listitem')
      .filter({ hasText: `Created organization ${organization}` }),
  ).toContainText('Done');
  await expect(changes.getByRole('link', { name: 'Open the audit log' })).toBeVisible();

  await snapshotThemes(page, 'overview');

  await api.swr('DELETE', `/v2/manage/namespaces/${organization}`);
});

test('a viewer sees the counts, and a note instead of the audit trail, on a 1024 px screen', async ({
  page,
}) => {
  // The trigger card reads every repository's triggers (a bounded fan-out): allow it time.
  test.slow();
  await page.setViewportSize({ width: 1024, height: 768 });
  await signIn(page, 'viewer', '/');
  await expect(page).toHaveURL(/\/cn-north-4\/overview$/);
  const region = card(page, 'Region cn-north-4');
  expect(await statValue(region, 'Repositories')).toBeGreaterThanOrEqual(42);
  const changes = card(page, 'Recent changes');
  await expect(changes.getByRole('note')).toHaveText(
    'Recent changes come from the audit trail, which only admins can read (you are Viewer).',
  );
  await expect(changes.getByRole('alert')).toHaveCount(0);
  await expect(changes.getByRole('link', { name: 'Open the audit log' })).toHaveCount(0);
  await expect(
    card(page, 'Shares ending soon').getByRole('link', { name: 'web-frontend/storefront' }),
  ).toBeVisible({ timeout: FAN_OUT });
  await expect(
    card(page, 'Recent trigger failures').getByRole('list', { name: 'Triggers with failed runs' }),
  ).toBeVisible({ timeout: FAN_OUT });
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});
