/**
 * The Share radar against a fake BFF typed from the contract: one read of the fleet index per
 * region choice, every outbound share by end date, the groups, the accounts and the filters in the
 * URL, the CSV of the rows shown, stopping a share by role, a scoped user's answer, the empty,
 * building and failing index, and 简体中文.
 */
import {
  fleetEndpoint,
  type FleetRepository,
  type FleetResponse,
} from '@swr-dashboard/swr-client/browser';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { catchDownloads } from '../../../test/downloads';
import {
  DAY,
  fleetIndexHandler,
  fleetRepository,
  freshRegion,
  iso,
  MINUTE,
  NOW,
} from '../../../test/fleet-fixtures';
import { bffError, bffHandler, sessionHandlers, swr } from '../../../test/handlers';
import { renderApp } from '../../../test/render';
import { server } from '../../../test/server';
import { changeLanguage } from '../../lib/i18n';
import { BUILDING_POLL_MS } from '../../lib/fleet-index';

type Share = FleetRepository['shares'][number];

const LOADED = { timeout: 5000 };

function repository(
  region: string,
  namespace: string,
  name: string,
  shares: Share[],
): FleetRepository {
  return fleetRepository(region, namespace, name, { shares });
}

function share(account: string, until: string, valid = true, permit = 'read'): Share {
  return { account, permit, until, valid };
}

/**
 * The account's shares: five in cn-north-4 and one in cn-east-3, with the company's own account
 * `demo-dr`; a repository without shares shows nowhere.
 */
const REPOSITORIES: FleetRepository[] = [
  repository('cn-north-4', 'payments', 'gateway', [
    share('partner-corp', 'forever'),
    share('demo-dr', iso(3 * DAY)),
  ]),
  repository('cn-north-4', 'platform', 'base/alpine', [
    share('contractor-x', iso(-20 * DAY), false),
  ]),
  repository('cn-north-4', 'web', 'storefront', [share('acme-analytics', iso(5 * DAY))]),
  repository('cn-north-4', 'ml', 'serve', [share('research-lab', iso(90 * DAY), true, 'write')]),
  repository('cn-north-4', 'data', 'spark', []),
  repository('cn-east-3', 'platform', 'nginx', [share('partner-corp', iso(2 * DAY))]),
];

function fleet(overrides: Partial<FleetResponse> = {}): FleetResponse {
  return {
    ownAccounts: ['demo-ops', 'demo-dr'],
    regions: [freshRegion('cn-north-4'), freshRegion('cn-east-3', 20 * MINUTE)],
    namespaces: [],
    repositories: REPOSITORIES,
    ...overrides,
  };
}

async function shareTable(name = 'Outbound shares by end date'): Promise<HTMLElement> {
  return screen.findByRole('table', { name }, LOADED);
}

/** The shares shown, as `region organization/repository account`, in order. */
function shareNames(table: HTMLElement): string[] {
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => {
      const cells = within(row).getAllByRole('cell');
      return `${cells[1]?.textContent ?? ''} ${cells[0]?.textContent ?? ''} ${cells[2]?.textContent ?? ''}`;
    });
}

function cellsOf(table: HTMLElement, name: string, account: string): string[] {
  const row = within(table)
    .getAllByRole('row')
    .find((candidate) => {
      const cells = within(candidate).queryAllByRole('cell');
      return cells[0]?.textContent === name && cells[2]?.textContent === account;
    });
  if (row === undefined) throw new Error(`no row ${name} ${account}`);
  return within(row)
    .getAllByRole('cell')
    .map((cell) => cell.textContent);
}

async function expectShares(expected: string[], name?: string) {
  const table = await shareTable(name);
  await waitFor(() => {
    expect(shareNames(table)).toEqual(expected);
  });
}

/** The CSV's lines without the byte order mark, split on CRLF (no field here holds one). */
async function csvLines(file: { text: Promise<string> } | undefined): Promise<string[]> {
  const text = await (file?.text ?? Promise.resolve(''));
  return text
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter((line) => line !== '');
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('Share radar page', () => {
  it('shows every outbound share of the region by end date, and each account shared with', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    const seen: (string | null)[] = [];
    server.use(fleetIndexHandler(fleet(), seen));
    renderApp('/cn-north-4/share-radar');
    const table = await shareTable();
    expect(
      within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', {
        name: 'Share radar',
      }),
    ).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('heading', { level: 1, name: 'Share radar' })).toBeInTheDocument();
    expect(seen).toEqual(['cn-north-4']);
    expect(shareNames(table)).toEqual([
      'cn-north-4 platform/base/alpine contractor-x',
      'cn-north-4 payments/gateway demo-dr',
      'cn-north-4 web/storefront acme-analytics',
      'cn-north-4 ml/serve research-lab',
      'cn-north-4 payments/gateway partner-corp',
    ]);
    expect(screen.getByText('5 of 5 shares shown')).toBeInTheDocument();
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((header) => header.textContent),
    ).toEqual([
      'Repository',
      'Region',
      'Shared with',
      'Permit',
      'Ends',
      'Valid',
      'State',
      'Actions',
    ]);

    // Each row links to the repository's Sharing tab.
    expect(within(table).getByRole('link', { name: 'platform/base/alpine' })).toHaveAttribute(
      'href',
      '/cn-north-4/repositories/platform/base$alpine/sharing',
    );
    expect(cellsOf(table, 'platform/base/alpine', 'contractor-x').slice(3, 7)).toEqual([
      'Read',
      expect.stringMatching(/ended 20 days ago$/),
      'no',
      'Ended',
    ]);
    expect(cellsOf(table, 'payments/gateway', 'demo-dr').slice(4, 7)).toEqual([
      expect.stringMatching(/ends in 3 days$/),
      'yes',
      'Ending soon',
    ]);
    expect(cellsOf(table, 'web/storefront', 'acme-analytics')[6]).toBe(
      'Ending soonLeaving the company',
    );
    expect(cellsOf(table, 'ml/serve', 'research-lab').slice(3, 7)).toEqual([
      'Write',
      expect.stringMatching(/ends in 3 months$/),
      'yes',
      'LaterLeaving the company',
    ]);
    expect(cellsOf(table, 'payments/gateway', 'partner-corp').slice(4, 7)).toEqual([
      'never ends',
      'yes',
      'Never endsLeaving the company',
    ]);
    const end = within(table).getAllByRole('row')[2]?.querySelector('time');
    expect(end).toHaveAttribute('datetime', iso(3 * DAY));

    // The groups with their counts, and what "ending soon" means.
    expect(screen.getByRole('radio', { name: 'All (5)' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'Ended (1)' })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Ending soon (2)' })).toHaveAccessibleDescription(
      'ends within 7 days',
    );
    expect(screen.getByRole('radio', { name: 'Later (2)' })).toBeInTheDocument();

    const accounts = screen.getByRole('table', {
      name: 'Accounts the repositories are shared with',
    });
    expect(
      within(accounts)
        .getAllByRole('row')
        .slice(1)
        .map((row) =>
          within(row)
            .getAllByRole('cell')
            .map((cell) => cell.textContent),
        ),
    ).toEqual([
      ['acme-analytics', '1', 'ends in 5 days', '0', '1', 'Outside the company'],
      ['research-lab', '1', 'ends in 3 months', '0', '0', 'Outside the company'],
      ['contractor-x', '1', 'all ended', '1', '0', 'Outside the company'],
      ['partner-corp', '1', 'never ends', '0', '0', 'Outside the company'],
      ['demo-dr', '1', 'ends in 3 days', '0', '1', 'Our account'],
    ]);

    const freshness = screen.getByRole('region', { name: 'How fresh the index is' });
    expect(within(freshness).getByRole('listitem')).toHaveTextContent(
      'cn-north-4:indexed 5 minutes ago',
    );
    expect(within(freshness).queryByText(/No account is named/)).toBeNull();
  }, 20_000);

  it('filters by group, account and leaving, keeps them in the URL, and reads them back', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    const seen: (string | null)[] = [];
    server.use(fleetIndexHandler(fleet(), seen));
    const first = renderApp('/cn-north-4/share-radar');
    const { user, location } = first;
    await shareTable();

    await user.click(screen.getByRole('radio', { name: 'Ending soon (2)' }));
    expect(location().search).toBe('?group=soon');
    await expectShares([
      'cn-north-4 payments/gateway demo-dr',
      'cn-north-4 web/storefront acme-analytics',
    ]);

    await user.click(screen.getByRole('checkbox', { name: 'Only shares leaving the company' }));
    expect(location().search).toBe('?group=soon&leaving=1');
    await expectShares(['cn-north-4 web/storefront acme-analytics']);
    // The counts follow the other filters.
    expect(screen.getByRole('radio', { name: 'All (3)' })).toBeInTheDocument();

    await user.click(screen.getByRole('radio', { name: 'All (3)' }));
    const choose = screen.getByRole('button', { name: 'Show the shares with partner-corp' });
    expect(choose).toHaveAttribute('aria-pressed', 'false');
    await user.click(choose);
    expect(location().search).toBe('?account=partner-corp&leaving=1');
    expect(choose).toHaveAttribute('aria-pressed', 'true');
    await expectShares(['cn-north-4 payments/gateway partner-corp']);

    // All regions: the other region's share with partner-corp joins in.
    await user.selectOptions(screen.getByRole('combobox', { name: 'Regions' }), 'All regions');
    expect(location().pathname).toBe('/cn-north-4/share-radar');
    expect(location().search).toBe('?regions=all&account=partner-corp&leaving=1');
    await expectShares([
      'cn-east-3 platform/nginx partner-corp',
      'cn-north-4 payments/gateway partner-corp',
    ]);
    expect(seen).toEqual(['cn-north-4', null]);
    const url = `${location().pathname}${location().search}`;
    first.unmount();

    // Opened from the URL, the page shows the same.
    const second = renderApp(url);
    await expectShares([
      'cn-east-3 platform/nginx partner-corp',
      'cn-north-4 payments/gateway partner-corp',
    ]);
    expect(screen.getByRole('combobox', { name: 'Regions' })).toHaveValue('all');
    expect(screen.getByRole('checkbox', { name: 'Only shares leaving the company' })).toBeChecked();
    expect(screen.getByText('Shared with partner-corp')).toBeInTheDocument();

    // Pressed again, the account filter goes; Clear filters clears the rest.
    await second.user.click(
      screen.getByRole('button', { name: 'Show the shares with partner-corp' }),
    );
    expect(second.location().search).toBe('?regions=all&leaving=1');
    await second.user.click(screen.getByRole('radio', { name: 'Ended (0)' }));
    expect(await screen.findByText('No share matches these filters.')).toBeInTheDocument();
    await second.user.click(
      screen.getAllByRole('button', { name: 'Clear filters' })[0] as HTMLElement,
    );
    expect(second.location().search).toBe('?regions=all');
    expect(screen.getByText('6 of 6 shares shown')).toBeInTheDocument();

    // Another region: its own page, the filters kept.
    await second.user.click(screen.getByRole('radio', { name: 'Ending soon (3)' }));
    await second.user.selectOptions(screen.getByRole('combobox', { name: 'Regions' }), 'cn-east-3');
    expect(second.location().pathname).toBe('/cn-east-3/share-radar');
    expect(second.location().search).toBe('?group=soon');
    await expectShares(['cn-east-3 platform/nginx partner-corp']);
  }, 30_000);

  it('exports exactly the shares shown as CSV, with formulas neutralised', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    const hostile = repository('cn-north-4', 'bulk', 'zz-hostile', [
      share('=cmd|calc', iso(DAY)),
      share('@evil, "quoted"', iso(30 * DAY)),
    ]);
    server.use(fleetIndexHandler(fleet({ repositories: [...REPOSITORIES, hostile] })));
    const saved = catchDownloads();
    const { user } = renderApp('/cn-north-4/share-radar?group=soon');
    await expectShares([
      'cn-north-4 bulk/zz-hostile =cmd|calc',
      'cn-north-4 payments/gateway demo-dr',
      'cn-north-4 web/storefront acme-analytics',
    ]);
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(
      await screen.findByText('Saved swr-share-radar-cn-north-4-20260310T120000Z.csv.'),
    ).toBeInTheDocument();
    expect(saved.map((file) => file.filename)).toEqual([
      'swr-share-radar-cn-north-4-20260310T120000Z.csv',
    ]);
    expect(await csvLines(saved[0])).toEqual([
      'Organization,Repository,Region,Shared with,Permit,Ends (UTC),Status,Valid,Leaving the company',
      `bulk,zz-hostile,cn-north-4,'=cmd|calc,read,${iso(DAY)},Ending soon,yes,yes`,
      `payments,gateway,cn-north-4,demo-dr,read,${iso(3 * DAY)},Ending soon,yes,no`,
      `web,storefront,cn-north-4,acme-analytics,read,${iso(5 * DAY)},Ending soon,yes,yes`,
    ]);

    await user.click(screen.getByRole('radio', { name: 'Later (3)' }));
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => {
      expect(saved).toHaveLength(2);
    });
    expect((await csvLines(saved[1])).slice(1)).toEqual([
      `bulk,zz-hostile,cn-north-4,"'@evil, ""quoted""",read,${iso(30 * DAY)},Later,yes,yes`,
      `ml,serve,cn-north-4,research-lab,write,${iso(90 * DAY)},Later,yes,yes`,
      'payments,gateway,cn-north-4,partner-corp,read,forever,Never ends,yes,yes',
    ]);
  }, 20_000);

  it('lets an admin stop a share after a red confirmation, and the row goes', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    const stopped: string[] = [];
    server.use(
      fleetIndexHandler(fleet()),
      swr('deleteRepoDomains', ({ params }) => {
        stopped.push(
          `${params.namespace ?? ''}/${params.repository ?? ''}/${params.access_domain ?? ''}`,
        );
        return {};
      }),
    );
    const { user } = renderApp('/cn-north-4/share-radar');
    await shareTable();
    const stop = screen.getByRole('button', {
      name: 'Stop sharing web/storefront with acme-analytics',
    });
    expect(stop).toBeEnabled();
    await user.click(stop);
    const dialog = await screen.findByRole('dialog', { name: 'Stop sharing with acme-analytics?' });
    expect(dialog).toHaveTextContent(
      'acme-analytics can no longer pull web/storefront in cn-north-4',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Stop sharing' }));
    expect(
      await screen.findByText('web/storefront is no longer shared with acme-analytics.'),
    ).toBeInTheDocument();
    expect(stopped).toEqual(['web/storefront/acme-analytics']);
    await expectShares([
      'cn-north-4 platform/base/alpine contractor-x',
      'cn-north-4 payments/gateway demo-dr',
      'cn-north-4 ml/serve research-lab',
      'cn-north-4 payments/gateway partner-corp',
    ]);
    expect(
      screen.queryByRole('button', { name: 'Show the shares with acme-analytics' }),
    ).toBeNull();
  }, 20_000);

  it('shows a viewer the shares, with stopping one disabled and why', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    server.use(...sessionHandlers('viewer'), fleetIndexHandler(fleet()));
    renderApp('/cn-north-4/share-radar');
    const table = await shareTable();
    const stops = within(table).getAllByRole('button', { name: /^Stop sharing / });
    expect(stops).toHaveLength(5);
    for (const stop of stops) {
      expect(stop).toBeDisabled();
      expect(stop).toHaveAccessibleDescription(/^Needs the \w+ role \(you are Viewer\)\.$/);
    }
    // Reading, filtering and exporting stay open to a viewer.
    expect(screen.getByRole('button', { name: 'Export CSV' })).toBeEnabled();
    expect(screen.getByRole('radio', { name: 'Ended (1)' })).toBeEnabled();
  }, 20_000);

  it('shows a scoped user only what the BFF answered for their scopes, and counts only that', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    server.use(...sessionHandlers('operator', { namespaces: ['payments*'] }));
    const seen: (string | null)[] = [];
    // The BFF filters by the user's scopes: its answer holds only the payments organization.
    const scoped = fleet({
      repositories: REPOSITORIES.filter((repo) => repo.namespace.startsWith('payments')),
    });
    server.use(fleetIndexHandler(scoped, seen));
    renderApp('/cn-north-4/share-radar?regions=all');
    await expectShares([
      'cn-north-4 payments/gateway demo-dr',
      'cn-north-4 payments/gateway partner-corp',
    ]);
    expect(seen).toEqual([null]);
    expect(screen.getByText('2 of 2 shares shown')).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'All (2)' })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Ended (0)' })).toBeInTheDocument();
    const accounts = screen.getByRole('table', {
      name: 'Accounts the repositories are shared with',
    });
    expect(
      within(accounts)
        .getAllByRole('button')
        .map((button) => button.textContent),
    ).toEqual(['partner-corp', 'demo-dr']);
    expect(screen.queryByText(/contractor-x|acme-analytics|platform/)).toBeNull();
  }, 20_000);

  it('counts every open share as leaving when the company names no account of its own', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    server.use(fleetIndexHandler(fleet({ ownAccounts: [] })));
    renderApp('/cn-north-4/share-radar?leaving=1');
    await expectShares([
      'cn-north-4 payments/gateway demo-dr',
      'cn-north-4 web/storefront acme-analytics',
      'cn-north-4 ml/serve research-lab',
      'cn-north-4 payments/gateway partner-corp',
    ]);
    expect(screen.getByRole('region', { name: 'How fresh the index is' })).toHaveTextContent(
      "No account is named as the company's own (FLEET_OWN_ACCOUNTS), so every share still open counts as leaving the company.",
    );
  }, 20_000);

  it('says when no repository is shared', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    server.use(
      fleetIndexHandler(fleet({ repositories: [repository('cn-north-4', 'data', 'spark', [])] })),
    );
    renderApp('/cn-north-4/share-radar');
    expect(
      await screen.findByText(
        'No outbound shares: no repository you may see is shared with another account.',
        {},
        LOADED,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.getByRole('button', { name: 'Export CSV' })).toBeDisabled();
  }, 20_000);

  it('says the index is being built, and fills in when it is', async () => {
    vi.useFakeTimers({
      toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'],
      now: NOW,
      shouldAdvanceTime: true,
    });
    let built = false;
    server.use(
      bffHandler(fleetEndpoint, () =>
        built
          ? fleet({ repositories: REPOSITORIES.filter((repo) => repo.region === 'cn-north-4') })
          : fleet({
              regions: [
                { id: 'cn-north-4', status: 'never', sweptAt: null, sweeping: null, error: null },
              ],
              repositories: [],
            }),
      ),
    );
    renderApp('/cn-north-4/share-radar');
    expect(
      await screen.findByText(
        'The index is being built; shares appear here when it is done.',
        {},
        LOADED,
      ),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('region', { name: 'How fresh the index is' })).getByRole('listitem'),
    ).toHaveTextContent('cn-north-4:Being builtits shares appear when the first sweep is done');
    expect(screen.queryByRole('alert')).toBeNull();
    built = true;
    await vi.advanceTimersByTimeAsync(BUILDING_POLL_MS);
    expect(await shareTable()).toBeInTheDocument();
    expect(screen.getByText('5 of 5 shares shown')).toBeInTheDocument();
  }, 20_000);

  it('shows why the index could not be read, and reads it again on Retry', async () => {
    let failing = true;
    server.use(
      bffHandler(fleetEndpoint, () => (failing ? bffError(503, 'store_unavailable') : fleet())),
    );
    const { user } = renderApp('/cn-north-4/share-radar');
    expect(
      await screen.findByText('The fleet index could not be loaded.', {}, LOADED),
    ).toBeInTheDocument();
    failing = false;
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await shareTable()).toBeInTheDocument();
  }, 20_000);

  it('speaks 简体中文', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    changeLanguage('zh-CN');
    try {
      server.use(fleetIndexHandler(fleet()));
      const { user } = renderApp('/cn-north-4/share-radar');
      const table = await shareTable('按到期时间排列的对外共享');
      expect(screen.getByRole('heading', { level: 1, name: '共享雷达' })).toBeInTheDocument();
      expect(cellsOf(table, 'payments/gateway', 'demo-dr').slice(4, 7)).toEqual([
        expect.stringMatching(/3天后到期$/),
        '是',
        '即将到期',
      ]);
      expect(cellsOf(table, 'platform/base/alpine', 'contractor-x')[4]).toMatch(/20天前已到期$/);
      expect(screen.getByRole('radio', { name: '即将到期（2）' })).toHaveAccessibleDescription(
        '7 天内到期',
      );
      await user.click(screen.getByRole('radio', { name: '已到期（1）' }));
      await expectShares(
        ['cn-north-4 platform/base/alpine contractor-x'],
        '按到期时间排列的对外共享',
      );
      expect(screen.getByText('显示 1 个共享，共 5 个')).toBeInTheDocument();
      expect(
        within(screen.getByRole('region', { name: '索引的新旧程度' })).getByRole('listitem'),
      ).toHaveTextContent('cn-north-4:索引于5分钟前');
    } finally {
      changeLanguage('en');
    }
  }, 20_000);
});
