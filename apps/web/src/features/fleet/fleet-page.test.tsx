/**
 * The Fleet page against a fake BFF typed from the contract: one read of the fleet index per
 * region choice, sorted, filtered and viewed in the URL, saved views, the CSV of the rows shown,
 * each region's freshness, a scoped user's answer, and 简体中文.
 */
import {
  fleetEndpoint,
  type FleetRepository,
  type FleetResponse,
} from '@swr-dashboard/swr-client/browser';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { catchDownloads, parseCsv } from '../../../test/downloads';
import {
  DAY,
  fleetIndexHandler,
  fleetRepository,
  freshRegion,
  GB,
  iso,
  MINUTE,
  NOW,
} from '../../../test/fleet-fixtures';
import { bffError, bffHandler, meFor, sessionHandlers } from '../../../test/handlers';
import { renderApp } from '../../../test/render';
import { server } from '../../../test/server';
import { changeLanguage } from '../../lib/i18n';
import { BUILDING_POLL_MS } from '../../lib/fleet-index';

type Trigger = FleetRepository['triggers'][number];
type Share = FleetRepository['shares'][number];

const LOADED = { timeout: 5000 };

function trigger(name: string, last: Trigger['last'], enabled = true): Trigger {
  return {
    name,
    enabled,
    type: 'all',
    condition: '.*',
    cluster: 'prod',
    application: name,
    last,
  };
}

function share(account: string, until: string, valid = true): Share {
  return { account, permit: 'read', until, valid };
}

/**
 * The account's index: five repositories in cn-north-4 and one in cn-east-3, with the company's
 * own accounts `demo-ops` and `demo-dr`.
 */
const REPOSITORIES: FleetRepository[] = [
  fleetRepository('cn-north-4', 'payments', 'gateway', {
    tags: 12,
    size: 3 * GB,
    downloads: 40,
    triggers: [
      trigger('deploy-prod', { result: 'failed', at: iso(-2 * DAY), tag: 'v1.2.0' }),
      trigger('deploy-staging', { result: 'success', at: iso(-DAY), tag: 'v1.2.0' }),
    ],
    shares: [share('partner-corp', 'forever')],
    syncTargets: [{ region: 'cn-east-3', namespace: 'payments', override: false }],
  }),
  fleetRepository('cn-north-4', 'platform', 'nginx', {
    tags: 800,
    size: 2 * GB,
    downloads: 7,
    updatedAt: iso(-3 * DAY),
    shares: [share('demo-dr', iso(3 * DAY))],
  }),
  fleetRepository('cn-north-4', 'platform', 'base/alpine', {
    tags: 600,
    size: GB / 2,
    downloads: 900,
    updatedAt: iso(-10 * DAY),
    retentions: [
      { id: 1, rules: [{ template: 'tag_rule', params: { num: '20' }, excluded: ['latest'] }] },
    ],
    triggers: [trigger('roll', { result: 'failed', at: iso(-10 * DAY), tag: 'v3' })],
    shares: [share('contractor-x', iso(-20 * DAY), false)],
  }),
  fleetRepository('cn-north-4', 'data', 'airflow', {
    tags: 30,
    size: 5 * GB,
    downloads: 3,
    updatedAt: null,
    triggers: [trigger('workers', null, false)],
  }),
  fleetRepository('cn-north-4', 'data', 'spark', {
    tags: 501,
    size: GB,
    downloads: 1,
    retentions: [
      { id: 2, rules: [{ template: 'date_rule', params: { days: '120' }, excluded: [] }] },
    ],
  }),
  fleetRepository('cn-east-3', 'platform', 'nginx', { tags: 900, size: GB, downloads: 2 }),
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

async function grid(name = 'Fleet repositories'): Promise<HTMLElement> {
  return screen.findByRole('table', { name }, LOADED);
}

/** The rows shown, as `region organization/repository`, in order. */
function rowNames(table: HTMLElement): string[] {
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => {
      const cells = within(row).getAllByRole('cell');
      return `${cells[2]?.textContent ?? ''} ${cells[0]?.textContent ?? ''}/${cells[1]?.textContent ?? ''}`;
    });
}

function rowOf(
  table: HTMLElement,
  organization: string,
  name: string,
  region = 'cn-north-4',
): HTMLElement {
  const row = within(table)
    .getAllByRole('row')
    .find((candidate) => {
      const cells = within(candidate).queryAllByRole('cell');
      return (
        cells[0]?.textContent === organization &&
        cells[1]?.textContent === name &&
        cells[2]?.textContent === region
      );
    });
  if (row === undefined) throw new Error(`no row ${organization}/${name}`);
  return row;
}

async function expectRows(expected: string[], name?: string) {
  const table = await grid(name);
  await waitFor(() => {
    expect(rowNames(table)).toEqual(expected);
  });
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('Fleet page', () => {
  it('shows every repository of the region with its policies, and how fresh the index is', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    const seen: (string | null)[] = [];
    server.use(fleetIndexHandler(fleet(), seen));
    renderApp('/cn-north-4/fleet');
    const table = await grid();
    expect(
      within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Fleet' }),
    ).toHaveAttribute('aria-current', 'page');
    expect(await screen.findByRole('heading', { level: 1, name: 'Fleet' })).toBeInTheDocument();
    expect(seen).toEqual(['cn-north-4']);
    expect(rowNames(table)).toEqual([
      'cn-north-4 data/airflow',
      'cn-north-4 data/spark',
      'cn-north-4 payments/gateway',
      'cn-north-4 platform/base/alpine',
      'cn-north-4 platform/nginx',
    ]);
    expect(screen.getByText('5 of 5 repositories shown')).toBeInTheDocument();
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((header) => header.textContent.replace(/[▲▼↕]/g, '')),
    ).toEqual([
      'Organization',
      'Repository',
      'Region',
      'Tags',
      'Size',
      'Downloads',
      'Updated',
      'Retention',
      'Sync targets',
      'Triggers',
      'Shares',
    ]);
    expect(table).toHaveAttribute('aria-rowcount', '6');

    const gateway = rowOf(table, 'payments', 'gateway');
    expect(within(gateway).getByRole('link', { name: 'gateway' })).toHaveAttribute(
      'href',
      '/cn-north-4/repositories/payments/gateway/tags',
    );
    expect(within(gateway).getByRole('link', { name: 'payments' })).toHaveAttribute(
      'href',
      '/cn-north-4/organizations/payments',
    );
    const cells = within(gateway).getAllByRole('cell');
    expect(cells.map((cell) => cell.textContent)).toEqual([
      'payments',
      'gateway',
      'cn-north-4',
      '12',
      '3 GB',
      '40',
      'yesterday',
      'None',
      'cn-east-3/payments',
      'deploy-prod: faileddeploy-staging: succeeded',
      '1 share1 leaving the company',
    ]);
    // The failed trigger stands out, and comes first.
    expect(within(cells[9] as HTMLElement).getByText('deploy-prod: failed')).toHaveClass(
      'text-danger',
    );
    expect(cells[9]).toHaveAttribute(
      'title',
      'deploy-prod: failed 2 days ago, tag v1.2.0\ndeploy-staging: succeeded yesterday, tag v1.2.0',
    );
    expect(cells[10]).toHaveAttribute('title', 'partner-corp (read), forever: leaves the company');

    const alpine = within(rowOf(table, 'platform', 'base/alpine')).getAllByRole('cell');
    expect(within(alpine[1] as HTMLElement).getByRole('link')).toHaveAttribute(
      'href',
      '/cn-north-4/repositories/platform/base$alpine/tags',
    );
    expect(alpine[7]).toHaveTextContent('Keep the 20 newest tags, 1 exception');
    // Shared with an account of ours, ending in three days: marked, but nothing leaves.
    expect(within(rowOf(table, 'platform', 'nginx')).getAllByRole('cell')[10]).toHaveTextContent(
      '1 share1 ending soon',
    );
    expect(alpine[10]).toHaveTextContent('1 share1 ended');
    const airflow = within(rowOf(table, 'data', 'airflow')).getAllByRole('cell');
    expect(airflow[6]).toHaveTextContent('Never');
    expect(airflow[9]).toHaveTextContent('workers: disabled');
    expect(within(rowOf(table, 'data', 'spark')).getAllByRole('cell')[7]).toHaveTextContent(
      'Delete tags older than 120 days',
    );

    const freshness = screen.getByRole('region', { name: 'How fresh the index is' });
    expect(within(freshness).getByRole('listitem')).toHaveTextContent(
      'cn-north-4:indexed 5 minutes ago',
    );
    expect(within(freshness).getByText('5 minutes ago')).toHaveAttribute(
      'datetime',
      iso(-5 * MINUTE),
    );
    // The company names its own accounts: no note that every share leaves.
    expect(within(freshness).queryByText(/No account is named/)).toBeNull();
  }, 20_000);

  it('sorts by any column, with the order in the URL and in aria-sort', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    server.use(fleetIndexHandler(fleet()));
    const { user, location } = renderApp('/cn-north-4/fleet');
    const table = await grid();
    expect(screen.getByRole('columnheader', { name: /^Organization/ })).toHaveAttribute(
      'aria-sort',
      'ascending',
    );

    await user.click(screen.getByRole('button', { name: /^Tags/ }));
    expect(location().search).toBe('?sort=tags&dir=desc');
    expect(screen.getByRole('columnheader', { name: /^Tags/ })).toHaveAttribute(
      'aria-sort',
      'descending',
    );
    expect(screen.getByRole('columnheader', { name: /^Organization/ })).toHaveAttribute(
      'aria-sort',
      'none',
    );
    expect(rowNames(table)).toEqual([
      'cn-north-4 platform/nginx',
      'cn-north-4 platform/base/alpine',
      'cn-north-4 data/spark',
      'cn-north-4 data/airflow',
      'cn-north-4 payments/gateway',
    ]);
    await user.click(screen.getByRole('button', { name: /^Tags/ }));
    expect(location().search).toBe('?sort=tags&dir=asc');
    expect(rowNames(table)[0]).toBe('cn-north-4 payments/gateway');

    // Every column sorts; a few whose order is not plain text:
    const firstAfter = async (column: RegExp) => {
      await user.click(screen.getByRole('button', { name: column }));
      return rowNames(table)[0];
    };
    expect(await firstAfter(/^Size/)).toBe('cn-north-4 data/airflow');
    expect(await firstAfter(/^Downloads/)).toBe('cn-north-4 platform/base/alpine');
    expect(await firstAfter(/^Updated/)).toBe('cn-north-4 data/spark');
    // Failing triggers first.
    expect(await firstAfter(/^Triggers/)).toBe('cn-north-4 payments/gateway');
    // Shares reaching outside the company first.
    expect(await firstAfter(/^Shares/)).toBe('cn-north-4 payments/gateway');
    expect(await firstAfter(/^Sync targets/)).toBe('cn-north-4 payments/gateway');
    // Count rules keep more than age rules, which keep more than none.
    expect(await firstAfter(/^Retention/)).toBe('cn-north-4 platform/base/alpine');
    await user.click(screen.getByRole('button', { name: /^Retention/ }));
    expect(rowNames(table).slice(0, 3)).toEqual([
      'cn-north-4 data/airflow',
      'cn-north-4 payments/gateway',
      'cn-north-4 platform/nginx',
    ]);
    expect(await firstAfter(/^Repository/)).toBe('cn-north-4 data/spark');
    expect(await firstAfter(/^Region/)).toBe('cn-north-4 data/airflow');
    // The updated column, ascending: never updated comes first.
    await user.click(screen.getByRole('button', { name: /^Updated/ }));
    await user.click(screen.getByRole('button', { name: /^Updated/ }));
    expect(rowNames(table)[0]).toBe('cn-north-4 data/airflow');
  }, 20_000);

  it('filters by each facet, by text and by more tags than, with each in the URL', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    server.use(fleetIndexHandler(fleet()));
    const { user, location } = renderApp('/cn-north-4/fleet');
    await grid();
    const facet = (name: string) => screen.getByRole('checkbox', { name });

    await user.click(facet('have no retention policy'));
    expect(location().search).toBe('?facets=no-retention');
    await expectRows([
      'cn-north-4 data/airflow',
      'cn-north-4 payments/gateway',
      'cn-north-4 platform/nginx',
    ]);
    await user.click(facet('have no retention policy'));

    // The failure of base/alpine's trigger was 10 days ago: not within the last 7.
    await user.click(facet('have a trigger that failed in the last 7 days'));
    expect(location().search).toBe('?facets=failed-trigger');
    await expectRows(['cn-north-4 payments/gateway']);
    await user.click(facet('have a trigger that failed in the last 7 days'));

    // nginx is shared with one of the company's own accounts, base/alpine's share has ended.
    await user.click(facet('are shared outside the company'));
    expect(location().search).toBe('?facets=shared-outside');
    await expectRows(['cn-north-4 payments/gateway']);
    await user.click(facet('are shared outside the company'));

    await user.click(facet('sync to another region'));
    expect(location().search).toBe('?facets=has-sync');
    await expectRows(['cn-north-4 payments/gateway']);
    await user.click(facet('sync to another region'));
    expect(location().search).toBe('');

    await user.type(screen.getByRole('spinbutton', { name: 'More tags than' }), '600');
    expect(location().search).toBe('?tagsOver=600');
    await expectRows(['cn-north-4 platform/nginx']);
    await user.clear(screen.getByRole('spinbutton', { name: 'More tags than' }));

    await user.type(screen.getByRole('searchbox', { name: 'Organization or repository' }), 'PLAT');
    await waitFor(() => {
      expect(location().search).toBe('?q=PLAT');
    });
    await expectRows(['cn-north-4 platform/base/alpine', 'cn-north-4 platform/nginx']);
    // Facets and text together; then nothing matches, and the filters clear in one click.
    await user.click(facet('have no retention policy'));
    await expectRows(['cn-north-4 platform/nginx']);
    await user.click(facet('sync to another region'));
    expect(await screen.findByText('No repository matches these filters.')).toBeInTheDocument();
    await user.click(screen.getAllByRole('button', { name: 'Clear filters' })[0] as HTMLElement);
    expect(location().search).toBe('');
    expect(screen.getByRole('searchbox', { name: 'Organization or repository' })).toHaveValue('');
    await expectRows([
      'cn-north-4 data/airflow',
      'cn-north-4 data/spark',
      'cn-north-4 payments/gateway',
      'cn-north-4 platform/base/alpine',
      'cn-north-4 platform/nginx',
    ]);
  }, 30_000);

  it('applies each built-in view, in one region or in all', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    const seen: (string | null)[] = [];
    server.use(fleetIndexHandler(fleet(), seen));
    const { user, location } = renderApp('/cn-north-4/fleet');
    await grid();
    const views = screen.getByRole('combobox', { name: 'Saved view' });
    expect(views).toHaveValue('');

    await user.selectOptions(views, 'No retention and more than 500 tags');
    expect(location().search).toBe('?facets=no-retention&tagsOver=500&sort=tags&dir=desc');
    // spark has more than 500 tags but a retention policy; base/alpine too.
    await expectRows(['cn-north-4 platform/nginx']);
    expect(views).toHaveValue('builtin:no-retention-500-tags');
    expect(screen.getByRole('checkbox', { name: 'have no retention policy' })).toBeChecked();
    expect(screen.getByRole('spinbutton', { name: 'More tags than' })).toHaveValue(500);

    await user.selectOptions(views, 'A trigger failed in the last 7 days');
    expect(location().search).toBe('?facets=failed-trigger&sort=triggers&dir=desc');
    await expectRows(['cn-north-4 payments/gateway']);
    expect(screen.getByRole('checkbox', { name: 'have no retention policy' })).not.toBeChecked();

    await user.selectOptions(views, 'Shared with an account that is not ours');
    await expectRows(['cn-north-4 payments/gateway']);

    // All regions: the view stays, and the other region's repositories join in.
    await user.selectOptions(views, 'No retention and more than 500 tags');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Regions' }), 'All regions');
    expect(location().pathname).toBe('/cn-north-4/fleet');
    expect(location().search).toBe(
      '?regions=all&facets=no-retention&tagsOver=500&sort=tags&dir=desc',
    );
    await expectRows(['cn-east-3 platform/nginx', 'cn-north-4 platform/nginx']);
    expect(views).toHaveValue('builtin:no-retention-500-tags');
    await user.selectOptions(views, 'A trigger failed in the last 7 days');
    expect(new URLSearchParams(location().search).get('regions')).toBe('all');
    expect(seen).toEqual(['cn-north-4', null]);

    // Another region: its own page, the view kept.
    await user.selectOptions(screen.getByRole('combobox', { name: 'Regions' }), 'cn-east-3');
    expect(location().pathname).toBe('/cn-east-3/fleet');
    expect(location().search).toBe('?facets=failed-trigger&sort=triggers&dir=desc');
    expect(await screen.findByText('No repository matches these filters.')).toBeInTheDocument();
    expect(seen).toEqual(['cn-north-4', null, 'cn-east-3']);
  }, 30_000);

  it('saves, picks, renames and deletes the user’s own views, kept per user', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    server.use(fleetIndexHandler(fleet()));
    const first = renderApp('/cn-north-4/fleet?q=platform&sort=size&dir=desc');
    const { user } = first;
    await grid();
    await user.click(screen.getByRole('button', { name: 'Save view' }));
    const dialog = await screen.findByRole('dialog', { name: 'Save the current view' });
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(within(dialog).getByRole('textbox', { name: 'Name' })).toHaveAccessibleDescription(
      'Enter a name.',
    );
    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'Big platform images');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('View “Big platform images” saved.')).toBeInTheDocument();
    const views = screen.getByRole('combobox', { name: 'Saved view' });
    expect(within(views).getByRole('option', { name: 'Big platform images' })).toBeInTheDocument();
    expect(
      within(views).getByRole<HTMLOptionElement>('option', { name: 'Big platform images' })
        .selected,
    ).toBe(true);

    // Elsewhere, the saved view brings its filters, order and region back.
    await user.selectOptions(screen.getByRole('combobox', { name: 'Regions' }), 'cn-east-3');
    await user.selectOptions(views, 'A trigger failed in the last 7 days');
    await user.selectOptions(views, 'Big platform images');
    expect(first.location().pathname).toBe('/cn-north-4/fleet');
    expect(first.location().search).toBe('?q=platform&sort=size&dir=desc');
    await expectRows(['cn-north-4 platform/nginx', 'cn-north-4 platform/base/alpine']);
    expect(screen.getByRole('searchbox', { name: 'Organization or repository' })).toHaveValue(
      'platform',
    );

    // A name is unique among the user's views.
    await user.click(screen.getByRole('button', { name: 'Save view' }));
    const again = await screen.findByRole('dialog', { name: 'Save the current view' });
    await user.type(within(again).getByRole('textbox', { name: 'Name' }), 'big PLATFORM images');
    await user.click(within(again).getByRole('button', { name: 'Save' }));
    expect(within(again).getByRole('textbox', { name: 'Name' })).toHaveAccessibleDescription(
      'You already have a view with this name.',
    );
    await user.click(within(again).getByRole('button', { name: 'Cancel' }));

    await user.click(screen.getByRole('button', { name: 'Your views' }));
    const manage = await screen.findByRole('dialog', { name: 'Your saved views' });
    await user.click(
      within(manage).getByRole('button', { name: 'Rename view Big platform images' }),
    );
    const rename = within(manage).getByRole('textbox', {
      name: 'New name for Big platform images',
    });
    await user.clear(rename);
    await user.type(rename, 'Platform by size');
    await user.click(within(manage).getByRole('button', { name: 'Save name' }));
    expect(within(manage).getByText('Platform by size')).toBeInTheDocument();
    expect(within(views).getByRole('option', { name: 'Platform by size' })).toBeInTheDocument();
    first.unmount();

    // Kept in this browser: the next visit has it.
    const second = renderApp('/cn-north-4/fleet');
    await grid();
    expect(
      within(screen.getByRole('combobox', { name: 'Saved view' })).getByRole('option', {
        name: 'Platform by size',
      }),
    ).toBeInTheDocument();
    second.unmount();

    // Another user signed in on the same browser does not see it.
    server.use(
      ...sessionHandlers('viewer', {
        user: { ...meFor('viewer').user, name: 'Someone else' },
      }),
    );
    const other = renderApp('/cn-north-4/fleet');
    await grid();
    expect(
      within(screen.getByRole('combobox', { name: 'Saved view' })).queryByRole('option', {
        name: 'Platform by size',
      }),
    ).toBeNull();
    other.unmount();

    server.use(...sessionHandlers('admin'));
    const third = renderApp('/cn-north-4/fleet');
    await grid();
    await third.user.click(screen.getByRole('button', { name: 'Your views' }));
    const list = await screen.findByRole('dialog', { name: 'Your saved views' });
    await third.user.click(
      within(list).getByRole('button', { name: 'Delete view Platform by size' }),
    );
    expect(
      within(list).getByText('You have no saved views yet. Set filters, then save them as a view.'),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('combobox', { name: 'Saved view' })).queryByRole('option', {
        name: 'Platform by size',
      }),
    ).toBeNull();
  }, 40_000);

  it('reads its whole view from the URL, and writes it back the same', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    server.use(fleetIndexHandler(fleet()));
    const url =
      '/cn-north-4/fleet?regions=all&q=nginx&facets=no-retention&tagsOver=100&sort=tags&dir=desc';
    const first = renderApp(url);
    await expectRows(['cn-east-3 platform/nginx', 'cn-north-4 platform/nginx']);
    expect(screen.getByRole('combobox', { name: 'Regions' })).toHaveValue('all');
    expect(screen.getByRole('searchbox', { name: 'Organization or repository' })).toHaveValue(
      'nginx',
    );
    expect(screen.getByRole('checkbox', { name: 'have no retention policy' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'sync to another region' })).not.toBeChecked();
    expect(screen.getByRole('spinbutton', { name: 'More tags than' })).toHaveValue(100);
    expect(screen.getByRole('columnheader', { name: /^Tags/ })).toHaveAttribute(
      'aria-sort',
      'descending',
    );

    // Changed on the page, the view is in the URL; opened from it, the page shows it again.
    await first.user.click(screen.getByRole('button', { name: /^Region/ }));
    await first.user.click(screen.getByRole('button', { name: /^Region/ }));
    await first.user.click(screen.getByRole('checkbox', { name: 'have no retention policy' }));
    const changed = `${first.location().pathname}${first.location().search}`;
    expect(changed).toBe('/cn-north-4/fleet?regions=all&q=nginx&tagsOver=100&sort=region&dir=asc');
    const before = rowNames(await grid());
    expect(before).toEqual(['cn-east-3 platform/nginx', 'cn-north-4 platform/nginx']);
    first.unmount();

    const second = renderApp(changed);
    await expectRows(before);
    expect(screen.getByRole('columnheader', { name: /^Region/ })).toHaveAttribute(
      'aria-sort',
      'ascending',
    );
    expect(screen.getByRole('checkbox', { name: 'have no retention policy' })).not.toBeChecked();
    expect(second.location().search).toBe('?regions=all&q=nginx&tagsOver=100&sort=region&dir=asc');

    // Junk in the URL falls back to the defaults.
    second.unmount();
    renderApp('/cn-north-4/fleet?facets=bogus,has-sync&tagsOver=-3&sort=nope&dir=sideways');
    await expectRows(['cn-north-4 payments/gateway']);
    expect(screen.getByRole('spinbutton', { name: 'More tags than' })).toHaveValue(null);
  }, 30_000);

  it('exports exactly the rows shown as CSV, all of them, with formulas neutralised', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    const many = Array.from({ length: 150 }, (_, index) =>
      fleetRepository('cn-north-4', 'bulk', `svc-${String(index).padStart(3, '0')}`, {
        tags: 600 + index,
      }),
    );
    const hostile = fleetRepository('cn-north-4', 'bulk', 'zz-hostile', {
      tags: 2,
      triggers: [trigger(`=cmd|' /C calc'!A0`, { result: 'failed', at: iso(-DAY), tag: '-1' })],
      shares: [share('@evil, "quoted"\nline', 'forever'), share('+sum', iso(30 * DAY))],
    });
    server.use(fleetIndexHandler(fleet({ repositories: [...REPOSITORIES, ...many, hostile] })));
    const saved = catchDownloads();
    // jsdom lays nothing out: give the scrolling region the height a browser would.
    const height = vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600);
    onTestFinished(() => {
      height.mockRestore();
    });
    const { user } = renderApp('/cn-north-4/fleet?q=bulk');
    const table = await grid();
    expect(screen.getByText('151 of 156 repositories shown')).toBeInTheDocument();
    // 151 rows: only those in view are rendered.
    expect(table).toHaveAttribute('aria-rowcount', '152');
    expect(within(table).getAllByRole('row').length).toBeLessThan(40);

    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(
      await screen.findByText('Saved swr-fleet-cn-north-4-20260310T120000Z.csv.'),
    ).toBeInTheDocument();
    expect(saved.map((file) => file.filename)).toEqual([
      'swr-fleet-cn-north-4-20260310T120000Z.csv',
    ]);
    const text = await (saved[0]?.text ?? Promise.resolve(''));
    expect(text.startsWith('Organization,Repository,Region,Tags,Size (bytes),')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    const records = parseCsv(text);
    expect(records[0]).toEqual([
      'Organization',
      'Repository',
      'Region',
      'Tags',
      'Size (bytes)',
      'Downloads',
      'Updated (UTC)',
      'Retention',
      'Sync targets',
      'Triggers',
      'Shares',
      'Shares ending soon',
      'Shares ended',
      'Shared outside the company with',
    ]);
    expect(records).toHaveLength(152);
    expect(records.slice(1).map((record) => record[1])).toEqual([
      ...many.map((repo) => repo.name),
      'zz-hostile',
    ]);
    expect(records[1]).toEqual([
      'bulk',
      'svc-000',
      'cn-north-4',
      '600',
      String(GB),
      '0',
      iso(-DAY),
      'None',
      '',
      '',
      '0',
      '0',
      '0',
      '',
    ]);
    // A spreadsheet would run these as formulas: each starts with ' instead.
    expect(records[151]?.slice(9)).toEqual([
      `'=cmd|' /C calc'!A0: failed ${iso(-DAY)}`,
      '2',
      '0',
      '0',
      `'@evil, "quoted"\nline; +sum`,
    ]);
    expect(text).toContain(`"'@evil, ""quoted""\nline; +sum"`);

    // A sort and a facet: the file follows what is shown.
    await user.click(screen.getByRole('button', { name: /^Tags/ }));
    await user.click(
      screen.getByRole('checkbox', { name: 'have a trigger that failed in the last 7 days' }),
    );
    await expectRows(['cn-north-4 bulk/zz-hostile']);
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => {
      expect(saved).toHaveLength(2);
    });
    const filtered = parseCsv(await (saved[1]?.text ?? Promise.resolve('')));
    expect(filtered.map((record) => record[1])).toEqual(['Repository', 'zz-hostile']);
  }, 30_000);

  it('shows a scoped user only what the BFF answered for their scopes', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    server.use(...sessionHandlers('operator', { namespaces: ['payments*'] }));
    const seen: (string | null)[] = [];
    // The BFF filters by the user's scopes: its answer holds only the payments organization.
    const scoped = fleet({
      repositories: REPOSITORIES.filter((repo) => repo.namespace.startsWith('payments')),
    });
    server.use(fleetIndexHandler(scoped, seen));
    const saved = catchDownloads();
    const { user } = renderApp('/cn-north-4/fleet?regions=all');
    await expectRows(['cn-north-4 payments/gateway']);
    expect(seen).toEqual([null]);
    expect(screen.getByText('1 of 1 repositories shown')).toBeInTheDocument();
    expect(screen.queryByText('platform')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => {
      expect(saved).toHaveLength(1);
    });
    const records = parseCsv(await (saved[0]?.text ?? Promise.resolve('')));
    expect(records.slice(1).map((record) => `${record[0] ?? ''}/${record[1] ?? ''}`)).toEqual([
      'payments/gateway',
    ]);
  }, 20_000);

  it('shows each region’s freshness: indexed, updating, failing, never swept', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    server.use(
      ...sessionHandlers('admin', {
        regions: [{ id: 'cn-north-4' }, { id: 'cn-east-3' }, { id: 'ap-southeast-1' }, { id: 'x' }],
      }),
      fleetIndexHandler(
        fleet({
          ownAccounts: [],
          regions: [
            { ...freshRegion('cn-north-4'), sweeping: iso(-MINUTE) },
            {
              id: 'cn-east-3',
              status: 'failing',
              sweptAt: iso(-2 * 3_600_000),
              sweeping: null,
              error: 'SWR answered 503',
            },
            {
              id: 'ap-southeast-1',
              status: 'failing',
              sweptAt: null,
              sweeping: null,
              error: 'The console key may not list repositories',
            },
            { id: 'x', status: 'never', sweptAt: null, sweeping: iso(-MINUTE), error: null },
          ],
        }),
      ),
    );
    renderApp('/cn-north-4/fleet?regions=all');
    await grid();
    const freshness = screen.getByRole('region', { name: 'How fresh the index is' });
    expect(
      within(freshness)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([
      'cn-north-4:indexed 5 minutes agoUpdating now',
      'cn-east-3:Update failingSWR answered 503showing the index of 2 hours ago',
      'ap-southeast-1:Update failingThe console key may not list repositoriesnothing indexed yet',
      'x:Being builtits repositories appear when the first sweep is done',
    ]);
    // No account is named as the company's own: every share leaves, and the page says so.
    expect(freshness).toHaveTextContent(
      "No account is named as the company's own (FLEET_OWN_ACCOUNTS), so every share counts as leaving the company.",
    );
    expect(
      within(rowOf(await grid(), 'platform', 'nginx')).getAllByRole('cell')[10],
    ).toHaveTextContent('1 share1 leaving the company1 ending soon');
    expect(screen.queryByRole('alert')).toBeNull();
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
    renderApp('/cn-north-4/fleet');
    expect(
      await screen.findByText(
        'The index is being built; repositories appear here when it is done.',
        {},
        LOADED,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('button', { name: 'Export CSV' })).toBeDisabled();
    built = true;
    await vi.advanceTimersByTimeAsync(BUILDING_POLL_MS);
    await expectRows([
      'cn-north-4 data/airflow',
      'cn-north-4 data/spark',
      'cn-north-4 payments/gateway',
      'cn-north-4 platform/base/alpine',
      'cn-north-4 platform/nginx',
    ]);
  }, 20_000);

  it('shows why the index could not be read, and reads it again on Retry', async () => {
    let failing = true;
    server.use(
      bffHandler(fleetEndpoint, () => (failing ? bffError(503, 'store_unavailable') : fleet())),
    );
    const { user } = renderApp('/cn-north-4/fleet');
    expect(
      await screen.findByText('The fleet index could not be loaded.', {}, LOADED),
    ).toBeInTheDocument();
    failing = false;
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await grid()).toBeInTheDocument();
  }, 20_000);

  it('speaks 简体中文', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    changeLanguage('zh-CN');
    try {
      server.use(fleetIndexHandler(fleet()));
      const { user } = renderApp('/cn-north-4/fleet');
      const table = await grid('镜像仓库总表');
      expect(screen.getByRole('heading', { level: 1, name: '镜像仓库总表' })).toBeInTheDocument();
      expect(screen.getByRole('columnheader', { name: /^镜像版本/ })).toBeInTheDocument();
      const gateway = within(rowOf(table, 'payments', 'gateway')).getAllByRole('cell');
      expect(gateway[7]).toHaveTextContent('无');
      expect(gateway[9]).toHaveTextContent('deploy-prod：失败');
      expect(gateway[10]).toHaveTextContent('1 个共享1 个流出公司');
      expect(
        within(rowOf(table, 'platform', 'base/alpine')).getAllByRole('cell')[7],
      ).toHaveTextContent('保留最新的 20 个镜像版本（1 个例外）');
      await user.selectOptions(
        screen.getByRole('combobox', { name: '已保存的视图' }),
        '没有老化规则且镜像版本超过 500 个',
      );
      await expectRows(['cn-north-4 platform/nginx'], '镜像仓库总表');
      expect(screen.getByText('显示 1 个镜像仓库，共 5 个')).toBeInTheDocument();
      expect(
        within(screen.getByRole('region', { name: '索引的新旧程度' })).getByRole('listitem'),
      ).toHaveTextContent('cn-north-4:索引于5分钟前');
    } finally {
      changeLanguage('en');
    }
  }, 20_000);
});
