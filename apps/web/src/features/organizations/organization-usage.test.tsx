/**
 * An organization's usage over time (its Usage tab), against a fake BFF: the summary in words and
 * the table come from the index's daily totals of that organization alone, the switches ask for
 * another period or show another metric, and the tab says when there is nothing (or only one
 * day) to draw. jsdom cannot lay a chart out: e2e/tests/organization.spec.ts checks the chart.
 */
import { fleetUsageEndpoint, type FleetUsageResponse } from '@swr-dashboard/swr-client/browser';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { bffError, bffHandler, sessionHandlers, swr } from '../../../test/handlers';
import { renderApp } from '../../../test/render';
import { server } from '../../../test/server';
import { changeLanguage } from '../../lib/i18n';

type UsageRow = FleetUsageResponse['days'][number];

const MB = 1024 ** 2;

function row(day: string, namespace: string, tags: number, extra: Partial<UsageRow> = {}) {
  return { day, region: 'cn-north-4', namespace, repositories: 2, tags, size: 100 * MB, ...extra };
}

/** payments over three days, with another organization and another region beside it. */
const ROWS: UsageRow[] = [
  row('2026-03-10', 'payments', 1456, { repositories: 3, size: 300 * MB }),
  row('2026-03-08', 'payments', 1234),
  row('2026-03-09', 'payments', 1300),
  row('2026-03-10', 'payments-legacy', 9000),
  { ...row('2026-03-10', 'payments', 7), region: 'cn-east-3' },
];

/** Answers `rows` for every period, and records each period asked for. */
function usageHandler(rows: UsageRow[] | (() => UsageRow[] | Response), asked: string[] = []) {
  return bffHandler(fleetUsageEndpoint, ({ request }) => {
    const query = new URL(request.url).searchParams;
    asked.push(`${query.get('region') ?? ''}:${query.get('days') ?? ''}`);
    const answer = typeof rows === 'function' ? rows() : rows;
    return answer instanceof Response ? answer : { days: answer };
  });
}

function serve(usage: ReturnType<typeof usageHandler>, ...more: ReturnType<typeof bffHandler>[]) {
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

async function usageSection(name = 'Usage over time'): Promise<HTMLElement> {
  return screen.findByRole('region', { name });
}

// Whole flows through the real app; generous when the machine is busy.
describe('Organization usage over time', { timeout: 20_000 }, () => {
  it('opens from its tab and tells how the organization alone went, with a table', async () => {
    const asked: string[] = [];
    serve(usageHandler(ROWS, asked));
    const { user, location } = renderApp('/cn-north-4/organizations/payments');
    await user.click(await screen.findByRole('link', { name: 'Usage over time' }));
    expect(location().search).toBe('?tab=usage');
    const section = await usageSection();
    expect(
      await within(section).findByText('Tags grew from 1,234 to 1,456 in 2 days.'),
    ).toBeVisible();
    expect(asked).toEqual(['cn-north-4:30']);

    await user.click(within(section).getByRole('button', { name: 'Show the data as a table' }));
    const table = within(section).getByRole('table', { name: 'Tags per day in payments' });
    expect(
      within(table)
        .getAllByRole('row')
        .map((each) => [...each.querySelectorAll('th, td')].map((cell) => cell.textContent)),
    ).toEqual([
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
    const section = await usageSection();
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
    const section = await usageSection();
    expect(await within(section).findByText('No daily total recorded yet.')).toBeVisible();
    expect(
      within(section).getByText(
        'The index records a total per day once it has swept; come back tomorrow.',
      ),
    ).toBeVisible();
  });

  it('shows one day as one value, and says a trend comes with the next days', async () => {
    serve(usageHandler([row('2026-03-10', 'payments', 42)]));
    renderApp('/cn-north-4/organizations/payments?tab=usage');
    const section = await usageSection();
    expect(await within(section).findByText('Tags: 42 on Mar 10, 2026.')).toBeVisible();
    expect(within(section).getByRole('note')).toHaveTextContent(
      'Only one day is recorded so far. The index records a total per day once it has swept; come back tomorrow.',
    );
  });

  it('says the daily totals could not be read, and reads them again on Retry', async () => {
    let failing = true;
    serve(usageHandler(() => (failing ? bffError(503, 'upstream_unavailable') : ROWS)));
    const { user } = renderApp('/cn-north-4/organizations/payments?tab=usage');
    const section = await usageSection();
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
      renderApp('/cn-north-4/organizations/payments?tab=usage');
      const section = await usageSection('用量趋势');
      expect(
        await within(section).findByText('镜像版本数在 2 天内从 1,234 增长到 1,456。'),
      ).toBeVisible();
      expect(within(section).getByRole('radio', { name: '最近 30 天' })).toBeChecked();
    } finally {
      changeLanguage('en');
    }
  });
});
