/**
 * Overview: an admin lands on it after signing in and sees the demo account's numbers from the
 * BFF's fleet index (the region's counts, storage by organization, a share ending soon, a deploy
 * trigger whose latest run failed), how fresh the index is, and the change the test just made; a
 * viewer sees a note instead of the audit trail. The stack's BFF sweeps at 50 calls a second
 * (support/stack.ts), so the first index is ready a few seconds after the start: until then the
 * page says it is being built and reads the index again until it is.
 */
import type { Locator, Page } from '@playwright/test';
import type { FleetResponse, FleetUsageResponse } from '@swr-dashboard/swr-client';
import {
  consoleApi,
  expect,
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

/**
 * How long the first index may take to be ready when a spec opens the Overview right after the
 * stack started: a bound on waiting for the content, not a wait.
 */
const FIRST_INDEX = 60_000;

/** Why a sweep failed, as the BFF would say it. */
const FAILURE = "The region's SWR cannot be reached right now.";

function card(page: Page, name: string): Locator {
  return page.getByRole('region', { name, exact: true });
}

/** The region's cards, once its index is there: storage by organization is shown from it. */
async function indexShown(page: Page): Promise<void> {
  await expect(card(page, 'Storage by organization')).toBeVisible({ timeout: FIRST_INDEX });
}

test('an admin sees the region at a glance from the index, what needs attention, and their own change', async ({
  page,
}) => {
  // Signs in, seeds a change, then checks every card and both themes.
  test.slow();
  await useSession(page, 'admin');

  // A change through the console: the audit trail has it, and the BFF re-reads the organizations
  // into the index at once.
  const api = consoleApi(page);
  const organization = unique('e2e-ov');
  await api.swr('POST', '/v2/manage/namespaces', { namespace: organization });
  await signIn(page, 'admin', '/');
  await expect(page).toHaveURL(/\/cn-north-4\/overview$/);

  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await indexShown(page);
  const region = card(page, 'Region cn-north-4');
  await expect(region.getByText(/^Indexed /)).toBeVisible();
  // The demo account's cn-north-4 holds 7 organizations and 42 repositories (other specs add some).
  expect(await statValue(region, 'Organizations')).toBeGreaterThanOrEqual(7);
  expect(await statValue(region, 'Repositories')).toBeGreaterThanOrEqual(42);
  expect(await statValue(region, 'Tags')).toBeGreaterThan(1000);
  await expect(region.locator('dt', { hasText: 'Storage' }).locator('xpath=../dd[1]')).toHaveText(
    /\d (MB|GB|TB)$/,
  );
  // The other regions of the demo, one line each, with how fresh their index is.
  await expect(region.getByRole('link', { name: 'cn-east-3' })).toBeVisible();
  await expect(
    region
      .getByRole('listitem')
      .filter({ has: page.getByRole('link', { name: 'cn-east-3' }) })
      .getByText(/\d+ organizations? · \d+ repositor/),
  ).toBeVisible({ timeout: FIRST_INDEX });

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

  // legacy-apps/java8-monolith deploys to a cluster that is unavailable: its last run failed.
  const failures = card(page, 'Recent trigger failures').getByRole('list', {
    name: 'Triggers with failed runs',
  });
  const failure = failures
    .getByRole('listitem')
    .filter({ has: page.getByRole('link', { name: 'legacy-apps/java8-monolith' }) });
  await expect(failure.getByRole('link')).toHaveAttribute(
    'href',
    '/cn-north-4/repositories/legacy-apps/java8-monolith/triggers',
  );
  await expect(failure).toContainText('Trigger deploy-legacy');
  await expect(failure).toContainText('Deploys order-monolith on');
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
  await page.setViewportSize({ width: 1024, height: 768 });
  await signIn(page, 'viewer', '/');
  await expect(page).toHaveURL(/\/cn-north-4\/overview$/);
  await indexShown(page);
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
  ).toBeVisible();
  await expect(
    card(page, 'Recent trigger failures').getByRole('list', { name: 'Triggers with failed runs' }),
  ).toBeVisible();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});

test('a failing region and one whose index is being built say so, in both themes', async ({
  page,
}) => {
  test.slow();
  await signIn(page, 'viewer', '/');
  await indexShown(page);
  // The BFF's answer as it would be on a bad day: cn-north-4's last sweep failed two hours after
  // its index was built, and cn-east-3 has never been swept.
  await page.route('**/api/fleet*', async (route) => {
    const response = await route.fetch();
    const fleet = (await response.json()) as FleetResponse;
    const ago = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();
    fleet.regions = fleet.regions.map((region) =>
      region.id === 'cn-north-4'
        ? { ...region, status: 'failing', sweptAt: ago(2), sweeping: null, error: FAILURE }
        : region.id === 'cn-east-3'
          ? { ...region, status: 'never', sweptAt: null, sweeping: ago(0), error: null }
          : region,
    );
    fleet.namespaces = fleet.namespaces.filter((entry) => entry.region !== 'cn-east-3');
    fleet.repositories = fleet.repositories.filter((entry) => entry.region !== 'cn-east-3');
    await route.fulfill({ response, json: fleet });
  });
  await page.getByRole('button', { name: 'Refresh' }).click();

  const region = card(page, 'Region cn-north-4');
  const note = region.getByRole('note');
  await expect(note).toContainText('The index of cn-north-4 could not be updated.');
  await expect(note).toContainText(FAILURE);
  await expect(note).toContainText('Showing the index of 2 hours ago.');
  // What the index still holds is shown, as it was.
  expect(await statValue(region, 'Repositories')).toBeGreaterThanOrEqual(42);
  await expect(card(page, 'Storage by organization')).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(
    region.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'cn-east-3' }) }),
  ).toContainText('The index is being built…');
  await snapshotThemes(page, 'overview-failing');

  await region.getByRole('link', { name: 'cn-east-3' }).click();
  const east = card(page, 'Region cn-east-3');
  await expect(east.getByRole('status')).toContainText('The index of cn-east-3 is being built');
  await expect(east.getByRole('status')).toContainText('this takes a few minutes the first time');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(card(page, 'Storage by organization')).toHaveCount(0);
  await snapshotThemes(page, 'overview-building');
});

/** Thirty days of two organizations' totals in cn-north-4, ending today: tags 100 → 158. */
function thirtyDays(): FleetUsageResponse {
  const today = Date.now();
  return {
    days: Array.from({ length: 30 }, (_, index) => {
      const day = new Date(today - (29 - index) * 86_400_000).toISOString().slice(0, 10);
      return [
        { namespace: 'payments', tags: 60 + index, repositories: 4, size: (1 + index) * 2 ** 30 },
        { namespace: 'platform', tags: 40 + index, repositories: 6, size: 2 ** 31 },
      ].map((entry) => ({ day, region: 'cn-north-4', ...entry }));
    }).flat(),
  };
}

/** The usage card sits at the bottom of the page and loads when it comes into view. */
async function scrollToUsage(page: Page): Promise<Locator> {
  await page.evaluate(() => {
    window.scrollTo(0, document.body.scrollHeight);
  });
  const usage = card(page, 'Usage over time');
  await expect(usage).toBeVisible();
  return usage;
}

test('usage over time draws the daily totals of the region, stacked by organization, in both themes', async ({
  page,
}) => {
  test.slow();
  await signIn(page, 'viewer', '/');
  await indexShown(page);
  // The index records a total per organization and day once it has swept: today's is there.
  let usage = await scrollToUsage(page);
  await expect(
    usage.getByRole('figure', { name: /^Tags(: [\d,]+ on | grew from | fell from | stayed at )/ }),
  ).toBeVisible({
    timeout: FIRST_INDEX,
  });
  await expect(
    usage.getByRole('application', { name: 'Tags per day in cn-north-4' }),
  ).toBeVisible();

  // A month of totals, as the BFF would answer it after thirty days of sweeps.
  await page.route('**/api/fleet/usage*', (route) => route.fulfill({ json: thirtyDays() }));
  await page.reload();
  await indexShown(page);
  usage = await scrollToUsage(page);
  await expect(
    usage.getByRole('figure', { name: 'Tags grew from 100 to 158 in 29 days.' }),
  ).toBeVisible();
  const chart = usage.getByRole('application', { name: 'Tags per day in cn-north-4' });
  await expect(chart).toBeVisible();
  await expect(chart.locator('.recharts-area-curve')).toHaveCount(1);
  // Its tooltip is reached from the keyboard: the chart is a tab stop, the arrows move along it.
  await chart.focus();
  await page.keyboard.press('ArrowRight');
  await expect(usage.locator('.recharts-tooltip-wrapper')).toContainText('Tags');

  await usage.getByRole('checkbox', { name: 'Stack by organization' }).check();
  await expect(chart.locator('.recharts-area-curve')).toHaveCount(2);
  await expect(usage.getByText('payments', { exact: true })).toBeVisible();
  await usage.getByRole('radio', { name: 'Storage' }).check();
  await expect(
    usage.getByRole('figure', { name: 'Storage grew from 3 GB to 32 GB in 29 days.' }),
  ).toBeVisible();
  await usage.getByRole('button', { name: 'Show the data as a table' }).click();
  const table = usage.getByRole('table', { name: 'Storage per day in cn-north-4' });
  await expect(table.getByRole('row')).toHaveCount(31);
  await snapshotThemes(page, 'overview-usage');
});

test.describe('in 简体中文', () => {
  test.use({ locale: 'zh-CN' });

  test('the index and its freshness read in Chinese, in both themes', async ({ page }) => {
    test.slow();
    await signIn(page, 'viewer', '/');
    await expect(page).toHaveURL(/\/cn-north-4\/overview$/);
    await expect(card(page, '各组织的存储')).toBeVisible({ timeout: FIRST_INDEX });
    const region = card(page, '区域 cn-north-4');
    // The region's own freshness comes first; the other regions' rows say theirs too.
    await expect(region.getByText(/^索引更新于/).first()).toBeVisible();
    expect(await statValue(region, '镜像仓库')).toBeGreaterThanOrEqual(42);
    await snapshotThemes(page, 'overview-zh-CN');
  });

  test('usage over time reads in Chinese', async ({ page }) => {
    await page.route('**/api/fleet/usage*', (route) => route.fulfill({ json: thirtyDays() }));
    await signIn(page, 'viewer', '/');
    await expect(card(page, '各组织的存储')).toBeVisible({ timeout: FIRST_INDEX });
    await page.evaluate(() => {
      window.scrollTo(0, document.body.scrollHeight);
    });
    const usage = card(page, '用量趋势');
    await expect(
      usage.getByRole('figure', { name: '镜像版本数在 29 天内从 100 增长到 158。' }),
    ).toBeVisible();
    await expect(
      usage.getByRole('application', { name: 'cn-north-4 每日镜像版本数' }),
    ).toBeVisible();
  });
});
