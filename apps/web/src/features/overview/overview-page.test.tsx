/** The Overview page against a fake BFF typed from the contract. */
import {
  mergeQuery,
  operations,
  type AuditListResponse,
  type AuditRecordShape,
  type ResponseOf,
  auditListEndpoint,
} from '@swr-dashboard/swr-client/browser';
import { configure, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bffError, bffHandler, sessionHandlers, swr } from '../../../test/handlers';
import { renderApp } from '../../../test/render';
import { server } from '../../../test/server';
import { SHARE_SCAN_MAX, TRIGGER_SCAN_MAX } from './api';

type Repo = ResponseOf<'listReposDetails'>[number];
type Share = ResponseOf<'listRepoDomains'>[number];
type Trigger = ResponseOf<'listTriggersDetails'>[number];
type TriggerRun = Trigger['trigger_history'][number];

const GB = 1024 ** 3;
const MB = 1024 ** 2;
const NOW = Date.parse('2026-03-10T12:00:00Z');
const DAY = 86_400_000;

function repo(namespace: string, name: string, size: number, tags: number, updated = NOW): Repo {
  return {
    name,
    namespace,
    category: 'other',
    description: '',
    size,
    is_public: false,
    num_images: tags,
    num_download: 0,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: new Date(updated).toISOString(),
    path: `swr.cn-north-4.example/${namespace}/${name}`,
    internal_path: '',
    domain_name: 'demo-ops',
    tags: [],
    status: false,
    total_range: 0,
  };
}

function share(namespace: string, repository: string, account: string, deadline: string): Share {
  return {
    namespace,
    repository,
    access_domain: account,
    permit: 'read',
    deadline,
    description: '',
    creator_id: 'u1',
    creator_name: 'ops',
    created: '2026-01-01T00:00:00Z',
    updated: '2026-01-01T00:00:00Z',
    status: true,
  };
}

function run(tag: string, result: TriggerRun['result'], at: string, detail: string): TriggerRun {
  return {
    action: 'update',
    app_type: 'deployments',
    application: 'app',
    cluster_id: 'c1',
    cluster_name: 'legacy',
    cluster_ns: 'default',
    condition: '.*',
    container: '',
    created_at: at,
    creator_name: 'ops',
    detail,
    result,
    tag,
  };
}

function trigger(name: string, history: TriggerRun[]): Trigger {
  return {
    action: 'update',
    app_type: 'deployments',
    application: 'app',
    cluster_id: 'c1',
    cluster_name: 'legacy',
    cluster_ns: 'default',
    condition: '.*',
    container: '',
    created_at: '2026-01-01T00:00:00Z',
    creator_name: 'ops',
    enable: 'true',
    name,
    trigger_history: history,
    trigger_mode: 'cce',
    trigger_type: 'all',
  };
}

function audit(
  id: string,
  event: string,
  ts: string,
  extra: {
    method?: string;
    region?: string;
    namespace?: string;
    params?: Record<string, string>;
    body?: unknown;
  } = {},
): AuditRecordShape {
  return {
    v: 1,
    id,
    ts,
    event,
    outcome: 'success',
    actor: {
      key: 'k',
      iss: 'i',
      sub: 's',
      name: 'Alice Admin',
      role: 'admin',
      groups: [],
      authMode: 'oidc',
    },
    source: { ip: '127.0.0.1' },
    request: {
      id: `req-${id}`,
      method: extra.method ?? 'POST',
      route: '/x',
      params: {
        ...(extra.namespace === undefined ? {} : { namespace: extra.namespace }),
        ...extra.params,
      },
      query: {},
      body: extra.body ?? null,
    },
    resource: {
      type: 'namespace',
      namespace: extra.namespace ?? null,
      name: null,
      tag: null,
    },
    upstream: null,
    httpStatus: 201,
    reason: null,
    bff: { version: 'test', instance: 'test', region: extra.region ?? 'cn-north-4' },
  };
}

/** The repositories per region; the answer pages them as SWR does. */
const inventories: Record<string, Repo[]> = {
  'cn-north-4': [
    repo('payments', 'gateway', 3 * GB, 12, NOW - DAY),
    repo('platform', 'nginx', 512 * MB, 4, NOW - 2 * DAY),
    repo('platform', 'base/alpine', 256 * MB, 1, NOW - 3 * DAY),
  ],
  'cn-east-3': [repo('platform', 'nginx', 200 * MB, 3), repo('platform', 'redis', 100 * MB, 2)],
};
const namespacesOf: Record<string, string[]> = {
  'cn-north-4': ['payments', 'platform', 'empty-org'],
  'cn-east-3': ['platform'],
};

function pagedRepositories(all: Record<string, Repo[]>) {
  return swr('listReposDetails', ({ request, params }) => {
    const pairs = [...new URL(request.url).searchParams.entries()];
    const merged = mergeQuery(operations.listReposDetails, pairs);
    const query = merged.ok ? merged.query : {};
    const offset = Number(query.offset ?? 0);
    const limit = Number(query.limit ?? 100);
    const items = all[params.region ?? ''] ?? [];
    const page = items.slice(offset, offset + limit);
    return {
      body: page,
      headers: { 'Content-Range': `${offset}-${page.length}/${items.length}` },
    };
  });
}

function baseHandlers() {
  return [
    swr('listNamespaces', ({ params }) => ({
      body: {
        namespaces: (namespacesOf[params.region ?? ''] ?? []).map((name, index) => ({
          id: index + 1,
          name,
          creator_name: 'ops',
          auth: 7,
        })),
      },
    })),
    pagedRepositories(inventories),
    swr('listSharedReposDetails', () => ({
      body: [repo('payments', 'gateway', 3 * GB, 12)],
      headers: { 'Content-Range': '0-1/1' },
    })),
    swr('listRepoDomains', () => ({
      body: [share('payments', 'gateway', 'partner-corp', 'forever')],
    })),
    swr('listTriggersDetails', () => ({ body: [] })),
    bffHandler(auditListEndpoint, () =>
      HttpResponse.json({ items: [], total: 0, offset: 0, limit: 200 } satisfies AuditListResponse),
    ),
  ];
}

/** The test's own handlers first (they win), then the defaults. */
function withBase(...overrides: ReturnType<typeof baseHandlers>) {
  return [...overrides, ...baseHandlers()];
}

// The page loads its route on demand and each card fans out: allow a busy machine more time
// than the default second (a bound on waiting for state, not a wait).
configure({ asyncUtilTimeout: 5000 });

function card(name: string): Promise<HTMLElement> {
  return screen.findByRole('region', { name });
}

afterEach(() => {
  vi.useRealTimers();
});

describe('Overview page', () => {
  it('counts organizations, repositories and tags, and shows storage by organization', async () => {
    server.use(...withBase());
    renderApp('/cn-north-4/overview');
    const region = await card('Region cn-north-4');
    const stat = (label: string) =>
      within(region).getByText(label, { selector: 'dt' }).parentElement;
    await waitFor(() => {
      expect(stat('Tags')).toHaveTextContent('17');
    });
    expect(stat('Organizations')).toHaveTextContent('3');
    expect(stat('Repositories')).toHaveTextContent('3');
    expect(stat('Storage')).toHaveTextContent('3.8 GB');

    const other = within(region).getByRole('link', { name: 'cn-east-3' }).closest('li');
    await waitFor(() => {
      expect(other).toHaveTextContent('1 organization · 2 repositories · 5 tags · 300 MB');
    });

    const storage = within(await card('Storage by organization')).getByRole('list', {
      name: 'Organizations by storage',
    });
    const rows = within(storage).getAllByRole('listitem');
    expect(rows.map((row) => within(row).getByRole('link').textContent)).toEqual([
      'payments',
      'platform',
      'empty-org',
    ]);
    expect(rows[0]).toHaveTextContent('3 GB · 80% · 1 repository');
    expect(rows[1]).toHaveTextContent('768 MB · 20% · 2 repositories');
    expect(rows[2]).toHaveTextContent('0 B · 0% · 0 repositories');
    expect(await card('Storage by organization')).toHaveTextContent('3.8 GB in 3 organizations');
  });

  it('pages through more than 1,000 repositories to count them', async () => {
    const many = Array.from({ length: 1002 }, (_, index) =>
      repo(`org-${String(index % 3)}`, `app-${String(index)}`, MB, 2),
    );
    server.use(...withBase(pagedRepositories({ 'cn-north-4': many, 'cn-east-3': [] })));
    renderApp('/cn-north-4/overview');
    const region = await card('Region cn-north-4');
    const stat = (label: string) =>
      within(region).getByText(label, { selector: 'dt' }).parentElement;
    await waitFor(() => {
      expect(stat('Repositories')).toHaveTextContent('1,002');
    });
    expect(stat('Tags')).toHaveTextContent('2,004');
  });

  it('lists shares ending within 7 days and ended ones, judged at a fixed time', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    const at = (days: number) => new Date(NOW + days * DAY).toISOString().replace(/\.\d+Z$/, 'Z');
    server.use(
      ...withBase(
        swr('listSharedReposDetails', () => ({
          body: [repo('web', 'storefront', GB, 3), repo('data', 'airflow', GB, 3)],
          headers: { 'Content-Range': '0-2/2' },
        })),
        swr('listRepoDomains', ({ params }) => ({
          body:
            params.repository === 'storefront'
              ? [
                  share('web', 'storefront', 'acme-analytics', at(5)),
                  share('web', 'storefront', 'far-future', at(30)),
                  share('web', 'storefront', 'partner-corp', 'forever'),
                ]
              : [
                  share('data', 'airflow', 'contractor-x', at(-20)),
                  share('data', 'airflow', 'pilot', at(2)),
                ],
        })),
      ),
    );
    renderApp('/cn-north-4/overview');
    const list = await within(await card('Shares ending soon')).findByRole('list', {
      name: 'Shares ending soon or ended',
    });
    const rows = within(list).getAllByRole('listitem');
    expect(rows.map((row) => row.textContent)).toEqual([
      expect.stringMatching(/^data\/airflowEnds soonShared with pilot · ends in 2 days/),
      expect.stringMatching(/^web\/storefrontEnds soonShared with acme-analytics · ends in 5 days/),
      expect.stringMatching(/^data\/airflowEndedShared with contractor-x · ended 20 days ago/),
    ]);
    expect(within(rows[1] as HTMLElement).getByRole('link')).toHaveAttribute(
      'href',
      '/cn-north-4/repositories/web/storefront/sharing',
    );
    expect(list).not.toHaveTextContent('far-future');
    expect(list).not.toHaveTextContent('partner-corp');
  });

  it('shows the latest trigger failures, linking to the Triggers tab', async () => {
    server.use(
      ...withBase(
        swr('listTriggersDetails', ({ params }) => ({
          body:
            params.repository === 'gateway'
              ? [
                  trigger('deploy-legacy', [
                    run('v2', 'failed', '2026-03-09T10:00:00Z', 'Cluster legacy is unavailable'),
                    run('v1', 'failed', '2026-03-08T10:00:00Z', 'Cluster legacy is unavailable'),
                    run('v0', 'success', '2026-03-07T10:00:00Z', 'Updated'),
                  ]),
                  trigger('deploy-ok', [run('v2', 'success', '2026-03-09T10:00:00Z', 'Updated')]),
                ]
              : params.repository === 'nginx'
                ? [
                    trigger('roll-ingress', [
                      run('stable', 'success', '2026-03-09T12:00:00Z', 'Updated'),
                      run('rc', 'failed', '2026-03-09T11:00:00Z', 'Cluster prod no longer exists'),
                    ]),
                  ]
                : [],
        })),
      ),
    );
    renderApp('/cn-north-4/overview');
    const list = await within(await card('Recent trigger failures')).findByRole('list', {
      name: 'Triggers with failed runs',
    });
    const rows = within(list).getAllByRole('listitem');
    // One row per failing trigger, the most recent failure first; a trigger that never failed is left out.
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('platform/nginx');
    expect(rows[0]).toHaveTextContent('Succeeded since');
    expect(rows[0]).toHaveTextContent('Trigger roll-ingress · tag rc');
    expect(rows[1]).toHaveTextContent('payments/gateway');
    expect(rows[1]).toHaveTextContent('Still failing');
    expect(rows[1]).toHaveTextContent('Trigger deploy-legacy · tag v2');
    expect(rows[1]).toHaveTextContent('Cluster legacy is unavailable');
    expect(rows[1]).toHaveTextContent('Failed 2 of the last 3 runs · earlier failures: v1');
    expect(list).not.toHaveTextContent('deploy-ok');
    expect(within(rows[1] as HTMLElement).getByRole('link')).toHaveAttribute(
      'href',
      '/cn-north-4/repositories/payments/gateway/triggers',
    );
  });

  it('shows the partial trigger failures with a note when some repositories cannot be read', async () => {
    server.use(
      ...withBase(
        http.get(
          '/api/swr/:region/v2/manage/namespaces/:namespace/repos/:repository/triggers',
          ({ params }) =>
            params.repository === 'nginx'
              ? bffError(503, 'upstream_unavailable')
              : HttpResponse.json([
                  trigger('deploy', [
                    run('v9', 'failed', '2026-03-09T10:00:00Z', 'Cluster legacy is unavailable'),
                  ]),
                ] satisfies Trigger[]),
        ),
      ),
    );
    renderApp('/cn-north-4/overview');
    const failures = await card('Recent trigger failures');
    expect(
      await within(failures).findByText(/The triggers of 1 repository could not be read/),
    ).toHaveTextContent('platform/nginx');
    expect(within(failures).getAllByRole('listitem')).toHaveLength(2);
  });

  it('keeps the other cards when one fails, and retries the failed one', async () => {
    let calls = 0;
    server.use(
      ...withBase(
        http.get(
          '/api/swr/:region/v2/manage/namespaces/:namespace/repos/:repository/triggers',
          () => {
            calls += 1;
            return calls <= 3
              ? bffError(503, 'upstream_unavailable')
              : HttpResponse.json([
                  trigger('deploy', [
                    run('v9', 'failed', '2026-03-09T10:00:00Z', 'Cluster legacy is unavailable'),
                  ]),
                ] satisfies Trigger[]);
          },
        ),
      ),
    );
    const { user } = renderApp('/cn-north-4/overview');
    const failures = await card('Recent trigger failures');
    expect(
      await within(failures).findByText('The triggers of cn-north-4 could not be read.'),
    ).toBeInTheDocument();
    expect(
      within(failures).getByText("The region's SWR cannot be reached right now."),
    ).toBeVisible();
    // The other cards are unaffected.
    expect(
      within(await card('Storage by organization')).getByRole('link', { name: 'payments' }),
    ).toBeInTheDocument();
    expect(
      await within(await card('Shares ending soon')).findByText(
        'No share ends within the next 7 days.',
      ),
    ).toBeInTheDocument();
    await user.click(within(failures).getByRole('button', { name: 'Retry' }));
    expect(
      await within(failures).findByRole('list', { name: 'Triggers with failed runs' }),
    ).toBeInTheDocument();
  });

  it('reads at most 50 times for a view of a large region (500 repositories, 300 shared)', async () => {
    const many = Array.from({ length: 500 }, (_, i) =>
      repo(`team-${String(i % 10)}`, `app-${String(i)}`, MB, 3, NOW - i * DAY),
    );
    const reads: string[] = [];
    server.events.on('request:start', ({ request }) => {
      const url = new URL(request.url);
      if (url.pathname.startsWith('/api/swr/cn-north-4/') || url.pathname === '/api/audit') {
        reads.push(url.pathname);
      }
    });
    server.use(
      ...withBase(
        pagedRepositories({ ...inventories, 'cn-north-4': many }),
        swr('listSharedReposDetails', () => ({
          body: many.slice(0, 300),
          headers: { 'Content-Range': '0-300/300' },
        })),
      ),
    );
    renderApp('/cn-north-4/overview');
    expect(
      await within(await card('Recent trigger failures')).findByText(
        /most recently pushed repositories of/,
      ),
    ).toBeInTheDocument();
    expect(
      await within(await card('Shares ending soon')).findByText(
        /more shared repositories were not checked/,
      ),
    ).toBeInTheDocument();
    server.events.removeAllListeners('request:start');
    expect(reads.length).toBeLessThanOrEqual(50);
    expect(reads.filter((path) => path.endsWith('/triggers'))).toHaveLength(TRIGGER_SCAN_MAX);
    expect(reads.filter((path) => path.endsWith('/access-domains'))).toHaveLength(SHARE_SCAN_MAX);
  });

  it('shows a read limit inside the shell, with the seconds to wait before Retry', async () => {
    server.use(
      ...withBase(
        http.get('/api/swr/:region/v2/manage/repos', () =>
          bffError(429, 'rate_limited', {
            message: 'Too many requests; try again shortly.',
            headers: { 'Retry-After': '42' },
          }),
        ),
      ),
    );
    renderApp('/cn-north-4/overview');
    const storage = await card('Storage by organization');
    expect(
      await within(storage).findByText('Too many requests; wait a moment and try again.'),
    ).toBeInTheDocument();
    expect(within(storage).getByText('You can try again in 42 seconds.')).toBeInTheDocument();
    expect(within(storage).getByRole('button', { name: 'Retry' })).toBeDisabled();
    // The shell stays: navigation and the user's menu are there.
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeInTheDocument();
  });

  it('shows an admin the latest changes of the region from the audit trail', async () => {
    server.use(
      ...withBase(
        bffHandler(auditListEndpoint, () =>
          HttpResponse.json({
            items: [
              audit('1', 'login.success', '2026-03-10T11:59:00Z'),
              audit('2', 'swr.listReposDetails', '2026-03-10T11:58:00Z', { method: 'GET' }),
              audit('3', 'swr.createNamespace', '2026-03-10T11:57:00Z', {
                body: { namespace: 'team-new' },
              }),
              audit('4', 'swr.deleteRepo', '2026-03-10T11:56:00Z', { region: 'cn-east-3' }),
              audit('5', 'swr.createRepoDomains', '2026-03-10T11:55:00Z', {
                namespace: 'web',
                body: { access_domain: 'acme', permit: 'read', deadline: 'forever' },
              }),
              audit('6', 'swr.updateTrigger', '2026-03-10T11:54:00Z', {
                namespace: 'payments',
                params: { repository: 'gateway', trigger: 'deploy-prod' },
                body: { enable: 'false' },
              }),
              audit('7', 'swr.createManualImageSyncRepo', '2026-03-10T11:53:00Z', {
                namespace: 'payments',
                body: {
                  imageTag: ['v1'],
                  remoteNamespace: 'payments-dr',
                  remoteRegionId: 'cn-east-3',
                },
              }),
            ],
            total: 7,
            offset: 0,
            limit: 200,
          } satisfies AuditListResponse),
        ),
      ),
    );
    renderApp('/cn-north-4/overview');
    const changes = await card('Recent changes');
    const list = await within(changes).findByRole('list', { name: 'Latest changes' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows).toHaveLength(4);
    expect(rows[0]).toHaveTextContent('Created organization team-new');
    expect(rows[0]).toHaveTextContent('Done');
    expect(rows[0]).toHaveTextContent('Alice Admin');
    expect(rows[1]).toHaveTextContent('Shared repository web (acme)');
    // Which trigger, and which way; where a sync went.
    expect(rows[2]).toHaveTextContent('Disabled trigger payments/gateway (deploy-prod)');
    expect(rows[3]).toHaveTextContent('Synced tags payments (→ payments-dr @ cn-east-3)');
    expect(within(changes).getByRole('link', { name: 'Open the audit log' })).toHaveAttribute(
      'href',
      '/cn-north-4/audit',
    );
  });

  it('tells a viewer that recent changes are for admins, without calling the audit API', async () => {
    let auditCalls = 0;
    server.use(
      ...withBase(
        ...sessionHandlers('viewer'),
        bffHandler(auditListEndpoint, () => {
          auditCalls += 1;
          return bffError(403, 'forbidden');
        }),
      ),
    );
    renderApp('/cn-north-4/overview');
    const changes = await card('Recent changes');
    expect(within(changes).getByRole('note')).toHaveTextContent(
      'Recent changes come from the audit trail, which only admins can read (you are Viewer).',
    );
    expect(within(changes).queryByRole('alert')).not.toBeInTheDocument();
    expect(within(changes).queryByRole('link', { name: 'Open the audit log' })).toBeNull();
    // The rest of the page is there for a viewer.
    expect(
      await within(await card('Storage by organization')).findByRole('link', { name: 'payments' }),
    ).toBeInTheDocument();
    expect(auditCalls).toBe(0);
  });

  it('says when another region cannot be counted, and retries it', async () => {
    let failing = true;
    server.use(
      ...withBase(
        http.get('/api/swr/cn-east-3/v2/manage/namespaces', () =>
          failing
            ? bffError(503, 'upstream_unavailable')
            : HttpResponse.json({
                namespaces: [{ id: 1, name: 'platform', creator_name: 'ops', auth: 7 }],
              }),
        ),
      ),
    );
    const { user } = renderApp('/cn-north-4/overview');
    const region = await card('Region cn-north-4');
    const other = within(region)
      .getByRole('link', { name: 'cn-east-3' })
      .closest('li') as HTMLElement;
    expect(await within(other).findByText('Could not be counted.')).toBeInTheDocument();
    failing = false;
    await user.click(within(other).getByRole('button', { name: 'Retry counting cn-east-3' }));
    await waitFor(() => {
      expect(other).toHaveTextContent('1 organization · 2 repositories');
    });
  });
});
