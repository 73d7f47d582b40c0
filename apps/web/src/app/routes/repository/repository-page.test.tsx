/**
 * A repository's page loads its parts together: the Tags tab's first page is asked for beside the
 * repository's details (and shown without waiting for them), with the URL's page, order and
 * filter; links to a repository or to a tab start loading it on intent.
 */
import type { RepositorySummary, TagDetail } from '@swr-dashboard/swr-client/browser';
import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { bffError, repositoryDetail, swr, swrPath, tagDetail } from '../../../../test/handlers';
import { renderApp } from '../../../../test/render';
import { server } from '../../../../test/server';
import { createQueryClient } from '../../providers';
import { prefetchRepositoryTabAt } from './prefetch';

// Pages and tabs load their code on demand; a busy machine may need a while for the first look.
configure({ asyncUtilTimeout: 5000 });

const REGION = 'cn-north-4';
const TAGS = `/${REGION}/repositories/payments/payment-gateway/tags`;
const CAPTION = 'Tags of payments/payment-gateway';
const FIRST_PAGE = { limit: '20', offset: '0', order_column: 'updated_at', order_type: 'desc' };

function tag(name: string, index: number): TagDetail {
  return tagDetail({ namespace: 'payments', name: 'payment-gateway', id: 1 }, name, index);
}

type Operation = 'showRepository' | 'listRepositoryTags';

/** Every request to the repository, in the order it reached the fake BFF. */
type Seen = { operation: Operation; query: URLSearchParams }[];

/**
 * The repository's details (once `detailsAnswer` resolves, if given) and its 120 tags `v1.000` …
 * `v1.119`, newest last pushed first, filtered and paged like SWR; every request recorded.
 */
function repositoryHandlers(seen: Seen, detailsAnswer?: Promise<void>) {
  const tags = Array.from({ length: 120 }, (_, index) =>
    tag(`v1.${String(index).padStart(3, '0')}`, index),
  );
  return [
    swr('showRepository', async ({ request }) => {
      seen.push({ operation: 'showRepository', query: new URL(request.url).searchParams });
      await detailsAnswer;
      return { body: repositoryDetail() };
    }),
    swr('listRepositoryTags', ({ request }) => {
      const query = new URL(request.url).searchParams;
      seen.push({ operation: 'listRepositoryTags', query });
      const filter = query.get('tag') ?? '';
      const offset = Number(query.get('offset') ?? 0);
      const limit = Number(query.get('limit') ?? 100);
      const matching = tags.filter((item) => item.Tag.includes(filter)).reverse();
      const page = matching.slice(offset, offset + limit);
      return {
        body: page,
        headers: { 'Content-Range': `${offset}-${page.length}/${matching.length}` },
      };
    }),
  ];
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

const lists = (seen: Seen) => seen.filter((request) => request.operation === 'listRepositoryTags');
const operations = (seen: Seen) => seen.map((request) => request.operation).sort();

describe('Repository page', { timeout: 30_000 }, () => {
  it('asks for the tags beside the details and shows them before the details answer', async () => {
    const seen: Seen = [];
    const details = deferred();
    server.use(...repositoryHandlers(seen, details.promise));
    renderApp(TAGS);

    const table = await screen.findByRole('table', { name: CAPTION });
    expect(within(table).getAllByRole('row')).toHaveLength(21);
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent('v1.119');
    // The details were asked for, and have not answered: their summary is still loading.
    expect(seen.filter((request) => request.operation === 'showRepository')).toHaveLength(1);
    expect(screen.getAllByRole('status').map((status) => status.textContent)).toContain('Loading…');
    expect(screen.queryByText('Private')).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('payments/payment-gateway');

    details.resolve();
    expect(await screen.findByText('Private')).toBeInTheDocument();
    expect(
      screen.getByText('swr.cn-north-4.myhuaweicloud.com/payments/payment-gateway'),
    ).toBeInTheDocument();
    expect(within(table).getAllByRole('row')).toHaveLength(21);
  });

  it('asks from the start for the page, order and filter the URL names', async () => {
    const seen: Seen = [];
    server.use(...repositoryHandlers(seen));
    renderApp(`${TAGS}?sort=tag&order=asc&limit=50&offset=50&q=v1.`);
    const table = await screen.findByRole('table', { name: `${CAPTION} matching “v1.”` });
    expect(within(table).getAllByRole('row')[1]).toHaveAttribute('aria-rowindex', '52');
    expect(lists(seen).length).toBeGreaterThan(0);
    // No request for the default page went out first: every one is the URL's.
    for (const request of lists(seen)) {
      expect(Object.fromEntries(request.query)).toEqual({
        limit: '50',
        offset: '50',
        order_column: 'tag',
        order_type: 'asc',
        tag: 'v1.',
      });
    }
  });

  it('shows why the repository failed instead of its tabs, and retries', async () => {
    const seen: Seen = [];
    let failing = true;
    server.use(
      // Until `failing` ends, the details fail; then the handlers below answer.
      http.get(swrPath('showRepository'), () =>
        failing ? bffError(503, 'upstream_unavailable') : undefined,
      ),
      ...repositoryHandlers(seen),
    );
    const { user } = renderApp(TAGS);
    expect(await screen.findByText('The repository could not be loaded.')).toBeInTheDocument();
    expect(screen.getByText("The region's SWR cannot be reached right now.")).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();

    failing = false;
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('Private')).toBeInTheDocument();
    expect(await screen.findByRole('table', { name: CAPTION })).toBeInTheDocument();
  });

  it('says a repository that does not exist, with no Retry and no tabs', async () => {
    const seen: Seen = [];
    server.use(
      http.get(swrPath('showRepository'), () =>
        bffError(404, 'upstream_rejected', {
          upstream: { status: 404, code: 'SVCSTG.SWR.4040010', requestId: 'up-1' },
        }),
      ),
      ...repositoryHandlers(seen),
    );
    renderApp(TAGS);
    expect(await screen.findByText('The repository does not exist.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Retry' })).not.toBeInTheDocument();
    expect(
      screen.queryByRole('navigation', { name: 'Repository sections' }),
    ).not.toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to the list of repositories' })).toHaveAttribute(
      'href',
      `/${REGION}/repositories`,
    );
  });

  it("says a repository outside the user's organizations is refused, with no Retry and no tabs", async () => {
    server.use(
      http.get(swrPath('showRepository'), () =>
        bffError(403, 'forbidden', {
          message: 'Your access is limited to organizations matching payments*.',
        }),
      ),
      ...repositoryHandlers([]),
    );
    renderApp(TAGS);
    expect(
      await screen.findByText(/Your access is limited to organizations matching payments\*\./),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Retry' })).not.toBeInTheDocument();
    expect(
      screen.queryByRole('navigation', { name: 'Repository sections' }),
    ).not.toBeInTheDocument();
  });

  it('keeps the page and the focused tab link while the next tab loads', async () => {
    const self = { user_id: '8bd54d67afb0b0b11e33ea0167ed599a', user_name: 'swr-console', auth: 7 };
    server.use(
      ...repositoryHandlers([]),
      swr('showUserRepositoryAuth', () => ({
        body: {
          id: 1,
          name: 'payments/payment-gateway',
          self_auth: self,
          others_auths: [
            self,
            { user_id: '2da17daf81f4eaf9d289a44053bb3b04', user_name: 'carol-sec', auth: 3 },
          ],
        },
      })),
    );
    renderApp(TAGS);
    await screen.findByRole('table', { name: CAPTION });
    const heading = screen.getByRole('heading', { level: 1 });
    const tabs = screen.getByRole('navigation', { name: 'Repository sections' });
    const link = within(tabs).getByRole('link', { name: 'Permissions' });

    // Focus starts loading the tab; its code cannot be there yet when the link is followed.
    link.focus();
    fireEvent.click(link);
    expect(link).toBeInTheDocument();
    expect(link).toHaveFocus();
    expect(heading).toBeInTheDocument();
    expect(await screen.findByRole('table', { name: /IAM users with a permission/ })).toBeVisible();
    expect(link).toHaveAttribute('aria-current', 'page');
  });

  it('starts loading a tab when the pointer rests on its link', async () => {
    const seen: Seen = [];
    server.use(...repositoryHandlers(seen));
    const { user } = renderApp(`${TAGS}?q=v1.11`);
    await screen.findByRole('table', { name: `${CAPTION} matching “v1.11”` });
    const before = lists(seen).length;
    expect(lists(seen).every((request) => request.query.get('tag') === 'v1.11')).toBe(true);

    // The Tags link leads to the first, unfiltered page: resting on it asks for that page.
    const tabs = screen.getByRole('navigation', { name: 'Repository sections' });
    await user.hover(within(tabs).getByRole('link', { name: 'Tags' }));
    await waitFor(() => {
      expect(lists(seen).length).toBeGreaterThan(before);
    });
    expect(Object.fromEntries(lists(seen).at(-1)?.query ?? [])).toEqual(FIRST_PAGE);
  });
});

describe('Repository links', { timeout: 30_000 }, () => {
  const summary = (name: string): RepositorySummary => ({
    name,
    namespace: 'payments',
    category: 'app_server',
    description: '',
    size: 2048,
    is_public: false,
    num_images: 120,
    num_download: 0,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    path: `swr.cn-north-4.myhuaweicloud.com/payments/${name}`,
    internal_path: '',
    domain_name: 'demo',
    tags: [],
    status: false,
    total_range: 2,
  });
  const listHandlers = [
    swr('listNamespaces', () => ({
      body: { namespaces: [{ id: 1, name: 'payments', creator_name: 'ops', auth: 7 }] },
    })),
    swr('listReposDetails', () => ({
      body: [summary('payment-gateway'), summary('ledger')],
      headers: { 'Content-Range': '0-2/2' },
    })),
  ];

  it('start loading a repository from the list when the pointer rests on it or it gets focus', async () => {
    const seen: Seen = [];
    server.use(...listHandlers, ...repositoryHandlers(seen));
    const { user, location } = renderApp(`/${REGION}/repositories`);
    const link = await screen.findByRole('link', { name: 'payment-gateway' });
    expect(seen).toEqual([]);

    await user.hover(link);
    await waitFor(() => {
      expect(operations(seen)).toEqual(['listRepositoryTags', 'showRepository']);
    });
    // The first page of tags, as the tab asks for it.
    expect(Object.fromEntries(lists(seen)[0]?.query ?? [])).toEqual(FIRST_PAGE);
    await user.click(link);
    expect(location().pathname).toBe(TAGS);
    expect(await screen.findByRole('table', { name: CAPTION })).toBeInTheDocument();

    // From the keyboard: focus is intent enough.
    const breadcrumb = screen.getByRole('navigation', { name: 'Breadcrumb' });
    await user.click(within(breadcrumb).getByRole('link', { name: 'Repositories' }));
    const other = await screen.findByRole('link', { name: 'ledger' });
    seen.length = 0;
    fireEvent.focus(other);
    await waitFor(() => {
      expect(operations(seen)).toEqual(['listRepositoryTags', 'showRepository']);
    });
    expect(lists(seen)[0]?.query.get('offset')).toBe('0');
  });
});

describe('Loading a repository tab from its address', { timeout: 30_000 }, () => {
  it('starts the details and the page of tags the address names, and nothing elsewhere', async () => {
    const seen: { operation: Operation; repository: string; query: URLSearchParams }[] = [];
    server.use(
      swr('showRepository', ({ request, params }) => {
        seen.push({
          operation: 'showRepository',
          repository: params.repository ?? '',
          query: new URL(request.url).searchParams,
        });
        return { body: repositoryDetail() };
      }),
      swr('listRepositoryTags', ({ request, params }) => {
        seen.push({
          operation: 'listRepositoryTags',
          repository: params.repository ?? '',
          query: new URL(request.url).searchParams,
        });
        return { body: [], headers: { 'Content-Range': '0-0/0' } };
      }),
    );
    const client = createQueryClient({ retry: false, staleTime: 0 });

    for (const pathname of [
      `/${REGION}/overview`,
      `/${REGION}/repositories`,
      `/${REGION}/repositories/payments/ci$runner`,
      `/${REGION}/repositories/payments/ci$runner/nonsense`,
    ]) {
      prefetchRepositoryTabAt(client, { pathname, search: '' });
    }
    prefetchRepositoryTabAt(client, {
      pathname: `/${REGION}/repositories/payments/ci$runner/tags`,
      search: '?q=v2&sort=tag',
    });
    await waitFor(() => {
      expect(seen.map((request) => request.operation).sort()).toEqual([
        'listRepositoryTags',
        'showRepository',
      ]);
    });
    // The repository's `/` travels as `$` in the address and in SWR's path alike.
    expect(seen.map((request) => request.repository)).toEqual(['ci$runner', 'ci$runner']);
    expect(
      Object.fromEntries(
        seen.find((request) => request.operation === 'listRepositoryTags')?.query ?? [],
      ),
    ).toEqual({ limit: '20', offset: '0', order_column: 'tag', order_type: 'desc', tag: 'v2' });
    expect(
      client.getQueryData(['swr', REGION, 'repositories', 'detail', 'payments', 'ci/runner']),
    ).toEqual(repositoryDetail());
  });
});
