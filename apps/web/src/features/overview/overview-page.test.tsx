/**
 * The Overview page against a fake BFF typed from the contract: everything but the audit trail
 * comes from one read of the fleet index, and no SWR call is made.
 */
import {
  auditListEndpoint,
  fleetEndpoint,
  fleetUsageEndpoint,
  type AuditListResponse,
  type AuditRecordShape,
  type FleetNamespace,
  type FleetRegion,
  type FleetRepository,
  type FleetResponse,
} from '@swr-dashboard/swr-client/browser';
import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bffError, bffHandler, sessionHandlers } from '../../../test/handlers';
import { renderApp } from '../../../test/render';
import { server } from '../../../test/server';
import { changeLanguage } from '../../lib/i18n';
import { BUILDING_POLL_MS } from './api';

type Trigger = FleetRepository['triggers'][number];
type Share = FleetRepository['shares'][number];

const GB = 1024 ** 3;
const MB = 1024 ** 2;
const NOW = Date.parse('2026-03-10T12:00:00Z');
const MINUTE = 60_000;
const DAY = 86_400_000;
const iso = (offsetMs: number) => new Date(NOW + offsetMs).toISOString();

function repository(
  region: string,
  namespace: string,
  name: string,
  size: number,
  tags: number,
  extra: Partial<FleetRepository> = {},
): FleetRepository {
  return {
    region,
    namespace,
    name,
    isPublic: false,
    category: 'other',
    description: '',
    tags,
    size,
    downloads: 0,
    updatedAt: iso(-DAY),
    retentions: [],
    syncTargets: [],
    triggers: [],
    shares: [],
    grants: [],
    syncHealth: [],
    indexedAt: iso(-5 * MINUTE),
    ...extra,
  };
}

function namespace(region: string, name: string): FleetNamespace {
  return { region, name, creator: 'ops', grants: [], indexedAt: iso(-5 * MINUTE) };
}

/** A region indexed `ago` milliseconds before NOW, with no sweep under way. */
function fresh(id: string, ago = 5 * MINUTE): FleetRegion {
  return { id, status: 'ok', sweptAt: iso(-ago), sweeping: null, error: null };
}

function trigger(
  name: string,
  last: Trigger['last'],
  extra: Partial<Omit<Trigger, 'last'>> = {},
): Trigger {
  return {
    name,
    enabled: true,
    type: 'all',
    condition: '.*',
    cluster: 'legacy',
    application: 'order-service',
    last,
    ...extra,
  };
}

function share(account: string, until: string): Share {
  return { account, permit: 'read', until, valid: true };
}

/** The index of the two regions the test user has. */
function fleet(overrides: Partial<FleetResponse> = {}): FleetResponse {
  return {
    ownAccounts: [],
    regions: [fresh('cn-north-4'), fresh('cn-east-3', 20 * MINUTE)],
    namespaces: [
      namespace('cn-north-4', 'payments'),
      namespace('cn-north-4', 'platform'),
      namespace('cn-north-4', 'empty-org'),
      namespace('cn-east-3', 'platform'),
    ],
    repositories: [
      repository('cn-north-4', 'payments', 'gateway', 3 * GB, 12, {
        shares: [share('partner-corp', 'forever')],
      }),
      repository('cn-north-4', 'platform', 'nginx', 512 * MB, 4),
      repository('cn-north-4', 'platform', 'base/alpine', 256 * MB, 1),
      repository('cn-east-3', 'platform', 'nginx', 200 * MB, 3),
      repository('cn-east-3', 'platform', 'redis', 100 * MB, 2),
    ],
    ...overrides,
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

function fleetHandler(answer: FleetResponse | (() => FleetResponse | Response)) {
  return bffHandler(fleetEndpoint, () => (typeof answer === 'function' ? answer() : answer));
}

function auditHandler() {
  return bffHandler(auditListEndpoint, () =>
    HttpResponse.json({ items: [], total: 0, offset: 0, limit: 200 } satisfies AuditListResponse),
  );
}

/** The index has recorded no daily total yet (usage over time: features/usage). */
function usageHandler() {
  return bffHandler(fleetUsageEndpoint, () => ({ days: [] }));
}

/**
 * The test's own handlers first (they win), then the index above, its usage over time and an
 * empty audit trail.
 */
function withBase(...overrides: ReturnType<typeof bffHandler>[]) {
  return [...overrides, fleetHandler(fleet()), usageHandler(), auditHandler()];
}

/** The usage card, once it has read the index's daily totals (none, here). */
async function usageRead(): Promise<void> {
  expect(
    await within(await card('Usage over time')).findByText('No daily total recorded yet.'),
  ).toBeInTheDocument();
}

/** Every call the app makes to the BFF, by path, from now on. */
function recordCalls(): string[] {
  const calls: string[] = [];
  server.events.on('request:start', ({ request }) => {
    calls.push(new URL(request.url).pathname);
  });
  return calls;
}

function card(name: string): Promise<HTMLElement> {
  return screen.findByRole('region', { name });
}

function statOf(region: HTMLElement, label: string) {
  return within(region).getByText(label, { selector: 'dt' }).parentElement;
}

afterEach(() => {
  server.events.removeAllListeners('request:start');
  vi.useRealTimers();
});

describe('Overview page', () => {
  it('counts organizations, repositories and tags, and shows storage by organization', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    server.use(...withBase());
    renderApp('/cn-north-4/overview');
    const region = await card('Region cn-north-4');
    await waitFor(() => {
      expect(statOf(region, 'Tags')).toHaveTextContent('17');
    });
    expect(statOf(region, 'Organizations')).toHaveTextContent('3');
    expect(statOf(region, 'Repositories')).toHaveTextContent('3');
    expect(statOf(region, 'Storage')).toHaveTextContent('3.8 GB');
    expect(within(region).getByText('Indexed 5 minutes ago')).toHaveAttribute(
      'datetime',
      iso(-5 * MINUTE),
    );

    const other = within(region).getByRole('link', { name: 'cn-east-3' }).closest('li');
    expect(other).toHaveTextContent(
      '1 organization · 2 repositories · 5 tags · 300 MB · indexed 20 minutes ago',
    );

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
    expect(
      within(await card('Shares ending soon')).getByText('No share ends within the next 7 days.'),
    ).toBeInTheDocument();
  });

  it('makes one BFF call, to the fleet index, and no SWR call per view', async () => {
    server.use(...withBase(...sessionHandlers('viewer')));
    const calls = recordCalls();
    const { user } = renderApp('/cn-north-4/overview');
    const region = await card('Region cn-north-4');
    await waitFor(() => {
      expect(statOf(region, 'Repositories')).toHaveTextContent('3');
    });
    expect(await card('Recent trigger failures')).toBeInTheDocument();
    await usageRead();
    // Who is signed in (the shell's own call), then the index, then its daily totals (the usage
    // card, shown once the index is): nothing else.
    expect(calls).toEqual(['/api/me', '/api/fleet', '/api/fleet/usage']);

    // Another region's view is in the same answer: no call to the index, only that region's
    // daily totals.
    await user.click(within(region).getByRole('link', { name: 'cn-east-3' }));
    const east = await card('Region cn-east-3');
    await waitFor(() => {
      expect(statOf(east, 'Repositories')).toHaveTextContent('2');
    });
    await usageRead();
    expect(calls).toEqual(['/api/me', '/api/fleet', '/api/fleet/usage', '/api/fleet/usage']);
  });

  it("an admin's view adds only the audit trail (its recent changes), still no SWR call", async () => {
    server.use(...withBase());
    const calls = recordCalls();
    renderApp('/cn-north-4/overview');
    expect(
      await within(await card('Recent changes')).findByText(
        'No change has been made through the console in this region yet.',
      ),
    ).toBeInTheDocument();
    await waitFor(() => {
      expect(
        statOf(screen.getByRole('region', { name: 'Region cn-north-4' }), 'Tags'),
      ).toHaveTextContent('17');
    });
    await usageRead();
    expect(calls.filter((path) => path === '/api/fleet')).toHaveLength(1);
    expect(calls.filter((path) => path.startsWith('/api/swr/'))).toEqual([]);
    expect([...calls].sort()).toEqual(['/api/audit', '/api/fleet', '/api/fleet/usage', '/api/me']);
  });

  it('shows a scoped user only what the index answers them', async () => {
    // The BFF filters the index by the user's organization scopes: the page shows its answer.
    server.use(
      ...withBase(
        ...sessionHandlers('operator', { namespaces: ['payments'] }),
        fleetHandler(
          fleet({
            namespaces: [namespace('cn-north-4', 'payments')],
            repositories: [
              repository('cn-north-4', 'payments', 'gateway', 3 * GB, 12, {
                triggers: [
                  trigger('deploy-prod', {
                    result: 'failed',
                    at: iso(-DAY),
                    tag: 'v3',
                  }),
                ],
              }),
            ],
          }),
        ),
      ),
    );
    renderApp('/cn-north-4/overview');
    const region = await card('Region cn-north-4');
    await waitFor(() => {
      expect(statOf(region, 'Organizations')).toHaveTextContent('1');
    });
    expect(statOf(region, 'Repositories')).toHaveTextContent('1');
    expect(statOf(region, 'Tags')).toHaveTextContent('12');
    expect(statOf(region, 'Storage')).toHaveTextContent('3 GB');
    const storage = within(await card('Storage by organization')).getByRole('list', {
      name: 'Organizations by storage',
    });
    expect(
      within(storage)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(['payments']);
    expect(screen.queryByText(/platform/)).toBeNull();
    const failures = within(await card('Recent trigger failures')).getByRole('list', {
      name: 'Triggers with failed runs',
    });
    expect(within(failures).getAllByRole('listitem')).toHaveLength(1);
    expect(failures).toHaveTextContent('payments/gateway');
    // The other region holds nothing the user may see.
    expect(within(region).getByRole('link', { name: 'cn-east-3' }).closest('li')).toHaveTextContent(
      '0 organizations · 0 repositories · 0 tags · 0 B',
    );
  });

  it('lists shares ending within 7 days and ended ones, judged at a fixed time', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    const at = (days: number) => new Date(NOW + days * DAY).toISOString().replace(/\.\d+Z$/, 'Z');
    server.use(
      ...withBase(
        fleetHandler(
          fleet({
            repositories: [
              repository('cn-north-4', 'web', 'storefront', GB, 3, {
                shares: [
                  share('acme-analytics', at(5)),
                  share('far-future', at(30)),
                  share('partner-corp', 'forever'),
                ],
              }),
              repository('cn-north-4', 'data', 'airflow', GB, 3, {
                shares: [share('contractor-x', at(-20)), share('pilot', at(2))],
              }),
              // Another region's shares are its own overview's.
              repository('cn-east-3', 'web', 'storefront', GB, 3, {
                shares: [share('east-partner', at(1))],
              }),
            ],
          }),
        ),
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
    expect(list).not.toHaveTextContent('east-partner');
  });

  it('shows the triggers whose latest run failed, linking to the Triggers tab', async () => {
    server.use(
      ...withBase(
        fleetHandler(
          fleet({
            repositories: [
              repository('cn-north-4', 'payments', 'gateway', GB, 3, {
                triggers: [
                  trigger(
                    'deploy-legacy',
                    { result: 'failed', at: '2026-03-09T10:00:00Z', tag: 'v2' },
                    { application: 'order-monolith' },
                  ),
                  trigger('deploy-ok', {
                    result: 'success',
                    at: '2026-03-09T11:00:00Z',
                    tag: 'v2',
                  }),
                  trigger('never-ran', null),
                ],
              }),
              repository('cn-north-4', 'platform', 'nginx', GB, 3, {
                triggers: [
                  trigger(
                    'roll-ingress',
                    { result: 'failed', at: '2026-03-09T11:00:00Z', tag: 'rc' },
                    { enabled: false, cluster: 'prod', application: 'ingress-nginx' },
                  ),
                ],
              }),
            ],
          }),
        ),
      ),
    );
    renderApp('/cn-north-4/overview');
    const list = await within(await card('Recent trigger failures')).findByRole('list', {
      name: 'Triggers with failed runs',
    });
    const rows = within(list).getAllByRole('listitem');
    // One row per trigger whose latest run failed, the most recent failure first.
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('platform/nginx');
    expect(rows[0]).toHaveTextContent('Disabled');
    expect(rows[0]).toHaveTextContent('Trigger roll-ingress · tag rc');
    expect(rows[0]).toHaveTextContent('Deploys ingress-nginx on prod');
    expect(rows[1]).toHaveTextContent('payments/gateway');
    expect(rows[1]).toHaveTextContent('Still failing');
    expect(rows[1]).toHaveTextContent('Trigger deploy-legacy · tag v2');
    expect(rows[1]).toHaveTextContent('Deploys order-monolith on legacy');
    expect(list).not.toHaveTextContent('deploy-ok');
    expect(list).not.toHaveTextContent('never-ran');
    expect(within(rows[1] as HTMLElement).getByRole('link')).toHaveAttribute(
      'href',
      '/cn-north-4/repositories/payments/gateway/triggers',
    );
  });

  it('says how many triggers it checked when none failed', async () => {
    server.use(
      ...withBase(
        fleetHandler(
          fleet({
            repositories: [
              repository('cn-north-4', 'payments', 'gateway', GB, 3, {
                triggers: [
                  trigger('deploy', { result: 'success', at: iso(-DAY), tag: 'v1' }),
                  trigger('stage', null),
                ],
              }),
            ],
          }),
        ),
      ),
    );
    renderApp('/cn-north-4/overview');
    const failures = await card('Recent trigger failures');
    expect(within(failures).getByText("No trigger's latest run failed.")).toBeInTheDocument();
    expect(within(failures).getByText('2 triggers checked.')).toBeInTheDocument();
  });

  it('says a sweep is under way while it shows the index it has', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    server.use(
      ...withBase(
        fleetHandler(
          fleet({
            regions: [
              { ...fresh('cn-north-4', 20 * MINUTE), sweeping: iso(-MINUTE) },
              { ...fresh('cn-east-3'), sweeping: iso(-2 * MINUTE) },
            ],
          }),
        ),
      ),
    );
    renderApp('/cn-north-4/overview');
    const region = await card('Region cn-north-4');
    expect(
      await within(region).findByText('Updating the index now (started 1 minute ago)'),
    ).toBeInTheDocument();
    expect(within(region).getByRole('status')).toHaveTextContent('Updating the index now');
    expect(within(region).getByText('Indexed 20 minutes ago')).toBeInTheDocument();
    expect(statOf(region, 'Repositories')).toHaveTextContent('3');
    expect(within(region).getByRole('link', { name: 'cn-east-3' }).closest('li')).toHaveTextContent(
      'indexed 5 minutes ago · updating',
    );
    expect(await card('Storage by organization')).toBeInTheDocument();
  });

  it("shows a failing region's reason and the time of the index it still shows", async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    const failing: FleetRegion = {
      id: 'cn-north-4',
      status: 'failing',
      sweptAt: iso(-2 * 3_600_000),
      sweeping: null,
      error: "The region's SWR cannot be reached right now.",
    };
    server.use(
      ...withBase(
        fleetHandler(
          fleet({
            regions: [
              failing,
              { ...failing, id: 'cn-east-3', sweptAt: iso(-DAY), error: 'SWR answered 500' },
            ],
          }),
        ),
      ),
    );
    renderApp('/cn-north-4/overview');
    const region = await card('Region cn-north-4');
    const note = await within(region).findByRole('note');
    expect(note).toHaveTextContent('The index of cn-north-4 could not be updated.');
    expect(note).toHaveTextContent("The region's SWR cannot be reached right now.");
    expect(within(note).getByText('Showing the index of 2 hours ago.')).toHaveAttribute(
      'datetime',
      iso(-2 * 3_600_000),
    );
    // The index it still has is shown, and it is not an error of the page.
    expect(statOf(region, 'Repositories')).toHaveTextContent('3');
    expect(await card('Storage by organization')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(within(region).getByRole('link', { name: 'cn-east-3' }).closest('li')).toHaveTextContent(
      '2 repositories · 5 tags · 300 MB · not updated since yesterday: SWR answered 500',
    );
  });

  it('says when a region could never be indexed, with the reason, and shows no numbers', async () => {
    server.use(
      ...withBase(
        fleetHandler(
          fleet({
            regions: [
              {
                id: 'cn-north-4',
                status: 'failing',
                sweptAt: null,
                sweeping: null,
                error: 'The console key may not list repositories.',
              },
              fresh('cn-east-3'),
            ],
          }),
        ),
      ),
    );
    renderApp('/cn-north-4/overview');
    const region = await card('Region cn-north-4');
    const note = await within(region).findByRole('note');
    expect(note).toHaveTextContent('The index of cn-north-4 could not be built.');
    expect(note).toHaveTextContent('The console key may not list repositories.');
    expect(note).toHaveTextContent('The console tries again shortly.');
    expect(within(region).queryByText('Repositories', { selector: 'dt' })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Storage by organization' })).toBeNull();
    expect(await card('Recent changes')).toBeInTheDocument();
  });

  it('says the index is being built, not an error, and fills in when it is ready', async () => {
    vi.useFakeTimers({
      toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'],
      now: NOW,
      shouldAdvanceTime: true,
    });
    let built = false;
    server.use(
      ...withBase(
        fleetHandler(() =>
          built
            ? fleet()
            : {
                ownAccounts: [],
                regions: [
                  {
                    id: 'cn-north-4',
                    status: 'never',
                    sweptAt: null,
                    sweeping: iso(-MINUTE),
                    error: null,
                  },
                  { id: 'cn-east-3', status: 'never', sweptAt: null, sweeping: null, error: null },
                ],
                namespaces: [],
                repositories: [],
              },
        ),
      ),
    );
    renderApp('/cn-north-4/overview');
    const region = await card('Region cn-north-4');
    const status = await within(region).findByRole('status');
    expect(status).toHaveTextContent('The index of cn-north-4 is being built');
    expect(status).toHaveTextContent('this takes a few minutes the first time');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByRole('region', { name: 'Storage by organization' })).toBeNull();
    expect(within(region).getByRole('link', { name: 'cn-east-3' }).closest('li')).toHaveTextContent(
      'The index is being built…',
    );
    // The page reads the index again until the region has one.
    built = true;
    await vi.advanceTimersByTimeAsync(BUILDING_POLL_MS);
    await waitFor(() => {
      expect(statOf(region, 'Repositories')).toHaveTextContent('3');
    });
    expect(await card('Storage by organization')).toBeInTheDocument();
  });

  it('says the index is being built in 简体中文', async () => {
    changeLanguage('zh-CN');
    server.use(
      ...withBase(
        fleetHandler(
          fleet({
            regions: [
              { id: 'cn-north-4', status: 'never', sweptAt: null, sweeping: null, error: null },
              fresh('cn-east-3'),
            ],
          }),
        ),
      ),
    );
    try {
      renderApp('/cn-north-4/overview');
      const region = await card('区域 cn-north-4');
      const status = await within(region).findByRole('status');
      expect(status).toHaveTextContent('正在建立 cn-north-4 的索引');
      expect(status).toHaveTextContent('首次建立需要几分钟');
      expect(
        within(region).getByRole('link', { name: 'cn-east-3' }).closest('li'),
      ).toHaveTextContent('1 个组织 · 2 个镜像仓库 · 5 个镜像版本 · 300 MB · 索引更新于');
    } finally {
      changeLanguage('en');
    }
  });

  it('shows why the index could not be read, and reads it again on Retry', async () => {
    let failing = true;
    server.use(
      ...withBase(fleetHandler(() => (failing ? bffError(503, 'upstream_unavailable') : fleet()))),
    );
    const { user } = renderApp('/cn-north-4/overview');
    const region = await card('Region cn-north-4');
    expect(
      await within(region).findByText("The console's index could not be read."),
    ).toBeInTheDocument();
    failing = false;
    await user.click(within(region).getByRole('button', { name: 'Retry' }));
    await waitFor(() => {
      expect(statOf(region, 'Repositories')).toHaveTextContent('3');
    });
  });

  it('shows a read limit inside the shell, with the seconds to wait before Retry', async () => {
    server.use(
      ...withBase(
        fleetHandler(() =>
          bffError(429, 'rate_limited', {
            message: 'Too many requests; try again shortly.',
            headers: { 'Retry-After': '42' },
          }),
        ),
      ),
    );
    renderApp('/cn-north-4/overview');
    const region = await card('Region cn-north-4');
    expect(
      await within(region).findByText('Too many requests; wait a moment and try again.'),
    ).toBeInTheDocument();
    expect(within(region).getByText('You can try again in 42 seconds.')).toBeInTheDocument();
    expect(within(region).getByRole('button', { name: 'Retry' })).toBeDisabled();
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
});
