/**
 * A retention policy for many repositories (issue 16), against the whole stack: an admin opens
 * More jobs on the Jobs page, picks three demo repositories of legacy-apps from the fleet index
 * (no other spec uses them, and none has a retention policy in the demo seed; one left by an
 * earlier run on the same stack is deleted first), sets the rule,
 * previews it (each repository gets the policy created; a rule keeping 500 tags deletes none of
 * their few dozen), starts it, watches the job finish on its page (the BFF creates the policies,
 * paced), and sees the policy on one repository's Retention tab; the form and the job's page in
 * both themes.
 */
import type { Page } from '@playwright/test';
import {
  consoleApi,
  expect as baseExpect,
  signIn,
  snapshotThemes,
  test,
} from '../support/fixtures';

// The job runs at the stack's pace of jobs (5 SWR calls a second): a few seconds for three items.
test.describe.configure({ timeout: 120_000 });
const expect = baseExpect.configure({ timeout: 30_000 });

const REPOSITORIES = [
  'legacy-apps/cron-scripts',
  'legacy-apps/dotnet-framework-api',
  'legacy-apps/iis-frontend',
];

const retentionsPath = (name: string) => {
  const [namespace, repository] = name.split('/');
  return `/v2/manage/namespaces/${namespace ?? ''}/repos/${repository ?? ''}/retentions`;
};

/** Deletes whatever retention policy the repositories have. */
async function removePolicies(page: Page): Promise<void> {
  const api = consoleApi(page);
  for (const name of REPOSITORIES) {
    const policies = (await api.swr('GET', retentionsPath(name))) as { id: number }[];
    for (const policy of policies) {
      await api.swr('DELETE', `${retentionsPath(name)}/${String(policy.id)}`);
    }
  }
}

test('an admin applies a retention policy to three repositories from the Jobs page and sees it on their Retention tab', async ({
  page,
}) => {
  await signIn(page, 'admin', '/cn-north-4/jobs');
  // As the seed has them, with no policy: an earlier run on this stack gave them one.
  await removePolicies(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Jobs' })).toBeVisible();
  await page.getByRole('button', { name: 'More jobs' }).click();
  await page.getByRole('link', { name: 'Apply a retention policy…' }).click();
  await expect(page).toHaveURL(/\/cn-north-4\/jobs\?new=retention-template$/);

  const form = page.getByRole('region', { name: 'Apply a retention policy to many repositories' });
  const search = form.getByRole('searchbox', { name: 'Search repositories' });
  await search.fill('legacy-apps/');
  // Enter searches at once (else the search applies when the box is left: mid-click).
  await search.press('Enter');
  // The first sweep of the fleet index may still be under way: the picker fills in when it is done.
  for (const name of REPOSITORIES) {
    await form.getByRole('checkbox', { name, exact: true }).check();
  }
  await expect(form.getByText('3 repositories chosen')).toBeVisible();
  await form.getByRole('textbox', { name: 'Number of tags to keep' }).fill('500');
  await expect(form.getByRole('textbox', { name: 'Exception 1: tag' })).toHaveValue('latest');
  await form.getByRole('button', { name: 'Preview' }).click();

  await expect(form.getByRole('status')).toHaveText(
    '3 repositories get the policy, which deletes 0 tags at once; 0 left as they are.',
  );
  const items = form.getByRole('table', { name: 'Repositories given the policy' });
  await expect(items.getByRole('row')).toHaveCount(4);
  for (const [index, name] of REPOSITORIES.entries()) {
    await expect(items.getByRole('row').nth(index + 1)).toHaveText(
      `${name}Create the policy0 tags`,
    );
  }
  await snapshotThemes(page, 'jobs-retention-template');

  await form.getByRole('button', { name: 'Apply to 3 repositories…' }).click();
  const dialog = page.getByRole('dialog', {
    name: 'Apply the retention policy to 3 repositories?',
  });
  await expect(dialog).toContainText('0 tags are deleted at once');
  await dialog.getByRole('button', { name: 'Start: apply to 3 repositories' }).click();

  await expect(page).toHaveURL(/\/cn-north-4\/jobs\/[0-9A-Z]{26}$/);
  await expect(
    page.getByRole('heading', {
      level: 1,
      name: 'Retention policy for legacy-apps/cron-scripts and 2 more repositories',
    }),
  ).toBeVisible();
  await expect(
    page.getByText(
      'Retention policy: keep the 500 most recent tags, except the tag latest. Across 3 repositories.',
    ),
  ).toBeVisible();
  const bar = page.getByRole('progressbar', { name: 'Items settled' });
  await expect(bar).toHaveAttribute('aria-valuetext', '3 of 3 settled', { timeout: 60_000 });
  const progress = page.getByRole('region', { name: 'Progress' });
  await expect(progress).toContainText('Done3Failed0Cancelled0Left0');
  const done = page.getByRole('table', { name: 'Items of the job' });
  await expect(done.getByRole('row')).toHaveCount(4);
  await expect(done.getByRole('row').nth(1)).toContainText(/Done\s*policy \d+ created/);
  // A retention job has no CSV of deleted tags.
  await expect(page.getByRole('button', { name: 'Download CSV of what was deleted' })).toHaveCount(
    0,
  );
  await snapshotThemes(page, 'job-retention-template');

  // The policy is on each repository, as its Retention tab shows it.
  await page.goto('/cn-north-4/repositories/legacy-apps/dotnet-framework-api/retention');
  await expect(
    page.getByRole('paragraph').filter({
      hasText: 'Keep the 500 most recent tags, except the tag latest.',
    }),
  ).toBeVisible();
  for (const name of REPOSITORIES) {
    const policies = (await consoleApi(page).swr('GET', retentionsPath(name))) as {
      rules: { template: string; params: { num?: string } }[];
    }[];
    expect(policies.map((policy) => policy.rules[0]?.params.num)).toEqual(['500']);
  }
});
