/**
 * Sharing: an admin shares a repository with accounts until a day or forever, checks, changes and
 * removes a share; SWR's refusal appears next to the field; expiring shares are marked; a
 * viewer sees shares but cannot change them.
 */
import type { Page } from '@playwright/test';
import {
  consoleApi,
  expect,
  signIn,
  snapshotThemes,
  test,
  unique,
  useSession,
} from '../support/fixtures';

const DAY = 86_400_000;

// Several steps, each through the whole stack: room for a loaded machine.
test.describe.configure({ timeout: 90_000 });

/** An own organization with one private repository, created through the console's API. */
async function seedRepository(page: Page): Promise<{ namespace: string; url: string }> {
  const api = consoleApi(page);
  const namespace = unique('e2e-share');
  await api.swr('POST', '/v2/manage/namespaces', { namespace });
  await api.swr('POST', `/v2/manage/namespaces/${namespace}/repos`, {
    repository: 'app',
    is_public: false,
  });
  return { namespace, url: `/cn-north-4/repositories/${namespace}/app/sharing` };
}

function utcDay(daysAhead: number): string {
  return new Date(Date.now() + daysAhead * DAY).toISOString().slice(0, 10);
}

test('an admin shares until a day, checks, changes to forever and removes the share', async ({
  page,
}) => {
  await useSession(page, 'admin');
  const { namespace, url } = await seedRepository(page);
  // Two shares seeded through the API, so the page shows a valid and an expiring one.
  const api = consoleApi(page);
  const shares = `/v2/manage/namespaces/${namespace}/repositories/app/access-domains`;
  await api.swr('POST', shares, {
    access_domain: 'acme-analytics',
    permit: 'read',
    deadline: 'forever',
    description: 'Analytics vendor',
  });
  await api.swr('POST', shares, {
    access_domain: 'load-tester',
    permit: 'read',
    deadline: `${utcDay(3)}T00:00:00Z`,
    description: 'Ends this week',
  });
  await page.goto(url);
  const table = page.getByRole('table', { name: `Accounts ${namespace}/app is shared with` });
  await expect(table).toBeVisible();
  await expect(table.getByRole('row', { name: /load-tester/ })).toContainText(
    /Expires in \d days?/,
  );

  await page.getByRole('button', { name: 'Share with an account' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share with an account' });
  await dialog.getByRole('textbox', { name: 'Account' }).fill('audit-firm');
  await dialog.getByLabel('Ends on (UTC)').fill(utcDay(30));
  await dialog.getByRole('textbox', { name: 'Description' }).fill('Integration tests');
  await dialog.getByRole('button', { name: 'Share' }).click();
  await expect(dialog).toBeHidden();
  const row = table.getByRole('row', { name: /audit-firm/ });
  await expect(row).toContainText('Valid');
  await expect(row).toContainText('Integration tests');
  await expect(page.getByText('Shared with 3 accounts · 1 expiring within 7 days')).toBeVisible();
  await snapshotThemes(page, 'sharing');

  await page.getByRole('textbox', { name: 'Account to check' }).fill('audit-firm');
  await page.getByRole('button', { name: 'Check' }).click();
  await expect(page.getByText(/^Shared with audit-firm until /)).toBeVisible();

  await page.getByRole('button', { name: 'Change the share with audit-firm' }).click();
  const edit = page.getByRole('dialog', { name: 'Change the share with audit-firm' });
  await expect(edit.getByLabel('Ends on (UTC)')).toHaveValue(utcDay(30));
  await edit.getByRole('radio', { name: 'Forever' }).check();
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toBeHidden();
  await expect(row).toContainText('Valid, no end');

  await page.getByRole('button', { name: 'Stop sharing with audit-firm' }).click();
  const confirm = page.getByRole('dialog', { name: 'Stop sharing with audit-firm?' });
  await expect(confirm).toContainText(`can no longer pull ${namespace}/app`);
  await confirm.getByRole('button', { name: 'Stop sharing' }).click();
  await expect(row).toBeHidden();
  await page.getByRole('button', { name: 'Check' }).click();
  await expect(page.getByText('This repository is not shared with audit-firm.')).toBeVisible();
});

test("SWR's refusal to share with the own account appears next to the account", async ({
  page,
}) => {
  await useSession(page, 'admin');
  const { url } = await seedRepository(page);
  await page.goto(url);
  await expect(page.getByText('This repository is not shared with any account.')).toBeVisible();
  await page.getByRole('button', { name: 'Share with an account' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share with an account' });
  const account = dialog.getByRole('textbox', { name: 'Account' });
  await account.fill('demo-ops');
  await dialog.getByRole('radio', { name: 'Forever' }).check();
  await dialog.getByRole('button', { name: 'Share' }).click();
  await expect(account).toHaveAttribute('aria-invalid', 'true');
  await expect(account).toHaveAccessibleDescription(/cannot be shared with its own account/);
  await expect(account).toHaveValue('demo-ops');
  await snapshotThemes(page, 'sharing-form');
});

test('a viewer sees the demo shares with the expiring one marked, and cannot change them', async ({
  page,
}) => {
  await signIn(page, 'viewer', '/cn-north-4/repositories/web-frontend/storefront/sharing');
  const row = page
    .getByRole('table', { name: 'Accounts web-frontend/storefront is shared with' })
    .getByRole('row', { name: /acme-analytics/ });
  await expect(row).toContainText(/Expires in \d days?/);
  const share = page.getByRole('button', { name: 'Share with an account' });
  await expect(share).toBeDisabled();
  await expect(share).toHaveAccessibleDescription('Needs the Admin role (you are Viewer).');
  await expect(
    page.getByRole('button', { name: 'Stop sharing with acme-analytics' }),
  ).toBeDisabled();
});
