/** Two images compared: layers by digest, the config field by field, names as sets. */
import type { ImageConfig } from '@swr-dashboard/swr-client/browser';
import { describe, expect, it } from 'vitest';
import { imageCommands } from './commands';
import { compareConfigs, compareLayers } from './compare';

const layer = (digest: string, size: number) => ({
  digest: `sha256:${digest}`,
  size,
  mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
});

function config(overrides: Partial<ImageConfig> = {}): ImageConfig {
  return {
    digest: 'sha256:c0',
    created: '2026-12-01T10:00:00Z',
    platform: 'linux/amd64',
    entrypoint: ['/app/run'],
    cmd: ['serve'],
    workingDir: '/app',
    user: 'app',
    envNames: ['PATH', 'MODE'],
    labels: { team: 'payments' },
    exposedPorts: ['8080/tcp'],
    ...overrides,
  };
}

describe('compareLayers', () => {
  it('tells shared layers from each image’s own, by digest, whatever their place', () => {
    const result = compareLayers(
      [layer('base', 100), layer('deps', 20), layer('app-1', 3)],
      [layer('base', 100), layer('app-2', 4), layer('deps', 20), layer('extra', 7)],
    );
    expect(result.layers.map((entry) => [entry.digest, entry.in])).toEqual([
      ['sha256:base', 'both'],
      ['sha256:deps', 'both'],
      ['sha256:app-1', 'a'],
      ['sha256:app-2', 'b'],
      ['sha256:extra', 'b'],
    ]);
    expect(result.shared).toEqual({ count: 2, size: 120 });
    expect(result.onlyA).toEqual({ count: 1, size: 3 });
    expect(result.onlyB).toEqual({ count: 2, size: 11 });
  });

  it('finds nothing shared between unrelated images, and everything in the same one', () => {
    expect(compareLayers([layer('x', 1)], [layer('y', 2)]).shared.count).toBe(0);
    const same = compareLayers([layer('x', 1)], [layer('x', 1)]);
    expect([same.shared.count, same.onlyA.count, same.onlyB.count]).toEqual([1, 0, 0]);
  });
});

describe('compareConfigs', () => {
  it('finds nothing changed in equal configs', () => {
    const result = compareConfigs(config(), config({ digest: 'sha256:other' }));
    expect(result.changed).toBe(false);
    expect(result.labels).toEqual([]);
    expect(result.envNames).toEqual({ added: [], removed: [] });
  });

  it('names what changed: entrypoint, command, created, env names, labels and ports', () => {
    const result = compareConfigs(
      config(),
      config({
        created: '2026-12-05T10:00:00Z',
        entrypoint: ['/app/run', '--verbose'],
        envNames: ['PATH', 'LOG_LEVEL'],
        labels: { team: 'platform', version: '2' },
        exposedPorts: ['8080/tcp', '9090/tcp'],
      }),
    );
    expect(result.changed).toBe(true);
    expect(result.entrypoint.changed).toBe(true);
    expect(result.cmd.changed).toBe(false);
    expect(result.created).toEqual({
      a: '2026-12-01T10:00:00Z',
      b: '2026-12-05T10:00:00Z',
      changed: true,
    });
    expect(result.envNames).toEqual({ added: ['LOG_LEVEL'], removed: ['MODE'] });
    expect(result.exposedPorts).toEqual({ added: ['9090/tcp'], removed: [] });
    expect(result.labels).toEqual([
      { key: 'team', a: 'payments', b: 'platform' },
      { key: 'version', a: undefined, b: '2' },
    ]);
  });

  it('tells an argument split differently from the same words', () => {
    const result = compareConfigs(
      config({ cmd: ['serve --fast'] }),
      config({ cmd: ['serve', '--fast'] }),
    );
    expect(result.cmd.changed).toBe(true);
  });
});

describe('imageCommands', () => {
  it('pulls by tag and by digest, and copies an index with all its platforms', () => {
    const path = '127.0.0.1:8811/payments/gateway';
    expect(imageCommands(path, 'v1', 'sha256:abc', false)).toEqual({
      pullTag: 'docker pull 127.0.0.1:8811/payments/gateway:v1',
      pullDigest: 'docker pull 127.0.0.1:8811/payments/gateway@sha256:abc',
      copy: 'skopeo copy docker://127.0.0.1:8811/payments/gateway@sha256:abc docker://<destination>',
    });
    expect(imageCommands(path, 'v1', 'sha256:abc', true).copy).toBe(
      'skopeo copy --all docker://127.0.0.1:8811/payments/gateway@sha256:abc docker://<destination>',
    );
  });
});
