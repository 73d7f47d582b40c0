/** The repository's Tags tab against a fake BFF typed from the contract. */
import {
  fleetEndpoint,
  imageEndpoint,
  jobsEndpoint,
  protectedTagsEndpoint,
  type FleetRepository,
  type ProtectedTagPattern,
  type ResponseOf,
  type TagDetail,
  type Trigger,
} from '@swr-dashboard/swr-client/browser';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { changeLanguage } from '../../lib/i18n';
import {
  bffError,
  bffHandler,
  sessionHandlers,
  swr,
  swrPath,
  tagDetail,
  tagDigest,
} from '../../../test/handlers';
import { fleetIndexHandler, fleetRepository, freshRegion } from '../../../test/fleet-fixtures';
import { renderApp } from '../../../test/render';
import { server } from '../../../test/server';

const REGISTRY = 'swr.cn-north-4.myhuaweicloud.com';
const URL_TAGS = '/cn-north-4/repositories/payments/gateway/tags';

const REPOSITORY = { namespace: 'payments', name: 'gateway', id: 7 };

function tag(name: string, index: number): TagDetail {
  return tagDetail(REPOSITORY, name, index, { size: 50 * 1024 * 1024 + index });
}

function repository(numImages: number): ResponseOf<'showRepository'> {
  return {
    id: 7,
    ns_id: 2,
    name: 'gateway',
    category: 'app_server',
    description: '',
    creator_id: 'u1',
    creator_name: 'ops',
    size: 0,
    is_public: false,
    num_images: numImages,
    num_download: 0,
    path: `${REGISTRY}/payments/gateway`,
    internal_path: 'internal/payments/gateway',
    created: '2026-01-01T00:00:00Z',
    updated: '2026-01-01T00:00:00Z',
    domain_id: 'demo',
  };
}

/** The fleet index: swept, building (a region never swept) or unreadable (503). */
type FleetIndex =
  { state: 'swept'; repositories: FleetRepository[] } | { state: 'building' } | { state: 'error' };

function fleetIndex(index: FleetIndex) {
  if (index.state === 'error') {
    return bffHandler(fleetEndpoint, () => bffError(503, 'upstream_unavailable'));
  }
  return fleetIndexHandler({
    ownAccounts: [],
    regions:
      index.state === 'swept'
        ? [freshRegion('cn-north-4'), freshRegion('cn-east-3')]
        : [
            freshRegion('cn-north-4'),
            { id: 'cn-east-3', status: 'never', sweptAt: null, sweeping: null, error: null },
          ],
    namespaces: [],
    repositories:
      index.state === 'swept'
        ? index.repositories
        : [fleetRepository('cn-north-4', 'payments', 'gateway')],
  });
}

/** cn-east-3's payments/gateway syncs automatically into cn-north-4's payments. */
const SYNCED_HERE: FleetIndex = {
  state: 'swept',
  repositories: [
    fleetRepository('cn-north-4', 'payments', 'gateway'),
    fleetRepository('cn-east-3', 'payments', 'gateway', {
      syncTargets: [{ region: 'cn-north-4', namespace: 'payments', override: false }],
    }),
  ],
};

/**
 * A fake SWR tag list that filters, sorts and pages like the emulator, remembers each request's
 * query, and deletes tags (or refuses the names in `failing`); the organization's protected tag
 * patterns (none unless given), and how often they were read; the fleet index (nobody syncs into
 * the repository unless given).
 */
function fakeRegistry(
  names: string[],
  options: {
    failing?: string[];
    triggers?: Trigger[];
    protected?: ProtectedTagPattern[];
    index?: FleetIndex;
  } = {},
) {
  let tags = names.map((name, index) => tag(name, index));
  const requests: URLSearchParams[] = [];
  const deleted: string[] = [];
  const patternReads: string[] = [];
  const handlers = [
    ...sessionHandlers('admin'),
    bffHandler(protectedTagsEndpoint, ({ request }) => {
      patternReads.push(new URL(request.url).searchParams.get('namespace') ?? '');
      return { patterns: options.protected ?? [] };
    }),
    swr('showRepository', () => ({ body: repository(tags.length) })),
    swr('listTriggersDetails', () => ({ body: options.triggers ?? [] })),
    fleetIndex(
      options.index ?? {
        state: 'swept',
        repositories: [fleetRepository('cn-north-4', 'payments', 'gateway')],
      },
    ),
    swr('listRepositoryTags', ({ request }) => {
      const query = new URL(request.url).searchParams;
      requests.push(query);
      const filter = query.get('tag') ?? '';
      const direction = query.get('order_type') === 'asc' ? 1 : -1;
      const byName = query.get('order_column') === 'tag';
      const matching = tags
        .filter((item) => item.Tag.includes(filter))
        .sort(
          (a, b) =>
            direction * (byName ? a.Tag.localeCompare(b.Tag) : a.updated.localeCompare(b.updated)),
        );
      const offset = Number(query.get('offset') ?? 0);
      const limit = Number(query.get('limit') ?? 100);
      const page = matching.slice(offset, offset + limit);
      return {
        body: page,
        headers: { 'Content-Range': `${offset}-${page.length}/${matching.length}` },
      };
    }),
    http.delete(swrPath('deleteRepoTag'), ({ params }) => {
      const name = String(params.tag);
      if (options.failing?.includes(name)) {
        return bffError(404, 'upstream_rejected', {
          upstream: { status: 404, code: 'SVCSTG.SWR.4040048', requestId: `up-${name}` },
        });
      }
      deleted.push(name);
      tags = tags.filter((item) => item.Tag !== name);
      return new HttpResponse(null, { status: 204 });
    }),
  ];
  return { handlers, requests, deleted, patternReads };
}

/** The tab is its own chunk: its first render may take a moment to load. */
const LOAD = { timeout: 5000 };

const manyNames = (count: number, prefix = 'build-') =>
  Array.from({ length: count }, (_, index) => `${prefix}${String(index).padStart(5, '0')}`);

describe('Tags tab', { timeout: 30_000 }, () => {
  it('counts the ages again when the list is refreshed', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    onTestFinished(() => {
      vi.useRealTimers();
    });
    // v1.0.0 was pushed at 2026-01-01T00:00Z.
    vi.setSystemTime(new Date('2026-01-01T05:00:00Z'));
    const registry = fakeRegistry(['v1.0.0']);
    server.use(...registry.handlers);
    const { user } = renderApp(URL_TAGS);
    const table = await screen.findByRole('table', { name: 'Tags of payments/gateway' }, LOAD);
    expect(within(table).getAllByText('5 hours ago').length).toBeGreaterThanOrEqual(2);

    const asked = registry.requests.length;
    vi.setSystemTime(new Date('2026-01-03T05:00:00Z'));
    await user.click(screen.getByRole('button', { name: 'Refresh' }));
    expect((await within(table).findAllByText('2 days ago')).length).toBeGreaterThanOrEqual(2);
    expect(within(table).queryByText('5 hours ago')).not.toBeInTheDocument();
    expect(registry.requests.length).toBeGreaterThan(asked);
  });

  it('pages on the server, newest first, with the page in the URL', async () => {
    const registry = fakeRegistry(manyNames(45));
    server.use(...registry.handlers);
    const { user, location } = renderApp(URL_TAGS);
    const table = await screen.findByRole('table', { name: 'Tags of payments/gateway' }, LOAD);
    expect(within(table).getAllByRole('row')).toHaveLength(21);
    // Newest first by default.
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent('build-00044');
    expect(Object.fromEntries(registry.requests.at(-1) ?? [])).toEqual({
      limit: '20',
      offset: '0',
      order_column: 'updated_at',
      order_type: 'desc',
    });
    expect(table).toHaveAttribute('aria-rowcount', '46');
    expect(screen.getByText('1–20 of 45')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() => {
      expect(within(table).getAllByRole('row')[1]).toHaveTextContent('build-00024');
    });
    expect(location().search).toBe('?offset=20');
    expect(registry.requests.at(-1)?.get('offset')).toBe('20');
    expect(within(table).getAllByRole('row')[1]).toHaveAttribute('aria-rowindex', '22');

    await user.click(screen.getByRole('button', { name: 'Last' }));
    await waitFor(() => {
      expect(within(table).getAllByRole('row')).toHaveLength(6);
    });
    expect(screen.getByText('41–45 of 45')).toBeInTheDocument();
  });

  it('offers First, Previous, Next and Last on a two-page list too, disabled where they cannot go', async () => {
    server.use(...fakeRegistry(manyNames(25)).handlers);
    const { user } = renderApp(URL_TAGS);
    const table = await screen.findByRole('table', { name: 'Tags of payments/gateway' }, LOAD);
    const pager = screen.getByRole('navigation', { name: 'Pages' });
    const button = (name: string) => within(pager).getByRole('button', { name });
    expect(button('First')).toBeDisabled();
    expect(button('Previous')).toBeDisabled();
    expect(button('Next')).toBeEnabled();
    await user.click(button('Last'));
    await waitFor(() => {
      expect(within(table).getAllByRole('row')).toHaveLength(6);
    });
    expect(button('Last')).toBeDisabled();
    await user.click(button('First'));
    await waitFor(() => {
      expect(within(table).getAllByRole('row')).toHaveLength(21);
    });
  });

  it('sorts by name or update time on the server and changes the page size, in the URL', async () => {
    const registry = fakeRegistry(manyNames(45));
    server.use(...registry.handlers);
    const { user, location } = renderApp(`${URL_TAGS}?offset=40`);
    const table = await screen.findByRole('table', { name: 'Tags of payments/gateway' }, LOAD);
    expect(within(table).getByRole('columnheader', { name: /Updated/ })).toHaveAttribute(
      'aria-sort',
      'descending',
    );
    await user.click(within(table).getByRole('button', { name: /Tag/ }));
    await waitFor(() => {
      expect(location().search).toBe('?sort=tag&order=desc');
    });
    expect(within(table).getByRole('columnheader', { name: /Tag/ })).toHaveAttribute(
      'aria-sort',
      'descending',
    );
    await user.click(within(table).getByRole('button', { name: /Tag/ }));
    await waitFor(() => {
      expect(within(table).getAllByRole('row')[1]).toHaveTextContent('build-00000');
    });
    expect(location().search).toBe('?sort=tag&order=asc');

    await user.selectOptions(screen.getByRole('combobox', { name: 'Per page' }), '50');
    await waitFor(() => {
      expect(within(table).getAllByRole('row')).toHaveLength(46);
    });
    expect(location().search).toBe('?sort=tag&order=asc&limit=50');
    expect(registry.requests.at(-1)?.get('limit')).toBe('50');
  });

  it('filters by tag text on the server, in the URL, and says when nothing matches', async () => {
    const registry = fakeRegistry(['v1.0.0', 'v1.1.0', 'v2.0.0', 'latest']);
    server.use(...registry.handlers);
    const { user, location } = renderApp(URL_TAGS);
    const table = await screen.findByRole('table', { name: 'Tags of payments/gateway' }, LOAD);
    await user.type(screen.getByRole('searchbox', { name: 'Filter tags' }), 'v1');
    await waitFor(() => {
      expect(location().search).toBe('?q=v1');
    });
    expect(
      await screen.findByRole('table', { name: 'Tags of payments/gateway matching “v1”' }),
    ).toBe(table);
    await waitFor(() => {
      expect(within(table).getAllByRole('row')).toHaveLength(3);
    });
    expect(registry.requests.at(-1)?.get('tag')).toBe('v1');

    await user.type(screen.getByRole('searchbox', { name: 'Filter tags' }), '9');
    expect(await screen.findByText('No tag matches “v19”.', {}, LOAD)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Clear the filter' }));
    await waitFor(() => {
      expect(location().search).toBe('');
    });
    expect(await screen.findByRole('table', { name: 'Tags of payments/gateway' })).toBeVisible();
    expect(screen.getByRole('searchbox', { name: 'Filter tags' })).toHaveValue('');
  });

  it('explains a filter SWR would refuse instead of sending it', async () => {
    const registry = fakeRegistry(['v1.0.0']);
    server.use(...registry.handlers);
    const { user, location } = renderApp(URL_TAGS);
    await screen.findByRole('table', { name: 'Tags of payments/gateway' }, LOAD);
    const filter = screen.getByRole('searchbox', { name: 'Filter tags' });
    await user.type(filter, 'a|b');
    expect(await screen.findByText('A filter cannot contain “|”.')).toBeInTheDocument();
    expect(filter).toHaveAttribute('aria-invalid', 'true');
    expect(location().search).toBe('');
  });

  it('copies the pull command of each client and the full digest', async () => {
    server.use(...fakeRegistry(['v1.0.0', 'v1.1.0']).handlers);
    const { user } = renderApp(URL_TAGS);
    await user.click(
      await screen.findByRole('button', { name: 'Pull commands for tag v1.0.0' }, LOAD),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Pull v1.0.0' });
    const reference = `${REGISTRY}/payments/gateway:v1.0.0`;
    expect(within(dialog).getByText(`docker pull ${reference}`)).toBeInTheDocument();
    expect(within(dialog).getByText(`nerdctl pull ${reference}`)).toBeInTheDocument();
    expect(within(dialog).getByText(`ctr image pull ${reference}`)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Copy the Podman pull command' }));
    expect(await navigator.clipboard.readText()).toBe(`podman pull ${reference}`);
    await user.click(
      within(dialog).getByRole('button', { name: 'Copy the containerd (ctr) pull command' }),
    );
    expect(await navigator.clipboard.readText()).toBe(`ctr image pull ${reference}`);
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog', { name: 'Pull v1.0.0' })).not.toBeInTheDocument();

    expect(screen.getByText('0000abababab')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Copy digest of v1.0.0' }));
    expect(await navigator.clipboard.readText()).toBe(tagDigest(0));
  });

  it('deletes one tag after a red confirmation that states the effect, then reloads', async () => {
    const registry = fakeRegistry(['v1.0.0', 'v1.1.0']);
    server.use(...registry.handlers);
    const { user } = renderApp(URL_TAGS);
    await user.click(await screen.findByRole('button', { name: 'Delete tag v1.0.0' }, LOAD));
    const dialog = await screen.findByRole('dialog', { name: 'Delete tag v1.0.0?' });
    expect(dialog).toHaveTextContent(
      `The image behind the tag v1.0.0 (digest 0000abababab, 50 MB) is deleted from SWR: pulling ${REGISTRY}/payments/gateway:v1.0.0 fails from now on.`,
    );
    await user.click(within(dialog).getByRole('button', { name: 'Delete tag' }));
    await waitFor(() => {
      expect(screen.queryByRole('dialog', { name: 'Delete tag v1.0.0?' })).not.toBeInTheDocument();
    });
    expect(registry.deleted).toEqual(['v1.0.0']);
    await waitFor(() => {
      expect(screen.queryByRole('button', { name: 'Delete tag v1.0.0' })).not.toBeInTheDocument();
    });
    expect(screen.getByRole('button', { name: 'Delete tag v1.1.0' })).toBeInTheDocument();
  });

  it('asks for an explicit acknowledgement before deleting latest', async () => {
    const registry = fakeRegistry(['v1.0.0', 'latest']);
    server.use(...registry.handlers);
    const { user } = renderApp(URL_TAGS);
    await user.click(await screen.findByRole('button', { name: 'Delete tag latest' }, LOAD));
    const dialog = await screen.findByRole('dialog', { name: 'Delete tag latest?' });
    const note = await within(dialog).findByRole('note');
    expect(note).toHaveTextContent('latest: “latest” is what a pull without a tag gets');
    const confirm = within(dialog).getByRole('button', { name: 'Delete tag' });
    expect(confirm).toBeDisabled();
    expect(confirm).toHaveAccessibleDescription('Tick the statement above to confirm.');
    await user.click(
      within(dialog).getByRole('checkbox', {
        name: 'I understand that deleting this tag can break pulls or deployments that use it.',
      }),
    );
    await user.click(confirm);
    await waitFor(() => {
      expect(registry.deleted).toEqual(['latest']);
    });
  });

  it('names the tags an enabled trigger deploys in a bulk delete, and waits for the tick', async () => {
    const deploy: Trigger = {
      action: 'update',
      app_type: 'deployments',
      application: 'gateway',
      cluster_id: 'c-prod',
      cluster_name: 'prod',
      cluster_ns: 'payments',
      condition: '^v\\d+\\.\\d+\\.\\d+$',
      container: '',
      created_at: '2026-01-01T00:00:00Z',
      creator_name: 'ops',
      enable: 'true',
      name: 'deploy-prod',
      trigger_history: [],
      trigger_mode: 'cce',
      trigger_type: 'regular',
    };
    const registry = fakeRegistry(['v1.0.0', 'build-7'], { triggers: [deploy] });
    server.use(...registry.handlers);
    const { user } = renderApp(URL_TAGS);
    await screen.findByRole('table', { name: 'Tags of payments/gateway' }, LOAD);
    for (const name of ['v1.0.0', 'build-7']) {
      await user.click(screen.getByRole('checkbox', { name: `Select tag ${name}` }));
    }
    await user.click(screen.getByRole('button', { name: 'Delete 2 tags' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete 2 tags?' });
    const note = await within(dialog).findByRole('note');
    expect(note).toHaveTextContent('1 tag here can break more than itself');
    expect(note).toHaveTextContent('v1.0.0: the enabled trigger deploy-prod deploys it');
    expect(note).not.toHaveTextContent('build-7');
    const confirm = within(dialog).getByRole('button', { name: 'Delete 2 tags' });
    expect(confirm).toBeDisabled();
    await user.click(within(dialog).getByRole('checkbox', { name: /^I understand/ }));
    await user.click(confirm);
    await screen.findByRole('dialog', { name: 'Deletion finished' });
    expect([...registry.deleted].sort()).toEqual(['build-7', 'v1.0.0']);
  });

  it('keeps a refused single delete in its dialog with SWR’s reason', async () => {
    server.use(...fakeRegistry(['v1.0.0'], { failing: ['v1.0.0'] }).handlers);
    const { user } = renderApp(URL_TAGS);
    await user.click(await screen.findByRole('button', { name: 'Delete tag v1.0.0' }, LOAD));
    const dialog = await screen.findByRole('dialog', { name: 'Delete tag v1.0.0?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete tag' }));
    expect(await within(dialog).findByText('The tag does not exist.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Delete tag v1.0.0' })).toBeInTheDocument();
  });

  it('deletes several tags, one call each, and summarises successes and failures', async () => {
    const registry = fakeRegistry(['v1.0.0', 'v1.1.0', 'v2.0.0', 'latest'], {
      failing: ['v1.1.0'],
    });
    server.use(...registry.handlers);
    const { user } = renderApp(URL_TAGS);
    await screen.findByRole('table', { name: 'Tags of payments/gateway' }, LOAD);
    const bulk = screen.getByRole('button', { name: 'Delete selected' });
    expect(bulk).toHaveAccessibleDescription('Select tags to delete them together.');
    for (const name of ['v1.0.0', 'v1.1.0', 'v2.0.0']) {
      await user.click(screen.getByRole('checkbox', { name: `Select tag ${name}` }));
    }
    expect(screen.getByText('3 tags selected')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Delete 3 tags' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete 3 tags?' });
    expect(dialog).toHaveTextContent(
      'The images behind these 3 tags are deleted from payments/gateway',
    );
    const list = within(dialog).getByRole('list', { name: 'Tags to delete' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['v1.0.0', 'v1.1.0', 'v2.0.0']);
    await user.click(within(dialog).getByRole('button', { name: 'Delete 3 tags' }));

    const summary = await screen.findByRole('dialog', { name: 'Deletion finished' });
    expect(summary).toHaveTextContent('Deleted: 2 · Failed: 1 · Not attempted: 0');
    const failed = within(summary).getByRole('list', { name: 'Failed (1)' });
    expect(failed).toHaveTextContent('v1.1.0: The tag does not exist.');
    expect(failed).toHaveTextContent('SWR code SVCSTG.SWR.4040048.');
    expect(
      within(within(summary).getByRole('list', { name: 'Deleted (2)' }))
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['v1.0.0', 'v2.0.0']);
    expect([...registry.deleted].sort()).toEqual(['v1.0.0', 'v2.0.0']);

    // The failed tag stays selected, ready for another try.
    await user.click(within(summary).getByRole('button', { name: 'Done' }));
    await waitFor(() => {
      expect(screen.queryByRole('checkbox', { name: 'Select tag v1.0.0' })).not.toBeInTheDocument();
    });
    expect(screen.getByText('1 tag selected')).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'Select tag v1.1.0' })).toBeChecked();
  });

  it('selects a whole page from the header and retries only what failed', async () => {
    const registry = fakeRegistry(['a', 'b', 'c'], { failing: ['b'] });
    server.use(...registry.handlers);
    const { user } = renderApp(URL_TAGS);
    await user.click(
      await screen.findByRole('checkbox', { name: 'Select all tags on this page' }, LOAD),
    );
    await user.click(screen.getByRole('button', { name: 'Delete 3 tags' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete 3 tags?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete 3 tags' }));
    const summary = await screen.findByRole('dialog', { name: 'Deletion finished' });
    await user.click(within(summary).getByRole('button', { name: 'Retry 1 tag' }));
    await waitFor(() => {
      expect(within(summary).getByRole('status')).toHaveTextContent(
        'Deleted: 0 · Failed: 1 · Not attempted: 0',
      );
    });
    expect(within(summary).getByRole('list', { name: 'Failed (1)' })).toHaveTextContent('b:');
  });

  it('stops a batch at the console’s rate limit and reports the rest as not attempted', async () => {
    const registry = fakeRegistry(manyNames(8, 'old-'));
    server.use(
      http.delete(swrPath('deleteRepoTag'), () =>
        bffError(429, 'rate_limited', { message: 'Too many changes; try again shortly.' }),
      ),
      ...registry.handlers,
    );
    const { user } = renderApp(URL_TAGS);
    await user.click(
      await screen.findByRole('checkbox', { name: 'Select all tags on this page' }, LOAD),
    );
    await user.click(screen.getByRole('button', { name: 'Delete 8 tags' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete 8 tags?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete 8 tags' }));
    const summary = await screen.findByRole('dialog', { name: 'Deletion finished' });
    // The calls already under way answer; no more are sent.
    expect(summary).toHaveTextContent('Deleted: 0 · Failed: 4 · Not attempted: 4');
    expect(within(summary).getByRole('list', { name: 'Failed (4)' })).toHaveTextContent(
      'Too many requests; wait a moment and try again.',
    );
    expect(summary).toHaveTextContent("the console's limit on changes per minute was reached");
    expect(within(summary).getByRole('button', { name: 'Retry 8 tags' })).toBeEnabled();
  });

  it('marks its calls as a batch, waits out a pause the BFF asks for, and then deletes the rest', async () => {
    const registry = fakeRegistry(manyNames(6, 'old-'));
    const batchHeaders: (string | null)[] = [];
    const sentAt: number[] = [];
    let pauses = 0;
    server.use(
      http.delete(swrPath('deleteRepoTag'), ({ request }) => {
        batchHeaders.push(request.headers.get('X-Console-Batch'));
        sentAt.push(Date.now());
        if (pauses > 0) return undefined;
        pauses += 1;
        // Even told to go on at once, the batch waits a second: it never hammers the BFF.
        return bffError(429, 'rate_limited', {
          reason: 'batch-reserve',
          headers: { 'Retry-After': '0' },
        });
      }),
      ...registry.handlers,
    );
    const { user } = renderApp(URL_TAGS);
    await user.click(
      await screen.findByRole('checkbox', { name: 'Select all tags on this page' }, LOAD),
    );
    await user.click(screen.getByRole('button', { name: 'Delete 6 tags' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete 6 tags?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete 6 tags' }));
    const summary = await screen.findByRole('dialog', { name: 'Deletion finished' }, LOAD);
    // The paused tag was sent again, not reported as failed.
    expect(summary).toHaveTextContent('Deleted: 6 · Failed: 0 · Not attempted: 0');
    expect([...registry.deleted].sort()).toEqual(manyNames(6, 'old-').sort());
    expect(pauses).toBe(1);
    expect(batchHeaders).toHaveLength(7);
    expect(new Set(batchHeaders)).toEqual(new Set(['1']));
    // Every call after the pause answer went out at least a second later.
    const paused = sentAt[0] ?? 0;
    const afterPause = sentAt.slice(1).filter((at) => at - paused >= 1000);
    expect(afterPause.length).toBeGreaterThanOrEqual(3);
  });

  it('says when a paused batch goes on, and a stop while paused sends nothing more', async () => {
    const registry = fakeRegistry(manyNames(6, 'old-'));
    let calls = 0;
    server.use(
      http.delete(swrPath('deleteRepoTag'), () => {
        calls += 1;
        return bffError(429, 'rate_limited', {
          reason: 'batch-reserve',
          headers: { 'Retry-After': '30' },
        });
      }),
      ...registry.handlers,
    );
    const { user } = renderApp(URL_TAGS);
    await user.click(
      await screen.findByRole('checkbox', { name: 'Select all tags on this page' }, LOAD),
    );
    await user.click(screen.getByRole('button', { name: 'Delete 6 tags' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete 6 tags?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete 6 tags' }));
    const running = await screen.findByRole('dialog', { name: 'Deleting tags' });
    await within(running).findByText(/Going on in (30|29) s\./);
    const paused = calls;
    await user.click(within(running).getByRole('button', { name: 'Stop' }));
    const summary = await screen.findByRole('dialog', { name: 'Deletion finished' });
    expect(summary).toHaveTextContent('Deleted: 0 · Failed: 0 · Not attempted: 6');
    expect(calls).toBe(paused);
    expect(registry.deleted).toEqual([]);
  });

  it('stops a batch when the page is left: nothing more is sent', async () => {
    const registry = fakeRegistry(manyNames(6, 'old-'));
    let calls = 0;
    server.use(
      http.delete(swrPath('deleteRepoTag'), () => {
        calls += 1;
        return bffError(429, 'rate_limited', {
          reason: 'batch-reserve',
          headers: { 'Retry-After': '30' },
        });
      }),
      swr('listRepoDomains', () => ({ body: [] })),
      ...registry.handlers,
    );
    const { user, location, client } = renderApp(URL_TAGS);
    await user.click(
      await screen.findByRole('checkbox', { name: 'Select all tags on this page' }, LOAD),
    );
    await user.click(screen.getByRole('button', { name: 'Delete 6 tags' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete 6 tags?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete 6 tags' }));
    const running = await screen.findByRole('dialog', { name: 'Deleting tags' });
    await within(running).findByText(/Going on in (30|29) s\./);
    expect(client.isMutating()).toBe(1);
    const paused = calls;
    // Another tab of the repository: the tags tab goes away with its batch.
    await user.click(screen.getByRole('link', { name: 'Sharing' }));
    await waitFor(() => {
      expect(location().pathname).toBe('/cn-north-4/repositories/payments/gateway/sharing');
    });
    await waitFor(() => {
      expect(screen.queryByRole('dialog', { name: 'Deleting tags' })).not.toBeInTheDocument();
    });
    // The batch ended at once, not after its 30 s pause.
    await waitFor(() => {
      expect(client.isMutating()).toBe(0);
    });
    expect(calls).toBe(paused);
    expect(registry.deleted).toEqual([]);
  });

  it('links each tag to its image page', async () => {
    server.use(
      ...fakeRegistry(['v1.0.0', 'v1.1.0']).handlers,
      bffHandler(imageEndpoint, ({ request }) => {
        const tag = new URL(request.url).searchParams.get('tag') ?? '';
        return {
          tag,
          digest: tagDigest(1),
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          platforms: [],
          image: {
            platform: null,
            digest: tagDigest(1),
            mediaType: 'application/vnd.oci.image.manifest.v1+json',
            layers: [],
            size: 0,
            config: null,
          },
          registry: 'off' as const,
          path: `${REGISTRY}/payments/gateway`,
        };
      }),
    );
    const { user, location } = renderApp(URL_TAGS);
    const table = await screen.findByRole('table', { name: 'Tags of payments/gateway' }, LOAD);
    const link = within(table).getByRole('link', { name: 'v1.1.0' });
    expect(link).toHaveAttribute('href', `${URL_TAGS}/v1.1.0`);
    await user.click(link);
    expect(
      await screen.findByRole('heading', { level: 1, name: 'payments/gateway:v1.1.0' }, LOAD),
    ).toBeInTheDocument();
    expect(location().pathname).toBe(`${URL_TAGS}/v1.1.0`);
  });

  it('compares exactly two selected tags', async () => {
    server.use(
      ...fakeRegistry(['v1.0.0', 'v1.1.0', 'v2.0.0']).handlers,
      bffHandler(imageEndpoint, () => bffError(503, 'upstream_unavailable')),
    );
    const { user, location } = renderApp(URL_TAGS);
    await screen.findByRole('table', { name: 'Tags of payments/gateway' }, LOAD);
    const compare = screen.getByRole('button', { name: 'Compare' });
    expect(compare).toBeDisabled();
    expect(compare).toHaveAccessibleDescription('Select exactly two tags to compare them.');
    for (const name of ['v2.0.0', 'v1.0.0', 'v1.1.0']) {
      await user.click(screen.getByRole('checkbox', { name: `Select tag ${name}` }));
    }
    expect(compare).toBeDisabled();
    await user.click(screen.getByRole('checkbox', { name: 'Select tag v1.1.0' }));
    expect(compare).toBeEnabled();
    await user.click(compare);
    expect(
      await screen.findByRole(
        'heading',
        { level: 1, name: 'Compare tags of payments/gateway' },
        LOAD,
      ),
    ).toBeInTheDocument();
    expect(location().pathname).toBe('/cn-north-4/repositories/payments/gateway/compare');
    // The first selected first.
    expect(Object.fromEntries(new URLSearchParams(location().search))).toEqual({
      a: 'v2.0.0',
      b: 'v1.0.0',
    });
  });

  it('lets a viewer browse and copy, but not select or delete, and says why', async () => {
    const registry = fakeRegistry(['v1.0.0']);
    server.use(...sessionHandlers('viewer'), ...registry.handlers);
    renderApp(URL_TAGS);
    const remove = await screen.findByRole('button', { name: 'Delete tag v1.0.0' }, LOAD);
    const reason = 'Needs the Operator role (you are Viewer).';
    expect(remove).toBeDisabled();
    expect(remove).toHaveAccessibleDescription(reason);
    const select = screen.getByRole('checkbox', { name: 'Select tag v1.0.0' });
    expect(select).toBeDisabled();
    expect(select).toHaveAccessibleDescription(reason);
    expect(screen.getByRole('checkbox', { name: 'Select all tags on this page' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Delete selected' })).toHaveAccessibleDescription(
      reason,
    );
    expect(screen.getByRole('button', { name: 'Pull commands for tag v1.0.0' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Copy digest of v1.0.0' })).toBeEnabled();
    // Comparing is reading: a viewer, who cannot select here, compares from a tag's image.
    expect(screen.getByRole('link', { name: 'v1.0.0' })).toHaveAttribute(
      'href',
      `${URL_TAGS}/v1.0.0`,
    );
    expect(screen.getByRole('button', { name: 'Compare' })).toHaveAccessibleDescription(
      'To compare tags, open one and choose “Compare with another tag…”.',
    );
  });

  it('opens the Jobs page’s clean-up by rule with this repository chosen', async () => {
    const registry = fakeRegistry(manyNames(45));
    server.use(
      ...sessionHandlers('operator'),
      ...registry.handlers,
      bffHandler(jobsEndpoint, () => ({ jobs: [] })),
      fleetIndexHandler({
        ownAccounts: [],
        regions: [freshRegion('cn-north-4')],
        namespaces: [],
        repositories: [fleetRepository('cn-north-4', 'payments', 'gateway')],
      }),
    );
    const { user, location } = renderApp(URL_TAGS);
    await screen.findByRole('table', { name: 'Tags of payments/gateway' }, LOAD);
    await user.click(screen.getByRole('link', { name: 'Clean up by rule…' }));
    await waitFor(() => {
      expect(location().pathname).toBe('/cn-north-4/jobs');
    });
    expect(Object.fromEntries(new URLSearchParams(location().search))).toEqual({
      new: '1',
      repository: 'payments/gateway',
    });
    const form = await screen.findByRole('region', { name: 'New tag clean-up' });
    expect(within(form).getByText('1 repository chosen')).toBeInTheDocument();
    expect(
      within(form).getByRole('button', { name: 'Remove payments/gateway' }),
    ).toBeInTheDocument();
  });

  it('offers no clean-up by rule to a viewer', async () => {
    server.use(...sessionHandlers('viewer'), ...fakeRegistry(['v1.0.0']).handlers);
    renderApp(URL_TAGS);
    await screen.findByRole('table', { name: 'Tags of payments/gateway' }, LOAD);
    expect(screen.getByRole('button', { name: 'Delete selected' })).toBeDisabled();
    expect(screen.queryByRole('link', { name: 'Clean up by rule…' })).not.toBeInTheDocument();
  });

  it('renders only the rows in view of a 1,000-tag page, each with its place in the list', async () => {
    const registry = fakeRegistry(manyNames(2500));
    server.use(...registry.handlers);
    // jsdom lays nothing out: give the scrolling region the height a browser would.
    const height = vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600);
    onTestFinished(() => {
      height.mockRestore();
    });
    renderApp(`${URL_TAGS}?limit=1000&offset=1000`);
    const table = await screen.findByRole('table', { name: 'Tags of payments/gateway' }, LOAD);
    expect(registry.requests.at(-1)?.get('limit')).toBe('1000');
    expect(table).toHaveAttribute('aria-rowcount', '2501');
    const rows = within(table).getAllByRole('row');
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.length).toBeLessThan(60);
    expect(table.querySelectorAll('tr').length).toBeLessThan(60);
    expect(rows[1]).toHaveAttribute('aria-rowindex', '1002');
    expect(
      screen.getByRole('region', { name: 'Tags of payments/gateway, scrollable' }),
    ).toHaveAttribute('tabindex', '0');
    expect(screen.getByText('1,001–2,000 of 2,500')).toBeInTheDocument();
  });

  it('renders the rows scrolled to, and a new page from its top', async () => {
    const registry = fakeRegistry(manyNames(2500));
    server.use(...registry.handlers);
    const height = vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600);
    onTestFinished(() => {
      height.mockRestore();
    });
    const { user } = renderApp(`${URL_TAGS}?limit=1000`);
    const table = await screen.findByRole('table', { name: 'Tags of payments/gateway' }, LOAD);
    const region = screen.getByRole('region', { name: 'Tags of payments/gateway, scrollable' });
    const rowIndexes = () =>
      within(table)
        .getAllByRole('row')
        .slice(1)
        .map((row) => Number(row.getAttribute('aria-rowindex')));
    expect(rowIndexes()[0]).toBe(2);

    // jsdom lays nothing out: scroll the region as a browser would, 500 rows (48 px each) down.
    let scrollTop = 500 * 48;
    Object.defineProperty(region, 'scrollTop', {
      configurable: true,
      get: () => scrollTop,
      set: (value: number) => {
        scrollTop = value;
      },
    });
    fireEvent.scroll(region);
    await waitFor(() => {
      expect(rowIndexes()).toContain(502);
    });
    expect(rowIndexes()).not.toContain(2);
    expect(rowIndexes().length).toBeLessThan(60);

    // The next page starts at its top, whatever the scroll position was.
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() => {
      expect(rowIndexes()[0]).toBe(1002);
    });
    expect(scrollTop).toBe(0);
  });

  it('shows how to push a first image when the repository has no tags', async () => {
    server.use(...fakeRegistry([]).handlers);
    const { user } = renderApp(URL_TAGS);
    expect(await screen.findByText('No tags yet', {}, LOAD)).toBeInTheDocument();
    const reference = `${REGISTRY}/payments/gateway:latest`;
    expect(screen.getByText(`docker tag my-image:latest ${reference}`)).toBeInTheDocument();
    expect(screen.getByText(`docker push ${reference}`)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Copy the docker push command' }));
    expect(await navigator.clipboard.readText()).toBe(`docker push ${reference}`);
    expect(screen.getByRole('link', { name: 'get a temporary login command.' })).toHaveAttribute(
      'href',
      '/cn-north-4/login-command',
    );
  });

  it('says the list failed and retries', async () => {
    const registry = fakeRegistry(['v1.0.0']);
    let calls = 0;
    server.use(
      http.get(swrPath('listRepositoryTags'), () => {
        calls += 1;
        return calls === 1
          ? bffError(503, 'upstream_unavailable')
          : HttpResponse.json([tag('v1.0.0', 0)], { headers: { 'Content-Range': '0-1/1' } });
      }),
      ...registry.handlers,
    );
    const { user } = renderApp(URL_TAGS);
    expect(await screen.findByText('The tags could not be loaded.', {}, LOAD)).toBeInTheDocument();
    expect(screen.getByText("The region's SWR cannot be reached right now.")).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('table', { name: 'Tags of payments/gateway' })).toBeVisible();
  });
});

const PROTECTED_LATEST =
  "Protected by the console's configuration (pattern latest): it cannot be deleted here.";

describe('Tags tab: protected tags', { timeout: 30_000 }, () => {
  it('marks a protected tag, will not delete or select it, and a whole page leaves it out', async () => {
    const registry = fakeRegistry(['v1.0.0', 'v1.1.0', 'latest'], {
      protected: [{ pattern: 'latest', scope: 'all' }],
    });
    server.use(...registry.handlers);
    const { user } = renderApp(URL_TAGS);
    const table = await screen.findByRole('table', { name: 'Tags of payments/gateway' }, LOAD);
    const badge = await within(table).findByTitle('Matches the protected pattern latest');
    expect(badge).toHaveTextContent('Protected');
    expect(within(table).getAllByText('Protected')).toHaveLength(1);
    expect(registry.patternReads).toContain('payments');

    const remove = screen.getByRole('button', { name: 'Delete tag latest' });
    expect(remove).toBeDisabled();
    expect(remove).toHaveAccessibleDescription(PROTECTED_LATEST);
    const select = screen.getByRole('checkbox', { name: 'Select tag latest' });
    expect(select).toBeDisabled();
    expect(select).toHaveAccessibleDescription(PROTECTED_LATEST);
    expect(screen.getByRole('button', { name: 'Delete tag v1.0.0' })).toBeEnabled();

    // The whole page: every tag but the protected one, which the deletion says it left out.
    const all = screen.getByRole('checkbox', { name: 'Select all tags on this page' });
    await user.click(all);
    expect(screen.getByText('2 tags selected')).toBeInTheDocument();
    expect(all).toBeChecked();
    expect(select).not.toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Delete 2 tags' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete 2 tags?' });
    expect(within(dialog).getByRole('status')).toHaveTextContent(
      '1 protected tag is left out: the console does not delete protected tags.',
    );
    expect(
      within(within(dialog).getByRole('list', { name: 'Tags to delete' }))
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['v1.0.0', 'v1.1.0']);
    await user.click(within(dialog).getByRole('button', { name: 'Delete 2 tags' }));
    await screen.findByRole('dialog', { name: 'Deletion finished' });
    expect([...registry.deleted].sort()).toEqual(['v1.0.0', 'v1.1.0']);
  });

  it('matches wildcards and the organization’s own patterns', async () => {
    const registry = fakeRegistry(['release-7', 'release-10', 'v1.2.3', 'v1.2'], {
      protected: [
        { pattern: 'v*.*.*', scope: 'all' },
        { pattern: 'release-?', scope: 'organization' },
      ],
    });
    server.use(...registry.handlers);
    renderApp(URL_TAGS);
    await screen.findByRole('table', { name: 'Tags of payments/gateway' }, LOAD);
    await waitFor(() => {
      expect(screen.getByRole('button', { name: 'Delete tag release-7' })).toBeDisabled();
    });
    expect(screen.getByRole('button', { name: 'Delete tag v1.2.3' })).toHaveAccessibleDescription(
      "Protected by the console's configuration (pattern v*.*.*): it cannot be deleted here.",
    );
    expect(screen.getByRole('button', { name: 'Delete tag release-10' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Delete tag v1.2' })).toBeEnabled();
  });

  it('shows the BFF’s refusal of a tag protected meanwhile, and reads the tags and patterns again', async () => {
    const registry = fakeRegistry(['v1.0.0', 'v2.0.0']);
    let patterns: ProtectedTagPattern[] = [];
    let deletes = 0;
    server.use(
      bffHandler(protectedTagsEndpoint, () => ({ patterns })),
      http.delete(swrPath('deleteRepoTag'), () => {
        deletes += 1;
        // The BFF's configuration changed since the page read it.
        patterns = [{ pattern: 'v1.*', scope: 'organization' }];
        return bffError(409, 'tag_protected', {
          message: "The tag v1.0.0 is protected by the console's configuration (pattern v1.*).",
        });
      }),
      ...registry.handlers,
    );
    const { user } = renderApp(URL_TAGS);
    await user.click(await screen.findByRole('button', { name: 'Delete tag v1.0.0' }, LOAD));
    const dialog = await screen.findByRole('dialog', { name: 'Delete tag v1.0.0?' });
    const listed = registry.requests.length;
    await user.click(within(dialog).getByRole('button', { name: 'Delete tag' }));
    expect(
      await within(dialog).findByText(
        "The tag is protected by the console's configuration and cannot be deleted here.",
      ),
    ).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    const remove = screen.getByRole('button', { name: 'Delete tag v1.0.0' });
    await waitFor(() => {
      expect(remove).toBeDisabled();
    });
    expect(remove).toHaveAccessibleDescription(
      "Protected by the console's configuration (pattern v1.*): it cannot be deleted here.",
    );
    expect(registry.requests.length).toBeGreaterThan(listed);
    expect(deletes).toBe(1);
    expect(registry.deleted).toEqual([]);
  });

  it('leaves out a selected tag that the patterns, read late, protect', async () => {
    const registry = fakeRegistry(['v1.0.0', 'v2.0.0']);
    let answer: (patterns: ProtectedTagPattern[]) => void = () => undefined;
    const patterns = new Promise<ProtectedTagPattern[]>((resolve) => {
      answer = resolve;
    });
    server.use(
      bffHandler(protectedTagsEndpoint, async () => ({ patterns: await patterns })),
      ...registry.handlers,
    );
    const { user } = renderApp(URL_TAGS);
    await user.click(
      await screen.findByRole('checkbox', { name: 'Select all tags on this page' }, LOAD),
    );
    expect(screen.getByText('2 tags selected')).toBeInTheDocument();
    answer([{ pattern: 'v2.*', scope: 'organization' }]);
    expect(await screen.findByText('1 tag selected')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Delete 1 tag' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete 1 tag?' });
    expect(within(dialog).getByRole('status')).toHaveTextContent(
      '1 protected tag is left out: the console does not delete protected tags.',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Delete 1 tag' }));
    await screen.findByRole('dialog', { name: 'Deletion finished' });
    expect(registry.deleted).toEqual(['v1.0.0']);
  });

  it('asks for an explicit acknowledgement before deleting a tag an enabled trigger deploys', async () => {
    const deploy: Trigger = {
      action: 'update',
      app_type: 'deployments',
      application: 'gateway',
      cluster_id: 'c-prod',
      cluster_name: 'prod',
      cluster_ns: 'payments',
      condition: '^v\\d+\\.\\d+\\.\\d+$',
      container: '',
      created_at: '2026-01-01T00:00:00Z',
      creator_name: 'ops',
      enable: 'true',
      name: 'deploy-prod',
      trigger_history: [],
      trigger_mode: 'cce',
      trigger_type: 'regular',
    };
    const disabled: Trigger = { ...deploy, name: 'deploy-old', condition: '.*', enable: 'false' };
    const registry = fakeRegistry(['v1.0.0', 'build-7'], { triggers: [deploy, disabled] });
    server.use(...registry.handlers);
    const { user } = renderApp(URL_TAGS);

    // A tag only a disabled trigger matches: a plain red confirmation.
    await user.click(await screen.findByRole('button', { name: 'Delete tag build-7' }, LOAD));
    let dialog = await screen.findByRole('dialog', { name: 'Delete tag build-7?' });
    await waitFor(() => {
      expect(within(dialog).getByRole('button', { name: 'Delete tag' })).toBeEnabled();
    });
    expect(within(dialog).queryByRole('note')).not.toBeInTheDocument();
    expect(within(dialog).queryByRole('checkbox')).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    await user.click(screen.getByRole('button', { name: 'Delete tag v1.0.0' }));
    dialog = await screen.findByRole('dialog', { name: 'Delete tag v1.0.0?' });
    const note = await within(dialog).findByRole('note');
    expect(note).toHaveTextContent(
      'v1.0.0: the enabled trigger deploy-prod deploys it (a workload may be running this image)',
    );
    expect(note).not.toHaveTextContent('deploy-old');
    const confirm = within(dialog).getByRole('button', { name: 'Delete tag' });
    expect(confirm).toBeDisabled();
    expect(confirm).toHaveAccessibleDescription('Tick the statement above to confirm.');
    await user.click(within(dialog).getByRole('checkbox', { name: /^I understand/ }));
    await user.click(confirm);
    await waitFor(() => {
      expect(registry.deleted).toEqual(['v1.0.0']);
    });
  });

  it('asks for an explicit acknowledgement before deleting the newest copy another region syncs here', async () => {
    const registry = fakeRegistry(['v1.0.0', 'v1.1.0', 'v1.2.0'], { index: SYNCED_HERE });
    server.use(...registry.handlers);
    const { user } = renderApp(URL_TAGS);

    // An older tag: the region keeps its newest copy, a plain red confirmation.
    await user.click(await screen.findByRole('button', { name: 'Delete tag v1.1.0' }, LOAD));
    let dialog = await screen.findByRole('dialog', { name: 'Delete tag v1.1.0?' });
    await waitFor(() => {
      expect(within(dialog).getByRole('button', { name: 'Delete tag' })).toBeEnabled();
    });
    expect(within(dialog).queryByRole('note')).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    await user.click(screen.getByRole('button', { name: 'Delete tag v1.2.0' }));
    dialog = await screen.findByRole('dialog', { name: 'Delete tag v1.2.0?' });
    const note = await within(dialog).findByRole('note');
    expect(note).toHaveTextContent(
      'v1.2.0: the newest copy that cn-east-3/payments/gateway syncs here: without it this region has no copy of the latest image until the next push there',
    );
    const confirm = within(dialog).getByRole('button', { name: 'Delete tag' });
    expect(confirm).toBeDisabled();
    expect(confirm).toHaveAccessibleDescription('Tick the statement above to confirm.');
    await user.click(within(dialog).getByRole('checkbox', { name: /^I understand/ }));
    await user.click(confirm);
    await waitFor(() => {
      expect(registry.deleted).toEqual(['v1.2.0']);
    });
  });

  it('names the newest synced copy in a bulk delete found on a later page', async () => {
    const registry = fakeRegistry(manyNames(25), { index: SYNCED_HERE });
    server.use(...registry.handlers);
    // Oldest first: the newest tag is on the second page.
    const { user } = renderApp(`${URL_TAGS}?order=asc&offset=20`);
    await screen.findByRole('table', { name: 'Tags of payments/gateway' }, LOAD);
    for (const name of ['build-00023', 'build-00024']) {
      await user.click(await screen.findByRole('checkbox', { name: `Select tag ${name}` }));
    }
    await user.click(screen.getByRole('button', { name: 'Delete 2 tags' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete 2 tags?' });
    const note = await within(dialog).findByRole('note');
    expect(note).toHaveTextContent('1 tag here can break more than itself');
    expect(note).toHaveTextContent(
      'build-00024: the newest copy that cn-east-3/payments/gateway syncs here',
    );
    expect(note).not.toHaveTextContent('build-00023');
    const confirm = within(dialog).getByRole('button', { name: 'Delete 2 tags' });
    expect(confirm).toBeDisabled();
    await user.click(within(dialog).getByRole('checkbox', { name: /^I understand/ }));
    await user.click(confirm);
    await screen.findByRole('dialog', { name: 'Deletion finished' });
    expect([...registry.deleted].sort()).toEqual(['build-00023', 'build-00024']);
  });

  it('names the newest synced copy in 简体中文', async () => {
    changeLanguage('zh-CN');
    try {
      server.use(...fakeRegistry(['v1.0.0', 'v1.1.0'], { index: SYNCED_HERE }).handlers);
      const { user } = renderApp(URL_TAGS);
      await user.click(await screen.findByRole('button', { name: '删除镜像版本 v1.1.0' }, LOAD));
      const note = await within(await screen.findByRole('dialog')).findByRole('note');
      expect(note).toHaveTextContent(
        'v1.1.0: cn-east-3/payments/gateway 同步到此处的最新副本：删除后，在那里下次推送之前，本区域没有最新镜像的副本',
      );
    } finally {
      changeLanguage('en');
    }
  });

  it('deletes the newest tag as before while the index is being built or cannot be read', async () => {
    for (const index of [{ state: 'building' }, { state: 'error' }] as const) {
      const registry = fakeRegistry(['v1.0.0', 'v1.1.0'], { index });
      server.use(...registry.handlers);
      const { user, unmount } = renderApp(URL_TAGS);
      await user.click(await screen.findByRole('button', { name: 'Delete tag v1.1.0' }, LOAD));
      const dialog = await screen.findByRole('dialog', { name: 'Delete tag v1.1.0?' });
      const confirm = within(dialog).getByRole('button', { name: 'Delete tag' });
      await waitFor(() => {
        expect(confirm).toBeEnabled();
      });
      expect(within(dialog).queryByRole('note')).not.toBeInTheDocument();
      expect(within(dialog).queryByRole('checkbox')).not.toBeInTheDocument();
      await user.click(confirm);
      await waitFor(() => {
        expect(registry.deleted).toEqual(['v1.1.0']);
      });
      unmount();
    }
  });

  it('shows a viewer the badge, with the role as the reason there is no delete', async () => {
    const registry = fakeRegistry(['latest'], { protected: [{ pattern: 'latest', scope: 'all' }] });
    server.use(...sessionHandlers('viewer'), ...registry.handlers);
    renderApp(URL_TAGS);
    const table = await screen.findByRole('table', { name: 'Tags of payments/gateway' }, LOAD);
    expect(
      await within(table).findByTitle('Matches the protected pattern latest'),
    ).toHaveTextContent('Protected');
    expect(screen.getByRole('button', { name: 'Delete tag latest' })).toHaveAccessibleDescription(
      'Needs the Operator role (you are Viewer).',
    );
  });

  it('says when the patterns cannot be read', async () => {
    const registry = fakeRegistry(['latest']);
    server.use(
      bffHandler(protectedTagsEndpoint, () => bffError(503, 'upstream_unavailable')),
      ...registry.handlers,
    );
    renderApp(URL_TAGS);
    expect(
      await screen.findByText(
        'The protected tags could not be read: they are not marked here, but the console still refuses to delete them.',
        {},
        LOAD,
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Delete tag latest' })).toBeEnabled();
  });

  it('speaks 简体中文', async () => {
    changeLanguage('zh-CN');
    try {
      const registry = fakeRegistry(['latest'], {
        protected: [{ pattern: 'latest', scope: 'all' }],
      });
      server.use(...registry.handlers);
      renderApp(URL_TAGS);
      const badge = await screen.findByTitle('匹配受保护的模式 latest', {}, LOAD);
      expect(badge).toHaveTextContent('受保护');
      expect(
        screen.getByRole('button', { name: '删除镜像版本 latest' }),
      ).toHaveAccessibleDescription('受控制台配置保护（模式 latest），无法在此删除。');
    } finally {
      changeLanguage('en');
    }
  });
});
