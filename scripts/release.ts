/**
 * `pnpm build`: the console as one self-contained release folder, the one thing a server or an
 * image needs (docs/deployment.md):
 *
 *   main.mjs         the start: serves web/ beside it (unless WEB_ROOT says otherwise), runs bff/
 *   bff/main.mjs     the BFF's bundle and its source map (apps/bff/scripts/bundle.ts)
 *   web/             the built web app (Vite)
 *   package.json     production dependencies only, and the start command
 *   node_modules/    those dependencies, as the lockfile pins them, better-sqlite3 built for
 *                    this Node
 *
 * Run it with its `npm start` (plain `node`, the flags of NODE_ARGS in apps/bff/scripts/bundle.ts,
 * `main.mjs`), from any working directory, on a read-only folder: it writes nothing there (set
 * BFF_DATABASE).
 *
 *   node --import tsx scripts/release.ts                 # into dist/release
 *   node --import tsx scripts/release.ts --out <folder>  # anywhere else (replaced whole)
 *
 * The dependencies come from `pnpm deploy --prod --legacy` of the BFF (the workspace's lockfile,
 * the store's build of better-sqlite3, or a build against `npm_config_nodedir`); the workspace
 * package it names (`@swr-dashboard/swr-client`, TypeScript sources) is in the bundle already and
 * is taken out of node_modules.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { bundle, NODE_ARGS } from '../apps/bff/scripts/bundle';

const ROOT = resolve(import.meta.dirname, '..');
const BFF = join(ROOT, 'apps/bff');
const WEB = join(ROOT, 'apps/web');
/** Vite's command line, run by node directly (as scripts/start.ts does). */
const VITE = join(WEB, 'node_modules/vite/bin/vite.js');

/** Where `pnpm build` puts the release: under dist/, which git, ESLint and Prettier skip. */
export const DEFAULT_RELEASE_DIR = join(ROOT, 'dist/release');

/** The release's parts, relative to its folder. */
export const RELEASE = {
  entry: 'main.mjs',
  bundle: 'bff/main.mjs',
  web: 'web',
} as const;

/** The command that starts a release, run in its folder. */
export const START_COMMAND: readonly string[] = ['node', ...NODE_ARGS, RELEASE.entry];

interface Manifest {
  version?: string;
  engines?: Record<string, string>;
  dependencies?: Record<string, string>;
}

function readManifest(path: string): Manifest {
  return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
}

/** Runs a command to its end, its output shown; throws when it fails. */
function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): void {
  const result = spawnSync(command, args, {
    cwd,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, ...env },
  });
  if (result.error !== undefined) throw result.error;
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed (${String(result.status ?? result.signal)})`,
    );
  }
}

/**
 * Node's headers, for building better-sqlite3 when the store has no build of it: the caller's
 * `npm_config_nodedir`, else the prefix of the running node when it has them (Debian's /usr, the
 * official images' /usr/local).
 */
function nodeDir(): string | undefined {
  const configured = process.env.npm_config_nodedir;
  if (configured !== undefined && configured !== '') return configured;
  const prefix = resolve(dirname(process.execPath), '..');
  return existsSync(join(prefix, 'include/node/node.h')) ? prefix : undefined;
}

/** An empty folder for the release, whatever was there. */
function prepareFolder(out: string): void {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
}

/**
 * The web app, built by Vite straight into the release (apps/web/dist is left alone). In
 * production mode whatever NODE_ENV the caller has: Vite takes it for React's build, and a test
 * runner's `test` would ship React's development build.
 */
function buildWeb(out: string): void {
  run(process.execPath, [VITE, 'build', '--outDir', join(out, RELEASE.web), '--emptyOutDir'], WEB, {
    NODE_ENV: 'production',
  });
}

/** The BFF's bundle, built now from the sources, and its source map. */
async function copyBundle(out: string): Promise<void> {
  const built = await bundle();
  const target = join(out, RELEASE.bundle);
  mkdirSync(dirname(target), { recursive: true });
  cpSync(built, target);
  cpSync(`${built}.map`, `${target}.map`);
}

/** The BFF's production dependencies, as the lockfile pins them, into `out/node_modules`. */
function installDependencies(out: string): void {
  const staging = `${out}.deploy`;
  rmSync(staging, { recursive: true, force: true });
  const dir = nodeDir();
  try {
    run(
      'pnpm',
      ['--filter', '@swr-dashboard/bff', 'deploy', '--prod', '--legacy', staging],
      ROOT,
      dir === undefined ? {} : { npm_config_nodedir: dir },
    );
    renameSync(join(staging, 'node_modules'), join(out, 'node_modules'));
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Removes what the release does not run: the bundled workspace package, native build leftovers. */
function prune(out: string): void {
  const modules = join(out, 'node_modules');
  const store = join(modules, '.pnpm');
  for (const path of [
    join(modules, '@swr-dashboard'),
    join(store, 'node_modules/@swr-dashboard'),
  ]) {
    rmSync(path, { recursive: true, force: true });
  }
  for (const entry of readdirSync(store)) {
    if (entry.startsWith('@swr-dashboard+')) rmSync(join(store, entry), { recursive: true });
    // better-sqlite3 loads build/Release/better_sqlite3.node; the compiler's objects stay out.
    if (entry.startsWith('better-sqlite3@')) {
      const release = join(store, entry, 'node_modules/better-sqlite3/build/Release');
      for (const file of readdirSync(release)) {
        if (file !== 'better_sqlite3.node') rmSync(join(release, file), { recursive: true });
      }
    }
  }
}

/** The BFF's npm dependencies: what the bundle imports at run time (its externals). */
function productionDependencies(): Record<string, string> {
  const dependencies = readManifest(join(BFF, 'package.json')).dependencies ?? {};
  return Object.fromEntries(
    Object.entries(dependencies).filter(([, version]) => !version.startsWith('workspace:')),
  );
}

/** package.json (production dependencies, the start command) and the entry that starts the BFF. */
function writeStart(out: string): void {
  const manifest = {
    name: 'swr-dashboard',
    version: readManifest(join(BFF, 'package.json')).version ?? '0.0.0',
    private: true,
    type: 'module',
    description: 'swr-dashboard release: the BFF and the web app it serves (docs/deployment.md)',
    engines: readManifest(join(ROOT, 'package.json')).engines,
    scripts: { start: START_COMMAND.join(' ') },
    dependencies: productionDependencies(),
  };
  writeFileSync(join(out, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(
    join(out, RELEASE.entry),
    [
      '// The release of swr-dashboard (written by scripts/release.ts): `node main.mjs` from any',
      '// directory. The BFF serves the web app beside this file unless WEB_ROOT names another.',
      "import { fileURLToPath } from 'node:url';",
      '',
      `process.env.WEB_ROOT ??= fileURLToPath(new URL('./${RELEASE.web}', import.meta.url));`,
      `await import('./${RELEASE.bundle}');`,
      '',
    ].join('\n'),
  );
}

/** `name@version` of each package pnpm placed under node_modules/.pnpm. */
function installedPackages(out: string): string[] {
  return readdirSync(join(out, 'node_modules/.pnpm'))
    .filter((entry) => entry !== 'node_modules' && entry !== 'lock.yaml')
    .map((entry) => entry.replace(/^(@?[^@]+@[^_]+)_.*$/, '$1').replace(/^@([^+]+)\+/, '@$1/'));
}

/** Every installed package is one the workspace's lockfile pins, and better-sqlite3 loads. */
function verify(out: string): void {
  const lockfile = parseYaml(readFileSync(join(ROOT, 'pnpm-lock.yaml'), 'utf8')) as {
    packages?: Record<string, unknown>;
  };
  const locked = new Set(Object.keys(lockfile.packages ?? {}));
  const unlocked = installedPackages(out).filter((name) => !locked.has(name));
  if (unlocked.length > 0) throw new Error(`not in pnpm-lock.yaml: ${unlocked.join(', ')}`);
  run(
    process.execPath,
    ['-e', "new (require('better-sqlite3'))(':memory:').prepare('select 1').get()"],
    out,
  );
}

/** Builds the release into `out` (replaced whole); resolves with its path. */
export async function buildRelease(out: string = DEFAULT_RELEASE_DIR): Promise<string> {
  const steps: [string, (folder: string) => void | Promise<void>][] = [
    ['empty folder', prepareFolder],
    ['web app', buildWeb],
    ['BFF bundle', copyBundle],
    ['production dependencies', installDependencies],
    ['prune', prune],
    ['package.json and main.mjs', writeStart],
    ['verify', verify],
  ];
  for (const [name, step] of steps) {
    console.log(`release: ${name}`);
    await step(out);
  }
  return out;
}

function outArgument(argv: readonly string[]): string {
  const at = argv.indexOf('--out');
  if (at === -1) return DEFAULT_RELEASE_DIR;
  const value = argv[at + 1];
  if (value === undefined) throw new Error('--out needs a folder');
  return resolve(value);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildRelease(outArgument(process.argv)).then(
    (out) => {
      console.log(`release: ${out} (start: ${START_COMMAND.join(' ')})`);
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
