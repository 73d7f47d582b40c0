/**
 * The page of a job of another kind than the tag clean-up (a retention policy, a change of
 * triggers): its own title and description, its items in its kind's columns, no CSV; and Resume
 * on a cancelled job with items it never started: their count confirmed and sent, the job read
 * again whatever the answer, disabled with the reason for a user not allowed the kind's changes,
 * absent when nothing is left to resume.
 */
import {
  jobEndpoint,
  jobItemsEndpoint,
  resumeJobEndpoint,
  type JobItemOf,
  type JobSummary,
  type RetentionTemplateSpec,
  type TriggerSwitchSpec,
} from '@swr-dashboard/swr-client/browser';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { iso } from '../../../test/fleet-fixtures';
import { bffError, bffHandler, sessionHandlers } from '../../../test/handlers';
import { renderApp } from '../../../test/render';
import { server } from '../../../test/server';

const REGION = 'cn-north-4';
const ID = '01JOBTEST0000000000000011';

const RETENTION: RetentionTemplateSpec = {
  kind: 'retention-template',
  region: REGION,
  repositories: [
    { namespace: 'payments', repository: 'gateway' },
    { namespace: 'payments', repository: 'ledger' },
  ],
  policy: {
    algorithm: 'or',
    rules: [
      {
        template: 'tag_rule',
        params: { num: '10' },
        tag_selectors: [
          { kind: 'label', pattern: 'latest' },
          { kind: 'regexp', pattern: '^release-' },
        ],
      },
    ],
  },
};

const SWITCH: TriggerSwitchSpec = {
  kind: 'trigger-switch',
  region: REGION,
  repositories: [{ namespace: 'payments', repository: 'gateway' }],
  triggers: ['deploy-prod', 'deploy-stage'],
  enable: false,
};

type Counts = JobSummary['counts'];

function job(
  spec: JobSummary['spec'],
  counts: Partial<Counts>,
  overrides: Partial<JobSummary> = {},
): JobSummary {
  const full: Counts = { pending: 0, running: 0, done: 0, failed: 0, cancelled: 0, ...counts };
  return {
    id: ID,
    kind: spec.kind,
    region: REGION,
    owner: 'Test operator',
    spec,
    status: 'done',
    total: Object.values(full).reduce((sum, count) => sum + count, 0),
    counts: full,
    createdAt: iso(-60_000),
    finishedAt: iso(-1000),
    ...overrides,
  };
}

const RETENTION_ITEMS: JobItemOf<'retention-template'>[] = [
  {
    seq: 0,
    target: {
      namespace: 'payments',
      repository: 'gateway',
      action: 'update',
      retentionId: 12,
      deletes: 3,
      protectedDeleted: [],
    },
    status: 'done',
    attempts: 1,
    result: { requestId: null, status: null, message: 'policy 12 changed' },
  },
  {
    seq: 1,
    target: {
      namespace: 'payments',
      repository: 'ledger',
      action: 'create',
      retentionId: null,
      deletes: 0,
      protectedDeleted: [],
    },
    status: 'failed',
    attempts: 1,
    result: { requestId: 'req-9', status: 403, message: 'denied' },
  },
];

/** Two triggers of payments/gateway, each in the state `states` gives. */
function switchItems(states: readonly JobItemOf<'trigger-switch'>['status'][]) {
  return states.map((status, seq): JobItemOf<'trigger-switch'> => ({
    seq,
    target: {
      namespace: 'payments',
      repository: 'gateway',
      trigger: `deploy-${String(seq)}`,
      cluster: seq % 2 === 0 ? 'c-prod' : null,
      clusterNamespace: 'apps',
      workload: 'gateway',
    },
    status,
    attempts: status === 'cancelled' ? 0 : 1,
    result: null,
  }));
}

describe('The page of a job of another kind', () => {
  it('titles and describes a retention policy job, lists its items in its columns, without a CSV', async () => {
    const summary = job(RETENTION, { done: 1, failed: 1 });
    server.use(
      ...sessionHandlers('operator'),
      bffHandler(jobEndpoint, () => summary),
      bffHandler(jobItemsEndpoint, () => ({
        kind: 'retention-template' as const,
        items: RETENTION_ITEMS,
      })),
    );
    renderApp(`/cn-north-4/jobs/${ID}`);
    expect(
      await screen.findByRole('heading', {
        level: 1,
        name: 'Retention policy for payments/gateway and 1 more repository',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Retention policy: keep the 10 most recent tags, except the tag latest, tags matching ^release-. Across 2 repositories.',
      ),
    ).toBeInTheDocument();
    const table = await screen.findByRole('table', { name: 'Items of the job' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((header) => header.textContent),
    ).toEqual(['#', 'Repository', 'Change', 'Tags deleted at once', 'Status', 'Result']);
    const rows = within(table).getAllByRole('row');
    expect(rows[1]).toHaveTextContent(
      '1payments/gatewayChange policy 123 tagsDonepolicy 12 changed',
    );
    expect(rows[2]).toHaveTextContent('2payments/ledgerCreate the policy0 tagsFaileddenied');
    expect(screen.queryByRole('button', { name: 'Download CSV of what was deleted' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Resume job' })).toBeNull();
    // Its failed items are retried as the kind's job, which an operator may start.
    expect(screen.getByRole('button', { name: 'Retry 1 failed item' })).toBeEnabled();
  }, 20_000);

  it('resumes a cancelled job with the count of the items it never started', async () => {
    let current = job(
      SWITCH,
      { done: 1, cancelled: 3 },
      { status: 'cancelled', finishedAt: iso(-1000) },
    );
    const asked: unknown[] = [];
    server.use(
      ...sessionHandlers('operator'),
      bffHandler(jobEndpoint, () => current),
      bffHandler(jobItemsEndpoint, () => ({
        kind: 'trigger-switch' as const,
        items: switchItems(['done', 'cancelled', 'cancelled', 'cancelled']),
      })),
      bffHandler(resumeJobEndpoint, async ({ request, params }) => {
        asked.push({ id: params.id, body: (await request.json()) as unknown });
        current = job(SWITCH, { done: 1, pending: 3 }, { status: 'running', finishedAt: null });
        return current;
      }),
    );
    const { user } = renderApp(`/cn-north-4/jobs/${ID}`);
    expect(
      await screen.findByRole('heading', {
        level: 1,
        name: 'Disable the triggers of payments/gateway',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Change of triggers: disable the triggers named deploy-prod, deploy-stage. In 1 repository.',
      ),
    ).toBeInTheDocument();
    const table = await screen.findByRole('table', { name: 'Items of the job' });
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent(
      'payments/gatewaydeploy-0gateway in apps, cluster c-prod',
    );
    expect(within(table).getAllByRole('row')[2]).toHaveTextContent(
      'deploy-1gateway in CCI namespace apps',
    );

    await user.click(screen.getByRole('button', { name: 'Resume job' }));
    const dialog = screen.getByRole('dialog', { name: 'Resume this job?' });
    expect(dialog).toHaveTextContent('The job goes on with the 3 items it had not started');
    await user.click(within(dialog).getByRole('button', { name: 'Resume: 3 items' }));
    await waitFor(() => {
      expect(screen.queryByRole('dialog')).toBeNull();
    });
    expect(asked).toEqual([{ id: ID, body: { confirm: { count: 3 } } }]);
    expect(await screen.findByText('Running', { selector: 'span' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Resume job' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Cancel job' })).toBeInTheDocument();
  }, 20_000);

  it('reads the job and its items again when a resume is refused, and confirms the new count', async () => {
    let current = job(SWITCH, { cancelled: 3 }, { status: 'cancelled' });
    const asked: unknown[] = [];
    let itemReads = 0;
    server.use(
      ...sessionHandlers('operator'),
      bffHandler(jobEndpoint, () => current),
      bffHandler(jobItemsEndpoint, () => {
        itemReads += 1;
        return { kind: 'trigger-switch' as const, items: switchItems(['cancelled']) };
      }),
      bffHandler(resumeJobEndpoint, async ({ request }) => {
        asked.push(await request.json());
        if (asked.length === 1) {
          // Someone else resumed one of them in the meantime.
          current = job(SWITCH, { done: 1, cancelled: 2 }, { status: 'cancelled' });
          return bffError(409, 'preview_changed');
        }
        current = job(SWITCH, { done: 1, pending: 2 }, { status: 'running', finishedAt: null });
        return current;
      }),
    );
    const { user } = renderApp(`/cn-north-4/jobs/${ID}`);
    await user.click(await screen.findByRole('button', { name: 'Resume job' }));
    await waitFor(() => {
      expect(itemReads).toBe(1);
    });
    const dialog = screen.getByRole('dialog', { name: 'Resume this job?' });
    await user.click(within(dialog).getByRole('button', { name: 'Resume: 3 items' }));
    expect(await within(dialog).findByText('The job could not be resumed.')).toBeInTheDocument();
    // Read again whatever the outcome: the count to confirm is the job's new one.
    expect(
      await within(dialog).findByRole('button', { name: 'Resume: 2 items' }),
    ).toBeInTheDocument();
    await waitFor(() => {
      expect(itemReads).toBeGreaterThan(1);
    });
    await user.click(within(dialog).getByRole('button', { name: 'Resume: 2 items' }));
    await waitFor(() => {
      expect(screen.queryByRole('dialog')).toBeNull();
    });
    expect(asked).toEqual([{ confirm: { count: 3 } }, { confirm: { count: 2 } }]);
  }, 20_000);

  it('shows a viewer Resume disabled, saying the role it needs', async () => {
    const cancelled = job(SWITCH, { cancelled: 2 }, { status: 'cancelled', owner: 'Test viewer' });
    server.use(
      ...sessionHandlers('viewer'),
      bffHandler(jobEndpoint, () => cancelled),
      bffHandler(jobItemsEndpoint, () => ({
        kind: 'trigger-switch' as const,
        items: switchItems(['cancelled', 'cancelled']),
      })),
    );
    renderApp(`/cn-north-4/jobs/${ID}`);
    const button = await screen.findByRole('button', { name: 'Resume job' });
    expect(button).toBeDisabled();
    expect(button).toHaveAccessibleDescription(/Operator role/);
  }, 20_000);

  it('offers no resume when a cancelled job has nothing left', async () => {
    const cancelled = job(SWITCH, { done: 1, failed: 1 }, { status: 'cancelled' });
    server.use(
      ...sessionHandlers('operator'),
      bffHandler(jobEndpoint, () => cancelled),
      bffHandler(jobItemsEndpoint, () => ({
        kind: 'trigger-switch' as const,
        items: switchItems(['done', 'failed']),
      })),
    );
    renderApp(`/cn-north-4/jobs/${ID}`);
    expect(await screen.findByRole('button', { name: 'Retry 1 failed item' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Resume job' })).toBeNull();
  }, 20_000);
});
