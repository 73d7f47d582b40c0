/**
 * The BFF as one JavaScript file for plain `node` (docs/decisions/0005-bff-compiled-bundle.md):
 * esbuild bundles `src/main.ts` with the workspace's TypeScript packages it imports
 * (`@swr-dashboard/swr-client`) into `dist/main.mjs`; the npm dependencies stay outside, loaded
 * by node from `apps/bff/node_modules` as usual (better-sqlite3 is native code). A source map
 * without the sources sits beside it, so error stacks name the TypeScript files.
 *
 * `pnpm start`, the load harness and the benchmarks call `bundleIfNeeded()`: it builds only when
 * there is no bundle or a source is newer than it, and writes the new bundle by renaming, so a
 * process starting meanwhile never reads half a file.
 *
 *   node --import tsx apps/bff/scripts/bundle.ts            # build now
 *   node --import tsx apps/bff/scripts/bundle.ts --if-needed
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { randomUUID } from 'node:crypto';
import { build } from 'esbuild';

const BFF = resolve(import.meta.dirname, '..');
const ROOT = resolve(BFF, '../..');

/** The bundle `node` runs. */
export const BUNDLE = join(BFF, 'dist/main.mjs');

/** What the bundle is made of: a change to any of these makes it stale. */
const SOURCES = [
  join(BFF, 'src'),
  join(BFF, 'package.json'),
  join(BFF, 'scripts/bundle.ts'),
  join(ROOT, 'packages/swr-client/src'),
  join(ROOT, 'packages/swr-client/package.json'),
  join(ROOT, 'pnpm-lock.yaml'),
];

/** The newest modification time under a path (0 when it does not exist). */
function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newest(join(path, entry))));
}

export function bundleIsStale(): boolean {
  if (!existsSync(BUNDLE)) return true;
  const built = statSync(BUNDLE).mtimeMs;
  return SOURCES.some((source) => newest(source) > built);
}

/** The BFF's npm dependencies: loaded by node at run time, never bundled. */
function externals(): string[] {
  const manifest = JSON.parse(readFileSync(join(BFF, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  return Object.entries(manifest.dependencies ?? {})
    .filter(([, version]) => !version.startsWith('workspace:'))
    .map(([name]) => name);
}

/** Builds the bundle now; resolves with its path. */
export async function bundle(): Promise<string> {
  const result = await build({
    // Paths in the bundle's comments and map are relative to the repository, wherever it runs.
    absWorkingDir: ROOT,
    entryPoints: [join(BFF, 'src/main.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    outfile: BUNDLE,
    external: externals(),
    sourcemap: 'linked',
    sourcesContent: false,
    legalComments: 'none',
    logLevel: 'warning',
    write: false,
  });
  mkdirSync(dirname(BUNDLE), { recursive: true });
  // Each file is written beside its place and renamed into it: a reader sees the old file or
  // the new one, never a part. The map first, so the new bundle never points at an old map.
  const files = [...result.outputFiles].sort((a, b) =>
    a.path.endsWith('.map') === b.path.endsWith('.map') ? 0 : a.path.endsWith('.map') ? -1 : 1,
  );
  for (const file of files) {
    const temporary = join(
      dirname(file.path),
      `.${basename(file.path)}.${String(process.pid)}.${randomUUID()}.tmp`,
    );
    await writeFile(temporary, file.contents);
    renameSync(temporary, file.path);
  }
  return BUNDLE;
}

/** A build under way in this process: callers meanwhile wait for it instead of building too. */
let building: Promise<string> | undefined;

/**
 * The bundle's path, built first when it is missing or older than a source. Two callers at once
 * (two replicas started together) share one build.
 */
export async function bundleIfNeeded(
  log: (line: string) => void = () => undefined,
): Promise<string> {
  if (building !== undefined) return building;
  if (!bundleIsStale()) return BUNDLE;
  log('building the BFF…');
  building = bundle().finally(() => {
    building = undefined;
  });
  return building;
}

/**
 * How to run the bundle: plain node, stack traces mapped to the TypeScript sources, and a heap
 * sized for a service rather than for V8's defaults.
 * - A young generation of 8 MB semi-spaces instead of V8's 16: the BFF's garbage is short-lived
 *   (one answer's buffers and objects), so a smaller nursery is scavenged more often at hardly any
 *   cost. Measured with `pnpm bench memory` on a quiet 2-core box: RSS under the load test 204 →
 *   188 MB, at 345 → 363 requests/s.
 * - An old generation of at most 256 MB. Left to itself V8 sizes the heap limit from the
 *   machine's memory (gigabytes) and lets the old generation grow far past what is live before a
 *   full collection: under the load test (50 users) about 57 MB was live while the RSS reached
 *   220–225 MB. With the limit the RSS stayed at 128–134 MB at the same request rate (262–366
 *   requests/s at load 5–7, against 278–345 without). 256 MB leaves room for the fleet index of a
 *   large account, and with the native part (about 80 MB) fits the Kubernetes manifests' 384 MiB.
 * - An initial old generation of 64 MB. With a limit of 256 MB V8 picks its smallest growing
 *   factor (1.3): a full collection each time the old generation grows by 30 % over what
 *   survived, about every 200 ms under load, since each request's own objects live past a
 *   scavenge or two (`--trace-gc`). That cost about a sixth of the BFF's CPU a request under the
 *   overhead benchmark's load (3.5–3.6 against 2.9–3.0 ms, two processes each way, interleaved,
 *   two runs). From 64 MB it collects about once a second, at the CPU of no limit at all. RSS
 *   under the load test: 148.0 and 148.4 MB (SQLite, PostgreSQL + Redis) against 129 and 134.
 */
export const NODE_ARGS: readonly string[] = [
  '--enable-source-maps',
  '--max-semi-space-size=8',
  '--max-old-space-size=256',
  '--initial-old-space-size=64',
];

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const ifNeeded = process.argv.includes('--if-needed');
  (ifNeeded ? bundleIfNeeded(console.log) : bundle()).then(
    (path) => {
      console.log(`BFF bundle: ${path}`);
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
