/**
 * The Access page against a fake BFF typed from the contract: one read of the fleet index per
 * region choice; who can reach a repository and why, everything a user can reach, redundant
 * grants (and who may remove them), the CSV of the lines shown, a scoped user's answer, the
 * index's states, and 简体中文.
 */
import {
  fleetEndpoint,
  type FleetNamespace,
  type FleetRepository,
  type FleetResponse,
} from '@swr-dashboard/swr-client/browser';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { catchDownloads, parseCsv } from '../../../test/downloads';
import {
  fleetIndexHandler,
  fleetRepository,
  freshRegion,
  iso,
  MINUTE,
  NOW,
} from '../../../test/fleet-fixtures';
import { bffError, bffHandler, sessionHandlers } from '../../../test/handlers';
import { renderApp } from '../../../test/render';
import { server } from '../../../test/server';
import { changeLanguage } from '../../lib/i18n';
import { BUILDING_POLL_MS } from '../../lib/fleet-index';

type Grant = FleetRepository['grants'][number];

const LOADED = { timeout: 5000 };
const READ = 1;
const EDIT = 3;
const MANAGE = 7;

function grant(userName: string, auth: number): Grant {
  return { userId: `id-${userName}`, userName, auth };
}

function namespace(name: string, grants: Grant[], region = 'cn-north-4'): FleetNamespace {
  return { region, name, creator: 'ops', grants, indexedAt: iso(-5 * MINUTE) };
}

function repository(
  ns: string,
  name: string,
  grants: Grant[],
  extra: Partial<FleetRepository> = {},
): FleetRepository {
  return fleetRepository('cn-north-4', ns, name, { grants, ...extra });
}

/**
 * cn-north-4: payments (alice edit, bob read, carol manage) and platform (bob manage); gateway
 * grants alice read (redundant), bob and dave edit; base/alpine is public with erin's read
 * (redundant); nginx grants bob read (redundant). cn-east-3: payments (alice read), its gateway
 * grants alice edit.
 */
const NAMESPACES = [
  namespace('payments', [grant('alice', EDIT), grant('bob', READ), grant('carol', MANAGE)]),
  namespace('platform', [grant('bob', MANAGE)]),
  namespace('payments', [grant('alice', READ)], 'cn-east-3'),
];
const REPOSITORIES = [
  repository('payments', 'gateway', [
    grant('alice', READ),
    grant('bob', EDIT),
    grant('dave', EDIT),
  ]),
  repository('payments', 'ledger', []),
  repository('platform', 'base/alpine', [grant('erin', READ)], { isPublic: true }),
  repository('platform', 'nginx', [grant('bob', READ)]),
  repository('payments', 'gateway', [grant('alice', EDIT)], { region: 'cn-east-3' }),
];

function fleet(overrides: Partial<FleetResponse> = {}): FleetResponse {
  return {
    ownAccounts: ['demo-ops'],
    regions: [freshRegion('cn-north-4'), freshRegion('cn-east-3', 20 * MINUTE)],
    namespaces: NAMESPACES,
    repositories: REPOSITORIES,
    ...overrides,
  };
}

/** A table's body rows, each as its cells' texts. */
function cellsOf(table: HTMLElement): string[][] {
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) =>
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    );
}

function summary(name = 'Summary'): HTMLElement {
  return screen.getByRole('region', { name });
}

/** The summary's figures, as `label: value`. */
function figures(name?: string): string[] {
  const terms = within(summary(name)).getAllByRole('term');
  const values = within(summary(name)).getAllByRole('definition');
  return terms.map((term, index) => `${term.textContent}: ${values[index]?.textContent ?? ''}`);
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('Access page', () => {
  it('shows who can reach a repository, their permission and why, and the redundant grant', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    const seen: (string | null)[] = [];
    server.use(fleetIndexHandler(fleet(), seen));
    renderApp('/cn-north-4/access?repository=payments/gateway');
    const table = await screen.findByRole(
      'table',
      { name: 'Who can reach payments/gateway' },
      LOADED,
    );
    expect(
      within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', {
        name: 'Access',
      }),
    ).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('heading', { level: 1, name: 'Access' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'payments/gateway' })).toBeInTheDocument();
    expect(seen).toEqual(['cn-north-4']);
    expect(screen.getByRole('radio', { name: 'By repository' })).toBeChecked();
    expect(screen.getByRole('combobox', { name: 'Repository' })).toHaveValue('payments/gateway');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((header) => header.textContent),
    ).toEqual(['IAM user', 'Permission', 'Why', 'Redundant grant']);
    // Highest first: carol through the organization; alice's read adds nothing to her edit.
    expect(cellsOf(table)).toEqual([
      ['carol', 'Manage', 'organization grant: Manage', 'No'],
      [
        'alice',
        'Edit',
        'organization grant: Edit; repository grant: Read',
        'RedundantThe organization grant already gives Edit: this repository grant adds nothing.',
      ],
      ['bob', 'Edit', 'organization grant: Read; repository grant: Edit', 'No'],
      ['dave', 'Edit', 'repository grant: Edit', 'No'],
    ]);
    expect(
      screen.getByRole('link', { name: 'Permissions of payments/gateway in cn-north-4' }),
    ).toHaveAttribute('href', '/cn-north-4/repositories/payments/gateway/permissions');
    expect(
      screen.getByRole('link', { name: 'Organization payments in cn-north-4' }),
    ).toHaveAttribute('href', '/cn-north-4/organizations/payments?tab=permissions');
    // A private repository: nothing said about everyone reading it.
    expect(screen.queryByText(/is public/)).toBeNull();
    expect(figures()).toEqual(['IAM users with a permission: 5', 'Redundant grants: 3']);
    const freshness = screen.getByRole('region', { name: 'How fresh the index is' });
    expect(within(freshness).getByRole('listitem')).toHaveTextContent(
      'cn-north-4:indexed 5 minutes ago',
    );
  }, 20_000);

  it('says a public repository is readable by everyone, and flags a read grant on it', async () => {
    server.use(fleetIndexHandler(fleet()));
    renderApp('/cn-north-4/access?repository=platform/base/alpine');
    const table = await screen.findByRole(
      'table',
      { name: 'Who can reach platform/base/alpine' },
      LOADED,
    );
    expect(
      screen.getByText(
        'platform/base/alpine is public: everyone in the account can read (pull) it, whatever their grants.',
      ),
    ).toBeInTheDocument();
    expect(cellsOf(table)).toEqual([
      ['bob', 'Manage', 'organization grant: Manage; public repository: read', 'No'],
      [
        'erin',
        'Read',
        'repository grant: Read; public repository: read',
        'RedundantThe repository is public, so everyone in the account can read it: this read grant adds nothing.',
      ],
    ]);
    expect(
      screen.getByRole('link', { name: 'Permissions of platform/base/alpine in cn-north-4' }),
    ).toHaveAttribute('href', '/cn-north-4/repositories/platform/base$alpine/permissions');
  }, 20_000);

  it('picks a repository in the searchable combobox, with the choice in the URL', async () => {
    server.use(fleetIndexHandler(fleet()));
    const { user, location } = renderApp('/cn-north-4/access');
    expect(
      await screen.findByText(
        'Pick a repository to see who can read, edit or manage it.',
        {},
        LOADED,
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Export CSV' })).toBeDisabled();
    const combobox = screen.getByRole('combobox', { name: 'Repository' });
    // The index's repositories are the list to pick from (each once, cn-east-3's not asked for).
    const list = document.getElementById(combobox.getAttribute('list') ?? '');
    expect([...(list?.querySelectorAll('option') ?? [])].map((option) => option.value)).toEqual([
      'payments/gateway',
      'payments/ledger',
      'platform/base/alpine',
      'platform/nginx',
    ]);

    await user.type(combobox, 'payments/gateway');
    expect(location().search).toBe('?repository=payments%2Fgateway');
    expect(
      await screen.findByRole('table', { name: 'Who can reach payments/gateway' }),
    ).toBeInTheDocument();

    // Enter picks the only repository holding what was typed.
    await user.clear(combobox);
    await user.type(combobox, 'NGIN{Enter}');
    expect(location().search).toBe('?repository=platform%2Fnginx');
    expect(
      await screen.findByRole('table', { name: 'Who can reach platform/nginx' }),
    ).toBeVisible();
    // Two repositories hold "pay": Enter chooses neither.
    await user.clear(combobox);
    await user.type(combobox, 'pay{Enter}');
    expect(location().search).toBe('?repository=platform%2Fnginx');

    // A repository the index does not have (deleted, or outside the regions) says so.
    await user.click(screen.getByRole('radio', { name: 'By user' }));
    expect(location().search).toBe('?by=user');
    await user.click(screen.getByRole('radio', { name: 'By repository' }));
    expect(location().search).toBe('');
  }, 30_000);

  it('says when the repository in the URL is not in the index', async () => {
    server.use(fleetIndexHandler(fleet()));
    renderApp('/cn-north-4/access?repository=payments/gone');
    expect(
      await screen.findByText(
        'No repository payments/gone in the index of these regions.',
        {},
        LOADED,
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Export CSV' })).toBeDisabled();
  }, 20_000);

  it('shows everything a user can reach, by organization, with counts per permission', async () => {
    server.use(fleetIndexHandler(fleet()));
    const { user, location } = renderApp('/cn-north-4/access?by=user');
    expect(
      await screen.findByText('Pick an IAM user to see everything they can reach.', {}, LOADED),
    ).toBeInTheDocument();
    const combobox = screen.getByRole('combobox', { name: 'IAM user' });
    const list = document.getElementById(combobox.getAttribute('list') ?? '');
    expect([...(list?.querySelectorAll('option') ?? [])].map((option) => option.value)).toEqual([
      'alice',
      'bob',
      'carol',
      'dave',
      'erin',
    ]);

    await user.type(combobox, 'bob');
    expect(location().search).toBe('?user=bob');
    const payments = await screen.findByRole('region', { name: 'payments in cn-north-4' });
    const platform = screen.getByRole('region', { name: 'platform in cn-north-4' });
    expect(within(payments).getByText('Repositories reached: Edit 1 · Read 1')).toBeVisible();
    expect(
      cellsOf(
        within(payments).getByRole('table', {
          name: 'What bob can reach in payments (cn-north-4)',
        }),
      ),
    ).toEqual([
      ['The organization: all 2 repositories', 'Read', 'organization grant: Read', 'No'],
      ['gateway', 'Edit', 'organization grant: Read; repository grant: Edit', 'No'],
    ]);
    expect(within(payments).getByRole('link', { name: 'gateway' })).toHaveAttribute(
      'href',
      '/cn-north-4/repositories/payments/gateway/permissions',
    );
    expect(
      within(payments).getByRole('link', { name: 'Organization payments in cn-north-4' }),
    ).toHaveAttribute('href', '/cn-north-4/organizations/payments?tab=permissions');
    expect(within(platform).getByText('Repositories reached: Manage 2')).toBeVisible();
    expect(cellsOf(within(platform).getByRole('table'))).toEqual([
      ['The organization: all 2 repositories', 'Manage', 'organization grant: Manage', 'No'],
      [
        'nginx',
        'Manage',
        'organization grant: Manage; repository grant: Read',
        'RedundantThe organization grant already gives Manage: this repository grant adds nothing.',
      ],
    ]);
    expect(
      screen.getByText(
        '1 public repository in the index can be read by everyone in the account, bob too.',
      ),
    ).toBeInTheDocument();

    // A user with only a repository grant: no organization line.
    await user.clear(combobox);
    await user.type(combobox, 'dave');
    const daves = await screen.findByRole('region', { name: 'payments in cn-north-4' });
    expect(cellsOf(within(daves).getByRole('table'))).toEqual([
      ['gateway', 'Edit', 'repository grant: Edit', 'No'],
    ]);
    expect(screen.queryByRole('region', { name: 'platform in cn-north-4' })).toBeNull();
  }, 30_000);

  it('follows the region choice: all regions in the URL, another region its own page', async () => {
    const seen: (string | null)[] = [];
    server.use(fleetIndexHandler(fleet(), seen));
    const { user, location } = renderApp('/cn-north-4/access?repository=payments/gateway');
    await screen.findByRole('table', { name: 'Who can reach payments/gateway' }, LOADED);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Regions' }), 'All regions');
    expect(location().search).toBe('?repository=payments%2Fgateway&regions=all');
    const table = await screen.findByRole('columnheader', { name: 'Region' });
    expect(table).toBeInTheDocument();
    const rows = cellsOf(screen.getByRole('table', { name: 'Who can reach payments/gateway' }));
    expect(rows[0]).toEqual([
      'cn-east-3',
      'alice',
      'Edit',
      'organization grant: Read; repository grant: Edit',
      'No',
    ]);
    expect(rows.map((row) => row[0])).toEqual([
      'cn-east-3',
      'cn-north-4',
      'cn-north-4',
      'cn-north-4',
      'cn-north-4',
    ]);
    expect(
      screen.getByRole('link', { name: 'Permissions of payments/gateway in cn-east-3' }),
    ).toHaveAttribute('href', '/cn-east-3/repositories/payments/gateway/permissions');
    expect(seen).toEqual(['cn-north-4', null]);
    // The east's gateway grant gives alice more than its organization: nothing more redundant.
    expect(figures()).toEqual(['IAM users with a permission: 5', 'Redundant grants: 3']);

    await user.selectOptions(screen.getByRole('combobox', { name: 'Regions' }), 'cn-east-3');
    expect(location().pathname).toBe('/cn-east-3/access');
    expect(location().search).toBe('?repository=payments%2Fgateway');
    await waitFor(() => {
      expect(figures()).toEqual(['IAM users with a permission: 1', 'Redundant grants: 0']);
    });
    expect(seen).toEqual(['cn-north-4', null, 'cn-east-3']);
    expect(within(summary()).getByText('No grant is redundant.')).toBeVisible();
  }, 30_000);

  it('lists the redundant grants for an admin to remove in the Permissions tab', async () => {
    server.use(fleetIndexHandler(fleet()));
    const { user } = renderApp('/cn-north-4/access');
    await screen.findByRole('region', { name: 'Summary' }, LOADED);
    const toggle = screen.getByRole('button', { name: 'Show redundant grants' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await user.click(toggle);
    expect(screen.getByRole('button', { name: 'Hide redundant grants' })).toHaveAttribute(
      'aria-expanded',
      'true',
    );
    const list = screen.getByRole('list', { name: 'Redundant grants' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((item) => item.firstChild?.textContent),
    ).toEqual([
      'alice on payments/gateway (cn-north-4): repository grant Read',
      'erin on platform/base/alpine (cn-north-4): repository grant Read',
      'bob on platform/nginx (cn-north-4): repository grant Read',
    ]);
    expect(
      within(list).getByRole('link', { name: "Remove alice's grant on payments/gateway" }),
    ).toHaveAttribute('href', '/cn-north-4/repositories/payments/gateway/permissions');
    expect(within(list).getAllByRole('link')).toHaveLength(3);
    expect(screen.queryByText(/an admin's task/)).toBeNull();
  }, 20_000);

  it('shows a viewer the redundant grants read-only, with the reason', async () => {
    server.use(...sessionHandlers('viewer'), fleetIndexHandler(fleet()));
    const { user } = renderApp('/cn-north-4/access');
    await screen.findByRole('region', { name: 'Summary' }, LOADED);
    await user.click(screen.getByRole('button', { name: 'Show redundant grants' }));
    const list = screen.getByRole('list', { name: 'Redundant grants' });
    expect(
      screen.getByText(/^Removing a grant is an admin's task in this console\./),
    ).toBeVisible();
    expect(within(list).queryByRole('link', { name: /^Remove/ })).toBeNull();
    expect(
      within(list).getByRole('link', { name: 'See the permissions on payments/gateway' }),
    ).toHaveAttribute('href', '/cn-north-4/repositories/payments/gateway/permissions');
  }, 20_000);

  it('exports the lines shown as CSV, formulas defused', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    const hostile = fleet({
      repositories: [
        ...REPOSITORIES,
        repository('payments', 'ledger', [grant('=cmd|calc', READ), grant('ops, "night"', EDIT)]),
      ].filter((repo, index) => index !== 1),
    });
    server.use(fleetIndexHandler(hostile));
    const saved = catchDownloads();
    const { user } = renderApp('/cn-north-4/access?repository=payments/ledger');
    await screen.findByRole('table', { name: 'Who can reach payments/ledger' }, LOADED);
    const exportButton = screen.getByRole('button', { name: 'Export CSV' });
    expect(exportButton).toHaveAccessibleDescription('Saves the 5 rows shown as a CSV file.');
    await user.click(exportButton);
    expect(
      await screen.findByText('Saved swr-access-cn-north-4-payments-ledger-20260310T120000Z.csv.'),
    ).toBeInTheDocument();
    const text = await (saved[0]?.text ?? Promise.resolve(''));
    expect(text.endsWith('\r\n')).toBe(true);
    const records = parseCsv(text);
    expect(records).toEqual([
      ['Region', 'Organization', 'Repository', 'IAM user', 'Permission', 'Why', 'Redundant'],
      ['cn-north-4', 'payments', 'ledger', 'carol', 'Manage', 'organization grant: Manage', ''],
      ['cn-north-4', 'payments', 'ledger', 'alice', 'Edit', 'organization grant: Edit', ''],
      ['cn-north-4', 'payments', 'ledger', 'ops, "night"', 'Edit', 'repository grant: Edit', ''],
      ['cn-north-4', 'payments', 'ledger', "'=cmd|calc", 'Read', 'repository grant: Read', ''],
      ['cn-north-4', 'payments', 'ledger', 'bob', 'Read', 'organization grant: Read', ''],
    ]);
    expect(text).toContain('"ops, ""night"""');

    // By user: the organization's line and its repositories', redundant ones explained.
    await user.click(screen.getByRole('radio', { name: 'By user' }));
    await user.type(screen.getByRole('combobox', { name: 'IAM user' }), 'alice');
    await screen.findByRole('region', { name: 'payments in cn-north-4' });
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => {
      expect(saved).toHaveLength(2);
    });
    expect(saved[1]?.filename).toBe('swr-access-cn-north-4-alice-20260310T120000Z.csv');
    expect(parseCsv(await (saved[1]?.text ?? Promise.resolve(''))).slice(1)).toEqual([
      [
        'cn-north-4',
        'payments',
        '(all repositories)',
        'alice',
        'Edit',
        'organization grant: Edit',
        '',
      ],
      [
        'cn-north-4',
        'payments',
        'gateway',
        'alice',
        'Edit',
        'organization grant: Edit; repository grant: Read',
        'The organization grant already gives Edit: this repository grant adds nothing.',
      ],
    ]);
  }, 30_000);

  it('shows a scoped user only what the BFF answered for their scopes, and counts only that', async () => {
    server.use(...sessionHandlers('operator', { namespaces: ['payments*'] }));
    const seen: (string | null)[] = [];
    // The BFF filters by the user's scopes: its answer holds only the payments organization.
    const scoped = fleet({
      namespaces: NAMESPACES.filter((ns) => ns.name === 'payments'),
      repositories: REPOSITORIES.filter((repo) => repo.namespace === 'payments'),
    });
    server.use(fleetIndexHandler(scoped, seen));
    const { user } = renderApp('/cn-north-4/access?regions=all&by=user');
    await screen.findByRole('region', { name: 'Summary' }, LOADED);
    expect(seen).toEqual([null]);
    // erin's only grant is on platform: not hers to count here, nor platform's redundant grants.
    expect(figures()).toEqual(['IAM users with a permission: 4', 'Redundant grants: 1']);
    const combobox = screen.getByRole('combobox', { name: 'IAM user' });
    const list = document.getElementById(combobox.getAttribute('list') ?? '');
    expect([...(list?.querySelectorAll('option') ?? [])].map((option) => option.value)).toEqual([
      'alice',
      'bob',
      'carol',
      'dave',
    ]);
    await user.type(combobox, 'bob');
    expect(await screen.findByRole('region', { name: 'payments in cn-north-4' })).toBeVisible();
    expect(screen.queryByRole('region', { name: /^platform/ })).toBeNull();
    expect(screen.queryByText(/public repositor/)).toBeNull();
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
          ? fleet()
          : fleet({
              regions: [
                {
                  id: 'cn-north-4',
                  status: 'never',
                  sweptAt: null,
                  sweeping: iso(-MINUTE),
                  error: null,
                },
              ],
              namespaces: [],
              repositories: [],
            }),
      ),
    );
    renderApp('/cn-north-4/access?repository=payments/gateway');
    expect(
      await screen.findByText(
        'The index is being built; permissions appear here when it is done.',
        {},
        LOADED,
      ),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('region', { name: 'How fresh the index is' })).getByRole('listitem'),
    ).toHaveTextContent(
      'cn-north-4:Being builtits permissions appear when the first sweep is done',
    );
    expect(screen.queryByRole('alert')).toBeNull();
    built = true;
    await vi.advanceTimersByTimeAsync(BUILDING_POLL_MS);
    expect(
      await screen.findByRole('table', { name: 'Who can reach payments/gateway' }),
    ).toBeInTheDocument();
  }, 20_000);

  it('says when the regions hold no permission at all', async () => {
    server.use(fleetIndexHandler(fleet({ namespaces: [], repositories: [] })));
    renderApp('/cn-north-4/access');
    expect(
      await screen.findByText(
        'The index holds no repository and no permission in these regions.',
        {},
        LOADED,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Summary' })).toBeNull();
  }, 20_000);

  it('shows why the index could not be read, and reads it again on Retry', async () => {
    let failing = true;
    server.use(
      bffHandler(fleetEndpoint, () => (failing ? bffError(503, 'store_unavailable') : fleet())),
    );
    const { user } = renderApp('/cn-north-4/access?repository=payments/gateway');
    expect(
      await screen.findByText(
        "The index of the account's permissions could not be loaded.",
        {},
        LOADED,
      ),
    ).toBeInTheDocument();
    failing = false;
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByRole('table', { name: 'Who can reach payments/gateway' }),
    ).toBeInTheDocument();
  }, 20_000);

  it('speaks 简体中文', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    changeLanguage('zh-CN');
    try {
      server.use(fleetIndexHandler(fleet()));
      renderApp('/cn-north-4/access?repository=payments/gateway');
      const table = await screen.findByRole('table', { name: '谁能访问 payments/gateway' }, LOADED);
      expect(screen.getByRole('heading', { level: 1, name: '访问权限' })).toBeInTheDocument();
      expect(cellsOf(table)[1]).toEqual([
        'alice',
        '编辑',
        '组织权限：编辑; 镜像仓库权限：只读',
        '冗余组织权限已给予编辑：此镜像仓库权限没有增加任何权限。',
      ]);
      expect(figures('汇总')).toEqual(['有权限的 IAM 用户: 5', '冗余权限: 3']);
      expect(screen.getByRole('radio', { name: '按用户' })).not.toBeChecked();
    } finally {
      changeLanguage('en');
    }
  }, 20_000);
});
