/**
 * The Sync health page against a fake BFF typed from the contract: one read of the fleet index per
 * region choice, a row per repository and sync target with what the target lacks, healthy targets
 * hidden until asked for, filters and order in the URL, the tags of a row, "Sync the missing" and
 * "Retry failed" (in requests of at most 100 tags, then the index read again), by role and scope,
 * the empty, building and error states, and 简体中文.
 */
import {
  fleetEndpoint,
  type FleetRepository,
  type FleetResponse,
} from '@swr-dashboard/swr-client/browser';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { http } from 'msw';
import {
  DAY,
  fleetIndexHandler,
  fleetRepository,
  freshRegion,
  iso,
  NOW,
} from '../../../test/fleet-fixtures';
import { bffError, bffHandler, sessionHandlers, swr, swrPath } from '../../../test/handlers';
import { renderApp } from '../../../test/render';
import { server } from '../../../test/server';
import { changeLanguage } from '../../lib/i18n';

type Health = FleetRepository['syncHealth'][number];

const LOADED = { timeout: 5000 };
const CAPTION = 'Sync targets and their health';

/** 250 tags, `t0` to `t249`: more than three requests' worth at 100 a request. */
const MANY = Array.from({ length: 250 }, (_, index) => `t${String(index)}`);

function target(region: string, namespace: string, extra: Partial<Health> = {}): Health {
  return { region, namespace, missing: [], differing: [], failedJobs: [], ...extra };
}

function repository(
  region: string,
  namespace: string,
  name: string,
  health: Health[],
  override = false,
): FleetRepository {
  return fleetRepository(region, namespace, name, {
    syncTargets: health.map((entry) => ({
      region: entry.region,
      namespace: entry.namespace,
      override,
    })),
    syncHealth: health,
  });
}

const NGINX = repository(
  'cn-north-4',
  'platform',
  'nginx',
  [target('cn-east-3', 'platform', { missing: ['v1', 'v2'], differing: ['latest'] })],
  true,
);
/** Its failed job's tag is in the target now: nothing left to do. */
const GATEWAY = repository('cn-north-4', 'payments', 'gateway', [
  target('cn-east-3', 'payments', {
    failedJobs: [{ tag: 'v3', status: 'failed', at: iso(-DAY) }],
  }),
]);
const AIRFLOW = repository('cn-north-4', 'data', 'airflow', [
  target('cn-east-3', 'data-dr', {
    missing: MANY,
    failedJobs: [
      { tag: 't0', status: 'failed', at: iso(-2 * DAY) },
      { tag: 't0', status: 'timeout', at: iso(-DAY) },
      { tag: 't1', status: 'failed', at: iso(-DAY) },
    ],
  }),
]);
const STOREFRONT = repository('cn-north-4', 'web', 'storefront', [
  target('ap-southeast-3', 'web', { missing: null, differing: null }),
]);
const EAST_NGINX = repository('cn-east-3', 'platform', 'nginx', [target('cn-north-4', 'platform')]);
/** A repository without automatic sync: no row. */
const PLAIN = repository('cn-north-4', 'platform', 'redis', []);

function fleet(repositories = [NGINX, GATEWAY, AIRFLOW, STOREFRONT, EAST_NGINX, PLAIN]) {
  return {
    ownAccounts: [],
    regions: [freshRegion('cn-north-4'), freshRegion('cn-east-3')],
    namespaces: [],
    repositories,
  } satisfies FleetResponse;
}

async function table(name = CAPTION): Promise<HTMLElement> {
  return screen.findByRole('table', { name }, LOADED);
}

/** A row's cells' texts, the toggle's arrow left out. */
function cellTexts(row: HTMLElement): string[] {
  return within(row)
    .getAllByRole('cell')
    .map((cell) => cell.textContent.replace(/[▸▾]/g, ''));
}

/** The rows shown, as `source → target`, in order. */
function rowNames(element: HTMLElement): string[] {
  return within(element)
    .getAllByRole('row')
    .slice(1)
    .filter((row) => within(row).queryAllByRole('cell').length > 1)
    .map((row) => {
      const cells = cellTexts(row);
      return `${cells[1] ?? ''} ${cells[0] ?? ''} → ${cells[2] ?? ''}`;
    });
}

function rowOf(element: HTMLElement, source: string, to: string): HTMLElement {
  const row = within(element)
    .getAllByRole('row')
    .find((candidate) => {
      if (within(candidate).queryAllByRole('cell').length < 2) return false;
      const cells = cellTexts(candidate);
      return cells[0] === source && cells[2] === to;
    });
  if (row === undefined) throw new Error(`no row ${source} → ${to}`);
  return row;
}

async function expectRows(expected: string[], name?: string) {
  const element = await table(name);
  await waitFor(() => {
    expect(rowNames(element)).toEqual(expected);
  });
}

afterEach(() => {
  vi.useRealTimers();
});

describe('Sync health page', () => {
  it('shows each sync target with what it lacks, the most pressing first, healthy ones hidden', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    const seen: (string | null)[] = [];
    server.use(...sessionHandlers('admin'), fleetIndexHandler(fleet, seen));
    const { user, location } = renderApp('/cn-north-4/sync-health');
    const element = await table();
    expect(
      within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', {
        name: 'Sync health',
      }),
    ).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('heading', { level: 1, name: 'Sync health' })).toBeInTheDocument();
    expect(seen).toEqual(['cn-north-4']);
    expect(rowNames(element)).toEqual([
      'cn-north-4 web/storefront → ap-southeast-3/web',
      'cn-north-4 data/airflow → cn-east-3/data-dr',
      'cn-north-4 platform/nginx → cn-east-3/platform',
    ]);
    expect(
      within(element)
        .getAllByRole('columnheader')
        .map((header) => header.textContent.replace(/[▲▼↕]/g, '')),
    ).toEqual([
      'Repository',
      'Region',
      'Target',
      'Status',
      'Missing',
      'Differing',
      'Failed jobs',
      'Actions',
    ]);
    expect(cellTexts(rowOf(element, 'platform/nginx', 'cn-east-3/platform'))).toEqual([
      'platform/nginx',
      'cn-north-4',
      'cn-east-3/platform',
      'DifferingMissing tags',
      '2',
      '1',
      '0',
      'Sync the missing',
    ]);
    expect(cellTexts(rowOf(element, 'data/airflow', 'cn-east-3/data-dr'))).toEqual([
      'data/airflow',
      'cn-north-4',
      'cn-east-3/data-dr',
      'FailingMissing tags',
      '250',
      '0',
      '3',
      'Sync the missingRetry failed',
    ]);
    const storefrontRow = rowOf(element, 'web/storefront', 'ap-southeast-3/web');
    const storefront = within(storefrontRow);
    expect(cellTexts(storefrontRow)).toEqual([
      'web/storefront',
      'cn-north-4',
      'ap-southeast-3/web',
      'Target unreadable',
      'unknown',
      'unknown',
      '0',
      '',
    ]);
    expect(storefront.getByRole('link', { name: 'web/storefront' })).toHaveAttribute(
      'href',
      '/cn-north-4/repositories/web/storefront/tags',
    );
    expect(screen.getByText('3 of 4 sync targets shown')).toBeInTheDocument();
    expect(screen.getByText('1 healthy target hidden.')).toBeInTheDocument();
    expect(
      within(screen.getByRole('list', { name: 'Sync targets by status' }))
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Target unreadable: 1', 'Failing: 1', 'Differing: 1', 'Healthy: 1']);
    expect(
      within(screen.getByRole('region', { name: 'How fresh the index is' })).getByRole('listitem'),
    ).toHaveTextContent('cn-north-4:indexed 5 minutes ago');

    await user.click(screen.getByRole('button', { name: 'Show healthy targets' }));
    await expectRows([
      'cn-north-4 web/storefront → ap-southeast-3/web',
      'cn-north-4 data/airflow → cn-east-3/data-dr',
      'cn-north-4 platform/nginx → cn-east-3/platform',
      'cn-north-4 payments/gateway → cn-east-3/payments',
    ]);
    expect(location().search).toBe('?status=unreadable%2Cfailing%2Cdiffering%2Cmissing%2Chealthy');
    expect(screen.getByRole('checkbox', { name: 'healthy' })).toBeChecked();
    expect(screen.queryByText(/healthy targets? hidden/)).toBeNull();
  }, 20_000);

  it('opens a row to list the tags, long lists capped, and the failed jobs', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    server.use(...sessionHandlers('admin'), fleetIndexHandler(fleet));
    const { user } = renderApp('/cn-north-4/sync-health?status=healthy,missing');
    const element = await table();
    const toggle = screen.getByRole('button', {
      name: 'Details of platform/nginx in cn-east-3/platform',
    });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const nginx = screen.getByRole('region', {
      name: 'Details of platform/nginx in cn-east-3/platform',
    });
    expect(
      within(nginx).getByRole('list', { name: 'Tags missing in the target' }),
    ).toHaveTextContent('v1v2');
    expect(
      within(nginx).getByRole('list', { name: 'Tags with another digest in the target' }),
    ).toHaveTextContent('latest');
    expect(nginx).toHaveTextContent('The automatic policy replaces tags the target already has.');

    await user.click(
      within(element).getByRole('button', {
        name: 'Details of data/airflow in cn-east-3/data-dr',
      }),
    );
    const airflow = screen.getByRole('region', {
      name: 'Details of data/airflow in cn-east-3/data-dr',
    });
    const missing = within(airflow).getByRole('list', { name: 'Tags missing in the target' });
    expect(within(missing).getAllByRole('listitem')).toHaveLength(30);
    expect(within(airflow).getByText('and 220 more')).toBeInTheDocument();
    await user.click(within(airflow).getByRole('button', { name: 'Show all 250' }));
    expect(within(missing).getAllByRole('listitem')).toHaveLength(250);
    expect(
      within(within(airflow).getByRole('list', { name: 'Failed sync jobs of the last week' }))
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['t0: failed 2 days ago', 't0: timeout yesterday', 't1: failed yesterday']);

    const gateway = within(element).getByRole('button', {
      name: 'Details of payments/gateway in cn-east-3/payments',
    });
    await user.click(gateway);
    const details = screen.getByRole('region', {
      name: 'Details of payments/gateway in cn-east-3/payments',
    });
    expect(
      within(details).getByRole('list', { name: 'Failed sync jobs of the last week' }),
    ).toHaveTextContent('v3: failed yesterdaysynced since');
  }, 20_000);

  it('syncs the missing tags in requests of at most 100, reports each, and reads the index again', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    const seen: (string | null)[] = [];
    const sent: { region: string; path: string; body: unknown }[] = [];
    let synced = false;
    const after = repository('cn-north-4', 'data', 'airflow', [
      target('cn-east-3', 'data-dr', { missing: ['t150'] }),
    ]);
    server.use(
      ...sessionHandlers('operator'),
      fleetIndexHandler(
        () => fleet(synced ? [NGINX, { ...after, indexedAt: iso(1000) }] : [NGINX, AIRFLOW]),
        seen,
      ),
      swr('createManualImageSyncRepo', async ({ request, params }) => {
        const body = (await request.json()) as { imageTag: string[] };
        sent.push({
          region: params.region ?? '',
          path: `${params.namespace ?? ''}/${params.repository ?? ''}`,
          body,
        });
        synced = true;
        return { body: body.imageTag.includes('t150') ? ['t150'] : [] };
      }),
    );
    const { user } = renderApp('/cn-north-4/sync-health');
    await table();
    await user.click(
      screen.getByRole('button', { name: 'Sync the missing: data/airflow to cn-east-3/data-dr' }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Sync the missing tags' });
    expect(dialog).toHaveTextContent('From data/airflow (cn-north-4) to cn-east-3/data-dr.');
    expect(dialog).toHaveTextContent('Copies what the target lacks and changes nothing it holds.');
    expect(
      within(within(dialog).getByRole('list', { name: 'Tags to sync' })).getAllByRole('listitem'),
    ).toHaveLength(30);
    expect(within(dialog).getByText('and 220 more')).toBeInTheDocument();
    expect(dialog).toHaveTextContent(
      'SWR takes at most 100 tags in one manual sync: these go in 3 requests, one after the other',
    );
    const readsBefore = seen.length;
    await user.click(within(dialog).getByRole('button', { name: 'Sync 250 tags' }));

    const outcome = await screen.findByRole(
      'alert',
      { name: 'Sync of data/airflow to cn-east-3/data-dr' },
      LOADED,
    );
    expect(outcome).toHaveTextContent('Request 1 of 3 (100 tags): all 100 tags were synced.');
    expect(outcome).toHaveTextContent('Request 2 of 3 (100 tags): 1 of 100 tags failed:');
    expect(
      within(outcome).getByRole('list', { name: 'Tags that failed in request 2' }),
    ).toHaveTextContent('t150');
    expect(outcome).toHaveTextContent('Request 3 of 3 (50 tags): all 50 tags were synced.');
    expect(sent.map((request) => [request.region, request.path])).toEqual([
      ['cn-north-4', 'data/airflow'],
      ['cn-north-4', 'data/airflow'],
      ['cn-north-4', 'data/airflow'],
    ]);
    expect(sent.map(({ body }) => body)).toEqual([
      {
        imageTag: MANY.slice(0, 100),
        remoteRegionId: 'cn-east-3',
        remoteNamespace: 'data-dr',
        override: false,
      },
      {
        imageTag: MANY.slice(100, 200),
        remoteRegionId: 'cn-east-3',
        remoteNamespace: 'data-dr',
        override: false,
      },
      {
        imageTag: MANY.slice(200),
        remoteRegionId: 'cn-east-3',
        remoteNamespace: 'data-dr',
        override: false,
      },
    ]);
    expect(screen.queryByRole('dialog')).toBeNull();
    // The index is read again, and shows the repository re-read since.
    expect(
      await screen.findByText(
        'The index has re-read the repository: the table shows what the target holds now.',
        {},
        LOADED,
      ),
    ).toBeInTheDocument();
    expect(seen.length).toBeGreaterThan(readsBefore);
    const row = rowOf(await table(), 'data/airflow', 'cn-east-3/data-dr');
    expect(within(row).getAllByRole('cell')[4]).toHaveTextContent('1');
  }, 20_000);

  it('offers the differing tags as a separate choice that overrides, and tells an unknown outcome', async () => {
    let bodies: unknown[] = [];
    let reads = 0;
    server.use(
      ...sessionHandlers('admin'),
      bffHandler(fleetEndpoint, () => {
        reads += 1;
        return fleet([NGINX]);
      }),
      http.post(swrPath('createManualImageSyncRepo'), async ({ request }) => {
        bodies = [...bodies, await request.json()];
        return bffError(504, 'outcome_unknown');
      }),
    );
    const { user } = renderApp('/cn-north-4/sync-health');
    await table();
    await user.click(
      screen.getByRole('button', {
        name: 'Sync the missing: platform/nginx to cn-east-3/platform',
      }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Sync the missing tags' });
    const group = within(dialog).getByRole('group', { name: 'What to sync' });
    expect(within(group).getByRole('radio', { name: 'The 2 missing tags' })).toBeChecked();
    expect(within(dialog).getByRole('list', { name: 'Tags to sync' })).toHaveTextContent('v1v2');
    await user.click(
      within(group).getByRole('radio', { name: 'The missing and differing tags (3 tags)' }),
    );
    expect(within(dialog).getByRole('list', { name: 'Tags to sync' })).toHaveTextContent(
      'v1v2latest',
    );
    const readsBefore = reads;
    await user.click(within(dialog).getByRole('button', { name: 'Sync 3 tags' }));
    const outcome = await screen.findByText(/^Request 1 of 1 \(3 tags\):/, {}, LOADED);
    expect(outcome).toHaveTextContent('no answer: SWR may or may not have synced them.');
    expect(bodies).toEqual([
      {
        imageTag: ['v1', 'v2', 'latest'],
        remoteRegionId: 'cn-east-3',
        remoteNamespace: 'platform',
        override: true,
      },
    ]);
    await waitFor(() => {
      expect(reads).toBeGreaterThan(readsBefore);
    });
    expect(
      screen.getByText(
        'The index updates within seconds; this page reads it again until it shows the change.',
      ),
    ).toBeInTheDocument();
  }, 20_000);

  it('retries the distinct tags of the failed jobs as the policy would, and stops at a refusal', async () => {
    const bodies: unknown[] = [];
    server.use(
      ...sessionHandlers('admin'),
      fleetIndexHandler(() => fleet([AIRFLOW])),
      http.post(swrPath('createManualImageSyncRepo'), async ({ request }) => {
        bodies.push(await request.json());
        return bffError(403, 'forbidden', { message: 'Outside your organizations.' });
      }),
    );
    const { user } = renderApp('/cn-north-4/sync-health');
    await table();
    await user.click(
      screen.getByRole('button', { name: 'Retry failed: data/airflow to cn-east-3/data-dr' }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Retry the failed syncs' });
    expect(dialog).toHaveTextContent(
      'Syncs again the 2 tags of the failed jobs that the target still lacks or holds with another digest. As the automatic policy does, a tag the target already has is left as it is.',
    );
    expect(within(dialog).getByRole('list', { name: 'Tags to sync' })).toHaveTextContent('t0t1');
    await user.click(within(dialog).getByRole('button', { name: 'Retry 2 tags' }));
    const outcome = await screen.findByRole(
      'alert',
      { name: 'Sync of data/airflow to cn-east-3/data-dr' },
      LOADED,
    );
    expect(outcome).toHaveTextContent('Request 1 of 1 (2 tags): refused.');
    expect(within(outcome).getByRole('alert')).toHaveTextContent(
      /Outside your organizations\.Request id req-test\.$/,
    );
    expect(bodies).toEqual([
      {
        imageTag: ['t0', 't1'],
        remoteRegionId: 'cn-east-3',
        remoteNamespace: 'data-dr',
        override: false,
      },
    ]);
  }, 20_000);

  it('shows a viewer the health without any action, and why', async () => {
    server.use(...sessionHandlers('viewer'), fleetIndexHandler(fleet));
    renderApp('/cn-north-4/sync-health');
    const element = await table();
    expect(rowNames(element)).toHaveLength(3);
    expect(within(element).queryByRole('columnheader', { name: 'Actions' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Sync the missing/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Retry failed/ })).toBeNull();
    expect(
      screen.getByText(/^You see the health of every target; starting a sync is not for you:/),
    ).toHaveTextContent(/Operator/);
  }, 20_000);

  it('shows a scoped user what the BFF answers, counts only that, and blocks targets outside', async () => {
    const seen: (string | null)[] = [];
    server.use(
      ...sessionHandlers('operator', { namespaces: ['payments*', 'data'] }),
      // The BFF filters by the user's scopes: it answers only payments and data.
      fleetIndexHandler(() => fleet([GATEWAY, AIRFLOW]), seen),
    );
    const { user } = renderApp('/cn-north-4/sync-health?status=healthy,failing,missing');
    const element = await table();
    expect(rowNames(element)).toEqual([
      'cn-north-4 data/airflow → cn-east-3/data-dr',
      'cn-north-4 payments/gateway → cn-east-3/payments',
    ]);
    expect(screen.getByText('2 of 2 sync targets shown')).toBeInTheDocument();
    expect(screen.getByText('2 sync targets')).toBeInTheDocument();
    const organization = screen.getByRole('combobox', { name: 'Organization' });
    expect(
      within(organization)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['All organizations', 'data', 'payments']);
    const sync = screen.getByRole('button', {
      name: 'Sync the missing: data/airflow to cn-east-3/data-dr',
    });
    expect(sync).toBeDisabled();
    expect(sync).toHaveAccessibleDescription(
      'Your organizations (payments*, data) do not include cn-east-3/data-dr.',
    );
    await user.selectOptions(organization, 'payments');
    await expectRows(['cn-north-4 payments/gateway → cn-east-3/payments']);
    expect(seen).toEqual(['cn-north-4']);
  }, 20_000);

  it('shows every region on request, and sorts by a column in the URL', async () => {
    const seen: (string | null)[] = [];
    server.use(...sessionHandlers('admin'), fleetIndexHandler(fleet, seen));
    const { user, location } = renderApp('/cn-north-4/sync-health?status=healthy');
    await expectRows(['cn-north-4 payments/gateway → cn-east-3/payments']);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Regions' }), 'All regions');
    await expectRows([
      'cn-east-3 platform/nginx → cn-north-4/platform',
      'cn-north-4 payments/gateway → cn-east-3/payments',
    ]);
    expect(seen).toEqual(['cn-north-4', null]);
    expect(location().search).toBe('?regions=all&status=healthy');

    await user.click(screen.getByRole('checkbox', { name: 'missing tags' }));
    await user.click(within(await table()).getByRole('button', { name: /^Missing/ }));
    await expectRows([
      'cn-north-4 data/airflow → cn-east-3/data-dr',
      'cn-north-4 platform/nginx → cn-east-3/platform',
      'cn-east-3 platform/nginx → cn-north-4/platform',
      'cn-north-4 payments/gateway → cn-east-3/payments',
    ]);
    expect(location().search).toBe('?regions=all&status=missing%2Chealthy&sort=missing&dir=desc');
    expect(screen.getByRole('columnheader', { name: /^Missing/ })).toHaveAttribute(
      'aria-sort',
      'descending',
    );
  }, 20_000);

  it('says when no repository syncs, when all targets are healthy, and when the index is being built', async () => {
    let answer: FleetResponse = fleet([PLAIN]);
    server.use(
      ...sessionHandlers('admin'),
      fleetIndexHandler(() => answer),
    );
    const { user } = renderApp('/cn-north-4/sync-health');
    expect(
      await screen.findByText(
        'No automatic sync policies: no repository you may see syncs to another region.',
        {},
        LOADED,
      ),
    ).toBeInTheDocument();

    answer = fleet([GATEWAY]);
    await user.click(screen.getByRole('button', { name: 'Refresh' }));
    expect(
      await screen.findByText('Every sync target is healthy.', {}, LOADED),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Show healthy targets' }));
    await expectRows(['cn-north-4 payments/gateway → cn-east-3/payments']);

    answer = {
      ...fleet([]),
      regions: [
        { id: 'cn-north-4', status: 'never', sweptAt: null, sweeping: iso(0), error: null },
      ],
    };
    await user.click(screen.getByRole('button', { name: 'Refresh' }));
    expect(
      await screen.findByText(
        'The index is being built; sync health appears here when it is done.',
        {},
        LOADED,
      ),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('region', { name: 'How fresh the index is' })).getByText(
        'Being built',
      ),
    ).toBeInTheDocument();
  }, 20_000);

  it('shows why the index could not be read, and reads it again on Retry', async () => {
    let failing = true;
    server.use(
      ...sessionHandlers('admin'),
      bffHandler(fleetEndpoint, () =>
        failing ? bffError(503, 'store_unavailable') : fleet([NGINX]),
      ),
    );
    const { user } = renderApp('/cn-north-4/sync-health');
    expect(
      await screen.findByText('The fleet index could not be loaded.', {}, LOADED),
    ).toBeInTheDocument();
    failing = false;
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    await expectRows(['cn-north-4 platform/nginx → cn-east-3/platform']);
  }, 20_000);

  it('speaks 简体中文', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    changeLanguage('zh-CN');
    try {
      server.use(...sessionHandlers('admin'), fleetIndexHandler(fleet));
      renderApp('/cn-north-4/sync-health');
      const element = await table('同步目标及其健康状况');
      expect(screen.getByRole('heading', { level: 1, name: '同步健康' })).toBeInTheDocument();
      expect(
        within(rowOf(element, 'platform/nginx', 'cn-east-3/platform')).getAllByRole('cell')[3],
      ).toHaveTextContent('不一致缺少镜像版本');
      expect(screen.getByText('显示 3 个同步目标，共 4 个')).toBeInTheDocument();
      expect(screen.getByText('已隐藏 1 个健康的目标。')).toBeInTheDocument();
      expect(
        screen.getByRole('button', { name: '同步缺少的：platform/nginx 到 cn-east-3/platform' }),
      ).toBeInTheDocument();
    } finally {
      changeLanguage('en');
    }
  }, 20_000);
});
