/**
 * The command palette and the keyboard shortcuts in the real app against a fake BFF: Ctrl+K and
 * the launcher open it, typing searches the fleet index (what the BFF answers, nothing more),
 * the arrow keys and Enter open a result, the tags of the repository in view are found, `g`
 * then a letter goes to a page (not while typing), `?` lists the shortcuts, and 简体中文.
 */
import {
  fleetEndpoint,
  fleetSearchEndpoint,
  readinessEndpoint,
  type FleetSearchResponse,
} from '@swr-dashboard/swr-client/browser';
import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import {
  bffError,
  bffHandler,
  repositoryDetail,
  sessionHandlers,
  swr,
  tagDetail,
} from '../../../test/handlers';
import { renderApp } from '../../../test/render';
import { server } from '../../../test/server';
import { changeLanguage } from '../../lib/i18n';

const LOADED = { timeout: 5000 };
const ABOUT = '/cn-north-4/about';

function answer(overrides: Partial<FleetSearchResponse> = {}): FleetSearchResponse {
  return {
    namespaces: [{ region: 'cn-north-4', name: 'payments' }],
    repositories: [
      { region: 'cn-north-4', namespace: 'payments', name: 'ledger' },
      { region: 'cn-east-3', namespace: 'payments', name: 'ledger-dr' },
    ],
    totals: { namespaces: 1, repositories: 2 },
    regions: [
      {
        id: 'cn-north-4',
        status: 'ok',
        sweptAt: '2026-12-07T10:00:00Z',
        sweeping: null,
        error: null,
      },
      {
        id: 'cn-east-3',
        status: 'ok',
        sweptAt: '2026-12-07T10:00:00Z',
        sweeping: null,
        error: null,
      },
    ],
    ...overrides,
  };
}

/** A search that found nothing. */
const NOTHING_FOUND = answer({
  namespaces: [],
  repositories: [],
  totals: { namespaces: 0, repositories: 0 },
});

/** The BFF's search, recording each query string it was asked. */
function searchHandler(asked: URLSearchParams[], reply = answer()) {
  return bffHandler(fleetSearchEndpoint, ({ request }) => {
    asked.push(new URL(request.url).searchParams);
    return reply;
  });
}

/** The About page's own reads, so it renders quietly behind the palette. */
function aboutHandlers() {
  return [
    bffHandler(readinessEndpoint, () =>
      HttpResponse.json({ status: 'ok', database: 'ok', regions: [] }),
    ),
    swr('listApiVersions', () => ({ body: { versions: [] } })),
  ];
}

async function openPalette(user: ReturnType<typeof renderApp>['user']) {
  await screen.findByRole('heading', { level: 1 }, LOADED);
  await user.keyboard('{Control>}k{/Control}');
  return screen.findByRole('combobox', { name: /^Search pages/ }, LOADED);
}

function options(): string[] {
  return within(screen.getByRole('listbox', { name: 'Results' }))
    .getAllByRole('option')
    .map((option) => option.textContent);
}

afterEach(() => {
  changeLanguage('en');
});

describe('the command palette', { timeout: 20_000 }, () => {
  it('searches every region as the user types and opens the marked result with Enter', async () => {
    const asked: URLSearchParams[] = [];
    server.use(...sessionHandlers('viewer'), ...aboutHandlers(), searchHandler(asked));
    const { user, location } = renderApp(ABOUT);
    const field = await openPalette(user);
    expect(field).toHaveFocus();
    await user.type(field, 'ledger');
    const repositories = await screen.findByRole('group', { name: 'Repositories' }, LOADED);
    expect(
      within(repositories)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['payments/ledgerin cn-north-4', 'payments/ledger-drin cn-east-3']);
    expect(asked.at(-1)?.get('q')).toBe('ledger');
    expect(asked.at(-1)?.get('region')).toBe('cn-north-4');
    expect(screen.getByRole('status')).toHaveTextContent('3 results');

    // The first result is marked; the arrow keys move the mark, wrapping around.
    const results = screen.getByRole('listbox', { name: 'Results' });
    const marked = () => within(results).getByRole('option', { selected: true }).textContent;
    expect(marked()).toBe('payments/ledgerin cn-north-4');
    await user.keyboard('{ArrowDown}');
    expect(marked()).toBe('payments/ledger-drin cn-east-3');
    expect(field).toHaveAttribute(
      'aria-activedescendant',
      within(results).getByRole('option', { selected: true }).id,
    );
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowUp}');
    expect(marked()).toBe('paymentsin cn-north-4');
    await user.keyboard('{ArrowUp}{Enter}');
    await waitFor(() => {
      expect(location().pathname).toBe('/cn-east-3/repositories/payments/ledger-dr/tags');
    });
    expect(screen.queryByRole('combobox', { name: /^Search pages/ })).not.toBeInTheDocument();
  });

  it('lists pages and actions that match without asking the BFF for them, and opens a page', async () => {
    const asked: URLSearchParams[] = [];
    server.use(
      ...sessionHandlers('viewer'),
      ...aboutHandlers(),
      searchHandler(asked, NOTHING_FOUND),
    );
    const { user, location } = renderApp(ABOUT);
    await user.click(await screen.findByRole('button', { name: /^Search/ }, LOADED));
    const field = await screen.findByRole('combobox', { name: /^Search pages/ }, LOADED);
    // Before any text: every page the user may open (a viewer has no audit log) and the actions.
    const pages = within(await screen.findByRole('group', { name: 'Pages' })).getAllByRole(
      'option',
    );
    expect(pages.map((page) => page.textContent)).toContain('Share radar');
    expect(pages.map((page) => page.textContent)).not.toContain('Audit log');
    expect(asked).toEqual([]);
    await user.type(field, 'sync he');
    await waitFor(() => {
      expect(options()).toEqual(['Sync health']);
    });
    await user.keyboard('{Enter}');
    await waitFor(() => {
      expect(location().pathname).toBe('/cn-north-4/sync-health');
    });
  });

  it('finds the tags of the repository in view, live from SWR, and its tabs', async () => {
    const tagsAsked: (string | null)[] = [];
    const repository = { namespace: 'payments', name: 'payment-gateway', id: 1 };
    const tags = Array.from({ length: 30 }, (_, index) =>
      tagDetail(repository, `v1.${String(index)}`, index),
    );
    server.use(
      ...sessionHandlers('viewer'),
      searchHandler([], NOTHING_FOUND),
      swr('showRepository', () => ({ body: repositoryDetail() })),
      swr('listRetentions', () => ({ body: [] })),
      swr('listRetentionHistories', () => ({ body: { retention_log: [], total: 0 } })),
      swr('listRepositoryTags', ({ request }) => {
        const filter = new URL(request.url).searchParams.get('tag');
        tagsAsked.push(filter);
        const matching = tags.filter((item) => item.Tag.includes(filter ?? '')).reverse();
        return {
          body: matching.slice(0, 8),
          headers: {
            'Content-Range': `0-${String(Math.min(8, matching.length))}/${String(matching.length)}`,
          },
        };
      }),
    );
    const { user, location } = renderApp('/cn-north-4/repositories/payments/payment-gateway/tags');
    const field = await openPalette(user);
    await user.type(field, 'v1.2');
    const found = await screen.findByRole('group', { name: 'Tags of this repository' }, LOADED);
    await waitFor(() => {
      expect(
        within(found)
          .getAllByRole('option')
          .map((option) => option.textContent),
      ).toEqual(
        ['v1.29', 'v1.28', 'v1.27', 'v1.26', 'v1.25', 'v1.24', 'v1.23', 'v1.22'].map(
          (tag) => `${tag}payments/payment-gateway`,
        ),
      );
    });
    expect(tagsAsked).toContain('v1.2');
    await user.keyboard('{Enter}');
    await waitFor(() => {
      expect(`${location().pathname}${location().search}`).toBe(
        '/cn-north-4/repositories/payments/payment-gateway/tags?q=v1.29',
      );
    });

    // The repository's own tabs are pages too.
    const again = await openPalette(user);
    await user.type(again, 'retention of');
    await waitFor(() => {
      expect(options()).toEqual(['Retention of this repositorypayments/payment-gateway']);
    });
    await user.keyboard('{Enter}');
    await waitFor(() => {
      expect(location().pathname).toBe(
        '/cn-north-4/repositories/payments/payment-gateway/retention',
      );
    });
    expect(await screen.findByText('Retention policy', {}, LOADED)).toBeVisible();
  });

  it('says when the search failed, still listing pages, and when a region is not indexed yet', async () => {
    server.use(
      ...sessionHandlers('viewer'),
      ...aboutHandlers(),
      bffHandler(fleetSearchEndpoint, () => bffError(503, 'store_unavailable')),
    );
    const { user } = renderApp(ABOUT);
    const field = await openPalette(user);
    await user.type(field, 'about');
    await waitFor(() => {
      expect(screen.getByRole('status')).toHaveTextContent(/^The search failed/);
    });
    expect(options()).toEqual(['About']);

    server.use(
      bffHandler(fleetSearchEndpoint, () =>
        answer({
          regions: [
            {
              id: 'cn-east-3',
              status: 'never',
              sweptAt: null,
              sweeping: '2026-12-07T10:00:00Z',
              error: null,
            },
          ],
        }),
      ),
    );
    await user.type(field, 'x');
    await waitFor(() => {
      expect(screen.getByRole('status')).toHaveTextContent(
        /The index of cn-east-3 is still being built/,
      );
    });
  });
});

describe('keyboard shortcuts', { timeout: 20_000 }, () => {
  it('goes to a page with g then its letter, but not while typing in a field', async () => {
    server.use(
      ...sessionHandlers('viewer'),
      ...aboutHandlers(),
      searchHandler([]),
      // The sync health page reads the index; an empty one will do.
      bffHandler(fleetEndpoint, () => ({
        ownAccounts: [],
        regions: [],
        namespaces: [],
        repositories: [],
      })),
    );
    const { user, location } = renderApp(ABOUT);
    await screen.findByRole('heading', { level: 1 }, LOADED);
    await user.keyboard('gy');
    await waitFor(() => {
      expect(location().pathname).toBe('/cn-north-4/sync-health');
    });
    // A viewer has no audit log: its shortcut does nothing.
    await user.keyboard('gu');
    expect(location().pathname).toBe('/cn-north-4/sync-health');

    await user.keyboard('{Control>}k{/Control}');
    const field = await screen.findByRole('combobox', { name: /^Search pages/ }, LOADED);
    await user.type(field, 'gf');
    expect(location().pathname).toBe('/cn-north-4/sync-health');
    expect(field).toHaveValue('gf');
  });

  it('lists the shortcuts with ?, each page the user may open, in 简体中文 too', async () => {
    server.use(...sessionHandlers('admin'), ...aboutHandlers(), searchHandler([]));
    const { user } = renderApp(ABOUT);
    await screen.findByRole('heading', { level: 1 }, LOADED);
    await user.keyboard('?');
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' }, LOADED);
    const rows = within(dialog)
      .getAllByRole('row')
      .map((row) => row.textContent);
    expect(rows).toContain('gthenfGo to Fleet');
    expect(rows).toContain('gthenuGo to Audit log');
    // Escape closes it in a browser (the e2e spec); jsdom has no modal dialogs.
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => {
      expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).not.toBeInTheDocument();
    });

    changeLanguage('zh-CN');
    await user.keyboard('?');
    const chinese = await screen.findByRole('dialog', { name: '键盘快捷键' }, LOADED);
    expect(
      within(chinese)
        .getAllByRole('row')
        .map((row) => row.textContent),
    ).toContain('g然后f前往镜像仓库总表');
  });

  it('switches the language from the palette', async () => {
    server.use(...sessionHandlers('viewer'), ...aboutHandlers(), searchHandler([], NOTHING_FOUND));
    const { user } = renderApp(ABOUT);
    const field = await openPalette(user);
    await user.type(field, '简体');
    await waitFor(() => {
      expect(options()).toEqual(['Switch the language to 简体中文']);
    });
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('button', { name: /^搜索/ }, LOADED)).toBeInTheDocument();
  });
});
