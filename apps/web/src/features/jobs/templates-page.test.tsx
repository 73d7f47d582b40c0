/**
 * The Jobs page's forms of the templates and changes against a fake BFF typed from the contract:
 * each opened from More jobs (or its `?new=<kind>` link), its repositories picked from the fleet
 * index, its fields filled, previewed (what changes, what stays and why), confirmed and started
 * with exactly the spec the form shows; a form changed since its preview must be previewed again;
 * and each kind offered only to those allowed its operations.
 */
import {
  createJobEndpoint,
  jobEndpoint,
  jobItemsEndpoint,
  jobPreviewEndpoint,
  jobsEndpoint,
  type JobPreviewResponse,
  type JobSpec,
  type JobSummary,
} from '@swr-dashboard/swr-client/browser';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fleetIndexHandler, fleetRepository, freshRegion, iso } from '../../../test/fleet-fixtures';
import { bffHandler, directory, sessionHandlers, swr } from '../../../test/handlers';
import { renderApp } from '../../../test/render';
import { server } from '../../../test/server';

const REGION = 'cn-north-4';
const ID = '01JOBTEST0000000000000009';

/** The fleet index of the region: three repositories. */
function fleetIndex() {
  return fleetIndexHandler({
    ownAccounts: [],
    regions: [freshRegion(REGION)],
    namespaces: [],
    repositories: [
      fleetRepository(REGION, 'payments', 'gateway'),
      fleetRepository(REGION, 'payments', 'ledger'),
      fleetRepository(REGION, 'platform', 'base/alpine'),
    ],
  });
}

function summaryOf(spec: JobSpec, total: number): JobSummary {
  return {
    id: ID,
    kind: spec.kind,
    region: REGION,
    owner: 'Test operator',
    spec,
    status: 'running',
    total,
    counts: { pending: total, running: 0, done: 0, failed: 0, cancelled: 0 },
    createdAt: iso(-1000),
    finishedAt: null,
  };
}

/**
 * The BFF of one job: the list (empty), the preview (`answer`, each spec asked for kept in
 * `previewed`), the start (each body kept in `created`), and the job it starts, with no items yet.
 */
function jobHandlers(answer: JobPreviewResponse) {
  const previewed: unknown[] = [];
  const created: { spec: JobSpec; confirm: { count: number } }[] = [];
  const started = () => {
    const body = created.at(-1);
    if (body === undefined) throw new Error('no job started');
    return summaryOf(body.spec, body.confirm.count);
  };
  const handlers = [
    fleetIndex(),
    bffHandler(jobsEndpoint, () => ({ jobs: [] })),
    bffHandler(jobPreviewEndpoint, async ({ request }) => {
      previewed.push(await request.json());
      return answer;
    }),
    bffHandler(createJobEndpoint, async ({ request }) => {
      created.push((await request.json()) as (typeof created)[number]);
      return started();
    }),
    bffHandler(jobEndpoint, started),
    bffHandler(jobItemsEndpoint, () => ({ kind: answer.kind, items: [] })),
  ];
  return { handlers, previewed, created };
}

/** Chooses repositories in the form's picker. */
async function choose(
  user: ReturnType<typeof renderApp>['user'],
  form: HTMLElement,
  names: string[],
) {
  for (const name of names) {
    await user.click(await within(form).findByRole('checkbox', { name }));
  }
}

describe('New jobs of the other kinds', () => {
  it('applies a retention policy to two repositories from More jobs', async () => {
    const answer: JobPreviewResponse = {
      kind: 'retention-template',
      items: [
        {
          namespace: 'payments',
          repository: 'gateway',
          action: 'create',
          retentionId: null,
          deletes: 4,
          protectedDeleted: ['stable'],
        },
        {
          namespace: 'payments',
          repository: 'ledger',
          action: 'replace',
          retentionId: 7,
          deletes: 0,
          protectedDeleted: [],
        },
      ],
      kept: [
        { namespace: 'platform', repository: 'base/alpine', subject: '', reason: 'unchanged' },
      ],
      confirmAbove: 20,
    };
    const { handlers, previewed, created } = jobHandlers(answer);
    server.use(...sessionHandlers('operator'), ...handlers);
    const { user, location } = renderApp('/cn-north-4/jobs');

    await user.click(await screen.findByRole('button', { name: 'More jobs' }));
    await user.click(screen.getByRole('link', { name: 'Apply a retention policy…' }));
    expect(location().search).toBe('?new=retention-template');
    const form = await screen.findByRole('region', {
      name: 'Apply a retention policy to many repositories',
    });
    await choose(user, form, ['payments/gateway', 'payments/ledger', 'platform/base/alpine']);
    await user.click(within(form).getByRole('radio', { name: /by age/ }));
    const days = within(form).getByRole('textbox', { name: 'Days' });
    await user.clear(days);
    await user.type(days, '400');
    await user.click(within(form).getByRole('button', { name: 'Add exception' }));
    await user.selectOptions(
      within(form).getByRole('combobox', { name: 'Exception 2: kind' }),
      'regexp',
    );
    await user.type(within(form).getByRole('textbox', { name: 'Exception 2: pattern' }), '^rel-');
    await user.click(within(form).getByRole('button', { name: 'Preview' }));
    expect(within(form).getByText('Enter a whole number from 1 to 365.')).toBeInTheDocument();
    expect(previewed).toEqual([]);
    await user.clear(days);
    await user.type(days, '30');
    await user.click(within(form).getByRole('button', { name: 'Preview' }));

    expect(
      await within(form).findByText(
        '2 repositories get the policy, which deletes 4 tags at once; 1 left as they are.',
      ),
    ).toBeInTheDocument();
    const spec: JobSpec = {
      kind: 'retention-template',
      region: REGION,
      repositories: [
        { namespace: 'payments', repository: 'gateway' },
        { namespace: 'payments', repository: 'ledger' },
        { namespace: 'platform', repository: 'base/alpine' },
      ],
      policy: {
        algorithm: 'or',
        rules: [
          {
            template: 'date_rule',
            params: { days: '30' },
            tag_selectors: [
              { kind: 'label', pattern: 'latest' },
              { kind: 'regexp', pattern: '^rel-' },
            ],
          },
        ],
      },
    };
    expect(previewed).toEqual([spec]);
    expect(
      within(form).getByText(
        "SWR deletes 1 protected tag all the same: payments/gateway:stable. Its retention does not know the console's protection.",
      ),
    ).toBeInTheDocument();
    const items = within(form).getByRole('table', { name: 'Repositories given the policy' });
    const rows = within(items).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toHaveTextContent(
      'payments/gatewayCreate the policy4 tags, protected among them: stable',
    );
    expect(rows[2]).toHaveTextContent(
      'payments/ledgerReplace policy 7 (another kind of rule)0 tags',
    );
    const kept = within(form).getByRole('table', { name: 'Left as they are' });
    expect(kept).toHaveTextContent(
      'platform/base/alpineIts retention policyHas this policy already',
    );

    // A form changed since the preview must be previewed before it can start.
    await user.type(days, '0');
    expect(
      within(form).getByRole('button', { name: 'Apply to 2 repositories…' }),
    ).toHaveAccessibleDescription('Preview the changed form first.');
    await user.type(days, '{Backspace}');

    await user.click(within(form).getByRole('button', { name: 'Apply to 2 repositories…' }));
    const dialog = screen.getByRole('dialog', {
      name: 'Apply the retention policy to 2 repositories?',
    });
    expect(dialog).toHaveTextContent('4 tags are deleted at once');
    // Not above the BFF's threshold: nothing to type.
    expect(within(dialog).queryByRole('textbox')).toBeNull();
    await user.click(
      within(dialog).getByRole('button', { name: 'Start: apply to 2 repositories' }),
    );
    await waitFor(() => {
      expect(location().pathname).toBe(`/cn-north-4/jobs/${ID}`);
    });
    expect(created).toEqual([{ spec, confirm: { count: 2 } }]);
    expect(
      await screen.findByRole('heading', {
        level: 1,
        name: 'Retention policy for payments/gateway and 2 more repositories',
      }),
    ).toBeInTheDocument();
  }, 30_000);

  it('sets up automatic sync to another region, typing the count above the threshold', async () => {
    const answer: JobPreviewResponse = {
      kind: 'sync-template',
      items: [
        {
          namespace: 'payments',
          repository: 'gateway',
          remoteRegionId: 'cn-east-3',
          remoteNamespace: 'payments-dr',
        },
        {
          namespace: 'payments',
          repository: 'ledger',
          remoteRegionId: 'cn-east-3',
          remoteNamespace: 'payments-dr',
        },
      ],
      kept: [],
      confirmAbove: 1,
    };
    const { handlers, created } = jobHandlers(answer);
    const asked: string[] = [];
    server.use(
      ...sessionHandlers('operator'),
      ...handlers,
      swr('listNamespaces', ({ params }) => {
        asked.push(params.region ?? '');
        return { body: { namespaces: [] } };
      }),
    );
    const { user, location } = renderApp('/cn-north-4/jobs?new=sync-template');
    const form = await screen.findByRole('region', {
      name: 'Set up automatic sync for many repositories',
    });
    await choose(user, form, ['payments/gateway', 'payments/ledger']);
    // The other regions the console manages; the organizations of the one chosen are suggested.
    const region = within(form).getByRole('combobox', { name: 'Target region' });
    expect(
      within(region)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['cn-east-3']);
    await waitFor(() => {
      expect(asked).toEqual(['cn-east-3']);
    });
    const organization = within(form).getByRole('combobox', {
      name: 'Organization there (optional)',
    });
    await user.type(organization, 'Payments DR');
    await user.click(within(form).getByRole('button', { name: 'Preview' }));
    expect(within(form).getByText(/^1–64 characters: lowercase letters/)).toBeInTheDocument();
    await user.clear(organization);
    await user.type(organization, 'payments-dr');
    await user.click(
      within(form).getByRole('checkbox', {
        name: /Overwrite a different image with the same tag at the target/,
      }),
    );
    await user.click(within(form).getByRole('button', { name: 'Preview' }));

    const items = await within(form).findByRole('table', {
      name: 'Repositories given automatic sync',
    });
    expect(within(items).getAllByRole('row')[1]).toHaveTextContent(
      'payments/gatewaypayments-dr in cn-east-3',
    );
    expect(within(form).getByRole('status')).toHaveTextContent(
      '2 repositories get automatic sync; 0 left as they are.',
    );
    await user.click(within(form).getByRole('button', { name: 'Set up sync for 2 repositories…' }));
    const dialog = screen.getByRole('dialog', {
      name: 'Set up automatic sync for 2 repositories?',
    });
    expect(dialog).toHaveTextContent(
      'Each repository gets a sync policy to payments-dr in cn-east-3; overwriting a different image of the same tag there.',
    );
    const start = within(dialog).getByRole('button', {
      name: 'Start: set up sync for 2 repositories',
    });
    expect(start).toBeDisabled();
    await user.type(within(dialog).getByRole('textbox', { name: 'Type 2 to confirm' }), '2');
    await user.click(start);
    await waitFor(() => {
      expect(location().pathname).toBe(`/cn-north-4/jobs/${ID}`);
    });
    expect(created).toEqual([
      {
        spec: {
          kind: 'sync-template',
          region: REGION,
          repositories: [
            { namespace: 'payments', repository: 'gateway' },
            { namespace: 'payments', repository: 'ledger' },
          ],
          target: {
            remoteRegionId: 'cn-east-3',
            remoteNamespace: 'payments-dr',
            syncAuto: true,
            override: true,
          },
        },
        confirm: { count: 2 },
      },
    ]);
  }, 30_000);

  it('adds a deploy trigger to many repositories, its cluster and namespace chosen from CCE', async () => {
    const answer: JobPreviewResponse = {
      kind: 'trigger-template',
      items: [
        {
          namespace: 'payments',
          repository: 'gateway',
          trigger: 'deploy',
          application: 'svc-gateway',
        },
      ],
      kept: [
        { namespace: 'payments', repository: 'ledger', subject: 'deploy', reason: 'exists' },
        {
          namespace: 'platform',
          repository: 'base/alpine',
          subject: 'deploy',
          reason: 'invalid',
          message: 'application: too long',
        },
      ],
      confirmAbove: 20,
    };
    const { handlers, created } = jobHandlers(answer);
    server.use(
      ...sessionHandlers('operator'),
      ...handlers,
      directory('clusters', () => ({
        available: true,
        clusters: [{ id: 'c-prod', name: 'prod', phase: 'Available' }],
      })),
      directory('namespaces', ({ params }) => {
        expect(params.cluster).toBe('c-prod');
        return { available: true, namespaces: ['default', 'apps'] };
      }),
      directory('workloads', () => ({
        available: true,
        workloads: [{ type: 'deployments', name: 'svc-gateway' }],
      })),
    );
    const { user, location } = renderApp('/cn-north-4/jobs');
    await user.click(await screen.findByRole('button', { name: 'More jobs' }));
    await user.click(screen.getByRole('link', { name: 'Add a deploy trigger…' }));
    const form = await screen.findByRole('region', {
      name: 'Add a deploy trigger to many repositories',
    });
    await choose(user, form, ['payments/gateway', 'payments/ledger', 'platform/base/alpine']);
    await user.type(within(form).getByRole('textbox', { name: 'Trigger name' }), 'deploy');
    await user.selectOptions(
      await within(form).findByRole('combobox', { name: 'Cluster' }),
      'prod (c-prod)',
    );
    await user.selectOptions(
      await within(form).findByRole('combobox', { name: 'Namespace' }),
      'apps',
    );
    const workload = within(form).getByRole('combobox', { name: 'Workload' });
    expect(workload).toHaveValue('{repository}');
    expect(workload).toHaveAccessibleDescription(
      /\{repository\} stands for each repository's name/,
    );
    await user.clear(workload);
    await user.type(workload, 'svc-{{repository}');
    await user.click(within(form).getByRole('radio', { name: 'Listed tags' }));
    await user.type(within(form).getByRole('textbox', { name: 'Tags' }), 'stable;v 1');
    await user.click(within(form).getByRole('button', { name: 'Preview' }));
    expect(
      within(form).getByText('List valid tags separated by “;”, e.g. stable;latest.'),
    ).toBeInTheDocument();
    await user.clear(within(form).getByRole('textbox', { name: 'Tags' }));
    await user.type(within(form).getByRole('textbox', { name: 'Tags' }), 'stable;latest');
    await user.click(within(form).getByRole('button', { name: 'Preview' }));

    const items = await within(form).findByRole('table', {
      name: 'Repositories given the trigger',
    });
    expect(within(items).getAllByRole('row')[1]).toHaveTextContent(
      'payments/gatewaydeploysvc-gateway',
    );
    const kept = within(form).getByRole('table', { name: 'Left as they are' });
    expect(kept).toHaveTextContent(
      'payments/ledgerdeployHas a trigger named deploy already: it is not overwritten',
    );
    expect(kept).toHaveTextContent('platform/base/alpinedeployLeft out: application: too long');
    await user.click(
      within(form).getByRole('button', { name: 'Add the trigger to 1 repository…' }),
    );
    const dialog = screen.getByRole('dialog', { name: 'Add the trigger to 1 repository?' });
    await user.click(within(dialog).getByRole('button', { name: 'Start: add to 1 repository' }));
    await waitFor(() => {
      expect(location().pathname).toBe(`/cn-north-4/jobs/${ID}`);
    });
    expect(created).toEqual([
      {
        spec: {
          kind: 'trigger-template',
          region: REGION,
          repositories: [
            { namespace: 'payments', repository: 'gateway' },
            { namespace: 'payments', repository: 'ledger' },
            { namespace: 'platform', repository: 'base/alpine' },
          ],
          trigger: {
            name: 'deploy',
            trigger_type: 'tag',
            condition: 'stable;latest',
            trigger_mode: 'cce',
            cluster_id: 'c-prod',
            cluster_name: 'prod',
            cluster_ns: 'apps',
            app_type: 'deployments',
            application: 'svc-{repository}',
            enable: true,
          },
        },
        confirm: { count: 1 },
      },
    ]);
    expect(
      await screen.findByRole('heading', {
        level: 1,
        name: 'Trigger deploy for payments/gateway and 2 more repositories',
      }),
    ).toBeInTheDocument();
  }, 30_000);

  it("revokes an admin's chosen shares, only with some accounts and ending before a day", async () => {
    const answer: JobPreviewResponse = {
      kind: 'share-change',
      items: [
        {
          namespace: 'payments',
          repository: 'gateway',
          account: 'acme',
          deadline: '2026-03-20T00:00:00Z',
          description: 'partner',
        },
        {
          namespace: 'payments',
          repository: 'ledger',
          account: 'beta',
          deadline: '2026-03-25T00:00:00Z',
          description: '',
        },
      ],
      kept: [],
      confirmAbove: 20,
    };
    const { handlers, created } = jobHandlers(answer);
    server.use(...sessionHandlers('admin'), ...handlers);
    const { user, location } = renderApp('/cn-north-4/jobs?new=share-change');
    const form = await screen.findByRole('region', {
      name: 'Change the shares of many repositories',
    });
    await choose(user, form, ['payments/gateway', 'payments/ledger']);
    expect(within(form).getByRole('radio', { name: 'Extend them' })).toBeChecked();
    await user.click(within(form).getByRole('radio', { name: 'Revoke them' }));
    expect(within(form).queryByLabelText('Ends on (UTC)')).toBeNull();
    await user.type(
      within(form).getByRole('textbox', { name: 'Only with these accounts' }),
      'acme, beta',
    );
    await user.type(within(form).getByLabelText('Only those ending before (UTC)'), '2026-04-01');
    await user.click(within(form).getByRole('button', { name: 'Preview' }));

    const items = await within(form).findByRole('table', { name: 'Shares to revoke' });
    const rows = within(items).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('payments/gatewayacme2026-03-20 (UTC)partner');
    expect(rows[2]).toHaveTextContent('payments/ledgerbeta2026-03-25 (UTC)—');
    await user.click(within(form).getByRole('button', { name: 'Revoke 2 shares…' }));
    const dialog = screen.getByRole('dialog', { name: 'Revoke 2 shares?' });
    expect(dialog).toHaveTextContent(
      "Their accounts can no longer pull these repositories' images.",
    );
    await user.click(within(dialog).getByRole('button', { name: 'Start: revoke 2 shares' }));
    await waitFor(() => {
      expect(location().pathname).toBe(`/cn-north-4/jobs/${ID}`);
    });
    expect(created).toEqual([
      {
        spec: {
          kind: 'share-change',
          region: REGION,
          repositories: [
            { namespace: 'payments', repository: 'gateway' },
            { namespace: 'payments', repository: 'ledger' },
          ],
          accounts: ['acme', 'beta'],
          endingBefore: '2026-04-01T00:00:00Z',
          change: { action: 'revoke' },
        },
        confirm: { count: 2 },
      },
    ]);
    expect(
      await screen.findByRole('heading', {
        level: 1,
        name: 'Revoke the shares of payments/gateway and 1 more repository',
      }),
    ).toBeInTheDocument();
  }, 30_000);

  it('disables the triggers of some names across repositories', async () => {
    const answer: JobPreviewResponse = {
      kind: 'trigger-switch',
      items: [
        {
          namespace: 'payments',
          repository: 'gateway',
          trigger: 'deploy-prod',
          cluster: 'c-prod',
          clusterNamespace: 'apps',
          workload: 'gateway',
        },
        {
          namespace: 'payments',
          repository: 'ledger',
          trigger: 'deploy-prod',
          cluster: null,
          clusterNamespace: 'serverless',
          workload: 'ledger',
        },
      ],
      kept: [
        {
          namespace: 'platform',
          repository: 'base/alpine',
          subject: 'deploy-prod',
          reason: 'unchanged',
        },
      ],
      confirmAbove: 20,
    };
    const { handlers, created } = jobHandlers(answer);
    server.use(...sessionHandlers('operator'), ...handlers);
    const { user, location } = renderApp('/cn-north-4/jobs');
    await user.click(await screen.findByRole('button', { name: 'More jobs' }));
    await user.click(screen.getByRole('link', { name: 'Enable or disable triggers…' }));
    const form = await screen.findByRole('region', {
      name: 'Enable or disable the triggers of many repositories',
    });
    await choose(user, form, ['payments/gateway', 'payments/ledger', 'platform/base/alpine']);
    expect(within(form).getByRole('radio', { name: 'Disable them' })).toBeChecked();
    const names = within(form).getByRole('textbox', { name: 'Only the triggers named' });
    await user.type(names, '9lives');
    await user.click(within(form).getByRole('button', { name: 'Preview' }));
    expect(within(form).getByText(/^Trigger names start with a letter/)).toBeInTheDocument();
    await user.clear(names);
    await user.type(names, 'deploy-prod');
    await user.click(within(form).getByRole('button', { name: 'Preview' }));

    const items = await within(form).findByRole('table', { name: 'Triggers to disable' });
    const rows = within(items).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('payments/gatewaydeploy-prodgateway in apps, cluster c-prod');
    expect(rows[2]).toHaveTextContent(
      'payments/ledgerdeploy-prodledger in CCI namespace serverless',
    );
    expect(within(form).getByRole('table', { name: 'Left as they are' })).toHaveTextContent(
      'platform/base/alpinedeploy-prodDisabled already',
    );
    await user.click(within(form).getByRole('button', { name: 'Disable 2 triggers…' }));
    const dialog = screen.getByRole('dialog', { name: 'Disable 2 triggers?' });
    await user.click(within(dialog).getByRole('button', { name: 'Start: disable 2 triggers' }));
    await waitFor(() => {
      expect(location().pathname).toBe(`/cn-north-4/jobs/${ID}`);
    });
    expect(created).toEqual([
      {
        spec: {
          kind: 'trigger-switch',
          region: REGION,
          repositories: [
            { namespace: 'payments', repository: 'gateway' },
            { namespace: 'payments', repository: 'ledger' },
            { namespace: 'platform', repository: 'base/alpine' },
          ],
          triggers: ['deploy-prod'],
          enable: false,
        },
        confirm: { count: 2 },
      },
    ]);
  }, 30_000);

  it('offers each kind only to those allowed its operations', async () => {
    server.use(
      ...sessionHandlers('operator'),
      fleetIndex(),
      bffHandler(jobsEndpoint, () => ({ jobs: [] })),
    );
    const { user } = renderApp('/cn-north-4/jobs?new=share-change');
    const more = await screen.findByRole('button', { name: 'More jobs' });
    expect(more).toHaveAttribute('aria-expanded', 'false');
    await user.click(more);
    expect(more).toHaveAttribute('aria-expanded', 'true');
    const panel = document.getElementById(more.getAttribute('aria-controls') ?? '');
    if (panel === null) throw new Error('no list of jobs');
    // Sharing is an admin's: an operator gets neither the link nor the form.
    expect(
      within(panel)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual([
      'Apply a retention policy…',
      'Set up automatic sync…',
      'Add a deploy trigger…',
      'Enable or disable triggers…',
    ]);
    expect(
      screen.queryByRole('region', { name: 'Change the shares of many repositories' }),
    ).toBeNull();
    // Escape closes the list, and so does a click outside it.
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('link', { name: 'Apply a retention policy…' })).toBeNull();
    await user.click(more);
    expect(screen.getByRole('link', { name: 'Apply a retention policy…' })).toBeVisible();
    await user.click(screen.getByRole('heading', { level: 1, name: 'Jobs' }));
    expect(screen.queryByRole('link', { name: 'Apply a retention policy…' })).toBeNull();
    expect(more).toHaveAttribute('aria-expanded', 'false');
  }, 20_000);

  it('offers a viewer no new job', async () => {
    server.use(
      ...sessionHandlers('viewer'),
      bffHandler(jobsEndpoint, () => ({ jobs: [] })),
    );
    renderApp('/cn-north-4/jobs?new=retention-template');
    expect(await screen.findByText('No jobs yet.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'More jobs' })).toBeNull();
    expect(
      screen.queryByRole('region', { name: 'Apply a retention policy to many repositories' }),
    ).toBeNull();
  }, 20_000);
});
