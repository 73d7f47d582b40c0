/**
 * The release folder (scripts/release.ts, `pnpm build`, and the image's build stage) run as the
 * image runs it: built once into a temporary folder, copied elsewhere and made read-only, the
 * build itself removed (so nothing may point back into it or into the repository), then started
 * with plain `node main.mjs` as the unprivileged `nobody` user, in the copy's folder (the image's
 * WORKDIR) outside the repository, with `NODE_ENV=production` and the smallest production configuration (header
 * sign-in behind a proxy on loopback), its SQLite file in a folder of its own.
 *
 * What must hold: no devDependency and no TypeScript source in the folder; /healthz answers; the
 * web app's index is served; SIGTERM stops it with exit 0; and the folder is the same, file for
 * file, after it ran. /readyz is not exercised: production refuses the emulator's plain-http
 * endpoints, and the cloud is out of reach here.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  lstatSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../bench/load/processes';
import { RELEASE, START_COMMAND } from '../../../scripts/release';

const ROOT = resolve(import.meta.dirname, '../../..');
/** The release build: Vite, esbuild and `pnpm deploy` (about 25 s on 2 busy cores). */
const BUILD_TIMEOUT_MS = 150_000;
const START_DEADLINE_MS = 20_000;
/** The BFF's own shutdown deadline is 10 s; with nothing in flight it takes milliseconds. */
const STOP_DEADLINE_MS = 12_000;
/** Tools of the build and the tests that must never reach the release. */
const BUILD_TOOLS = ['vitest', 'tsx', 'esbuild', 'typescript', 'vite', 'eslint', 'prettier'];

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

interface Account {
  uid: number;
  gid: number;
}

let base = '';
/** The read-only copy that runs. */
let app = '';
let data = '';
let child: ChildProcess | undefined;

/** The `nobody` account when this runs as root (as CI does); else the current user. */
function runAs(): Account | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('nobody:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (uid === undefined || gid === undefined) throw new Error('no nobody user in /etc/passwd');
  return { uid: Number(uid), gid: Number(gid) };
}

function manifest(path: string): Record<string, Record<string, string> | undefined> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<
    string,
    Record<string, string> | undefined
  >;
}

/** Every entry under `dir` (links not followed), with its size and modification time. */
function snapshot(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .map((entry) => {
      const full = join(entry.parentPath, entry.name);
      const info = lstatSync(full);
      return `${relative(dir, full)} ${String(info.size)} ${String(info.mtimeMs)}`;
    })
    .sort();
}

/** Files under `dir` whose name ends with one of `suffixes`, `node_modules` left out. */
function sourcesIn(dir: string, suffixes: readonly string[]): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const full = join(entry.parentPath, entry.name);
    if (relative(dir, full).split('/').includes('node_modules')) continue;
    if (entry.isFile() && suffixes.some((suffix) => entry.name.endsWith(suffix))) found.push(full);
  }
  return found;
}

function exited(proc: ChildProcess): Promise<Exit> {
  return new Promise((done) => {
    if (proc.exitCode !== null || proc.signalCode !== null) {
      done({ code: proc.exitCode, signal: proc.signalCode });
      return;
    }
    proc.once('exit', (code, signal) => {
      done({ code, signal });
    });
  });
}

/** `promise`, or a rejection naming `what` once `ms` have passed. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, fail) => {
    timer = setTimeout(() => {
      fail(new Error(`${what}: not within ${String(ms)} ms`));
    }, ms);
  });
  return Promise.race([promise, deadline]).finally(() => {
    clearTimeout(timer);
  });
}

/** Resolves on the BFF's "listening" log line; fails with its output if it exits first. */
function listening(proc: ChildProcess, output: string[]): Promise<void> {
  return new Promise((done, fail) => {
    const lines = createInterface({ input: proc.stdout ?? process.stdin });
    lines.on('line', (line) => {
      output.push(line);
      if (line.includes('BFF listening at')) done();
    });
    proc.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    void exited(proc).then((exit) => {
      fail(new Error(`the release exited (${JSON.stringify(exit)}):\n${output.join('\n')}`));
    });
  });
}

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'release-test-'));
  const built = join(base, 'build/release');
  const build = spawn(process.execPath, ['--import', 'tsx', 'scripts/release.ts', '--out', built], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  build.stdout.on('data', (chunk: Buffer) => log.push(chunk.toString()));
  build.stderr.on('data', (chunk: Buffer) => log.push(chunk.toString()));
  const exit = await exited(build);
  if (exit.code !== 0) throw new Error(`the release build failed:\n${log.join('')}`);

  // Elsewhere, read-only, the build gone: links are copied as they are (relative, inside).
  app = join(base, 'app');
  cpSync(built, app, { recursive: true, verbatimSymlinks: true });
  rmSync(join(base, 'build'), { recursive: true });
  const chmod = spawnSync('chmod', ['-R', 'a-w', app]);
  if (chmod.status !== 0) throw new Error(`chmod: ${chmod.stderr.toString()}`);
  data = join(base, 'data');
  mkdirSync(data);
  const account = runAs();
  if (account !== undefined) {
    // mkdtemp's folder is private to root; nobody must get through it to the app.
    spawnSync('chmod', ['755', base]);
    chownSync(data, account.uid, account.gid);
  }
}, BUILD_TIMEOUT_MS);

afterAll(() => {
  // A failed test must not leave the BFF it started behind: only that process, by its pid.
  if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL');
  }
  if (base !== '') {
    spawnSync('chmod', ['-R', 'u+w', base]);
    rmSync(base, { recursive: true, force: true });
  }
});

describe('the release folder', () => {
  it('holds the production dependencies only, and no source', () => {
    const own = manifest(join(ROOT, 'apps/bff/package.json'));
    const production = Object.entries(own.dependencies ?? {}).filter(
      ([, version]) => !version.startsWith('workspace:'),
    );
    const released = manifest(join(app, 'package.json'));
    expect(released.dependencies).toEqual(Object.fromEntries(production));
    expect(released.devDependencies).toBeUndefined();
    expect(released.scripts?.start).toBe(START_COMMAND.join(' '));

    // Every devDependency of the workspace's parts that build it, unless production needs it too.
    const dev = new Set(BUILD_TOOLS);
    for (const path of ['package.json', 'apps/bff/package.json', 'apps/web/package.json']) {
      for (const name of Object.keys(manifest(join(ROOT, path)).devDependencies ?? {})) {
        dev.add(name);
      }
    }
    for (const [name] of production) dev.delete(name);
    const modules = join(app, 'node_modules');
    const installed = [
      ...readdirSync(modules),
      // pnpm's hoisted view of every package installed, direct or not.
      ...readdirSync(join(modules, '.pnpm/node_modules')).flatMap((entry) =>
        entry.startsWith('@')
          ? readdirSync(join(modules, '.pnpm/node_modules', entry)).map((n) => `${entry}/${n}`)
          : [entry],
      ),
    ];
    expect(installed).toContain('better-sqlite3');
    expect(installed.filter((name) => dev.has(name))).toEqual([]);
    expect(installed.filter((name) => name.startsWith('@swr-dashboard'))).toEqual([]);

    expect(sourcesIn(app, ['.ts', '.tsx', '.mts', '.cts'])).toEqual([]);
    expect(existsSync(join(app, RELEASE.entry))).toBe(true);
    expect(existsSync(join(app, RELEASE.bundle))).toBe(true);
    expect(existsSync(join(app, RELEASE.web, 'index.html'))).toBe(true);
    // React's production build, although this test runs with NODE_ENV=test: no jsxDEV calls.
    const scripts = readdirSync(join(app, RELEASE.web, 'assets')).filter((f) => f.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    const development = scripts.filter((file) =>
      readFileSync(join(app, RELEASE.web, 'assets', file), 'utf8').includes('jsxDEV'),
    );
    expect(development).toEqual([]);
  });

  it(
    'runs read-only as nobody under plain node, serves the web app, and stops on SIGTERM',
    async () => {
      const before = snapshot(app);
      const port = await freePort();
      const account = runAs();
      // `node main.mjs` in the release's folder, as the image's WORKDIR and CMD say.
      expect(START_COMMAND[0]).toBe('node');
      expect(START_COMMAND.at(-1)).toBe(RELEASE.entry);
      child = spawn(process.execPath, START_COMMAND.slice(1), {
        cwd: app,
        ...(account === undefined ? {} : { uid: account.uid, gid: account.gid }),
        // Nothing inherited: what production requires, and no more.
        env: {
          PATH: '/usr/local/bin:/usr/bin:/bin',
          NODE_ENV: 'production',
          HOST: '127.0.0.1',
          PORT: String(port),
          PUBLIC_ORIGIN: 'https://swr.release-test.example',
          TRUST_PROXY_HOPS: '1',
          AUTH_MODE: 'header',
          TRUSTED_PROXY_CIDRS: '127.0.0.1/32',
          SESSION_SECRETS: 'release-test-session-secret-0123456789abcdef',
          SWR_REGIONS: 'cn-north-4',
          HWC_AK: 'RELEASETESTAK00000001',
          HWC_SK: 'release-test-sk-000000000000000000000001',
          BFF_DATABASE: join(data, 'bff.sqlite'),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const output: string[] = [];
      await within(listening(child, output), START_DEADLINE_MS, 'the release listening');

      const origin = `http://127.0.0.1:${String(port)}`;
      const health = await fetch(`${origin}/healthz`);
      expect(health.status).toBe(200);
      const index = await fetch(`${origin}/`);
      expect(index.status).toBe(200);
      expect(index.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await index.text()).toBe(readFileSync(join(app, RELEASE.web, 'index.html'), 'utf8'));
      // A route of the web app gets the same index (the SPA's history routing).
      const route = await fetch(`${origin}/audit`);
      expect(route.status).toBe(200);
      expect(route.headers.get('content-type')).toMatch(/^text\/html/);

      child.kill('SIGTERM');
      const exit = await within(exited(child), STOP_DEADLINE_MS, 'the release stopping');
      expect(exit, output.join('\n')).toEqual({ code: 0, signal: null });
      expect(output.join('\n')).toContain('stopped: stores closed');

      expect(snapshot(app)).toEqual(before);
      expect(readdirSync(data)).toContain('bff.sqlite');
    },
    START_DEADLINE_MS + STOP_DEADLINE_MS + 10_000,
  );
});
