/**
 * Usage over time where it is shown, against a fake BFF: a region's on the Overview (one total or
 * stacked by organization) and an organization's on its page's Usage tab. The summary in words
 * and the table are computed from the index's daily totals, the switches ask for another period
 * or show another metric, and the usage says when there is nothing (or only one day) to draw.
 * jsdom cannot lay a chart out: the charts themselves are checked in e2e
 * (e2e/tests/overview.spec.ts, e2e/tests/organization.spec.ts).
 */
import {
  auditListEndpoint,
  fleetEndpoint,
  fleetUsageEndpoint,
  type FleetResponse,
  type FleetUsageResponse,
} from '@swr-dashboard/swr-client/browser';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { bffError, bffHandler, sessionHandlers, swr } from '../../../test/handlers';
import { renderApp } from '../../../test/render';
import { server } from '../../../test/server';
import { changeLanguage } from '../../lib/i18n';

type UsageRow = FleetUsageResponse['days'][number];

const GB = 1024 ** 3;
const MB = 1024 ** 2;

function row(day: string, namespace: string, tags: number, extra: Partial<UsageRow> = {}) {
  return { day, region: 'cn-north-4', namespace, repositories: 1, tags, size: GB, ...extra };
}

/** Answers `rows` for every period, and records each period asked for. */
function usageHandler(rows: UsageRow[] | (() => UsageRow[] | Response), asked: string[] = []) {
  return bffHandler(fleetUsageEndpoint, ({ request }) => {
    const query = new URL(request.url).searchParams;
    asked.push(`${query.get('region') ?? ''}:${query.get('days') ?? ''}`);
    const answer = typeof rows === 'function' ? rows() : rows;
    return answer instanceof Response ? answer : { days: answer };
  });
}

type Handler = ReturnType<typeof bffHandler>;

/** A table's rows, each as its cells' text. */
function rowsOf(table: HTMLElement): (string | null)[][] {
  return within(table)
    .getAllByRole('row')
    .map((each) => [...each.querySelectorAll('th, td')].map((cell) => cell.textContent));
}

function usageRegion(name = 'Usage over time'): Promise<HTMLElement> {
  return screen.findByRole('region', { name });
}

describe("A region's usage over time, on the Overview", () => {
  /** The index of cn-north-4, swept: the usage card shows once a region's index is there. */
  const FLEET: FleetResponse = {
    ownAccounts: [],
    regions: [
      {
        id: 'cn-north-4',
        status: 'ok',
        sweptAt: new Date().toISOString(),
        sweeping: null,
        error: null,
      },
    ],
    namespaces: [],
    repositories: [],
  };

  /** Three days of two organizations in cn-north-4, and a day of cn-east-3 that is not shown. */
  const THREE_DAYS: UsageRow[] = [
    row('2026-03-10', 'payments', 10, { repositories: 2, size: 2 * GB }),
    row('2026-03-10', 'platform', 15, { repositories: 3, size: GB }),
    row('2026-03-08', 'payments', 6, { repositories: 2, size: GB }),
    row('2026-03-08', 'platform', 9, { repositories: 2, size: GB / 2 }),
    row('2026-03-09', 'payments', 8),
    row('2026-03-09', 'platform', 12),
    { ...row('2026-03-10', 'platform', 500), region: 'cn-east-3' },
  ];

  function serve(usage: Handler, ...more: Handler[]) {
    server.use(
      ...more,
      usage,
      bffHandler(fleetEndpoint, () => FLEET),
      bffHandler(auditListEndpoint, () => ({ items: [], total: 0, offset: 0, limit: 200 })),
    );
  }

  it('sums the region per day and says how it went, with the numbers as a table', async () => {
    serve(usageHandler(THREE_DAYS));
    const { user } = renderApp('/cn-north-4/overview');
    const card = await usageRegion();
    expect(await within(card).findByText('Tags grew from 15 to 25 in 2 days.')).toBeVisible();
    expect(
      within(card).getByText(
        "Daily totals of cn-north-4, recorded by the console's index once a day after its sweep.",
      ),
    ).toBeVisible();
    expect(within(card).getByRole('radio', { name: 'Tags' })).toBeChecked();
    expect(within(card).getByRole('radio', { name: 'Last 30 days' })).toBeChecked();
    expect(within(card).queryByRole('note')).toBeNull();

    const show = within(card).getByRole('button', { name: 'Show the data as a table' });
    expect(show).toHaveAttribute('aria-expanded', 'false');
    await user.click(show);
    const table = within(card).getByRole('table', { name: 'Tags per day in cn-north-4' });
    expect(rowsOf(table)).toEqual([
      ['Day', 'Tags'],
      ['Mar 8, 2026', '15'],
      ['Mar 9, 2026', '20'],
      ['Mar 10, 2026', '25'],
    ]);
    await user.click(within(card).getByRole('button', { name: 'Hide the table' }));
    expect(within(card).queryByRole('table')).toBeNull();
  });

  it('asks the BFF for the period chosen', async () => {
    const asked: string[] = [];
    serve(usageHandler(THREE_DAYS, asked));
    const { user } = renderApp('/cn-north-4/overview');
    const card = await usageRegion();
    await within(card).findByText('Tags grew from 15 to 25 in 2 days.');
    expect(asked).toEqual(['cn-north-4:30']);

    await user.click(within(card).getByRole('radio', { name: 'Last 90 days' }));
    await waitFor(() => {
      expect(asked).toEqual(['cn-north-4:30', 'cn-north-4:90']);
    });
    expect(within(card).getByRole('radio', { name: 'Last 90 days' })).toBeChecked();
    await user.click(within(card).getByRole('radio', { name: 'Last 365 days' }));
    await waitFor(() => {
      expect(asked).toEqual(['cn-north-4:30', 'cn-north-4:90', 'cn-north-4:365']);
    });
  });

  it("reads the daily totals again on the Overview's Refresh", async () => {
    const asked: string[] = [];
    let rows = THREE_DAYS;
    serve(usageHandler(() => rows, asked));
    const { user } = renderApp('/cn-north-4/overview');
    const card = await usageRegion();
    await within(card).findByText('Tags grew from 15 to 25 in 2 days.');

    rows = [...THREE_DAYS, row('2026-03-11', 'payments', 30)];
    await user.click(screen.getByRole('button', { name: 'Refresh' }));
    expect(await within(card).findByText('Tags grew from 15 to 30 in 3 days.')).toBeVisible();
    expect(asked).toEqual(['cn-north-4:30', 'cn-north-4:30']);
  });

  it('shows storage or repositories instead of tags', async () => {
    serve(usageHandler(THREE_DAYS));
    const { user } = renderApp('/cn-north-4/overview');
    const card = await usageRegion();
    await within(card).findByText('Tags grew from 15 to 25 in 2 days.');

    await user.click(within(card).getByRole('radio', { name: 'Storage' }));
    expect(within(card).getByText('Storage grew from 1.5 GB to 3 GB in 2 days.')).toBeVisible();
    await user.click(within(card).getByRole('radio', { name: 'Repositories' }));
    expect(within(card).getByText('Repositories grew from 4 to 5 in 2 days.')).toBeVisible();
    await user.click(within(card).getByRole('button', { name: 'Show the data as a table' }));
    expect(
      within(card).getByRole('table', { name: 'Repositories per day in cn-north-4' }),
    ).toBeInTheDocument();
  });

  it('stacks the largest organizations and adds up the others', async () => {
    const organizations = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const rows = organizations.flatMap((name, index) => [
      row('2026-03-09', name, 10 * (index + 1)),
      row('2026-03-10', name, 10 * (index + 1) + 1),
    ]);
    serve(usageHandler(rows));
    const { user } = renderApp('/cn-north-4/overview');
    const card = await usageRegion();
    await within(card).findByText('Tags grew from 280 to 287 in 1 day.');

    await user.click(within(card).getByRole('checkbox', { name: 'Stack by organization' }));
    await user.click(within(card).getByRole('button', { name: 'Show the data as a table' }));
    const table = within(card).getByRole('table', { name: 'Tags per day in cn-north-4' });
    // The five largest on the last day, largest first, then a and b as one.
    expect(rowsOf(table)).toEqual([
      ['Day', 'g', 'f', 'e', 'd', 'c', 'Other organizations'],
      ['Mar 9, 2026', '70', '60', '50', '40', '30', '30'],
      ['Mar 10, 2026', '71', '61', '51', '41', '31', '32'],
    ]);
    // The summary is still the region's total.
    expect(within(card).getByText('Tags grew from 280 to 287 in 1 day.')).toBeVisible();
  });

  it("counts only the organizations a scoped user's answer holds", async () => {
    // The BFF filters the daily totals by the user's organization scopes: the page counts them.
    serve(
      usageHandler(THREE_DAYS.filter((entry) => entry.namespace === 'payments')),
      ...sessionHandlers('operator', { namespaces: ['payments'] }),
    );
    const { user } = renderApp('/cn-north-4/overview');
    const card = await usageRegion();
    expect(await within(card).findByText('Tags grew from 6 to 10 in 2 days.')).toBeVisible();
    await user.click(within(card).getByRole('checkbox', { name: 'Stack by organization' }));
    await user.click(within(card).getByRole('button', { name: 'Show the data as a table' }));
    const header = within(card).getAllByRole('columnheader');
    expect(header.map((cell) => cell.textContent)).toEqual(['Day', 'payments']);
  });

  it('says when no day is recorded yet', async () => {
    serve(usageHandler([{ ...row('2026-03-10', 'platform', 5), region: 'cn-east-3' }]));
    renderApp('/cn-north-4/overview');
    const card = await usageRegion();
    expect(await within(card).findByText('No daily total recorded yet.')).toBeVisible();
    expect(
      within(card).getByText(
        'The index records a total per day once it has swept; come back tomorrow.',
      ),
    ).toBeVisible();
    expect(within(card).queryByRole('button', { name: 'Show the data as a table' })).toBeNull();
  });

  it('shows one day as one value, and says a trend comes with the next days', async () => {
    serve(usageHandler([row('2026-03-10', 'payments', 1234), row('2026-03-10', 'platform', 1)]));
    renderApp('/cn-north-4/overview');
    const card = await usageRegion();
    expect(await within(card).findByText('Tags: 1,235 on Mar 10, 2026.')).toBeVisible();
    expect(within(card).getByRole('note')).toHaveTextContent(
      'Only one day is recorded so far. The index records a total per day once it has swept; come back tomorrow.',
    );
  });

  it('says the daily totals could not be read, and reads them again on Retry', async () => {
    let failing = true;
    serve(usageHandler(() => (failing ? bffError(503, 'upstream_unavailable') : THREE_DAYS)));
    const { user } = renderApp('/cn-north-4/overview');
    const card = await usageRegion();
    const alert = await within(card).findByRole('alert');
    expect(alert).toHaveTextContent('The usage over time could not be read.');
    failing = false;
    await user.click(within(card).getByRole('button', { name: 'Retry' }));
    expect(await within(card).findByText('Tags grew from 15 to 25 in 2 days.')).toBeVisible();
    expect(within(card).queryByRole('alert')).toBeNull();
  });

  it('reads in 简体中文', async () => {
    changeLanguage('zh-CN');
    try {
      serve(usageHandler(THREE_DAYS));
      const { user } = renderApp('/cn-north-4/overview');
      const card = await usageRegion('用量趋势');
      expect(await within(card).findByText('镜像版本数在 2 天内从 15 增长到 25。')).toBeVisible();
      await user.click(within(card).getByRole('radio', { name: '最近 90 天' }));
      await user.click(within(card).getByRole('radio', { name: '存储量' }));
      expect(await within(card).findByText('存储量在 2 天内从 1.5 GB 增长到 3 GB。')).toBeVisible();
      await user.click(within(card).getByRole('checkbox', { name: '按组织堆叠' }));
      await user.click(within(card).getByRole('button', { name: '以表格显示数据' }));
      expect(within(card).getByRole('table', { name: 'cn-north-4 每日存储量' })).toBeVisible();
    } finally {
      changeLanguage('en');
    }
  });
});

// Whole flows through the real app; generous when the machine is busy.
describe("An organization's usage over time, on its page's Usage tab", { timeout: 20_000 }, () => {
  const organizationRow = (
    day: string,
    namespace: string,
    tags: number,
    extra: Partial<UsageRow> = {},
  ) => row(day, namespace, tags, { repositories: 2, size: 100 * MB, ...extra });

  /** payments over three days, with another organization and another region beside it. */
  const ROWS: UsageRow[] = [
    organizationRow('2026-03-10', 'payments', 1456, { repositories: 3, size: 300 * MB }),
    organizationRow('2026-03-08', 'payments', 1234),
    organizationRow('2026-03-09', 'payments', 1300),
    organizationRow('2026-03-10', 'payments-legacy', 9000),
    { ...organizationRow('2026-03-10', 'payments', 7), region: 'cn-east-3' },
  ];

  function serve(usage: Handler, ...more: Handler[]) {
    server.use(
      ...more,
      usage,
      swr('showNamespace', () => ({
        body: { id: 1, name: 'payments', creator_name: 'ops-lead', auth: 7 },
      })),
      // The Repositories tab, where the page opens without `?tab=`.
      swr('listReposDetails', () => ({ body: [], headers: { 'Content-Range': '0-0/0' } })),
    );
  }

  it('opens from its tab and tells how the organization alone went, with a table', async () => {
    const asked: string[] = [];
    serve(usageHandler(ROWS, asked));
    const { user, location } = renderApp('/cn-north-4/organizations/payments');
    await user.click(await screen.findByRole('link', { name: 'Usage over time' }));
    expect(location().search).toBe('?tab=usage');
    const section = await usageRegion();
    expect(
      await within(section).findByText('Tags grew from 1,234 to 1,456 in 2 days.'),
    ).toBeVisible();
    expect(
      within(section).getByText(
        "Daily totals of payments, recorded by the console's index once a day after its sweep.",
      ),
    ).toBeVisible();
    expect(asked).toEqual(['cn-north-4:30']);
    // One organization: nothing to stack.
    expect(within(section).queryByRole('checkbox')).toBeNull();

    await user.click(within(section).getByRole('button', { name: 'Show the data as a table' }));
    const table = within(section).getByRole('table', { name: 'Tags per day in payments' });
    expect(rowsOf(table)).toEqual([
      ['Day', 'Tags'],
      ['Mar 8, 2026', '1,234'],
      ['Mar 9, 2026', '1,300'],
      ['Mar 10, 2026', '1,456'],
    ]);
  });

  it('asks for the period chosen and shows the metric chosen', async () => {
    const asked: string[] = [];
    serve(usageHandler(ROWS, asked));
    const { user } = renderApp('/cn-north-4/organizations/payments?tab=usage');
    const section = await usageRegion();
    await within(section).findByText('Tags grew from 1,234 to 1,456 in 2 days.');

    await user.click(within(section).getByRole('radio', { name: 'Last 365 days' }));
    await waitFor(() => {
      expect(asked).toEqual(['cn-north-4:30', 'cn-north-4:365']);
    });
    await user.click(within(section).getByRole('radio', { name: 'Storage' }));
    expect(
      await within(section).findByText('Storage grew from 100 MB to 300 MB in 2 days.'),
    ).toBeVisible();
    await user.click(within(section).getByRole('radio', { name: 'Repositories' }));
    expect(within(section).getByText('Repositories grew from 2 to 3 in 2 days.')).toBeVisible();
  });

  it('says when no day is recorded for the organization (a scoped user sees none of it)', async () => {
    // The BFF leaves out what the user's organization scopes do not allow.
    serve(
      usageHandler(ROWS.filter((entry) => entry.namespace === 'payments-legacy')),
      ...sessionHandlers('operator', { namespaces: ['payments-legacy'] }),
    );
    renderApp('/cn-north-4/organizations/payments?tab=usage');
    const section = await usageRegion();
    expect(await within(section).findByText('No daily total recorded yet.')).toBeVisible();
    expect(
      within(section).getByText(
        'The index records a total per day once it has swept; come back tomorrow.',
      ),
    ).toBeVisible();
  });

  it('shows one day as one value, and says a trend comes with the next days', async () => {
    serve(usageHandler([organizationRow('2026-03-10', 'payments', 42)]));
    renderApp('/cn-north-4/organizations/payments?tab=usage');
    const section = await usageRegion();
    expect(await within(section).findByText('Tags: 42 on Mar 10, 2026.')).toBeVisible();
    expect(within(section).getByRole('note')).toHaveTextContent(
      'Only one day is recorded so far. The index records a total per day once it has swept; come back tomorrow.',
    );
  });

  it('says the daily totals could not be read, and reads them again on Retry', async () => {
    let failing = true;
    serve(usageHandler(() => (failing ? bffError(503, 'upstream_unavailable') : ROWS)));
    const { user } = renderApp('/cn-north-4/organizations/payments?tab=usage');
    const section = await usageRegion();
    expect(await within(section).findByRole('alert')).toHaveTextContent(
      'The usage over time could not be read.',
    );
    failing = false;
    await user.click(within(section).getByRole('button', { name: 'Retry' }));
    expect(
      await within(section).findByText('Tags grew from 1,234 to 1,456 in 2 days.'),
    ).toBeVisible();
  });

  it('reads in 简体中文', async () => {
    changeLanguage('zh-CN');
    try {
      serve(usageHandler(ROWS));
      const { user } = renderApp('/cn-north-4/organizations/payments?tab=usage');
      const section = await usageRegion('用量趋势');
      expect(
        await within(section).findByText('镜像版本数在 2 天内从 1,234 增长到 1,456。'),
      ).toBeVisible();
      expect(within(section).getByRole('radio', { name: '最近 30 天' })).toBeChecked();
      await user.click(within(section).getByRole('button', { name: '以表格显示数据' }));
      expect(within(section).getByRole('table', { name: 'payments 每日镜像版本数' })).toBeVisible();
    } finally {
      changeLanguage('en');
    }
  });
});
