/**
 * The Jobs pages against a fake BFF typed from the contract: a new tag clean-up picked from the
 * fleet index, previewed (what goes, what stays and why), confirmed by typing its count and
 * started; the job's page live while it runs (read every 2 s: progress, rate, time left), its
 * failed items with SWR's answer, Cancel, and the CSV of what was deleted; a start refused because
 * the tags changed since the preview; a viewer's page without New clean-up; an admin's switch to
 * everyone's jobs; and 简体中文.
 */
import {
  cancelJobEndpoint,
  createJobEndpoint,
  jobEndpoint,
  jobItemsEndpoint,
  jobPreviewEndpoint,
  jobsEndpoint,
  retryJobEndpoint,
  type JobItemOf,
  type JobPreviewResponse,
  type JobSummary,
  type TagCleanupItem,
  type TagCleanupSpec,
} from '@swr-dashboard/swr-client/browser';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { catchDownloads, parseCsv } from '../../../test/downloads';
import {
  DAY,
  fleetIndexHandler,
  fleetRepository,
  freshRegion,
  iso,
  NOW,
} from '../../../test/fleet-fixtures';
import { bffError, bffHandler, sessionHandlers, tagDigest } from '../../../test/handlers';
import { renderApp } from '../../../test/render';
import { server } from '../../../test/server';
import { changeLanguage } from '../../lib/i18n';
import { JOB_POLL_MS } from './api';

const REGION = 'cn-north-4';
const ID = '01JOBTEST0000000000000001';

const SPEC: TagCleanupSpec = {
  kind: 'tag-cleanup',
  region: REGION,
  repositories: [{ namespace: 'payments', repository: 'gateway' }],
  rule: { pattern: 'pr-*', keepNewest: 1 },
};

/** `pr-1000`… in payments/gateway, the first the oldest. */
function items(count: number): TagCleanupItem[] {
  return Array.from({ length: count }, (_, index) => ({
    namespace: 'payments',
    repository: 'gateway',
    tag: `pr-${String(1000 + index)}`,
    digest: tagDigest(index),
    updated: iso(-(40 - index) * DAY),
  }));
}

function preview(count: number): JobPreviewResponse {
  return {
    kind: 'tag-cleanup',
    items: items(count),
    kept: [
      {
        namespace: 'payments',
        repository: 'gateway',
        tag: 'latest',
        reason: 'protected',
        pattern: 'latest',
      },
      { namespace: 'payments', repository: 'gateway', tag: 'pr-2000', reason: 'newest' },
    ],
    confirmAbove: 20,
  };
}

type Counts = JobSummary['counts'];

function job(counts: Partial<Counts> = {}, overrides: Partial<JobSummary> = {}): JobSummary {
  const full: Counts = { pending: 0, running: 0, done: 0, failed: 0, cancelled: 0, ...counts };
  return {
    id: ID,
    kind: 'tag-cleanup',
    region: REGION,
    owner: 'Test operator',
    spec: SPEC,
    status: 'running',
    total: 25,
    counts: full,
    createdAt: iso(-60_000),
    finishedAt: null,
    ...overrides,
  };
}

/** The fleet index of the region: three repositories. */
function fleetIndex() {
  return fleetIndexHandler({
    ownAccounts: [],
    regions: [freshRegion(REGION)],
    namespaces: [],
    repositories: [
      fleetRepository(REGION, 'payments', 'gateway'),
      fleetRepository(REGION, 'payments', 'ledger'),
      fleetRepository(REGION, 'platform', 'nginx'),
    ],
  });
}

/**
 * The job's items for its counts: the first `done` done, the next `failed` failed (SWR 500), the
 * next `cancelled` cancelled, the rest pending.
 */
function jobItems(summary: JobSummary): JobItemOf<'tag-cleanup'>[] {
  const { done, failed, cancelled } = summary.counts;
  return items(summary.total).map((target, seq): JobItemOf<'tag-cleanup'> => {
    if (seq < done) {
      return {
        seq,
        target,
        status: 'done',
        attempts: 1,
        result: { requestId: `req-${String(seq)}`, status: 204, message: 'deleted' },
      };
    }
    if (seq < done + failed) {
      return {
        seq,
        target,
        status: 'failed',
        attempts: 1,
        result: { requestId: 'req-500', status: 500, message: 'SWR failed' },
      };
    }
    const status = seq < done + failed + cancelled ? 'cancelled' : 'pending';
    return { seq, target, status, attempts: 0, result: null };
  });
}

function itemsHandler(current: () => JobSummary, seen: string[] = []) {
  return bffHandler(jobItemsEndpoint, ({ request }) => {
    const query = new URL(request.url).searchParams;
    seen.push(query.toString());
    const status = query.get('status');
    const offset = Number(query.get('offset') ?? 0);
    const limit = Number(query.get('limit') ?? 100);
    const all = jobItems(current());
    const chosen = status === null ? all : all.filter((item) => item.status === status);
    return { kind: 'tag-cleanup' as const, items: chosen.slice(offset, offset + limit) };
  });
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('Jobs page', () => {
  it('previews a clean-up, starts it with the typed count and opens its page', async () => {
    const previewed: unknown[] = [];
    const created: unknown[] = [];
    server.use(
      ...sessionHandlers('operator'),
      fleetIndex(),
      bffHandler(jobsEndpoint, () => ({ jobs: [] })),
      bffHandler(jobPreviewEndpoint, async ({ request }) => {
        previewed.push(await request.json());
        return preview(25);
      }),
      bffHandler(createJobEndpoint, async ({ request }) => {
        created.push(await request.json());
        return job({ pending: 25 });
      }),
      bffHandler(jobEndpoint, () => job({ pending: 25 })),
      itemsHandler(() => job({ pending: 25 })),
    );
    const { user, location } = renderApp('/cn-north-4/jobs');
    expect(await screen.findByRole('heading', { level: 1, name: 'Jobs' })).toBeInTheDocument();
    expect(
      within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Jobs' }),
    ).toHaveAttribute('aria-current', 'page');
    expect(await screen.findByText('No jobs yet.')).toBeInTheDocument();
    expect(screen.queryByRole('switch', { name: "Everyone's jobs" })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'New tag clean-up' }));
    expect(location().search).toBe('?new=1');
    const form = screen.getByRole('region', { name: 'New tag clean-up' });
    // Nothing chosen, no rule: Preview says what is missing and asks nothing of the BFF.
    await user.click(within(form).getByRole('button', { name: 'Preview' }));
    expect(within(form).getByText('Choose at least one repository.')).toBeInTheDocument();
    expect(
      within(form).getByText(
        'Give a tag name pattern, an age or tag names: a rule that names nothing would delete every tag.',
      ),
    ).toBeInTheDocument();
    expect(previewed).toEqual([]);

    await user.type(within(form).getByRole('searchbox', { name: 'Search repositories' }), 'gate');
    // The list follows the typing itself: nothing moves under a click made right after it.
    expect(within(form).queryByRole('checkbox', { name: 'platform/nginx' })).toBeNull();
    await user.click(within(form).getByRole('checkbox', { name: 'payments/gateway' }));
    expect(within(form).getByText('1 repository chosen')).toBeInTheDocument();
    await user.type(within(form).getByRole('textbox', { name: 'Tag name pattern' }), 'pr-*');
    await user.type(within(form).getByRole('textbox', { name: 'Keep the newest … tags' }), '1');
    await user.click(within(form).getByRole('button', { name: 'Preview' }));

    expect(
      await within(form).findByText('25 tags will be deleted in 1 repository; 2 kept.'),
    ).toBeInTheDocument();
    expect(previewed).toEqual([SPEC]);
    const deleted = within(form).getByRole('table', { name: 'Tags to delete' });
    expect(within(deleted).getAllByRole('row')).toHaveLength(26);
    expect(
      within(within(deleted).getAllByRole('row')[1] ?? deleted).getAllByRole('cell')[1],
    ).toHaveTextContent('pr-1000');
    expect(within(deleted).getAllByText(/^sha256:0000abababab$/)).toHaveLength(1);
    const kept = within(form).getByRole('table', { name: 'Tags kept' });
    expect(within(kept).getByText('Protected by latest')).toBeInTheDocument();
    expect(within(kept).getByText('The newest tag of its repository')).toBeInTheDocument();

    // A rule changed since the preview must be previewed before it can start.
    const pattern = within(form).getByRole('textbox', { name: 'Tag name pattern' });
    await user.type(pattern, 'x');
    expect(
      within(form).getByRole('button', { name: 'Delete 25 tags…' }),
    ).toHaveAccessibleDescription('Preview the changed rule first.');
    await user.type(pattern, '{Backspace}');
    expect(within(form).getByRole('button', { name: 'Delete 25 tags…' })).toBeEnabled();

    // Above the BFF's threshold (20), the count is typed before Start works.
    await user.click(within(form).getByRole('button', { name: 'Delete 25 tags…' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete 25 tags?' });
    const start = within(dialog).getByRole('button', { name: 'Start: delete 25 tags' });
    expect(start).toBeDisabled();
    await user.type(within(dialog).getByRole('textbox', { name: 'Type 25 to confirm' }), '25');
    await user.click(start);
    await waitFor(() => {
      expect(location().pathname).toBe(`/cn-north-4/jobs/${ID}`);
    });
    expect(created).toEqual([{ spec: SPEC, confirm: { count: 25 } }]);
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Tag clean-up of payments/gateway' }),
    ).toBeInTheDocument();
  }, 30_000);

  it('explains a start refused because the tags changed, and previews again', async () => {
    let count = 25;
    const created: unknown[] = [];
    server.use(
      ...sessionHandlers('operator'),
      fleetIndex(),
      bffHandler(jobsEndpoint, () => ({ jobs: [] })),
      bffHandler(jobPreviewEndpoint, () => preview(count)),
      bffHandler(createJobEndpoint, async ({ request }) => {
        created.push(await request.json());
        if (created.length === 1) {
          count = 24;
          return bffError(409, 'preview_changed');
        }
        return job({ pending: 24 }, { total: 24 });
      }),
      bffHandler(jobEndpoint, () => job({ pending: 24 }, { total: 24 })),
      itemsHandler(() => job({ pending: 24 }, { total: 24 })),
    );
    const { user, location } = renderApp('/cn-north-4/jobs?new=1');
    const form = await screen.findByRole('region', { name: 'New tag clean-up' });
    await user.click(await within(form).findByRole('checkbox', { name: 'payments/gateway' }));
    await user.type(within(form).getByRole('textbox', { name: 'Tag name pattern' }), 'pr-*');
    await user.type(within(form).getByRole('textbox', { name: 'Keep the newest … tags' }), '1');
    await user.click(within(form).getByRole('button', { name: 'Preview' }));
    await user.click(await within(form).findByRole('button', { name: 'Delete 25 tags…' }));
    let dialog = screen.getByRole('dialog', { name: 'Delete 25 tags?' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Type 25 to confirm' }), '25');
    await user.click(within(dialog).getByRole('button', { name: 'Start: delete 25 tags' }));

    expect(
      await within(form).findByText(
        'The tags changed since the preview you confirmed (25 then, 24 now). Check the new preview below and start again.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(within(form).getByRole('status')).toHaveTextContent(
      '24 tags will be deleted in 1 repository; 2 kept.',
    );
    await user.click(within(form).getByRole('button', { name: 'Delete 24 tags…' }));
    dialog = screen.getByRole('dialog', { name: 'Delete 24 tags?' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Type 24 to confirm' }), '24');
    await user.click(within(dialog).getByRole('button', { name: 'Start: delete 24 tags' }));
    await waitFor(() => {
      expect(location().pathname).toBe(`/cn-north-4/jobs/${ID}`);
    });
    expect(created).toEqual([
      { spec: SPEC, confirm: { count: 25 } },
      { spec: SPEC, confirm: { count: 24 } },
    ]);
  }, 30_000);

  it('shows a viewer their jobs without a New clean-up', async () => {
    server.use(
      ...sessionHandlers('viewer'),
      bffHandler(jobsEndpoint, ({ request }) => {
        expect(new URL(request.url).search).toBe('');
        return {
          jobs: [job({ done: 25 }, { status: 'done', finishedAt: iso(0), owner: 'Test viewer' })],
        };
      }),
    );
    renderApp('/cn-north-4/jobs');
    const table = await screen.findByRole('table', { name: 'Your jobs, newest first' });
    const row = within(table).getAllByRole('row')[1];
    if (row === undefined) throw new Error('no row');
    expect(
      within(row).getByRole('link', { name: 'Tag clean-up of payments/gateway' }),
    ).toHaveAttribute('href', `/cn-north-4/jobs/${ID}`);
    expect(row).toHaveTextContent(
      'tag names matching pr-*; keeping the newest tag of each repository',
    );
    expect(row).toHaveTextContent('Done');
    expect(row).toHaveTextContent('25 done, 0 failed, 0 cancelled of 25');
    expect(row).toHaveTextContent('Test viewer');
    expect(screen.queryByRole('button', { name: 'New tag clean-up' })).toBeNull();
    expect(screen.queryByRole('switch', { name: "Everyone's jobs" })).toBeNull();
  }, 20_000);

  it("lets an admin switch to everyone's jobs", async () => {
    const seen: string[] = [];
    server.use(
      bffHandler(jobsEndpoint, ({ request }) => {
        const search = new URL(request.url).search;
        seen.push(search);
        return {
          jobs:
            search === '?all=1'
              ? [job({ done: 25 }, { status: 'done', owner: 'Someone else' })]
              : [],
        };
      }),
    );
    const { user, location } = renderApp('/cn-north-4/jobs');
    expect(await screen.findByText('No jobs yet.')).toBeInTheDocument();
    await user.click(screen.getByRole('switch', { name: "Everyone's jobs" }));
    expect(location().search).toBe('?all=1');
    const table = await screen.findByRole('table', { name: "Everyone's jobs, newest first" });
    expect(within(table).getByText('Someone else')).toBeInTheDocument();
    expect(seen).toEqual(['', '?all=1']);
  }, 20_000);

  it('speaks 简体中文', async () => {
    changeLanguage('zh-CN');
    try {
      server.use(
        bffHandler(jobsEndpoint, () => ({
          jobs: [job({ done: 20, failed: 1, running: 1, pending: 3 })],
        })),
      );
      renderApp('/cn-north-4/jobs');
      expect(await screen.findByRole('heading', { level: 1, name: '任务' })).toBeInTheDocument();
      const table = await screen.findByRole('table', { name: '您的任务，最新的在前' });
      expect(
        within(table).getByRole('link', { name: '清理 payments/gateway 的镜像版本' }),
      ).toBeInTheDocument();
      expect(within(table).getByText('运行中')).toBeInTheDocument();
      expect(
        within(table).getByText('共 25 项：20 项完成，1 项失败，0 项取消'),
      ).toBeInTheDocument();
      expect(screen.getByRole('button', { name: '新建镜像版本清理' })).toBeInTheDocument();
    } finally {
      changeLanguage('en');
    }
  }, 20_000);
});

describe('Job page', () => {
  it('follows a running job live, shows its failed items, cancels it and saves what it deleted', async () => {
    vi.useFakeTimers({
      toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'],
      now: NOW,
      shouldAdvanceTime: true,
    });
    let current = job({ pending: 25 });
    let reads = 0;
    const itemReads: string[] = [];
    server.use(
      ...sessionHandlers('operator'),
      bffHandler(jobEndpoint, ({ params }) => {
        expect(params.id).toBe(ID);
        reads += 1;
        return current;
      }),
      bffHandler(cancelJobEndpoint, () => {
        current = job({ done: 20, failed: 1, running: 1, cancelled: 3 }, { status: 'cancelling' });
        return current;
      }),
      itemsHandler(() => current, itemReads),
    );
    const saved = catchDownloads();
    const { user } = renderApp(`/cn-north-4/jobs/${ID}`);
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Tag clean-up of payments/gateway' }),
    ).toBeInTheDocument();
    const bar = screen.getByRole('progressbar', { name: 'Items settled' });
    expect(bar).toHaveAttribute('aria-valuetext', '0 of 25 settled');
    expect(screen.getByText(/measuring the rate…/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Download CSV of what was deleted' })).toBeDisabled();

    current = job({ done: 10, running: 1, pending: 14 });
    await vi.advanceTimersByTimeAsync(JOB_POLL_MS);
    await waitFor(() => {
      expect(bar).toHaveAttribute('aria-valuetext', '10 of 25 settled');
    });
    current = job({ done: 20, failed: 1, running: 1, pending: 3 });
    await vi.advanceTimersByTimeAsync(JOB_POLL_MS);
    await waitFor(() => {
      expect(bar).toHaveAttribute('aria-valuetext', '21 of 25 settled');
    });
    // 21 items in about 4 s: about 5 a second, 4 left.
    expect(
      screen.getByText(/about [\d.]+ tags a second, about \d seconds? left/),
    ).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Progress' })).toHaveTextContent(
      /Done20Failed1Cancelled0Left4/,
    );

    // The failed items, with SWR's answer and request id.
    await user.selectOptions(screen.getByRole('combobox', { name: 'Show' }), 'Failed (1)');
    const failedTable = await screen.findByRole('table', { name: 'Items of the job: Failed' });
    await waitFor(() => {
      expect(within(failedTable).getAllByRole('row')).toHaveLength(2);
    });
    expect(failedTable).toHaveTextContent('pr-1020');
    expect(failedTable).toHaveTextContent('SWR failed');
    expect(failedTable).toHaveTextContent('SWR answered HTTP 500');
    expect(failedTable).toHaveTextContent('SWR request req-500');
    expect(itemReads).toContain('status=failed&offset=0&limit=100');

    // Cancel, confirmed: the job says it is cancelling, and Cancel is gone.
    await user.click(screen.getByRole('button', { name: 'Cancel job' }));
    const dialog = screen.getByRole('dialog', { name: 'Cancel this job?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel the job' }));
    await waitFor(() => {
      expect(screen.queryByRole('dialog')).toBeNull();
    });
    expect(await screen.findByText('Cancelling')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Cancel job' })).toBeNull();

    current = job(
      { done: 21, failed: 1, cancelled: 3 },
      { status: 'cancelled', finishedAt: iso(0) },
    );
    await vi.advanceTimersByTimeAsync(JOB_POLL_MS);
    expect(await screen.findByText('Cancelled', { selector: 'span' })).toBeInTheDocument();
    expect(bar).toHaveAttribute('aria-valuetext', '25 of 25 settled');
    expect(screen.queryByText(/measuring the rate|tags a second/)).toBeNull();
    // Settled: the page reads the job no more.
    const settledReads = reads;
    await vi.advanceTimersByTimeAsync(3 * JOB_POLL_MS);
    expect(reads).toBe(settledReads);

    await user.click(screen.getByRole('button', { name: 'Download CSV of what was deleted' }));
    expect(
      await screen.findByText(`Saved swr-job-${ID}-deleted.csv (21 tags).`),
    ).toBeInTheDocument();
    expect(itemReads).toContain('status=done&offset=0&limit=1000');
    expect(saved.map((file) => file.filename)).toEqual([`swr-job-${ID}-deleted.csv`]);
    const records = parseCsv(((await saved[0]?.text) ?? '').replace(/^\uFEFF/, ''));
    expect(records[0]).toEqual([
      'Organization',
      'Repository',
      'Tag',
      'Digest',
      'Pushed (UTC)',
      'SWR request ID',
      'Note',
    ]);
    expect(records).toHaveLength(22);
    expect(records[1]).toEqual([
      'payments',
      'gateway',
      'pr-1000',
      tagDigest(0),
      iso(-40 * DAY),
      'req-0',
      'deleted',
    ]);
  }, 30_000);

  it('retries the failed items of a finished job as a new job, and opens it', async () => {
    const finished = job({ done: 20, failed: 5 }, { status: 'done', finishedAt: iso(-1000) });
    const next = job({ pending: 5 }, { id: '01JOBTEST0000000000000002', total: 5 });
    const asked: unknown[] = [];
    server.use(
      ...sessionHandlers('operator'),
      bffHandler(jobEndpoint, ({ params }) => (params.id === next.id ? next : finished)),
      itemsHandler(() => finished),
      bffHandler(retryJobEndpoint, async ({ request, params }) => {
        asked.push({ id: params.id, body: (await request.json()) as unknown });
        return next;
      }),
    );
    const { user, location } = renderApp(`/cn-north-4/jobs/${ID}`);
    await user.click(
      await screen.findByRole('button', { name: 'Retry 5 failed items' }, { timeout: 5000 }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Retry the 5 failed items as a new job?',
    });
    await user.click(within(dialog).getByRole('button', { name: 'Start a job of 5 items' }));
    await waitFor(() => {
      expect(location().pathname).toBe(`/cn-north-4/jobs/${next.id}`);
    });
    expect(asked).toEqual([{ id: ID, body: { confirm: { count: 5 } } }]);
  }, 20_000);

  it('shows a viewer the retry disabled, saying the role it needs', async () => {
    const finished = job({ done: 20, failed: 5 }, { status: 'done', finishedAt: iso(-1000) });
    server.use(
      ...sessionHandlers('viewer'),
      bffHandler(jobEndpoint, () => finished),
      itemsHandler(() => finished),
    );
    renderApp(`/cn-north-4/jobs/${ID}`);
    const button = await screen.findByRole(
      'button',
      { name: 'Retry 5 failed items' },
      { timeout: 5000 },
    );
    expect(button).toBeDisabled();
    expect(button).toHaveAccessibleDescription(/Operator role/);
  }, 20_000);

  it('says a job that is not there does not exist, without a retry', async () => {
    server.use(bffHandler(jobEndpoint, () => bffError(404, 'not_found')));
    renderApp('/cn-north-4/jobs/nope');
    expect(await screen.findByText('The job could not be loaded.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
    expect(screen.getByRole('link', { name: '← All jobs' })).toHaveAttribute(
      'href',
      '/cn-north-4/jobs',
    );
  }, 20_000);
});
