/** Image details as the BFF answers them, for the page tests (test code only). */
import type { ImageConfig, ImageDetails, ImageLayer } from '@swr-dashboard/swr-client/browser';

export const HOST = '127.0.0.1:8811';
export const PATH = `${HOST}/payments/gateway`;
const LAYER = 'application/vnd.oci.image.layer.v1.tar+gzip';
export const OCI_IMAGE = 'application/vnd.oci.image.manifest.v1+json';
export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';

/** A digest in SWR's form, from a short name (`base` → `sha256:base000…`). */
export function digest(name: string): string {
  return `sha256:${name}${'0'.repeat(64 - name.length)}`;
}

export function layer(name: string, size: number): ImageLayer {
  return { digest: digest(name), size, mediaType: LAYER };
}

export function config(overrides: Partial<ImageConfig> = {}): ImageConfig {
  return {
    digest: digest('c0f1'),
    created: '2026-12-01T10:00:00Z',
    platform: 'linux/amd64',
    entrypoint: ['/app/run'],
    cmd: ['serve'],
    workingDir: '/app',
    user: 'app',
    envNames: ['PATH', 'MODE', 'API_TOKEN'],
    labels: { team: 'payments', 'org.opencontainers.image.version': '3.1.0' },
    exposedPorts: ['8080/tcp'],
    ...overrides,
  };
}

/** A single-platform image read from the registry (its config), unless `overrides` say. */
export function single(
  tag: string,
  layers: ImageLayer[],
  overrides: { config?: ImageConfig | null; registry?: ImageDetails['registry'] } = {},
): ImageDetails {
  const registry = overrides.registry ?? 'read';
  const manifest = digest(`a${tag.replace(/[^0-9a-f]/g, '')}`);
  return {
    tag,
    digest: manifest,
    mediaType: OCI_IMAGE,
    platforms: [],
    image: {
      platform: null,
      digest: manifest,
      mediaType: OCI_IMAGE,
      layers,
      size: 512 + layers.reduce((sum, entry) => sum + entry.size, 0),
      config: registry === 'read' ? (overrides.config ?? config()) : null,
    },
    registry,
    path: PATH,
  };
}
