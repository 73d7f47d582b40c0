/**
 * The Dockerfile, read offline: no image is built here (no container engine, no registry), so
 * this checks what can be checked from its text. Base images pinned to exact Node 20 tags; the
 * build stage installs from the lockfile with the project's pnpm and runs `pnpm build`, the
 * release script that release.test.ts runs and tests; the final stage copies that folder alone,
 * runs as a non-root user by number, writes only to its volumes, checks its health with node,
 * and starts the release as its package.json says.
 */
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RELEASE_DIR, START_COMMAND } from '../../../scripts/release';

const ROOT = resolve(import.meta.dirname, '../../..');

interface Instruction {
  keyword: string;
  args: string;
}

/** The Dockerfile's instructions by stage, continuation lines joined and comments left out. */
function stages(): Instruction[][] {
  const text = readFileSync(join(ROOT, 'Dockerfile'), 'utf8').replace(/\\\n\s*/g, ' ');
  const result: Instruction[][] = [];
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const [keyword = '', ...rest] = trimmed.split(/\s+/);
    const instruction = { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    if (instruction.keyword === 'FROM') result.push([]);
    result.at(-1)?.push(instruction);
  }
  return result;
}

function all(stage: Instruction[], keyword: string): string[] {
  return stage.filter((i) => i.keyword === keyword).map((i) => i.args);
}

/** `KEY=value` pairs of a stage's ENV instructions. */
function envOf(stage: Instruction[]): Record<string, string> {
  return Object.fromEntries(
    all(stage, 'ENV').flatMap((args) =>
      args.split(/\s+/).map((pair) => pair.split('=') as [string, string]),
    ),
  );
}

const [build = [], final = [], ...extra] = stages();
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  packageManager: string;
  scripts: Record<string, string>;
};

describe('the Dockerfile', () => {
  it('has a build stage and a final stage, each on an exact Node 20 Debian tag', () => {
    expect(extra).toEqual([]);
    const buildFrom = build[0]?.args ?? '';
    const finalFrom = final[0]?.args ?? '';
    expect(buildFrom).toMatch(/^node:20\.\d+\.\d+-bookworm AS build$/);
    expect(finalFrom).toMatch(/^node:20\.\d+\.\d+-bookworm-slim$/);
    // Both stages on the same Node: better-sqlite3 is built by one and loaded by the other.
    expect(finalFrom.split('-')[0]).toBe(buildFrom.split('-')[0]);
  });

  it('builds with the lockfile, the project’s pnpm, and the same release script', () => {
    const pnpm = manifest.packageManager.replace(/\+.*$/, '');
    const runs = all(build, 'RUN');
    expect(runs).toContain(`npm install --global ${pnpm}`);
    expect(runs).toContain('pnpm install --frozen-lockfile');
    expect(runs).toContain('pnpm build');
    expect(manifest.scripts.build).toBe('node --import tsx scripts/release.ts');
    expect(envOf(build).npm_config_nodedir).toBe('/usr/local');
  });

  it('copies the release folder alone into the final stage', () => {
    const copies = all(final, 'COPY');
    const workdir = all(final, 'WORKDIR').at(-1);
    expect(copies).toEqual([
      `--from=build --chown=root:root /src/${relative(ROOT, DEFAULT_RELEASE_DIR)} ${String(workdir)}`,
    ]);
    expect(all(build, 'WORKDIR').at(-1)).toBe('/src');
  });

  it('runs as a non-root user by number, writing only to its volumes', () => {
    const user = all(final, 'USER').at(-1) ?? '';
    expect(user).toMatch(/^[1-9]\d*:[1-9]\d*$/);
    const env = envOf(final);
    expect(env.NODE_ENV).toBe('production');
    const volumes = JSON.parse(all(final, 'VOLUME').at(-1) ?? '[]') as string[];
    expect(volumes).toContain('/tmp');
    expect(volumes.some((volume) => env.BFF_DATABASE?.startsWith(`${volume}/`))).toBe(true);
  });

  it('exposes its port, checks its health with node, and starts the release', () => {
    const env = envOf(final);
    expect(env.HOST).toBe('0.0.0.0');
    expect(all(final, 'EXPOSE')).toEqual([env.PORT]);
    const healthcheck = all(final, 'HEALTHCHECK').at(-1) ?? '';
    expect(healthcheck).toMatch(/CMD \["node", "-e", ".*\/healthz/);
    expect(JSON.parse(all(final, 'CMD').at(-1) ?? '[]')).toEqual([...START_COMMAND]);
    expect(all(final, 'STOPSIGNAL')).toEqual(['SIGTERM']);
  });
});

describe('.dockerignore', () => {
  it('keeps installed modules, builds, the git folder and local data out of the context', () => {
    const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
      .split('\n')
      .map((line) => line.trim());
    for (const entry of ['**/node_modules', '**/dist', '.git', '.data', '**/*.sqlite']) {
      expect(ignored).toContain(entry);
    }
  });
});
