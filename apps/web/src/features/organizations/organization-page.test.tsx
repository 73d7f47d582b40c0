/** An organization's page: details, its repositories, its permissions; against a fake BFF. */
import { parseFilter } from '@swr-dashboard/swr-client/browser';
import { configure, screen, waitFor, within } from '@testing-library/react';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { bffError, directoryUnavailable, sessionHandlers, swr } from '../../../test/handlers';
import { renderApp } from '../../../test/render';
import { server } from '../../../test/server';

// Pages load their code on demand; a busy machine may need more than a second for the first look.
configure({ asyncUtilTimeout: 5000 });

const self = { user_id: '8bd54d67afb0b0b11e33ea0167ed599a', user_name: 'swr-console', auth: 7 };

function repo(namespace: string, name: string) {
  return {
    name,
    namespace,
    category: 'database',
    description: 'A database',
    size: 1024,
    is_public: true,
    num_images: 2,
    num_download: 0,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    path: '',
    internal_path: '',
    domain_name: 'demo',
    tags: [],
    status: false,
    total_range: 3,
  };
}

function handlers(filters: Map<string, string>[] = []) {
  return [
    swr('showNamespace', () => ({
      body: { id: 1, name: 'payments', creator_name: 'ops-lead', auth: 7 },
    })),
    swr('listReposDetails', ({ request }) => {
      const parsed = parseFilter(new URL(request.url).searchParams.get('filter') ?? '');
      if (parsed.ok) filters.push(parsed.entries);
      // SWR matches the organization by substring: payments-legacy comes along.
      return {
        body: [
          repo('payments', 'gateway'),
          repo('payments-legacy', 'old'),
          repo('payments', 'ledger'),
        ],
        headers: { 'Content-Range': '0-3/3' },
      };
    }),
    swr('showNamespaceAuth', () => ({
      body: {
        id: 1,
        name: 'payments',
        creator_name: 'ops-lead',
        self_auth: self,
        others_auths: [
          { user_id: '8fa530c0dc69085d7a12ca21cbbad590', user_name: 'alice-dev', auth: 3 },
          { user_id: '2da17daf81f4eaf9d289a44053bb3b04', user_name: 'carol-sec', auth: 1 },
        ],
      },
    })),
  ];
}

// Whole flows through the real app; generous when the machine is busy.
describe('Organization page', { timeout: 20_000 }, () => {
  it('shows the organization and only its repositories, without an organization filter', async () => {
    const filters: Map<string, string>[] = [];
    server.use(...handlers(filters));
    renderApp('/cn-north-4/organizations/payments');
    expect(await screen.findByRole('heading', { level: 1, name: 'payments' })).toBeVisible();
    expect(screen.getByText('ops-lead')).toBeInTheDocument();
    const table = await screen.findByRole('table', { name: 'Repositories of payments' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(within(table).queryByRole('link', { name: 'old' })).toBeNull();
    expect(screen.getByText(/only contains “payments” is not shown/)).toBeInTheDocument();
    expect(screen.queryByRole('combobox', { name: 'Organization' })).toBeNull();
    expect(filters.at(-1)?.get('namespace')).toBe('payments');
    expect(screen.getByRole('link', { name: 'Repositories', current: 'page' })).toBeVisible();
  });

  it('opens the permissions tab from the URL and manages grants at organization level', async () => {
    let granted: unknown;
    let changed: unknown;
    let removed: unknown;
    server.use(
      ...handlers(),
      // The console cannot list IAM users here: the user id is typed.
      ...directoryUnavailable(),
      swr('createNamespaceAuth', async ({ request }) => {
        granted = await request.json();
        return {};
      }),
      swr('updateNamespaceAuth', async ({ request }) => {
        changed = await request.json();
        return {};
      }),
      swr('deleteNamespaceAuth', async ({ request }) => {
        removed = await request.json();
        return {};
      }),
    );
    const { user, location } = renderApp('/cn-north-4/organizations/payments');
    await user.click(await screen.findByRole('link', { name: 'Permissions' }));
    expect(location().search).toBe('?tab=permissions');
    const table = await screen.findByRole('table', {
      name: 'IAM users with a permission on payments',
    });
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(screen.getByText(/applies to all its repositories/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Add permission' }));
    const add = await screen.findByRole('dialog', { name: 'Add a permission on payments' });
    await user.type(
      within(add).getByRole('textbox', { name: 'User ID' }),
      'e80ce819d398ee365494554356c18c58',
    );
    await user.type(within(add).getByRole('textbox', { name: 'User name' }), 'bob-ops');
    await user.click(within(add).getByRole('radio', { name: 'Edit' }));
    await user.click(within(add).getByRole('button', { name: 'Add permission' }));
    await waitFor(() => {
      expect(granted).toEqual([
        { user_id: 'e80ce819d398ee365494554356c18c58', user_name: 'bob-ops', auth: 3 },
      ]);
    });

    await user.click(screen.getByRole('button', { name: 'Change the permission of carol-sec' }));
    const change = await screen.findByRole('dialog', {
      name: 'Change the permission of carol-sec',
    });
    await user.click(within(change).getByRole('radio', { name: 'Manage' }));
    await user.click(within(change).getByRole('button', { name: 'Save' }));
    await waitFor(() => {
      expect(changed).toEqual([
        { user_id: '2da17daf81f4eaf9d289a44053bb3b04', user_name: 'carol-sec', auth: 7 },
      ]);
    });

    await user.click(screen.getByRole('button', { name: 'Remove the permission of alice-dev' }));
    const confirm = await screen.findByRole('dialog', {
      name: 'Remove the permission of alice-dev?',
    });
    expect(confirm).toHaveTextContent('on all its repositories');
    await user.click(within(confirm).getByRole('button', { name: 'Remove permission' }));
    await waitFor(() => {
      expect(removed).toEqual(['8fa530c0dc69085d7a12ca21cbbad590']);
    });
  });

  it('lets a viewer see the repositories and permissions but change nothing', async () => {
    server.use(...sessionHandlers('viewer'), ...handlers());
    renderApp('/cn-north-4/organizations/payments?tab=permissions');
    const add = await screen.findByRole('button', { name: 'Add permission' });
    expect(add).toBeDisabled();
    expect(add).toHaveAccessibleDescription('Needs the Admin role (you are Viewer).');
    expect(
      await screen.findByRole('button', { name: 'Remove the permission of alice-dev' }),
    ).toBeDisabled();
  });

  it('says when the organization does not exist, with a way back and no pointless retry', async () => {
    server.use(
      http.get('/api/swr/:region/v2/manage/namespaces/:namespace', () =>
        bffError(404, 'upstream_rejected', {
          upstream: { status: 404, code: 'SVCSTG.SWR.4040058', requestId: 'up-3' },
        }),
      ),
    );
    renderApp('/cn-north-4/organizations/gone');
    expect(await screen.findByText('The organization gone could not be loaded.')).toBeVisible();
    expect(screen.getByText('The organization does not exist.')).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Retry' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to the list of organizations' })).toHaveAttribute(
      'href',
      '/cn-north-4/organizations',
    );
  });
});
