/** The Triggers tab against a fake BFF typed from the contract. */
import type { TagDetail, Trigger } from '@swr-dashboard/swr-client/browser';
import { screen, waitFor, within } from '@testing-library/react';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  bffError,
  directory,
  directoryUnavailable,
  meFor,
  repositoryDetail,
  sessionHandlers,
  swr,
} from '../../../test/handlers';
import { renderApp } from '../../../test/render';
import { server } from '../../../test/server';

const PAGE = '/cn-north-4/repositories/payments/payment-gateway/triggers';

const repositoryHandler = swr('showRepository', () => ({ body: repositoryDetail() }));

function trigger(name: string, overrides: Partial<Trigger> = {}): Trigger {
  return {
    action: 'update',
    app_type: 'deployments',
    application: 'gateway',
    cluster_id: 'c-prod',
    cluster_name: 'prod-cn-north-4',
    cluster_ns: 'default',
    condition: '^v\\d+\\.\\d+\\.\\d+$',
    container: '',
    created_at: '2026-01-01T00:00:00Z',
    creator_name: 'ops-admin',
    enable: 'true',
    name,
    trigger_history: [],
    trigger_mode: 'cce',
    trigger_type: 'regular',
    ...overrides,
  };
}

const deployProd = trigger('deploy-prod', {
  trigger_history: [
    {
      action: 'update',
      app_type: 'deployments',
      application: 'gateway',
      cluster_id: 'c-prod',
      cluster_name: 'prod-cn-north-4',
      cluster_ns: 'default',
      condition: '^v\\d+\\.\\d+\\.\\d+$',
      container: '',
      created_at: '2026-02-01T00:00:00Z',
      creator_name: 'ops-admin',
      detail: 'Cluster prod-cn-north-4 is unavailable; the workload was not updated',
      result: 'failed',
      tag: 'v1.2.3',
    },
  ],
});
const serve = trigger('serve-cci', {
  trigger_mode: 'cci',
  cluster_id: '',
  cluster_name: '',
  trigger_type: 'tag',
  condition: 'stable;latest',
  enable: 'false',
});

function tag(name: string): TagDetail {
  return {
    id: 1,
    repo_id: 1,
    Tag: name,
    image_id: 'i',
    manifest: '{}',
    digest: 'sha256:0',
    schema: 2,
    path: '',
    internal_path: '',
    size: 1,
    is_trusted: false,
    created: '2026-01-01T00:00:00Z',
    updated: '2026-01-01T00:00:00Z',
    domain_id: 'd1',
    tag_type: 0,
  };
}

function handlers(list: () => Trigger[] = () => [deployProd, serve]) {
  return [
    repositoryHandler,
    swr('listTriggersDetails', () => ({ body: list() })),
    swr('showTrigger', ({ params }) => ({
      body: list().find((item) => item.name === params.trigger) ?? deployProd,
    })),
    swr('listRepositoryTags', () => ({
      body: ['v1.0.0', 'v1.1.0', 'latest', 'pr-12'].map(tag),
      headers: { 'Content-Range': '0-4/4' },
    })),
    // Unless a test says otherwise, the console cannot read CCE: deploy targets are typed.
    ...directoryUnavailable(),
  ];
}

const PROD_ID = '6f1c2d3e-4a5b-4c6d-8e7f-0a1b2c3d4e5f';
const STAGING_ID = '7a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';

/** CCE as the BFF reads it: two clusters, their namespaces and workloads. */
function cceHandlers(calls: string[] = []) {
  const namespaces: Record<string, string[]> = {
    [PROD_ID]: ['default', 'ingress', 'payments'],
    [STAGING_ID]: ['default'],
  };
  return [
    directory('clusters', ({ params }) => {
      calls.push(`clusters ${params.region ?? ''}`);
      return {
        available: true,
        clusters: [
          { id: 'c-legacy', name: 'legacy-cn-north-4', phase: 'Unavailable' },
          { id: PROD_ID, name: 'prod-cn-north-4', phase: 'Available' },
          { id: STAGING_ID, name: 'staging-cn-north-4', phase: 'Available' },
        ],
      };
    }),
    directory('namespaces', ({ params }) => {
      calls.push(`namespaces ${params.cluster ?? ''}`);
      return { available: true, namespaces: namespaces[params.cluster ?? ''] ?? [] };
    }),
    directory('workloads', ({ params }) => {
      calls.push(`workloads ${params.cluster ?? ''} ${params.namespace ?? ''}`);
      return {
        available: true,
        workloads:
          params.namespace === 'payments'
            ? [
                { type: 'deployments', name: 'payment-gateway' },
                { type: 'deployments', name: 'payments-api' },
                { type: 'statefulsets', name: 'payments-ledger' },
              ]
            : [],
      };
    }),
  ];
}

async function openTab(url = PAGE) {
  const view = renderApp(url);
  await screen.findByRole('heading', { name: 'Deploy triggers' }, { timeout: 5000 });
  return view;
}

// Forms are typed key by key in jsdom: give each test room under a loaded machine.
describe('Triggers tab', { timeout: 20_000 }, () => {
  it('lists triggers with their state and last result, and shows one with its history', async () => {
    server.use(...handlers());
    const { user, location } = await openTab();
    const table = await screen.findByRole('table', {
      name: 'Deploy triggers of payments/payment-gateway',
    });
    const row = (name: string) =>
      within(table)
        .getByRole('button', { name: `Show trigger ${name} and its history` })
        .closest('tr') as HTMLElement;
    expect(within(row('deploy-prod')).getByText('Enabled')).toBeInTheDocument();
    expect(within(row('deploy-prod')).getByText('Failed')).toBeInTheDocument();
    expect(within(row('serve-cci')).getByText('Disabled')).toBeInTheDocument();
    expect(within(row('serve-cci')).getByText('Tags stable, latest')).toBeInTheDocument();
    expect(within(row('serve-cci')).getByText('Not fired yet')).toBeInTheDocument();

    await user.click(
      within(table).getByRole('button', { name: 'Show trigger deploy-prod and its history' }),
    );
    expect(location().search).toBe('?trigger=deploy-prod');
    const dialog = await screen.findByRole('dialog', { name: 'Trigger deploy-prod' });
    const history = await within(dialog).findByRole('table', {
      name: 'Rollouts of trigger deploy-prod, newest first',
    });
    expect(within(history).getByText('v1.2.3')).toBeInTheDocument();
    expect(within(history).getByText('Failed')).toBeInTheDocument();
    expect(within(history).getByText(/Cluster prod-cn-north-4 is unavailable/)).toBeInTheDocument();
  });

  it('creates a CCE trigger for listed tags, checking the condition as it is typed', async () => {
    let triggers = [deployProd];
    let sent: unknown;
    server.use(
      ...handlers(() => triggers),
      swr('createTrigger', async ({ request }) => {
        sent = await request.json();
        triggers = [...triggers, trigger('roll-stable', { trigger_type: 'tag' })];
        return {};
      }),
    );
    const { user } = await openTab();
    await user.click(await screen.findByRole('button', { name: 'Create trigger' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create a deploy trigger' });
    const name = within(dialog).getByRole('textbox', { name: 'Trigger name' });
    await user.type(name, 'deploy-prod');
    expect(name).toHaveAccessibleDescription(/already has a trigger with this name/);
    await user.clear(name);
    await user.type(name, 'roll-stable');
    // A cluster of this repository's triggers fills in its name.
    await user.type(within(dialog).getByRole('combobox', { name: 'Cluster id' }), 'c-prod');
    expect(within(dialog).getByRole('textbox', { name: 'Cluster name' })).toHaveValue(
      'prod-cn-north-4',
    );
    await user.click(within(dialog).getByRole('radio', { name: 'StatefulSet' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Workload' }), 'gateway');
    await user.click(within(dialog).getByRole('radio', { name: 'Listed tags' }));
    const tags = within(dialog).getByRole('textbox', { name: 'Tags' });
    await user.type(tags, 'latest;.bad');
    expect(tags).toHaveAccessibleDescription(/“.bad” is not a valid tag/);
    await user.clear(tags);
    await user.type(tags, 'latest;v1.0.0');
    expect(tags).not.toHaveAttribute('aria-invalid');
    expect(
      await within(dialog).findByText('Matches 2 of the 4 newest tags: v1.0.0, latest'),
    ).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    await waitFor(() => {
      expect(dialog).not.toBeInTheDocument();
    });
    expect(sent).toEqual({
      action: 'update',
      name: 'roll-stable',
      trigger_mode: 'cce',
      cluster_id: 'c-prod',
      cluster_name: 'prod-cn-north-4',
      app_type: 'statefulsets',
      cluster_ns: 'default',
      application: 'gateway',
      trigger_type: 'tag',
      condition: 'latest;v1.0.0',
      enable: 'true',
    });
    expect(
      await screen.findByRole('button', { name: 'Show trigger roll-stable and its history' }),
    ).toBeInTheDocument();
  });

  it("shows SWR's refusal of an unknown cluster next to the cluster id", async () => {
    server.use(
      http.post('/api/swr/:region/v2/manage/namespaces/:ns/repos/:repo/triggers', () =>
        bffError(400, 'upstream_rejected', {
          message: 'Invalid param.',
          upstream: { status: 400, code: 'SVCSTG.SWR.4000014', requestId: 'up-3' },
        }),
      ),
      ...handlers(),
    );
    const { user } = await openTab();
    await user.click(await screen.findByRole('button', { name: 'Create trigger' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create a deploy trigger' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Trigger name' }), 'new-one');
    const cluster = within(dialog).getByRole('combobox', { name: 'Cluster id' });
    await user.type(cluster, 'no-such-cluster');
    await user.type(within(dialog).getByRole('textbox', { name: 'Cluster name' }), 'ghost');
    await user.type(within(dialog).getByRole('textbox', { name: 'Workload' }), 'web');
    await user.click(
      within(dialog).getByRole('radio', { name: 'Tags matching a regular expression' }),
    );
    const pattern = within(dialog).getByRole('textbox', { name: 'Regular expression' });
    await user.type(pattern, '^v(');
    expect(pattern).toHaveAccessibleDescription(/not a valid regular expression/);
    await user.clear(pattern);
    await user.type(pattern, '^v1');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    await waitFor(() => {
      expect(cluster).toHaveAccessibleDescription(/SWR refused this cluster \(Invalid param\.\)/);
    });
    expect(cluster).toHaveValue('no-such-cluster');
  });

  it('disables, enables and deletes a trigger after a red confirmation', async () => {
    const updates: unknown[] = [];
    let deleted = '';
    server.use(
      ...handlers(),
      swr('updateTrigger', async ({ request, params }) => {
        updates.push({ name: params.trigger, body: (await request.json()) as unknown });
        return {};
      }),
      swr('deleteTrigger', ({ params }) => {
        deleted = params.trigger ?? '';
        return {};
      }),
    );
    const { user } = await openTab();
    await user.click(await screen.findByRole('button', { name: 'Disable trigger deploy-prod' }));
    await user.click(screen.getByRole('button', { name: 'Enable trigger serve-cci' }));
    await waitFor(() => {
      expect(updates).toEqual([
        { name: 'deploy-prod', body: { enable: 'false' } },
        { name: 'serve-cci', body: { enable: 'true' } },
      ]);
    });
    await user.click(screen.getByRole('button', { name: 'Delete trigger serve-cci' }));
    const confirm = await screen.findByRole('dialog', { name: 'Delete trigger serve-cci?' });
    expect(confirm).toHaveTextContent('its history is deleted');
    await user.click(within(confirm).getByRole('button', { name: 'Delete trigger' }));
    await waitFor(() => {
      expect(deleted).toBe('serve-cci');
    });
  });

  it('lets a viewer see triggers and their history but change nothing, and says why', async () => {
    server.use(...sessionHandlers('viewer'), ...handlers());
    await openTab();
    const create = screen.getByRole('button', { name: 'Create trigger' });
    expect(create).toBeDisabled();
    expect(create).toHaveAccessibleDescription('Needs the Operator role (you are Viewer).');
    expect(
      await screen.findByRole('button', { name: 'Disable trigger deploy-prod' }),
    ).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Delete trigger deploy-prod' })).toBeDisabled();
    expect(
      screen.getByRole('button', { name: 'Show trigger deploy-prod and its history' }),
    ).toBeEnabled();
  });

  it('tells a user limited to payments* with no deploy targets why triggers cannot be made', async () => {
    const refused = {
      allowed: false as const,
      reason: 'scope' as const,
      message: 'no deploy targets are configured for your groups',
    };
    server.use(
      ...sessionHandlers('operator', {
        namespaces: ['payments*'],
        deployTargets: [],
        permissions: {
          ...meFor('operator').permissions,
          createTrigger: refused,
          updateTrigger: refused,
          deleteTrigger: refused,
        },
      }),
      ...handlers(),
    );
    await openTab();
    const create = screen.getByRole('button', { name: 'Create trigger' });
    expect(create).toBeDisabled();
    expect(create).toHaveAccessibleDescription(
      /no deploy targets \(clusters and Kubernetes namespaces\) are configured for your groups/,
    );
    expect(
      await screen.findByRole('button', { name: 'Disable trigger deploy-prod' }),
    ).toBeDisabled();
  });

  it('shows a limited user where triggers may deploy, and refuses another namespace before sending', async () => {
    let sent: unknown[] = [];
    server.use(
      ...sessionHandlers('operator', {
        namespaces: ['payments*'],
        deployTargets: [{ cluster: '*', namespaces: ['payments*'] }],
      }),
      ...handlers(),
      swr('createTrigger', async ({ request }) => {
        sent = [...sent, await request.json()];
        return {};
      }),
    );
    const { user } = await openTab();
    await user.click(await screen.findByRole('button', { name: 'Create trigger' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create a deploy trigger' });
    expect(
      within(dialog).getByText(
        'Your triggers may deploy only to: any cluster (Kubernetes namespaces payments*).',
      ),
    ).toBeInTheDocument();
    await user.type(within(dialog).getByRole('textbox', { name: 'Trigger name' }), 'mine');
    await user.type(within(dialog).getByRole('combobox', { name: 'Cluster id' }), 'c-prod');
    await user.type(within(dialog).getByRole('textbox', { name: 'Workload' }), 'gateway');
    const namespace = within(dialog).getByRole('textbox', { name: 'Namespace' });
    expect(namespace).toHaveValue('default');
    expect(namespace).toHaveAccessibleDescription(
      'Your triggers may not deploy to this namespace on this cluster.',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(sent).toEqual([]);
    await user.clear(namespace);
    await user.type(namespace, 'payments-apps');
    expect(namespace).not.toHaveAttribute('aria-invalid');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    await waitFor(() => {
      expect(dialog).not.toBeInTheDocument();
    });
    expect(sent).toMatchObject([
      { name: 'mine', cluster_id: 'c-prod', cluster_ns: 'payments-apps' },
    ]);
  });

  it('says when the triggers cannot be loaded, and retries', async () => {
    let calls = 0;
    server.use(
      http.get('/api/swr/:region/v2/manage/namespaces/:ns/repos/:repo/triggers', () => {
        calls += 1;
        return calls === 1 ? bffError(503, 'upstream_unavailable') : Response.json([serve]);
      }),
      ...handlers(),
    );
    const { user } = await openTab();
    expect(await screen.findByText('The triggers could not be loaded.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByRole('button', { name: 'Show trigger serve-cci and its history' }),
    ).toBeInTheDocument();
  });
  it("chooses the cluster, namespace and workload from CCE's lists", async () => {
    let sent: unknown;
    const calls: string[] = [];
    server.use(
      ...handlers(),
      swr('createTrigger', async ({ request }) => {
        sent = await request.json();
        return {};
      }),
    );
    server.use(...cceHandlers(calls));
    const { user } = await openTab();
    await user.click(await screen.findByRole('button', { name: 'Create trigger' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create a deploy trigger' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Trigger name' }), 'roll-pay');
    const cluster = await within(dialog).findByRole('combobox', { name: 'Cluster id' });
    await waitFor(() => {
      expect(cluster.tagName).toBe('SELECT');
    });
    expect(
      within(cluster)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual([
      'Choose a cluster',
      'legacy-cn-north-4 (c-legacy), unavailable',
      `prod-cn-north-4 (${PROD_ID})`,
      `staging-cn-north-4 (${STAGING_ID})`,
    ]);
    await user.selectOptions(cluster, PROD_ID);
    expect(within(dialog).getByRole('textbox', { name: 'Cluster name' })).toHaveValue(
      'prod-cn-north-4',
    );
    const namespace = await within(dialog).findByRole('combobox', { name: 'Namespace' });
    await waitFor(() => {
      expect(
        within(namespace)
          .getAllByRole('option')
          .map((o) => o.textContent),
      ).toEqual(['Choose a namespace', 'default', 'ingress', 'payments']);
    });
    await user.selectOptions(namespace, 'payments');
    const workload = await within(dialog).findByRole('combobox', { name: 'Workload' });
    await waitFor(() => {
      expect(
        within(workload)
          .getAllByRole('option')
          .map((o) => o.textContent),
      ).toEqual(['Choose a workload', 'payment-gateway', 'payments-api']);
    });
    // StatefulSets: the namespace's statefulsets instead.
    await user.click(within(dialog).getByRole('radio', { name: 'StatefulSet' }));
    await waitFor(() => {
      expect(
        within(workload)
          .getAllByRole('option')
          .map((o) => o.textContent),
      ).toEqual(['Choose a workload', 'payments-ledger']);
    });
    await user.selectOptions(workload, 'payments-ledger');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    await waitFor(() => {
      expect(dialog).not.toBeInTheDocument();
    });
    expect(sent).toEqual({
      action: 'update',
      name: 'roll-pay',
      trigger_mode: 'cce',
      cluster_id: PROD_ID,
      cluster_name: 'prod-cn-north-4',
      app_type: 'statefulsets',
      cluster_ns: 'payments',
      application: 'payments-ledger',
      trigger_type: 'all',
      condition: '.*',
      enable: 'true',
    });
    expect(calls).toEqual([
      'clusters cn-north-4',
      `namespaces ${PROD_ID}`,
      `workloads ${PROD_ID} payments`,
    ]);
  });

  it('types the deploy target, with the reason, when CCE cannot be read', async () => {
    let sent: unknown;
    server.use(
      ...handlers(),
      swr('createTrigger', async ({ request }) => {
        sent = await request.json();
        return {};
      }),
    );
    server.use(...directoryUnavailable('denied'));
    const { user } = await openTab();
    await user.click(await screen.findByRole('button', { name: 'Create trigger' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create a deploy trigger' });
    const cluster = within(dialog).getByRole('combobox', { name: 'Cluster id' });
    await waitFor(() => {
      expect(cluster).toHaveAccessibleDescription(/may not read CCE in this region/);
    });
    expect(cluster.tagName).toBe('INPUT');
    await user.type(within(dialog).getByRole('textbox', { name: 'Trigger name' }), 'typed');
    // The repository's clusters are still suggested, and fill the name.
    await user.type(cluster, 'c-prod');
    expect(within(dialog).getByRole('textbox', { name: 'Cluster name' })).toHaveValue(
      'prod-cn-north-4',
    );
    expect(within(dialog).getByRole('textbox', { name: 'Namespace' })).toHaveValue('default');
    await user.type(within(dialog).getByRole('textbox', { name: 'Workload' }), 'gateway');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    await waitFor(() => {
      expect(sent).toMatchObject({
        cluster_id: 'c-prod',
        cluster_name: 'prod-cn-north-4',
        cluster_ns: 'default',
        application: 'gateway',
      });
    });
  });

  it("keeps a limited user's check on the namespaces CCE lists", async () => {
    let sent: unknown[] = [];
    server.use(
      ...sessionHandlers('operator', {
        namespaces: ['payments*'],
        deployTargets: [{ cluster: STAGING_ID, namespaces: ['payments*'] }],
      }),
      ...handlers(),
      swr('createTrigger', async ({ request }) => {
        sent = [...sent, await request.json()];
        return {};
      }),
    );
    server.use(...cceHandlers());
    const { user } = await openTab();
    await user.click(await screen.findByRole('button', { name: 'Create trigger' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create a deploy trigger' });
    expect(
      within(dialog).getByText(
        `Your triggers may deploy only to: ${STAGING_ID} (Kubernetes namespaces payments*).`,
      ),
    ).toBeInTheDocument();
    await user.type(within(dialog).getByRole('textbox', { name: 'Trigger name' }), 'mine');
    const cluster = await within(dialog).findByRole('combobox', { name: 'Cluster id' });
    await waitFor(() => {
      expect(cluster.tagName).toBe('SELECT');
    });
    await user.selectOptions(cluster, STAGING_ID);
    const namespace = await within(dialog).findByRole('combobox', { name: 'Namespace' });
    await waitFor(() => {
      expect(within(namespace).getAllByRole('option')).toHaveLength(2);
    });
    await user.selectOptions(namespace, 'default');
    expect(namespace).toHaveAccessibleDescription(
      'Your triggers may not deploy to this namespace on this cluster.',
    );
    await user.type(within(dialog).getByRole('textbox', { name: 'Workload' }), 'web');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(sent).toEqual([]);
  });
});
