/**
 * Images pushed with real tools, seen in the console (issue 17): an operator reads the docker
 * login the console's Login command page shows, builds images with umoci (three layers and a
 * config; a second image on top of the first with its config changed; a two-platform index) and
 * pushes them with skopeo through the region's registry front door, into a repository whose
 * trigger deploys every tag. In the browser: the new tags, an image's layers and config
 * (environment variable names, never their values), the index's platforms, two tags compared,
 * and the trigger's history naming the pushed tags.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { stableId } from '@swr-dashboard/emulator';
import { dockerLogin, ociLayout, skopeo, type OciLayout } from '@swr-dashboard/test-support';
import {
  consoleApi,
  expect as baseExpect,
  sessionRequest,
  signIn,
  snapshotThemes,
  test,
  unique,
} from '../support/fixtures';

const run = promisify(execFile);

// Images are built and pushed before the pages are looked at; a busy machine needs room.
test.describe.configure({ timeout: 240_000 });
const expect = baseExpect.configure({ timeout: 30_000 });

const REGION = 'cn-north-4';
const REPOSITORY = 'app';
/** The emulator's healthy demo cluster in cn-north-4, as CCE lists it. */
const PROD_CLUSTER = stableId('cluster', REGION, 'prod');
/** An environment variable's value the console must never show. */
const SECRET_VALUE = 'e2e-secret-value-5c1d';

/** The user, password and registry of the login the Login command page shows the operator. */
async function loginFromConsole(page: Page) {
  await page.goto(`/${REGION}/login-command`);
  await page.getByRole('button', { name: 'Generate login command' }).click();
  const result = page.getByRole('region', { name: 'Your login command' });
  await result.getByRole('button', { name: 'Reveal the password' }).click();
  const docker = result.locator('pre code').first();
  await expect(docker).toHaveText(/^docker login -u \S+ -p [0-9a-f]{16,} \S+$/);
  return dockerLogin((await docker.textContent()) ?? '');
}

/** An organization and a repository whose trigger deploys every tag pushed (seeded as an admin). */
async function seedRepository(): Promise<string> {
  const admin = await sessionRequest('admin');
  try {
    const api = consoleApi({ request: admin });
    const namespace = unique('e2e-img');
    await api.swr('POST', '/v2/manage/namespaces', { namespace });
    await api.swr('POST', `/v2/manage/namespaces/${namespace}/repos`, {
      repository: REPOSITORY,
      is_public: false,
    });
    await api.swr('POST', `/v2/manage/namespaces/${namespace}/repos/${REPOSITORY}/triggers`, {
      action: 'update',
      app_type: 'deployments',
      application: 'storefront',
      cluster_ns: 'default',
      cluster_id: PROD_CLUSTER,
      cluster_name: `prod-${REGION}`,
      condition: '.*',
      enable: 'true',
      name: 'deploy-all',
      trigger_type: 'all',
    });
    return namespace;
  } finally {
    await admin.dispose();
  }
}

/**
 * `v1`: three layers, an entrypoint, a command, environment, labels and a port. `v2`: v1 with a
 * fourth layer on top and its config changed (environment, labels, a port more, command, created).
 * `multi`: an index of a linux/amd64 and a linux/arm64 image.
 */
async function buildImages(layout: OciLayout): Promise<void> {
  await layout.build('v1', {
    layers: [
      { 'app/run': '#!/bin/sh\nexec /app/server "$@"\n' },
      { 'app/lib/deps.txt': 'deps 1.0\n' },
      { 'etc/app.conf': 'mode=production\n' },
    ],
    entrypoint: '/app/run',
    cmd: 'serve',
    env: { MODE: 'production', API_TOKEN: SECRET_VALUE },
    labels: { team: 'payments', 'org.opencontainers.image.version': '1.0.0' },
    exposedPorts: ['8080/tcp'],
  });
  const v1 = `${layout.path}:v1`;
  await run('umoci', [
    'config',
    '--image',
    v1,
    '--tag',
    'v2',
    '--clear=config.env',
    '--config.env',
    'MODE=staging',
    '--config.env',
    'LOG_LEVEL=debug',
    '--config.label',
    'team=platform',
    '--config.exposedports',
    '9090/tcp',
    '--clear=config.cmd',
    '--config.cmd',
    'serve',
    '--config.cmd=--fast',
    // Built a minute after v1.
    '--created',
    new Date(Date.now() + 60_000).toISOString(),
  ]);
  const feature = join(layout.path, '..', 'v2-feature');
  mkdirSync(join(feature, 'app'), { recursive: true });
  writeFileSync(join(feature, 'app', 'feature.txt'), 'feature flags\n');
  await run('umoci', ['insert', '--image', `${layout.path}:v2`, feature, '/']);
  await layout.build('amd64', { layers: [{ 'arch.txt': 'amd64\n' }], architecture: 'amd64' });
  await layout.build('arm64', { layers: [{ 'arch.txt': 'arm64\n' }], architecture: 'arm64' });
  layout.index('multi', ['amd64', 'arm64']);
}

test('an operator pushes images with the console’s login, sees their layers and config, compares two tags, and the trigger fires', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const namespace = await seedRepository();
  const layout = await ociLayout();
  try {
    await buildImages(layout);
    await signIn(page, 'operator', `/${REGION}/login-command`);
    const login = await loginFromConsole(page);
    const creds = `${login.user}:${login.password}`;
    const repository = `${login.registry}/${namespace}/${REPOSITORY}`;
    for (const tag of ['v1', 'v2', 'multi']) {
      const pushed = await skopeo([
        'copy',
        '--all',
        '--dest-tls-verify=false',
        '--dest-creds',
        creds,
        layout.ref(tag),
        `docker://${repository}:${tag}`,
      ]);
      expect(pushed.code, pushed.stderr).toBe(0);
    }

    // The Tags tab lists what was pushed; a tag's name opens its image.
    const tagsUrl = `/${REGION}/repositories/${namespace}/${REPOSITORY}/tags`;
    await page.goto(tagsUrl);
    const tags = page.getByRole('table', { name: `Tags of ${namespace}/${REPOSITORY}` });
    for (const tag of ['v1', 'v2', 'multi']) {
      await expect(tags.getByRole('link', { name: tag, exact: true })).toBeVisible();
    }
    await tags.getByRole('link', { name: 'v1', exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${tagsUrl}/v1$`));
    await expect(
      page.getByRole('heading', { level: 1, name: `${namespace}/${REPOSITORY}:v1` }),
    ).toBeVisible();
    const layers = page.getByRole('table', { name: `Layers of ${namespace}/${REPOSITORY}:v1` });
    // A header row, the three layers and their total.
    await expect(layers.getByRole('row')).toHaveCount(5);
    await expect(layers.getByRole('row').last()).toContainText('Total of 3 layers');
    const config = page.getByRole('region', { name: 'Config' });
    await expect(config).toContainText('Entrypoint["/app/run"]');
    await expect(config).toContainText('Command["serve"]');
    const env = config.getByRole('list', { name: 'Environment variables' });
    await expect(env.getByRole('listitem')).toHaveText(['MODE', 'API_TOKEN']);
    await expect(config.getByRole('list', { name: 'Exposed ports' })).toHaveText('8080/tcp');
    await expect(
      config
        .getByRole('table', { name: `Labels of ${namespace}/${REPOSITORY}:v1` })
        .getByRole('row', { name: /^team/ }),
    ).toContainText('payments');
    await expect(page.locator('body')).not.toContainText(SECRET_VALUE);
    await expect(page.getByRole('note', { name: 'Read from the registry' })).toHaveCount(0);
    await snapshotThemes(page, 'image');

    // The pull-by-digest command names this very image: what it copies pulls with skopeo.
    const commands = page.getByRole('region', { name: 'Pull and copy' });
    await expect(commands).toContainText(`docker pull ${repository}:v1`);
    await commands.getByRole('button', { name: 'Copy the pull-by-digest command' }).click();
    await expect(
      commands.getByRole('button', { name: 'Copy the pull-by-digest command' }),
    ).toHaveText('Copied');
    const pull = await page.evaluate(() => navigator.clipboard.readText());
    expect(pull).toMatch(new RegExp(`^docker pull ${repository}@sha256:[0-9a-f]{64}$`));
    const inspected = await skopeo([
      'inspect',
      '--tls-verify=false',
      '--creds',
      creds,
      `docker://${pull.slice('docker pull '.length)}`,
    ]);
    expect(inspected.code, inspected.stderr).toBe(0);
    expect((JSON.parse(inspected.stdout) as { Labels: Record<string, string> }).Labels).toEqual({
      team: 'payments',
      'org.opencontainers.image.version': '1.0.0',
    });

    // The index: its platforms, one chosen in the URL.
    await page.goto(`${tagsUrl}/multi`);
    const platforms = page.getByRole('navigation', { name: 'Platforms of multi' });
    await expect(platforms.getByRole('link', { name: 'linux/amd64' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    await expect(
      page.getByRole('table', {
        name: `Layers of ${namespace}/${REPOSITORY}:multi for linux/amd64`,
      }),
    ).toBeVisible();
    await platforms.getByRole('link', { name: 'linux/arm64' }).click();
    await expect(page).toHaveURL(/\?platform=linux%2Farm64$/);
    await expect(
      page.getByRole('table', {
        name: `Layers of ${namespace}/${REPOSITORY}:multi for linux/arm64`,
      }),
    ).toBeVisible();
    await expect(page.getByRole('region', { name: 'Config' })).toContainText('Platformlinux/arm64');
    await expect(page.getByRole('region', { name: 'Pull and copy' })).toContainText(
      `skopeo copy --all docker://${repository}@sha256:`,
    );

    // Two tags selected in the Tags tab, compared.
    await page.goto(tagsUrl);
    await page.getByRole('checkbox', { name: 'Select tag v1' }).check();
    await page.getByRole('checkbox', { name: 'Select tag v2' }).check();
    await page.getByRole('button', { name: 'Compare' }).click();
    await expect(page).toHaveURL(/\/compare\?a=v1&b=v2$/);
    const compared = page.getByRole('table', { name: 'Layers of v1 and v2' });
    await expect(compared.getByRole('row').filter({ hasText: 'Both' })).toHaveCount(3);
    await expect(compared.getByRole('row').filter({ hasText: 'Only v2' })).toHaveCount(1);
    await expect(page.getByRole('region', { name: 'Side by side' })).toContainText(
      /v2 is \d+ B larger than v1\./,
    );
    const changes = page.getByRole('region', { name: 'Config changes' });
    await expect(
      changes.getByRole('list', { name: 'Environment variables added in v2' }),
    ).toHaveText('LOG_LEVEL');
    await expect(
      changes.getByRole('list', { name: 'Environment variables removed in v2' }),
    ).toHaveText('API_TOKEN');
    await expect(changes.getByRole('list', { name: 'Ports exposed in v2 only' })).toHaveText(
      '9090/tcp',
    );
    await expect(
      changes
        .getByRole('table', { name: 'Labels changed between v1 and v2' })
        .getByRole('row', { name: /^team/ }),
    ).toContainText('paymentsplatform');
    const fields = changes.getByRole('table', { name: 'Config of v1 and v2' });
    await expect(fields.getByRole('row', { name: /^Command/ })).toContainText('Changed');
    await expect(fields.getByRole('row', { name: /^Entrypoint/ })).toContainText('Same');
    await expect(fields.getByRole('row', { name: /^Created/ })).toContainText('Changed');
    await expect(page.locator('body')).not.toContainText(SECRET_VALUE);
    await snapshotThemes(page, 'image-compare');

    // Each push set off the repository's trigger.
    await page.goto(`/${REGION}/repositories/${namespace}/${REPOSITORY}/triggers`);
    await page.getByRole('button', { name: 'Show trigger deploy-all and its history' }).click();
    const history = page
      .getByRole('dialog', { name: 'Trigger deploy-all' })
      .getByRole('table', { name: 'Rollouts of trigger deploy-all, newest first' });
    for (const tag of ['v1', 'v2', 'multi']) {
      await expect(history.getByRole('row', { name: new RegExp(`\\b${tag}\\b`) })).toContainText(
        'Succeeded',
      );
    }
  } finally {
    layout.remove();
  }
});
