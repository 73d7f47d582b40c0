/**
 * Two tags compared against a fake BFF typed from the contract: layers shared by digest and those
 * only one has, the size difference, the config's changes (entrypoint, command, environment
 * variable names, labels, ports, created), two tags typed in, an index's platform, and what cannot
 * be compared when the registry is not read.
 */
import { imageEndpoint, type ImageDetails } from '@swr-dashboard/swr-client/browser';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { bffError, bffHandler, sessionHandlers } from '../../../test/handlers';
import { renderApp } from '../../../test/render';
import { server } from '../../../test/server';
import { config, digest, layer, OCI_IMAGE, OCI_INDEX, PATH, single } from './fixtures';

const COMPARE = '/cn-north-4/repositories/payments/gateway/compare';

const V1 = single('v1', [layer('base', 3_145_728), layer('deps', 524_288), layer('a1', 2048)]);
const V2 = single(
  'v2',
  [layer('base', 3_145_728), layer('a2', 4096), layer('deps', 524_288), layer('e2', 1_048_576)],
  {
    config: config({
      created: '2026-12-05T10:00:00Z',
      cmd: ['serve', '--fast'],
      envNames: ['PATH', 'MODE', 'LOG_LEVEL'],
      labels: { team: 'platform', 'org.opencontainers.image.version': '3.1.0', tier: 'web' },
      exposedPorts: ['8080/tcp', '9090/tcp'],
    }),
  },
);

/** Answers each tag's image from `byTag`; every request's query is kept. */
function images(
  byTag: Record<string, ImageDetails | ((query: URLSearchParams) => ImageDetails | Response)>,
) {
  const seen: Record<string, string>[] = [];
  const handler = bffHandler(imageEndpoint, ({ request }) => {
    const query = new URL(request.url).searchParams;
    seen.push(Object.fromEntries(query));
    const answer = byTag[query.get('tag') ?? ''];
    if (answer === undefined) return bffError(404, 'not_found');
    return typeof answer === 'function' ? answer(query) : answer;
  });
  return { handler, seen };
}

/** An index of `platforms` (linux/amd64 and linux/arm64 unless told), the image asked for in it. */
function index(
  tag: string,
  platforms = ['linux/amd64', 'linux/arm64'],
): (query: URLSearchParams) => ImageDetails {
  return (query) => {
    const platform = query.get('platform') ?? platforms[0] ?? '';
    const arm = platform === 'linux/arm64';
    return {
      tag,
      digest: digest('1dx'),
      mediaType: OCI_INDEX,
      platforms: platforms.map((entry) => ({
        platform: entry,
        digest: digest(entry.endsWith('arm64') ? 'a1a64' : 'a1d64'),
      })),
      image: {
        platform,
        digest: digest(arm ? 'a1a64' : 'a1d64'),
        mediaType: OCI_IMAGE,
        layers: [layer('base', 3_145_728), layer(arm ? 'f00a' : 'f00d', 4096)],
        size: 4_000_000,
        config: config({ platform }),
      },
      registry: 'read',
      path: PATH,
    };
  };
}

function rowsOf(table: HTMLElement): string[] {
  return within(table)
    .getAllByRole('row')
    .map((row) => row.textContent);
}

describe('Comparing two tags', { timeout: 30_000 }, () => {
  it('shows a viewer the shared layers, each one’s own, the size difference and the config’s changes', async () => {
    const { handler } = images({ v1: V1, v2: V2 });
    server.use(...sessionHandlers('viewer'), handler);
    renderApp(`${COMPARE}?a=v1&b=v2`);

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Compare tags of payments/gateway' }),
    ).toBeInTheDocument();
    const layers = await screen.findByRole('table', { name: 'Layers of v1 and v2' });
    expect(rowsOf(layers)).toEqual([
      'DigestSizeIn',
      'base000000003 MBBoth',
      'deps00000000512 KBBoth',
      'a100000000002 KBOnly v1',
      'a200000000004 KBOnly v2',
      'e200000000001 MBOnly v2',
    ]);
    expect(screen.getByRole('region', { name: 'Layers' })).toHaveTextContent(
      'Shared: 2 (3.5 MB). Only in v1: 1 (2 KB). Only in v2: 2 (1 MB).',
    );
    const summary = screen.getByRole('region', { name: 'Side by side' });
    expect(summary).toHaveTextContent('v2 is 1 MB larger than v1.');
    expect(rowsOf(within(summary).getByRole('table'))).toContain('Layers34');
    expect(rowsOf(within(summary).getByRole('table'))).toContain('Platformlinux/amd64linux/amd64');

    const config = screen.getByRole('region', { name: 'Config changes' });
    const fields = within(config).getByRole('table', { name: 'Config of v1 and v2' });
    expect(within(fields).getByRole('row', { name: /^Command/ })).toHaveTextContent(
      'Command["serve"]["serve","--fast"]Changed',
    );
    expect(within(fields).getByRole('row', { name: /^Entrypoint/ })).toHaveTextContent(
      'Entrypoint["/app/run"]["/app/run"]Same',
    );
    expect(within(fields).getByRole('row', { name: /^Created/ })).toHaveTextContent('Changed');
    expect(
      within(within(config).getByRole('list', { name: 'Environment variables added in v2' }))
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['LOG_LEVEL']);
    expect(
      within(config).getByRole('list', { name: 'Environment variables removed in v2' }),
    ).toHaveTextContent('API_TOKEN');
    expect(
      within(config).getByRole('list', { name: 'Ports exposed in v2 only' }),
    ).toHaveTextContent('9090/tcp');
    expect(config).toHaveTextContent('Ports no longer exposed in v2None');
    expect(
      rowsOf(within(config).getByRole('table', { name: 'Labels changed between v1 and v2' })),
    ).toEqual(['Labelv1v2', 'teampaymentsplatform', 'tier(none)web']);
  });

  it('says when two tags name the same image and nothing changed', async () => {
    const same = { ...V1, tag: 'latest' };
    const { handler } = images({ v1: V1, latest: same });
    server.use(handler);
    renderApp(`${COMPARE}?a=v1&b=latest`);
    expect(await screen.findByText('v1 and latest are the same image.')).toBeInTheDocument();
    expect(
      screen.getByText('Nothing changed in the config between v1 and latest.'),
    ).toBeInTheDocument();
    expect(screen.getByText('The labels are the same.')).toBeInTheDocument();
  });

  it('compares two tags typed in, and explains a name that cannot be a tag', async () => {
    const { handler, seen } = images({ v1: V1, v2: V2 });
    server.use(handler);
    const { user, location } = renderApp(`${COMPARE}?a=v1&b=`);
    expect(await screen.findByText('Choose two tags to compare.')).toBeInTheDocument();
    const form = screen.getByRole('form', { name: 'Tags to compare' });
    expect(within(form).getByRole('textbox', { name: 'First tag' })).toHaveValue('v1');
    const second = within(form).getByRole('textbox', { name: 'Second tag' });
    await user.type(second, '-bad');
    await user.click(within(form).getByRole('button', { name: 'Compare' }));
    expect(second).toHaveAccessibleDescription(/^Enter a tag: 1–128 letters/);
    expect(seen).toEqual([]);

    await user.clear(second);
    await user.type(second, 'v2');
    await user.click(within(form).getByRole('button', { name: 'Compare' }));
    expect(await screen.findByRole('table', { name: 'Layers of v1 and v2' })).toBeInTheDocument();
    expect(Object.fromEntries(new URLSearchParams(location().search))).toEqual({
      a: 'v1',
      b: 'v2',
    });
  });

  it('compares the platform chosen of an index with a single image', async () => {
    const { handler, seen } = images({ v1: V1, multi: index('multi') });
    server.use(handler);
    const { user } = renderApp(`${COMPARE}?a=v1&b=multi`);
    const platforms = await screen.findByRole('navigation', { name: 'Platform to compare' });
    expect(within(platforms).getByRole('link', { name: 'linux/amd64' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    await user.click(within(platforms).getByRole('link', { name: 'linux/arm64' }));
    const layers = await screen.findByRole('table', { name: 'Layers of v1 and multi' });
    await waitFor(() => {
      expect(within(layers).getByTitle(digest('f00a'))).toBeInTheDocument();
    });
    expect(
      within(screen.getByRole('table', { name: 'Config of v1 and multi' })).getByRole('row', {
        name: /^Platform/,
      }),
    ).toHaveTextContent('Platformlinux/amd64linux/arm64Changed');
    // A single image is read once: only the index is asked for its platform.
    expect(seen.filter((query) => query.platform !== undefined)).toEqual([
      { namespace: 'payments', repository: 'gateway', tag: 'multi', platform: 'linux/arm64' },
    ]);
  });

  it('compares an index’s own platform image when it lacks the one chosen, and says so', async () => {
    const { handler } = images({ amd: index('amd', ['linux/amd64']), multi: index('multi') });
    server.use(handler);
    renderApp(`${COMPARE}?a=amd&b=multi&platform=linux%2Farm64`);
    expect(
      await screen.findByText('amd has no linux/arm64 image: its linux/amd64 image is compared.'),
    ).toBeInTheDocument();
    const platforms = screen.getByRole('navigation', { name: 'Platform to compare' });
    expect(within(platforms).getByRole('link', { name: 'linux/arm64' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    const layers = screen.getByRole('table', { name: 'Layers of amd and multi' });
    expect(within(layers).getByRole('row', { name: /^f00d/ })).toHaveTextContent('Only amd');
    expect(within(layers).getByRole('row', { name: /^f00a/ })).toHaveTextContent('Only multi');
  });

  it('says what cannot be compared when the console does not read the registry', async () => {
    const { handler } = images({
      v1: single('v1', [layer('base', 1024)], { registry: 'off' }),
      v2: V2,
    });
    server.use(handler);
    renderApp(`${COMPARE}?a=v1&b=v2`);
    const config = await screen.findByRole('region', { name: 'Config changes' });
    expect(config).toHaveTextContent('Not compared for v1:');
    expect(within(config).getByRole('note', { name: 'Read from the registry' })).toHaveTextContent(
      'The console does not read images from the registry.',
    );
    // SWR's record gives both images' layers: those are compared all the same.
    expect(screen.getByRole('table', { name: 'Layers of v1 and v2' })).toBeInTheDocument();
  });

  it('shows why one tag could not be read, and a refusal without a retry', async () => {
    const { handler } = images({
      v1: V1,
      v2: () =>
        bffError(403, 'forbidden', {
          message: 'Your access is limited to organizations matching web-*.',
        }),
    });
    server.use(handler);
    renderApp(`${COMPARE}?a=v1&b=v2`);
    expect(await screen.findByText('The image of tag v2 could not be loaded.')).toBeInTheDocument();
    expect(
      screen.getByText(/Your access is limited to organizations matching web-\*\./),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Retry' })).not.toBeInTheDocument();
    expect(screen.queryByRole('table', { name: 'Layers of v1 and v2' })).not.toBeInTheDocument();
  });
});
