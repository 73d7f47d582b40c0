/** The Repositories page against a fake BFF typed from the contract. */
import { parseFilter, type RepositorySummary } from '@swr-dashboard/swr-client/browser';
import { configure, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { bffError, sessionHandlers, swr } from '../../../test/handlers';
import { renderApp } from '../../../test/render';
import { server } from '../../../test/server';

// Pages load their code on demand; a busy machine may need more than a second for the first look.
configure({ asyncUtilTimeout: 5000 });

const namespaces = [
  { id: 1, name: 'payments', creator_name: 'ops', auth: 7 },
  { id: 2, name: 'platform', creator_name: 'ops', auth: 7 },
];

function repo(namespace: string, name: string, extra: Partial<RepositorySummary> = {}) {
  return {
    name,
    namespace,
    category: 'app_server',
    description: '',
    size: 2048,
    is_public: false,
    num_images: 3,
    num_download: 0,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    path: `swr.cn-north-4.myhuaweicloud.com/${namespace}/${name}`,
    internal_path: '',
    domain_name: 'demo',
    tags: [],
    status: false,
    total_range: 45,
    ...extra,
  };
}

/** 45 repositories; records the filter of every list call. */
function listHandlers(calls: Map<string, string>[] = []) {
  const all = Array.from({ length: 45 }, (_, index) =>
    repo(index % 2 === 0 ? 'payments' : 'platform', `app-${String(index).padStart(2, '0')}`),
  );
  return [
    swr('listNamespaces', () => ({ body: { namespaces } })),
    swr('listReposDetails', ({ request }) => {
      const parsed = parseFilter(new URL(request.url).searchParams.get('filter') ?? '');
      const filter = parsed.ok ? parsed.entries : new Map<string, string>();
      calls.push(filter);
      const offset = Number(filter.get('offset') ?? 0);
      const limit = Number(filter.get('limit') ?? 100);
      const page = all.slice(offset, offset + limit);
      return {
        body: page,
        headers: { 'Content-Range': `${offset}-${page.length}/${all.length}` },
      };
    }),
  ];
}

// Whole flows through the real app; generous when the machine is busy.
describe('Repositories page', { timeout: 20_000 }, () => {
  it('pages on the server and keeps the page in the URL', async () => {
    const calls: Map<string, string>[] = [];
    server.use(...listHandlers(calls));
    const { user, location } = renderApp('/cn-north-4/repositories');
    const table = await screen.findByRole('table', { name: 'Repositories' });
    expect(within(table).getAllByRole('row')).toHaveLength(21);
    expect(screen.getByText('1–20 of 45')).toBeInTheDocument();
    expect(calls.at(-1)?.get('limit')).toBe('20');
    expect(calls.at(-1)?.get('order_column')).toBe('updated_at');
    expect(calls.at(-1)?.get('order_type')).toBe('desc');

    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('21–40 of 45')).toBeInTheDocument();
    expect(location().search).toBe('?offset=20');
    expect(calls.at(-1)?.get('offset')).toBe('20');

    await user.selectOptions(screen.getByRole('combobox', { name: 'Per page' }), '50');
    expect(await screen.findByText('1–45 of 45')).toBeInTheDocument();
    expect(location().search).toBe('?limit=50');
    const link = within(screen.getByRole('table', { name: 'Repositories' })).getByRole('link', {
      name: 'app-00',
    });
    expect(link).toHaveAttribute('href', '/cn-north-4/repositories/payments/app-00/tags');
  });

  it('filters and sorts through the URL, which SWR receives', async () => {
    const calls: Map<string, string>[] = [];
    server.use(...listHandlers(calls));
    const { user, location } = renderApp('/cn-north-4/repositories?offset=20');
    await screen.findByRole('table', { name: 'Repositories' });

    await user.selectOptions(screen.getByRole('combobox', { name: 'Category' }), 'database');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Visibility' }), 'public');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Organization' }), 'payments');
    await user.type(screen.getByRole('searchbox', { name: 'Name' }), 'app');
    await waitFor(() => {
      expect(calls.at(-1)?.get('name')).toBe('app');
    });
    const params = new URLSearchParams(location().search);
    expect(Object.fromEntries(params)).toEqual({
      category: 'database',
      visibility: 'public',
      org: 'payments',
      q: 'app',
    });
    const last = calls.at(-1);
    expect(last?.get('category')).toBe('database');
    expect(last?.get('is_public')).toBe('true');
    expect(last?.get('namespace')).toBe('payments');
    expect(last?.get('offset')).toBe('0');

    await user.click(screen.getByRole('button', { name: /^Tags/ }));
    await waitFor(() => {
      expect(calls.at(-1)?.get('order_column')).toBe('tag_count');
    });
    expect(calls.at(-1)?.get('order_type')).toBe('desc');
    await user.click(screen.getByRole('button', { name: /^Tags/ }));
    await waitFor(() => {
      expect(calls.at(-1)?.get('order_type')).toBe('asc');
    });
    expect(new URLSearchParams(location().search).get('sort')).toBe('tags');
    expect(new URLSearchParams(location().search).get('dir')).toBe('asc');
    expect(screen.getByRole('columnheader', { name: /^Tags/ })).toHaveAttribute(
      'aria-sort',
      'ascending',
    );

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => {
      expect(location().search).toBe('?sort=tags&dir=asc');
    });
  });

  it('reads a linked view from the URL', async () => {
    const calls: Map<string, string>[] = [];
    server.use(...listHandlers(calls));
    renderApp(
      '/cn-north-4/repositories?org=platform&q=app&category=linux&visibility=private&sort=organization&dir=asc&offset=40&limit=20',
    );
    await screen.findByText(/of 45/);
    expect(Object.fromEntries(calls.at(-1) ?? [])).toMatchObject({
      namespace: 'platform',
      name: 'app',
      category: 'linux',
      is_public: 'false',
      order_column: 'namespace',
      order_type: 'asc',
      offset: '40',
      limit: '20',
    });
  });

  it('checks the name as it is typed and shows what only SWR knows next to it', async () => {
    let created: unknown;
    server.use(
      ...listHandlers(),
      http.post('/api/swr/:region/v2/manage/namespaces/:namespace/repos', async ({ request }) => {
        created = await request.json();
        return bffError(409, 'upstream_rejected', {
          upstream: { status: 409, code: 'SVCSTG.SWR.4090006', requestId: 'up-1' },
        });
      }),
    );
    const { user } = renderApp('/cn-north-4/repositories');
    await user.click(await screen.findByRole('button', { name: 'Create repository' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create a repository' });
    const create = within(dialog).getByRole('button', { name: 'Create' });
    await user.selectOptions(
      await within(dialog).findByRole('combobox', { name: 'Organization' }),
      'payments',
    );
    const name = within(dialog).getByRole('textbox', { name: 'Name' });
    await user.type(name, 'Team//App');
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(name).toHaveAccessibleDescription(/1–128 characters/);
    expect(create).toBeDisabled();

    await user.clear(name);
    await user.type(name, 'team/app');
    expect(name).not.toHaveAttribute('aria-invalid');
    await user.click(within(dialog).getByRole('radio', { name: 'Public' }));
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Category' }), 'lang');
    await user.type(within(dialog).getByRole('textbox', { name: 'Description' }), 'Runtime');
    await user.click(create);
    expect(await within(dialog).findByText(/already exists in the organization/)).toBeVisible();
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(name).toHaveValue('team/app');
    expect(created).toEqual({
      repository: 'team/app',
      is_public: true,
      category: 'lang',
      description: 'Runtime',
    });
  });

  it('creates a repository and offers to open it', async () => {
    let created: unknown;
    let namespace = '';
    server.use(
      ...listHandlers(),
      swr('createRepo', async ({ request, params }) => {
        created = await request.json();
        namespace = params.namespace ?? '';
        return {};
      }),
    );
    const { user } = renderApp('/cn-north-4/repositories?org=platform');
    await user.click(await screen.findByRole('button', { name: 'Create repository' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create a repository' });
    // The organization filtered on is preselected.
    await waitFor(() => {
      expect(within(dialog).getByRole('combobox', { name: 'Organization' })).toHaveValue(
        'platform',
      );
    });
    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'edge');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    const status = await screen.findByText('Repository platform/edge created.');
    expect(within(status).getByRole('link', { name: 'Open it' })).toHaveAttribute(
      'href',
      '/cn-north-4/repositories/platform/edge/tags',
    );
    expect(namespace).toBe('platform');
    expect(created).toEqual({ repository: 'edge', is_public: false, category: 'other' });
  });

  it("edits a repository's attributes", async () => {
    let patched: unknown;
    let target = '';
    server.use(
      ...listHandlers(),
      swr('updateRepo', async ({ request, params }) => {
        patched = await request.json();
        target = `${params.namespace ?? ''}/${params.repository ?? ''}`;
        return {};
      }),
    );
    const { user } = renderApp('/cn-north-4/repositories');
    await user.click(
      await screen.findByRole('button', { name: 'Edit repository payments/app-00' }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Edit payments/app-00' });
    expect(within(dialog).getByRole('radio', { name: 'Private' })).toBeChecked();
    expect(within(dialog).getByRole('combobox', { name: 'Category' })).toHaveValue('app_server');
    await user.click(within(dialog).getByRole('radio', { name: 'Public' }));
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Category' }), 'linux');
    await user.type(within(dialog).getByRole('textbox', { name: 'Description' }), 'Base image');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => {
      expect(screen.queryByRole('dialog', { name: 'Edit payments/app-00' })).toBeNull();
    });
    expect(target).toBe('payments/app-00');
    expect(patched).toEqual({ is_public: true, category: 'linux', description: 'Base image' });
  });

  it('keeps the edit when SWR refuses it, with the reason', async () => {
    server.use(
      ...listHandlers(),
      http.patch('/api/swr/:region/v2/manage/namespaces/:namespace/repos/:repository', () =>
        bffError(503, 'upstream_unavailable'),
      ),
    );
    const { user } = renderApp('/cn-north-4/repositories');
    await user.click(
      await screen.findByRole('button', { name: 'Edit repository payments/app-00' }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Edit payments/app-00' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Description' }), 'Kept');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(
      await within(dialog).findByText('The repository could not be changed.'),
    ).toBeInTheDocument();
    expect(within(dialog).getByRole('textbox', { name: 'Description' })).toHaveValue('Kept');
  });

  it('deletes a repository after its full name is typed, saying all tags go', async () => {
    let deleted = '';
    server.use(
      ...listHandlers(),
      swr('deleteRepo', ({ params }) => {
        deleted = `${params.namespace ?? ''}/${params.repository ?? ''}`;
        return {};
      }),
    );
    const { user } = renderApp('/cn-north-4/repositories');
    await user.click(
      await screen.findByRole('button', { name: 'Delete repository platform/app-01' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Delete repository platform/app-01?',
    });
    expect(dialog).toHaveTextContent('deleted with all its 3 tags');
    const confirm = within(dialog).getByRole('button', { name: 'Delete repository' });
    expect(confirm).toBeDisabled();
    await user.type(within(dialog).getByRole('textbox'), 'platform/app-01');
    await user.click(confirm);
    await waitFor(() => {
      expect(deleted).toBe('platform/app-01');
    });
  });

  it('lets a viewer read but not change anything, and says why', async () => {
    server.use(...sessionHandlers('viewer'), ...listHandlers());
    renderApp('/cn-north-4/repositories');
    const create = await screen.findByRole('button', { name: 'Create repository' });
    expect(create).toBeDisabled();
    expect(create).toHaveAccessibleDescription('Needs the Operator role (you are Viewer).');
    const edit = await screen.findByRole('button', { name: 'Edit repository payments/app-00' });
    expect(edit).toBeDisabled();
    expect(edit).toHaveAccessibleDescription('Needs the Operator role (you are Viewer).');
    const remove = screen.getByRole('button', { name: 'Delete repository payments/app-00' });
    expect(remove).toBeDisabled();
    expect(remove).toHaveAccessibleDescription('Needs the Admin role (you are Viewer).');
  });

  it('lets an operator create and edit, but only an admin delete', async () => {
    server.use(...sessionHandlers('operator'), ...listHandlers());
    renderApp('/cn-north-4/repositories');
    expect(await screen.findByRole('button', { name: 'Create repository' })).toBeEnabled();
    expect(
      await screen.findByRole('button', { name: 'Edit repository payments/app-00' }),
    ).toBeEnabled();
    const remove = screen.getByRole('button', { name: 'Delete repository payments/app-00' });
    expect(remove).toBeDisabled();
    expect(remove).toHaveAccessibleDescription('Needs the Admin role (you are Operator).');
  });

  it('shows the failure and retries', async () => {
    let calls = 0;
    server.use(
      swr('listNamespaces', () => ({ body: { namespaces } })),
      http.get('/api/swr/:region/v2/manage/repos', () => {
        calls += 1;
        return calls === 1
          ? bffError(503, 'upstream_unavailable')
          : HttpResponse.json([repo('payments', 'gateway')], {
              headers: { 'Content-Range': '0-1/1' },
            });
      }),
    );
    const { user } = renderApp('/cn-north-4/repositories');
    expect(await screen.findByText('The repositories could not be loaded.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('link', { name: 'gateway' })).toBeInTheDocument();
  });

  it('says when nothing matches and clears the filters', async () => {
    server.use(
      swr('listNamespaces', () => ({ body: { namespaces } })),
      swr('listReposDetails', () => ({ body: [], headers: { 'Content-Range': '0-0/0' } })),
    );
    const { user, location } = renderApp('/cn-north-4/repositories?q=zzz');
    expect(await screen.findByText('No repository matches these filters.')).toBeInTheDocument();
    // One in the filter bar, one in the empty state.
    const clear = screen.getAllByRole('button', { name: 'Clear filters' });
    expect(clear).toHaveLength(2);
    await user.click(clear[1] as HTMLElement);
    await waitFor(() => {
      expect(location().search).toBe('');
    });
    expect(await screen.findByText('This region has no repositories yet.')).toBeInTheDocument();
  });
});
