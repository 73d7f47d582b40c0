/**
 * A tag's image page against a fake BFF typed from the contract: layers and sizes, the config with
 * environment variable names only, an index's platforms chosen in the URL, the pull and copy
 * commands, what is missing when the registry is not read (and why), and refusals.
 */
import { imageEndpoint, type ImageDetails } from '@swr-dashboard/swr-client/browser';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { changeLanguage } from '../../lib/i18n';
import { bffError, bffHandler, sessionHandlers } from '../../../test/handlers';
import { renderApp } from '../../../test/render';
import { server } from '../../../test/server';
import { config, digest, layer, OCI_IMAGE, OCI_INDEX, PATH, single } from './fixtures';

const REGION = 'cn-north-4';
const IMAGE = `/${REGION}/repositories/payments/gateway/tags`;

/** Answers image details per tag and platform; every request's query is kept. */
function images(answer: (query: URLSearchParams) => ImageDetails | Response) {
  const seen: URLSearchParams[] = [];
  const handler = bffHandler(imageEndpoint, ({ request, params }) => {
    expect(params.region).toBe(REGION);
    const query = new URL(request.url).searchParams;
    seen.push(query);
    return answer(query);
  });
  return { handler, seen };
}

const APP = single('v3.1.0', [
  layer('base', 3_145_728),
  layer('deps', 524_288),
  layer('app', 2048),
]);

/** A two-platform index; each platform's image read from the registry unless `registry` says. */
function multi(platform: string | null, registry: ImageDetails['registry'] = 'read'): ImageDetails {
  const chosen = platform ?? 'linux/amd64';
  const arch = chosen.split('/')[1] ?? 'amd64';
  return {
    tag: 'multi',
    digest: digest('1dx'),
    mediaType: OCI_INDEX,
    platforms: [
      { platform: 'linux/amd64', digest: digest('a1d64') },
      { platform: 'linux/arm64', digest: digest('a1a64') },
    ],
    image:
      registry === 'read'
        ? {
            platform: chosen,
            digest: digest(arch === 'arm64' ? 'a1a64' : 'a1d64'),
            mediaType: OCI_IMAGE,
            layers: [layer(arch === 'arm64' ? 'f00a' : 'f00d', arch === 'arm64' ? 4096 : 8192)],
            size: arch === 'arm64' ? 4600 : 8700,
            config: config({ platform: chosen, envNames: [], labels: {}, exposedPorts: [] }),
          }
        : null,
    registry,
    path: PATH,
  };
}

describe('Image page', { timeout: 30_000 }, () => {
  it('shows a viewer the layers, the total, the config with variable names only, and copies the commands', async () => {
    const { handler, seen } = images(() => APP);
    server.use(...sessionHandlers('viewer'), handler);
    const { user } = renderApp(`${IMAGE}/v3.1.0`);

    expect(
      await screen.findByRole('heading', { level: 1, name: 'payments/gateway:v3.1.0' }),
    ).toBeInTheDocument();
    const layers = await screen.findByRole('table', { name: 'Layers of payments/gateway:v3.1.0' });
    const rows = within(layers).getAllByRole('row');
    expect(rows.map((row) => row.textContent)).toEqual([
      'OrderDigestMedia typeSize',
      `1base00000000application/vnd.oci.image.layer.v1.tar+gzip3 MB`,
      `2deps00000000application/vnd.oci.image.layer.v1.tar+gzip512 KB`,
      `3app000000000application/vnd.oci.image.layer.v1.tar+gzip2 KB`,
      'Total of 3 layers3.5 MB',
    ]);
    expect(within(layers).getByTitle(digest('base'))).toBeInTheDocument();
    expect(seen.map((query) => Object.fromEntries(query))).toEqual([
      { namespace: 'payments', repository: 'gateway', tag: 'v3.1.0' },
    ]);

    const summary = screen.getByRole('region', { name: 'Image' });
    expect(summary).toHaveTextContent('Single-platform image');
    expect(summary).toHaveTextContent('Media typeapplication/vnd.oci.image.manifest.v1+json');
    expect(summary).toHaveTextContent(APP.digest);
    expect(summary).toHaveTextContent('3.5 MB (config and layers, compressed, as pulled)');

    const config = screen.getByRole('region', { name: 'Config' });
    expect(config).toHaveTextContent('Entrypoint["/app/run"]');
    expect(config).toHaveTextContent('Command["serve"]');
    expect(config).toHaveTextContent('Working directory/app');
    expect(config).toHaveTextContent('Userapp');
    expect(config).toHaveTextContent(/^.*Created.*Dec 1, 2026/);
    expect(
      within(within(config).getByRole('list', { name: 'Environment variables' }))
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['PATH', 'MODE', 'API_TOKEN']);
    expect(config).toHaveTextContent('Names only: values can hold secrets');
    expect(
      within(within(config).getByRole('list', { name: 'Exposed ports' })).getByText('8080/tcp'),
    ).toBeInTheDocument();
    const labels = within(config).getByRole('table', {
      name: 'Labels of payments/gateway:v3.1.0',
    });
    expect(
      within(labels)
        .getAllByRole('row')
        .map((row) => row.textContent),
    ).toEqual(['LabelValue', 'org.opencontainers.image.version3.1.0', 'teampayments']);
    expect(screen.queryByRole('note', { name: 'Read from the registry' })).not.toBeInTheDocument();

    const commands = screen.getByRole('region', { name: 'Pull and copy' });
    expect(within(commands).getByText(`docker pull ${PATH}:v3.1.0`)).toBeInTheDocument();
    await user.click(
      within(commands).getByRole('button', { name: 'Copy the pull-by-digest command' }),
    );
    expect(await navigator.clipboard.readText()).toBe(`docker pull ${PATH}@${APP.digest}`);
    await user.click(within(commands).getByRole('button', { name: 'Copy the skopeo command' }));
    expect(await navigator.clipboard.readText()).toBe(
      `skopeo copy docker://${PATH}@${APP.digest} docker://<destination>`,
    );
    await user.click(
      within(commands).getByRole('button', { name: 'Copy the pull-by-tag command' }),
    );
    expect(await navigator.clipboard.readText()).toBe(`docker pull ${PATH}:v3.1.0`);
    expect(
      within(commands).getByRole('link', { name: 'get a temporary login command.' }),
    ).toHaveAttribute('href', `/${REGION}/login-command`);
    expect(screen.getByRole('link', { name: 'Compare with another tag…' })).toHaveAttribute(
      'href',
      `/${REGION}/repositories/payments/gateway/compare?a=v3.1.0&b=`,
    );
    const breadcrumb = screen.getByRole('navigation', { name: 'Breadcrumb' });
    expect(within(breadcrumb).getByRole('link', { name: 'gateway' })).toHaveAttribute(
      'href',
      `/${REGION}/repositories/payments/gateway/tags`,
    );
  });

  it('chooses an index’s platform in the URL and shows that platform’s image', async () => {
    const { handler, seen } = images((query) => multi(query.get('platform')));
    server.use(handler);
    const { user, location } = renderApp(`${IMAGE}/multi`);

    const platforms = await screen.findByRole('navigation', { name: 'Platforms of multi' });
    expect(within(platforms).getByRole('link', { name: 'linux/amd64' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    expect(screen.getByRole('region', { name: 'Image' })).toHaveTextContent(
      'Multi-platform image (2 platforms)',
    );
    const amd64 = screen.getByRole('table', {
      name: 'Layers of payments/gateway:multi for linux/amd64',
    });
    expect(within(amd64).getByTitle(digest('f00d'))).toBeInTheDocument();
    // The index is copied whole; pulls name the index, each client picks its platform.
    expect(
      screen.getByText(
        `skopeo copy --all docker://${PATH}@${digest('1dx')} docker://<destination>`,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(`docker pull ${PATH}@${digest('1dx')}`)).toBeInTheDocument();

    await user.click(within(platforms).getByRole('link', { name: 'linux/arm64' }));
    const arm64 = await screen.findByRole('table', {
      name: 'Layers of payments/gateway:multi for linux/arm64',
    });
    expect(within(arm64).getByTitle(digest('f00a'))).toBeInTheDocument();
    expect(location().search).toBe('?platform=linux%2Farm64');
    expect(within(platforms).getByRole('link', { name: 'linux/arm64' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    expect(screen.getByText(digest('a1a64'))).toBeInTheDocument();
    expect(seen.map((query) => query.get('platform'))).toEqual([null, 'linux/arm64']);
    // The config of an image without environment, labels or ports says so.
    const config = screen.getByRole('region', { name: 'Config' });
    expect(config).toHaveTextContent('Environment variablesNone');
    expect(config).toHaveTextContent('LabelsNone');
  });

  it('says the config is missing, and why, when the console does not read the registry', async () => {
    const { handler } = images(() => single('v1', [layer('base', 1024)], { registry: 'off' }));
    server.use(handler);
    renderApp(`${IMAGE}/v1`);
    const note = await screen.findByRole('note', { name: 'Read from the registry' });
    expect(note).toHaveTextContent('The console does not read images from the registry.');
    expect(note).toHaveTextContent("So the image's config is not shown.");
    expect(note).toHaveTextContent('REGISTRY_READ');
    expect(within(note).queryByRole('button', { name: 'Retry' })).not.toBeInTheDocument();
    // SWR's record still gives the layers and the size.
    expect(
      screen.getByRole('table', { name: 'Layers of payments/gateway:v1' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Config' })).toHaveTextContent(
      'Not shown: the registry was not read (see above).',
    );
  });

  it('says an index’s platform image is missing when the console does not read the registry', async () => {
    const { handler } = images(() => multi(null, 'off'));
    server.use(handler);
    renderApp(`${IMAGE}/multi`);
    const note = await screen.findByRole('note', { name: 'Read from the registry' });
    expect(note).toHaveTextContent(
      "So this platform's image (its layers and config) is not shown: SWR's record of a multi-platform tag lists only its platforms.",
    );
    expect(screen.getByRole('navigation', { name: 'Platforms of multi' })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Layers' })).not.toBeInTheDocument();
    expect(screen.getByText(`docker pull ${PATH}:multi`)).toBeInTheDocument();
  });

  it('offers to read the registry again after it failed', async () => {
    let registry: ImageDetails['registry'] = 'failed';
    const { handler, seen } = images(() => single('v1', [layer('base', 1024)], { registry }));
    server.use(handler);
    const { user } = renderApp(`${IMAGE}/v1`);
    const note = await screen.findByRole('note', { name: 'Read from the registry' });
    expect(note).toHaveTextContent('The registry could not be read just now.');
    registry = 'read';
    await user.click(within(note).getByRole('button', { name: 'Retry' }));
    await waitFor(() => {
      expect(
        screen.queryByRole('note', { name: 'Read from the registry' }),
      ).not.toBeInTheDocument();
    });
    expect(screen.getByRole('region', { name: 'Config' })).toHaveTextContent('Command["serve"]');
    expect(seen).toHaveLength(2);
  });

  it('shows the BFF’s refusal of a repository outside the user’s organizations, with no retry', async () => {
    const { handler } = images(() =>
      bffError(403, 'forbidden', {
        message: 'Your access is limited to organizations matching web-*.',
      }),
    );
    server.use(...sessionHandlers('viewer', { namespaces: ['web-*'] }), handler);
    renderApp(`${IMAGE}/v1`);
    expect(await screen.findByText('The image could not be loaded.')).toBeInTheDocument();
    expect(
      screen.getByText(
        'You may not do this. Your access is limited to organizations matching web-*.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Retry' })).not.toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Pull and copy' })).not.toBeInTheDocument();
  });

  it('says a tag that does not exist', async () => {
    const { handler } = images(() =>
      bffError(404, 'not_found', { message: 'No tag v9 in payments/gateway.' }),
    );
    server.use(handler);
    renderApp(`${IMAGE}/v9`);
    expect(await screen.findByText('There is no tag v9 in payments/gateway.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Retry' })).not.toBeInTheDocument();
  });

  it('speaks 简体中文', async () => {
    changeLanguage('zh-CN');
    try {
      const { handler } = images(() => single('v1', [layer('base', 1024)], { registry: 'off' }));
      server.use(handler);
      renderApp(`${IMAGE}/v1`);
      const note = await screen.findByRole('note', { name: '从镜像仓库服务读取' });
      expect(note).toHaveTextContent('控制台不从镜像仓库服务读取镜像。');
      expect(screen.getByRole('table', { name: 'payments/gateway:v1 的层' })).toBeInTheDocument();
      expect(screen.getByRole('button', { name: '复制按镜像版本拉取的命令' })).toBeInTheDocument();
    } finally {
      changeLanguage('en');
    }
  });
});
