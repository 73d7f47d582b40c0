/**
 * Deploy triggers: a trigger created on an own repository fires on a matching push and its
 * history shows the rollout (its cluster, namespace and workload chosen from CCE's lists); disable
 * and delete; where CCE cannot be read, a typed unknown cluster is refused at its field; a
 * viewer sees triggers and their history but cannot change them.
 */
import type { Page } from '@playwright/test';
import { stableId } from '@swr-dashboard/emulator';
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

// Several steps, each through the whole stack: room for a loaded machine.
test.describe.configure({ timeout: 90_000 });

/** The emulator's healthy demo cluster in cn-north-4, as CCE lists it. */
const PROD_CLUSTER = stableId('cluster', 'cn-north-4', 'prod');
/** The region where the e2e console may not read CCE (e2e/support/stack.ts): ids are typed. */
const TYPED_REGION = 'ap-southeast-3';

async function seedRepository(
  page: Page,
  region = 'cn-north-4',
): Promise<{ namespace: string; url: string }> {
  const api = consoleApi(page);
  const namespace = unique('e2e-trig');
  await api.swr('POST', '/v2/manage/namespaces', { namespace }, region);
  await api.swr(
    'POST',
    `/v2/manage/namespaces/${namespace}/repos`,
    { repository: 'web', is_public: false },
    region,
  );
  return { namespace, url: `/${region}/repositories/${namespace}/web/triggers` };
}

test('a trigger fires on a matching push, shows the rollout in its history, and is disabled and deleted', async ({
  page,
}) => {
  await useSession(page, 'admin');
  const { namespace, url } = await seedRepository(page);
  await page.goto(url);
  await expect(
    page.getByText('No trigger: pushes to this repository deploy nothing.'),
  ).toBeVisible();

  await page.getByRole('button', { name: 'Create trigger' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create a deploy trigger' });
  await dialog.getByRole('textbox', { name: 'Trigger name' }).fill('deploy-e2e');
  // The region's clusters, their namespaces and workloads, as CCE lists them, to choose from.
  await dialog
    .getByRole('combobox', { name: 'Cluster id' })
    .selectOption({ label: `prod-cn-north-4 (${PROD_CLUSTER})` });
  await expect(dialog.getByRole('textbox', { name: 'Cluster name' })).toHaveValue(
    'prod-cn-north-4',
  );
  await dialog.getByRole('combobox', { name: 'Namespace' }).selectOption('default');
  await dialog.getByRole('combobox', { name: 'Workload' }).selectOption('storefront');
  await dialog.getByRole('radio', { name: 'Listed tags' }).check();
  await dialog.getByRole('textbox', { name: 'Tags' }).fill('release-1;latest');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog).toBeHidden();
  const table = page.getByRole('table', { name: `Deploy triggers of ${namespace}/web` });
  const row = table.getByRole('row', { name: /deploy-e2e/ });
  await expect(row).toContainText('Not fired yet');
  await expect(row).toContainText('Tags release-1, latest');

  // A pipeline pushes a matching tag, then one that does not match.
  await pushTag(page, { namespace, repository: 'web', tag: 'release-1' });
  await pushTag(page, { namespace, repository: 'web', tag: 'feature-x' });
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(row).toContainText('Succeeded');
  await snapshotThemes(page, 'triggers');

  await page.getByRole('button', { name: 'Show trigger deploy-e2e and its history' }).click();
  await expect(page).toHaveURL(/[?&]trigger=deploy-e2e/);
  const detail = page.getByRole('dialog', { name: 'Trigger deploy-e2e' });
  const history = detail.getByRole('table', {
    name: 'Rollouts of trigger deploy-e2e, newest first',
  });
  await expect(history.getByRole('row')).toHaveCount(2);
  await expect(history.getByRole('row', { name: /release-1/ })).toContainText('Succeeded');
  await expect(history).toContainText('on cluster prod-cn-north-4');
  await expect(detail).toContainText(`CCE cluster prod-cn-north-4 (${PROD_CLUSTER})`);
  await snapshotThemes(page, 'triggers-detail');
  await detail.getByRole('button', { name: 'Close' }).click();
  await expect(page).not.toHaveURL(/trigger=/);

  await page.getByRole('button', { name: 'Disable trigger deploy-e2e' }).click();
  await expect(row).toContainText('Disabled');
  await page.getByRole('button', { name: 'Delete trigger deploy-e2e' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete trigger deploy-e2e?' });
  await expect(confirm).toContainText('its history is deleted');
  await confirm.getByRole('button', { name: 'Delete trigger' }).click();
  await expect(
    page.getByText('No trigger: pushes to this repository deploy nothing.'),
  ).toBeVisible();
});

test("an unknown cluster is refused with SWR's message next to the cluster id", async ({
  page,
}) => {
  await useSession(page, 'admin');
  const { url } = await seedRepository(page, TYPED_REGION);
  await page.goto(url);
  await page.getByRole('button', { name: 'Create trigger' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create a deploy trigger' });
  await dialog.getByRole('textbox', { name: 'Trigger name' }).fill('ghost');
  const cluster = dialog.getByRole('combobox', { name: 'Cluster id' });
  await cluster.fill('no-such-cluster');
  await dialog.getByRole('textbox', { name: 'Cluster name' }).fill('ghost');
  await dialog.getByRole('textbox', { name: 'Workload' }).fill('web');
  await dialog.getByRole('radio', { name: 'Tags matching a regular expression' }).check();
  const pattern = dialog.getByRole('textbox', { name: 'Regular expression' });
  await pattern.fill('^v(');
  await expect(pattern).toHaveAccessibleDescription(/not a valid regular expression/);
  await pattern.fill('^v\\d+');
  await expect(pattern).not.toHaveAttribute('aria-invalid');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(cluster).toHaveAttribute('aria-invalid', 'true');
  await expect(cluster).toHaveAccessibleDescription(/SWR refused this cluster/);
  await expect(cluster).toHaveValue('no-such-cluster');
  await snapshotThemes(page, 'triggers-create');
});

test('a viewer sees the demo triggers and their history but cannot change them', async ({
  page,
}) => {
  await signIn(page, 'viewer', '/cn-north-4/repositories/payments/payment-gateway/triggers');
  const create = page.getByRole('button', { name: 'Create trigger' });
  await expect(create).toBeDisabled();
  await expect(create).toHaveAccessibleDescription('Needs the Operator role (you are Viewer).');
  await expect(page.getByRole('button', { name: 'Disable trigger deploy-prod' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Delete trigger deploy-prod' })).toBeDisabled();
  await page.getByRole('button', { name: 'Show trigger deploy-prod and its history' }).click();
  const detail = page.getByRole('dialog', { name: 'Trigger deploy-prod' });
  await expect(
    detail.getByRole('table', { name: 'Rollouts of trigger deploy-prod, newest first' }),
  ).toBeVisible();
});
