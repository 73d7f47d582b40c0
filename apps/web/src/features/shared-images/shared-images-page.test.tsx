/** The Shared images page against a fake BFF typed from the contract. */
import type { RepositorySummary } from '@swr-dashboard/swr-client/browser';
import { screen, waitFor, within } from '@testing-library/react';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { bffError, sessionHandlers, swr } from '../../../test/handlers';
import { renderApp } from '../../../test/render';
import { server } from '../../../test/server';

function image(
  namespace: string,
  name: string,
  overrides: Partial<RepositorySummary> = {},
): RepositorySummary {
  return {
    name,
    namespace,
    category: 'other',
    description: '',
    size: 73_400_320,
    is_public: false,
    num_images: 4,
    num_download: 0,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    path: `swr.cn-north-4.myhuaweicloud.com/${namespace}/${name}`,
    internal_path: '',
    domain_name: 'demo-ops',
    tags: [],
    status: false,
    total_range: 0,
    ...overrides,
  };
}

const WITH_ME = [
  image('partner-shared', 'sdk-builder', { domain_name: 'partner-corp', status: true }),
  image('partner-shared', 'old-tool', { domain_name: 'partner-corp', status: false }),
];
const BY_ME = [image('payments', 'payment-gateway'), image('platform', 'base/alpine')];

/** Answers like SWR: the center picks the list; every query is recorded. */
function handlers(queries: URLSearchParams[] = [], total?: number) {
  return [
    swr('listSharedReposDetails', ({ request }) => {
      const filter = new URL(request.url).searchParams.get('filter') ?? '';
      const query = new URLSearchParams(
        filter.split('|').map((part) => part.split('::') as [string, string]),
      );
      queries.push(query);
      const items = query.get('center') === 'self' ? BY_ME : WITH_ME;
      const count = total ?? items.length;
      return { body: items, headers: { 'Content-Range': `0-${items.length}/${count}` } };
    }),
  ];
}

async function openPage(url = '/cn-north-4/shared') {
  const view = renderApp(url);
  await screen.findByRole('heading', { name: 'Shared images' }, { timeout: 5000 });
  return view;
}

describe('Shared images page', { timeout: 20_000 }, () => {
  it('shows images shared with this account, with owner and validity', async () => {
    const queries: URLSearchParams[] = [];
    server.use(...handlers(queries));
    await openPage();
    const table = await screen.findByRole('table', { name: 'Images shared with this account' });
    const row = (name: string) =>
      within(table).getByText(name, { exact: true }).closest('tr') as HTMLElement;
    expect(within(row('sdk-builder')).getByText('partner-corp')).toBeInTheDocument();
    expect(within(row('sdk-builder')).getByText('Valid')).toBeInTheDocument();
    expect(within(row('old-tool')).getByText('Expired')).toBeInTheDocument();
    expect(
      within(row('sdk-builder')).getByRole('button', {
        name: 'Copy the image address of partner-shared/sdk-builder',
      }),
    ).toBeInTheDocument();
    expect(Object.fromEntries(queries[0] ?? [])).toEqual({
      center: 'thirdparty',
      limit: '20',
      offset: '0',
      order_column: 'updated_at',
      order_type: 'desc',
    });
  });

  it('switches to images shared by me, filters, sorts and pages in the URL, and links to Sharing', async () => {
    const queries: URLSearchParams[] = [];
    server.use(...handlers(queries, 45));
    const { user, location } = await openPage();
    await user.click(await screen.findByRole('button', { name: 'Shared by me' }));
    const table = await screen.findByRole('table', {
      name: 'Images this account shares with others',
    });
    expect(location().search).toBe('?view=by-me');
    expect(within(table).getByRole('link', { name: 'payment-gateway' })).toHaveAttribute(
      'href',
      '/cn-north-4/repositories/payments/payment-gateway/sharing',
    );
    expect(
      within(table).getByRole('link', { name: 'Manage the sharing of platform/base/alpine' }),
    ).toHaveAttribute('href', '/cn-north-4/repositories/platform/base$alpine/sharing');
    expect(within(table).queryByRole('columnheader', { name: /Owner account/ })).toBeNull();

    await user.type(screen.getByRole('searchbox', { name: 'Organization' }), 'pay');
    await waitFor(() => {
      expect(location().search).toBe('?view=by-me&namespace=pay');
    });
    // The page has rendered with the filter once it asked SWR for it.
    await waitFor(() => {
      expect(queries.at(-1)?.get('namespace')).toBe('pay');
    });
    await user.click(within(table).getByRole('button', { name: /Image/ }));
    await waitFor(() => {
      expect(location().search).toBe('?view=by-me&namespace=pay&sort=name&dir=desc');
    });
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() => {
      expect(location().search).toContain('offset=20');
    });
    await waitFor(() => {
      expect(Object.fromEntries(queries.at(-1) ?? [])).toEqual({
        center: 'self',
        namespace: 'pay',
        limit: '20',
        offset: '20',
        order_column: 'name',
        order_type: 'desc',
      });
    });
  });

  it('sends what was typed as soon as the field is left, before the next click acts', async () => {
    const queries: URLSearchParams[] = [];
    server.use(...handlers(queries));
    const { user, location } = await openPage();
    await screen.findByRole('table', { name: 'Images shared with this account' });
    await user.type(screen.getByRole('searchbox', { name: 'Image name' }), 'sdk');
    expect(location().search).toBe('');
    // Leaving the field sends at once; no pause is waited for.
    await user.tab();
    expect(location().search).toBe('?name=sdk');
  });

  it('explains a filter SWR cannot take instead of sending it', async () => {
    const queries: URLSearchParams[] = [];
    server.use(...handlers(queries));
    const { user } = await openPage('/cn-north-4/shared?name=sdk');
    await screen.findByRole('table', { name: 'Images shared with this account' });
    const name = screen.getByRole('searchbox', { name: 'Image name' });
    expect(name).toHaveValue('sdk');
    await user.type(name, '|x');
    expect(name).toHaveAccessibleDescription('A filter cannot contain “|”.');
    expect(queries.every((query) => query.get('name') === 'sdk')).toBe(true);
  });

  it('tells a user limited to some organizations that images are hidden, not that nothing is shared', async () => {
    server.use(
      ...sessionHandlers('operator', { namespaces: ['payments*'] }),
      swr('listSharedReposDetails', () => ({
        body: [],
        headers: { 'Content-Range': '0-0/0', 'X-Scope-Hidden': '3' },
      })),
    );
    await openPage();
    expect(await screen.findByRole('note')).toHaveTextContent(
      '3 images here are hidden: your access is limited to organizations matching payments*.',
    );
  });

  it('says what failed and retries', async () => {
    let calls = 0;
    server.use(
      http.get('/api/swr/:region/v2/manage/shared-repositories', () => {
        calls += 1;
        return calls === 1
          ? bffError(503, 'upstream_unavailable')
          : Response.json([], { headers: { 'Content-Range': '0-0/0' } });
      }),
    );
    const { user } = await openPage();
    expect(
      await screen.findByText('The images shared with this account could not be loaded.'),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByText('No account shares an image with this account in this region.'),
    ).toBeInTheDocument();
  });

  it('is readable by a viewer, whose links lead to the Sharing tab where changes are disabled', async () => {
    server.use(...sessionHandlers('viewer'), ...handlers());
    await openPage('/cn-north-4/shared?view=by-me');
    const table = await screen.findByRole('table', {
      name: 'Images this account shares with others',
    });
    expect(within(table).getAllByRole('link', { name: /Manage the sharing of/ })).toHaveLength(2);
  });
});
