/** The Sync tab against a fake BFF typed from the contract. */
import { syncStartsEndpoint } from '@swr-dashboard/swr-client/browser';
import type { SyncJob, SyncRepo, SyncStart, TagDetail } from '@swr-dashboard/swr-client/browser';
import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  bffError,
  bffHandler,
  repositoryDetail,
  sessionHandlers,
  swr,
} from '../../../test/handlers';
import { renderApp } from '../../../test/render';
import { server } from '../../../test/server';

const PAGE = '/cn-north-4/repositories/payments/payment-gateway/sync';

const repositoryHandler = swr('showRepository', () => ({ body: repositoryDetail() }));

function policy(remoteNamespace: string, override = false): SyncRepo {
  return {
    id: 1,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    domainID: 'd1',
    domainName: 'demo-ops',
    namespace: 'payments',
    repoName: 'payment-gateway',
    remoteRegionId: 'cn-east-3',
    remoteNamespace,
    override,
    syncAuto: true,
  };
}

function job(id: number, tag: string, status: SyncJob['status']): SyncJob {
  const { syncAuto: _, ...rest } = policy('payments');
  return {
    ...rest,
    id,
    tag,
    status,
    syncOperatorId: 'u1',
    syncOperatorName: 'ops-admin',
  };
}

function tag(name: string): TagDetail {
  return {
    id: 1,
    repo_id: 1,
    Tag: name,
    image_id: 'i',
    manifest: '{}',
    digest: 'sha256:0',
    schema: 2,
    path: `swr.cn-north-4.myhuaweicloud.com/payments/payment-gateway:${name}`,
    internal_path: '',
    size: 1,
    is_trusted: false,
    created: '2026-01-01T00:00:00Z',
    updated: '2026-01-01T00:00:00Z',
    domain_id: 'd1',
    tag_type: 0,
  };
}

const TAGS = ['v1.0.0', 'v1.1.0', 'v2.0.0', 'latest'];

function handlers(
  options: {
    policies?: () => SyncRepo[];
    jobs?: SyncJob[];
    total?: number;
    jobQueries?: string[];
    tagQueries?: string[];
    /** The manual syncs the console's audit trail knows of (`/api/sync-starts`). */
    starts?: SyncStart[];
    startQueries?: string[];
  } = {},
) {
  const jobs = options.jobs ?? [
    job(3, 'v2.0.0', 'success'),
    job(2, 'v1.1.0', 'existed'),
    job(1, 'v0', 'failed'),
  ];
  return [
    repositoryHandler,
    bffHandler(syncStartsEndpoint, ({ request, params }) => {
      options.startQueries?.push(
        `${String(params.region)}?${new URL(request.url).search.slice(1)}`,
      );
      return HttpResponse.json({ starts: options.starts ?? [] });
    }),
    swr('listImageAutoSyncReposDetails', () => ({
      body: options.policies?.() ?? [policy('payments')],
    })),
    swr('showSyncJob', ({ request }) => {
      options.jobQueries?.push(new URL(request.url).searchParams.get('filter') ?? '');
      const total = options.total ?? jobs.length;
      return { body: jobs, headers: { 'Content-Range': `0-${jobs.length}/${total}` } };
    }),
    swr('listRepositoryTags', ({ request }) => {
      const search = new URL(request.url).searchParams.get('tag') ?? '';
      options.tagQueries?.push(search);
      const matching = TAGS.filter((name) => name.includes(search));
      return {
        body: matching.map(tag),
        headers: { 'Content-Range': `0-${matching.length}/${matching.length}` },
      };
    }),
    swr('listNamespaces', ({ params }) => ({
      body: {
        namespaces:
          params.region === 'cn-east-3'
            ? [
                { id: 1, name: 'payments', creator_name: 'ops', auth: 7 },
                { id: 2, name: 'payments-dr', creator_name: 'ops', auth: 7 },
              ]
            : [],
      },
    })),
  ];
}

/** Renders the tab and waits for it (its code loads on demand, slowly the first time). */
async function openTab() {
  const view = renderApp(PAGE);
  await screen.findByRole('heading', { name: 'Image sync' }, { timeout: 5000 });
  return view;
}

// Forms are typed key by key in jsdom: give each test room under a loaded machine.
describe('Sync tab', { timeout: 20_000 }, () => {
  it('lists automatic policies and the job history with statuses, paged in the URL', async () => {
    const jobQueries: string[] = [];
    server.use(...handlers({ total: 45, jobQueries }));
    const { user, location } = await openTab();
    const policies = await screen.findByRole('table', {
      name: 'Automatic sync policies of payments/payment-gateway',
    });
    expect(within(policies).getByRole('cell', { name: 'payments' })).toBeInTheDocument();
    const jobs = await screen.findByRole('table', {
      name: 'Sync jobs of payments/payment-gateway',
    });
    expect(within(jobs).getByText('Synced')).toBeInTheDocument();
    expect(within(jobs).getByText('Already there')).toBeInTheDocument();
    expect(within(jobs).getByText('Failed')).toBeInTheDocument();
    expect(screen.getByText('1–20 of 45')).toBeInTheDocument();
    expect(jobQueries[0]).toBe('limit::20|offset::0|order::desc');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() => {
      expect(location().search).toBe('?offset=20');
    });
    await waitFor(() => {
      expect(jobQueries).toContain('limit::20|offset::20|order::desc');
    });
  });

  it("names the person who started a manual sync through the console, and SWR's IAM user otherwise", async () => {
    const startQueries: string[] = [];
    const manual = { ...job(2, 'v1.1.0', 'success'), createdAt: '2026-03-01T10:00:05Z' };
    // The same tag synced again later by a policy on push: no one asked through the console.
    const automatic = { ...job(3, 'v1.1.0', 'success'), createdAt: '2026-03-02T08:00:00Z' };
    const elsewhere = {
      ...job(1, 'v1.1.0', 'success'),
      remoteNamespace: 'payments-dr',
      createdAt: '2026-03-01T10:00:06Z',
    };
    server.use(
      ...handlers({
        jobs: [automatic, elsewhere, manual],
        startQueries,
        starts: [
          {
            at: '2026-03-01T10:00:00Z',
            by: 'alice',
            tags: ['v1.1.0', 'v2.0.0'],
            remoteRegionId: 'cn-east-3',
            remoteNamespace: 'payments',
          },
        ],
      }),
    );
    await openTab();
    const jobs = await screen.findByRole('table', {
      name: 'Sync jobs of payments/payment-gateway',
    });
    const rows = within(jobs).getAllByRole('row').slice(1);
    await waitFor(() => {
      expect(rows[2]).toHaveTextContent('alicethrough the console');
    });
    expect(rows[0]).toHaveTextContent('ops-adminIAM user, as SWR records it');
    expect(rows[1]).toHaveTextContent('ops-adminIAM user, as SWR records it');
    expect(startQueries).toEqual(['cn-north-4?namespace=payments&repository=payment-gateway']);
  });

  it("shows SWR's IAM user when who started the syncs cannot be read", async () => {
    server.use(
      bffHandler(syncStartsEndpoint, () => bffError(503, 'audit_unavailable')),
      ...handlers(),
    );
    await openTab();
    const jobs = await screen.findByRole('table', {
      name: 'Sync jobs of payments/payment-gateway',
    });
    expect(within(jobs).getAllByText('IAM user, as SWR records it')).toHaveLength(3);
  });

  it('adds an automatic sync, refusing a target it already has', async () => {
    let policies = [policy('payments')];
    let sent: unknown;
    server.use(
      ...handlers({ policies: () => policies }),
      swr('createImageSyncRepo', async ({ request }) => {
        sent = await request.json();
        policies = [...policies, policy('payments-dr', true)];
        return {};
      }),
    );
    const { user } = await openTab();
    await user.click(await screen.findByRole('button', { name: 'Add automatic sync' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add automatic sync' });
    expect(within(dialog).getByRole('combobox', { name: 'Target region' })).toHaveValue(
      'cn-east-3',
    );
    const organization = within(dialog).getByRole('combobox', { name: 'Target organization' });
    await user.type(organization, 'payments');
    expect(organization).toHaveAccessibleDescription(/already syncs to this organization/);
    expect(within(dialog).getByRole('button', { name: 'Create' })).toBeDisabled();
    await user.type(organization, '-dr');
    await user.click(within(dialog).getByRole('checkbox', { name: /Overwrite/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    await waitFor(() => {
      expect(dialog).not.toBeInTheDocument();
    });
    expect(sent).toEqual({
      remoteRegionId: 'cn-east-3',
      remoteNamespace: 'payments-dr',
      override: true,
      syncAuto: true,
    });
    expect(await screen.findByRole('cell', { name: 'payments-dr' })).toBeInTheDocument();
  });

  it('syncs chosen tags now and shows the tags that failed', async () => {
    const tagQueries: string[] = [];
    let sent: unknown;
    server.use(
      ...handlers({ tagQueries }),
      swr('createManualImageSyncRepo', async ({ request }) => {
        sent = await request.json();
        return { body: ['v1.0.0'] };
      }),
    );
    const { user } = await openTab();
    await user.click(await screen.findByRole('button', { name: 'Sync tags…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Sync tags to another region' });
    await within(dialog).findByRole('checkbox', { name: 'latest' });
    await user.type(within(dialog).getByRole('searchbox', { name: 'Search tags' }), 'v1');
    await waitFor(() => {
      expect(within(dialog).queryByRole('checkbox', { name: 'latest' })).not.toBeInTheDocument();
    });
    expect(tagQueries).toContain('v1');
    await user.click(within(dialog).getByRole('checkbox', { name: 'v1.0.0' }));
    await user.click(within(dialog).getByRole('checkbox', { name: 'v1.1.0' }));
    expect(within(dialog).getByText('2 tags chosen:')).toBeInTheDocument();
    await user.type(
      within(dialog).getByRole('combobox', { name: 'Target organization' }),
      'payments',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Sync 2 tags' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('1 of 2 tags failed to sync to cn-east-3 / payments:');
    expect(within(alert).getByRole('list', { name: 'Tags that failed' })).toHaveTextContent(
      'v1.0.0',
    );
    expect(sent).toEqual({
      imageTag: ['v1.0.0', 'v1.1.0'],
      remoteRegionId: 'cn-east-3',
      remoteNamespace: 'payments',
      override: false,
    });
  });

  it('shows a missing target organization next to the field and keeps the choice', async () => {
    server.use(
      http.post('/api/swr/:region/v2/manage/namespaces/:ns/repos/:repo/sync_images', () =>
        bffError(404, 'upstream_rejected', {
          upstream: { status: 404, code: 'SVCSTG.SWR.4040058', requestId: 'up-2' },
        }),
      ),
      ...handlers(),
    );
    const { user } = await openTab();
    await user.click(await screen.findByRole('button', { name: 'Sync tags…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Sync tags to another region' });
    await user.click(await within(dialog).findByRole('checkbox', { name: 'latest' }));
    const organization = within(dialog).getByRole('combobox', { name: 'Target organization' });
    await user.type(organization, 'gone');
    await user.click(within(dialog).getByRole('button', { name: 'Sync 1 tag' }));
    await waitFor(() => {
      expect(organization).toHaveAccessibleDescription(/The organization does not exist/);
    });
    expect(organization).toHaveValue('gone');
    expect(within(dialog).getByRole('checkbox', { name: 'latest' })).toBeChecked();
  });

  it('lets a viewer see policies and jobs but not sync, and says why', async () => {
    server.use(...sessionHandlers('viewer'), ...handlers());
    await openTab();
    const add = await screen.findByRole('button', { name: 'Add automatic sync' });
    expect(add).toBeDisabled();
    expect(add).toHaveAccessibleDescription('Needs the Operator role (you are Viewer).');
    expect(screen.getByRole('button', { name: 'Sync tags…' })).toBeDisabled();
    expect(
      await screen.findByRole('button', { name: 'Delete automatic sync to cn-east-3 / payments' }),
    ).toBeDisabled();
  });

  it('says when the jobs cannot be loaded, and retries', async () => {
    let calls = 0;
    server.use(
      http.get('/api/swr/:region/v2/manage/namespaces/:ns/repos/:repo/sync_job', () => {
        calls += 1;
        return calls === 1
          ? bffError(503, 'upstream_unavailable')
          : Response.json([job(1, 'v1', 'running')], { headers: { 'Content-Range': '0-1/1' } });
      }),
      ...handlers(),
    );
    const { user } = await openTab();
    expect(await screen.findByText('The sync jobs could not be loaded.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('Running')).toBeInTheDocument();
  });
});
