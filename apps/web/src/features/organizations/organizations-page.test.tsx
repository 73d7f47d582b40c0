/** The Organizations page against a fake BFF typed from the contract. */
import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { bffError, sessionHandlers, swr } from '../../../test/handlers';
import { renderApp } from '../../../test/render';
import { server } from '../../../test/server';

const namespaces = [
  { id: 1, name: 'payments', creator_name: 'ops', auth: 7 },
  { id: 2, name: 'platform', creator_name: 'ops', auth: 7 },
  { id: 3, name: 'empty-org', creator_name: 'ana', auth: 7 },
];

function repo(namespace: string, name: string) {
  return {
    name,
    namespace,
    category: 'other',
    description: '',
    size: 0,
    is_public: false,
    num_images: 0,
    num_download: 0,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    path: '',
    internal_path: '',
    domain_name: 'demo',
    tags: [],
    status: false,
    total_range: 2,
  };
}

function listHandlers() {
  return [
    swr('listNamespaces', () => ({ body: { namespaces } })),
    swr('listReposDetails', () => ({
      body: [repo('payments', 'gateway'), repo('platform', 'nginx')],
      headers: { 'Content-Range': '0-2/2' },
    })),
  ];
}

describe('Organizations page', () => {
  it('lists organizations with their repository counts and filters by the URL', async () => {
    server.use(...listHandlers());
    const { user, location } = renderApp('/cn-north-4/organizations');
    const table = await screen.findByRole('table', { name: 'Organizations' });
    expect(within(table).getAllByRole('row')).toHaveLength(4);
    await user.type(screen.getByRole('searchbox', { name: 'Filter' }), 'pay');
    await waitFor(() => {
      expect(within(table).getAllByRole('row')).toHaveLength(2);
    });
    expect(location().search).toBe('?q=pay');
  });

  it('disables delete for an organization with repositories and says why', async () => {
    server.use(...listHandlers());
    renderApp('/cn-north-4/organizations');
    const button = await screen.findByRole('button', { name: 'Delete organization payments' });
    await waitFor(() => {
      expect(button).toBeDisabled();
    });
    expect(button).toHaveAccessibleDescription(/still holds 1 repository/);
    expect(screen.getByRole('button', { name: 'Delete organization empty-org' })).toBeEnabled();
  });

  it('creates an organization, checking the name as it is typed and showing what only SWR knows', async () => {
    let created: unknown;
    server.use(
      ...listHandlers(),
      http.post('/api/swr/:region/v2/manage/namespaces', async ({ request }) => {
        created = await request.json();
        return bffError(409, 'upstream_rejected', {
          upstream: { status: 409, code: 'SVCSTG.SWR.4090060', requestId: 'up-1' },
        });
      }),
    );
    const { user } = renderApp('/cn-north-4/organizations');
    await user.click(await screen.findByRole('button', { name: 'Create organization' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create an organization' });
    const name = within(dialog).getByRole('textbox', { name: 'Name' });
    await user.type(name, 'Bad_Name');
    expect(name).toHaveAttribute('aria-invalid', 'true');
    // The error says what is wrong with this name; the rule stays as the help, said once.
    expect(name).toHaveAccessibleDescription(
      expect.stringContaining('“B” is uppercase: use lowercase letters only.'),
    );
    expect(within(dialog).getAllByText(/^1–64 characters/)).toHaveLength(1);
    await user.clear(name);
    await user.type(name, 'team-');
    expect(name).toHaveAccessibleDescription(
      expect.stringContaining('End with a letter or a digit.'),
    );
    expect(within(dialog).getByRole('button', { name: 'Create' })).toBeDisabled();
    await user.clear(name);
    await user.type(name, 'taken-name');
    expect(name).not.toHaveAttribute('aria-invalid');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(await within(dialog).findByText(/already exists/)).toBeInTheDocument();
    expect(created).toEqual({ namespace: 'taken-name' });
    expect(name).toHaveValue('taken-name');
  });

  it('says an organization was created, with a link to it, until dismissed', async () => {
    let created: unknown;
    server.use(
      ...listHandlers(),
      http.post('/api/swr/:region/v2/manage/namespaces', async ({ request }) => {
        created = await request.json();
        return HttpResponse.json({}, { status: 201 });
      }),
    );
    const { user } = renderApp('/cn-north-4/organizations');
    await user.click(await screen.findByRole('button', { name: 'Create organization' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create an organization' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'new-team');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    const notice = await screen.findByText(/Organization new-team created\./);
    expect(created).toEqual({ namespace: 'new-team' });
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Open it' })).toHaveAttribute(
      'href',
      '/cn-north-4/organizations/new-team',
    );
    await user.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(notice).not.toBeInTheDocument();
  });

  it('refreshes the list after a change whose answer was lost, to show what really happened', async () => {
    let applied = false;
    server.use(
      swr('listNamespaces', () => ({
        body: {
          namespaces: applied
            ? [...namespaces, { id: 4, name: 'lost-answer', creator_name: 'ana', auth: 7 }]
            : namespaces,
        },
      })),
      swr('listReposDetails', () => ({ body: [], headers: { 'Content-Range': '0-0/0' } })),
      http.post('/api/swr/:region/v2/manage/namespaces', () => {
        applied = true;
        return bffError(502, 'outcome_unknown');
      }),
    );
    const { user } = renderApp('/cn-north-4/organizations');
    await user.click(await screen.findByRole('button', { name: 'Create organization' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create an organization' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'lost-answer');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(await within(dialog).findByText(/may or may not have been applied/)).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: 'lost-answer' })).toBeInTheDocument();
  });

  it('deletes an empty organization after its name is typed', async () => {
    let deleted = '';
    server.use(
      ...listHandlers(),
      swr('deleteNamespaces', ({ params }) => {
        deleted = params.namespace ?? '';
        return {};
      }),
    );
    const { user } = renderApp('/cn-north-4/organizations');
    await user.click(await screen.findByRole('button', { name: 'Delete organization empty-org' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete organization empty-org?' });
    const confirm = within(dialog).getByRole('button', { name: 'Delete organization' });
    expect(confirm).toBeDisabled();
    await user.type(within(dialog).getByRole('textbox'), 'empty-org');
    await user.click(confirm);
    await waitFor(() => {
      expect(deleted).toBe('empty-org');
    });
  });

  it('lets a viewer see but not create or delete, with the reason', async () => {
    server.use(...sessionHandlers('viewer'), ...listHandlers());
    renderApp('/cn-north-4/organizations');
    const create = await screen.findByRole('button', { name: 'Create organization' });
    expect(create).toBeDisabled();
    expect(create).toHaveAccessibleDescription('Needs the Admin role (you are Viewer).');
  });

  it('shows the failure and retries', async () => {
    let calls = 0;
    server.use(
      http.get('/api/swr/:region/v2/manage/namespaces', () => {
        calls += 1;
        return calls === 1
          ? bffError(503, 'upstream_unavailable')
          : HttpResponse.json({ namespaces });
      }),
      swr('listReposDetails', () => ({ body: [], headers: { 'Content-Range': '0-0/0' } })),
    );
    const { user } = renderApp('/cn-north-4/organizations');
    expect(
      await screen.findByText("The region's SWR cannot be reached right now."),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('table', { name: 'Organizations' })).toBeInTheDocument();
  });
});
