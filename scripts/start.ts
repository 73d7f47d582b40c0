/**
 * `pnpm start`: the console on this machine with nothing configured. Builds the web app and the
 * BFF's bundle if their sources changed, starts the embedded SWR emulator (demo account, SQLite
 * under .data/) and the BFF in demo sign-in (serving the web app; compiled, under plain node:
 * docs/decisions/0005-bff-compiled-bundle.md) as two processes, the BFF talking to the emulator
 * over HTTP exactly as it would to the cloud, and prints the URL.
 *
 * `pnpm dev` (`--dev`): the same, but the web app is served by Vite with hot reload, and the BFF
 * runs from its TypeScript sources (tsx).
 *
 * Environment: `PORT` (the BFF, default 8080), the emulator's own variables (`EMULATOR_PORT`, the
 * first region's port, default 8801, the others following; `EMULATOR_DB`; see
 * apps/emulator/README.md), `BFF_DATABASE` (default .data/bff.sqlite), and `WEB_ROOT`: a built
 * web app to serve instead of building apps/web.
 *
 * Stopping: on SIGINT (Ctrl-C) or SIGTERM the launcher sends SIGTERM once to each process it
 * started, waits until all have exited (at most STOP_DEADLINE_MS, then SIGKILLs what is left and
 * says so), and only then exits: 0 when every one stopped cleanly, so that pnpm reports nothing.
 * With Ctrl-C the terminal sends SIGINT to the whole process group, children included, and pnpm
 * passes it on once more: the children stop once whichever signal comes first, and every signal
 * after the first is ignored here. When a child ends by itself, the others are stopped the same
 * way and the launcher exits non-zero. (pnpm runs a script through `sh -c`; Debian's sh, dash,
 * gets the terminal's SIGINT too and then ends by that signal whatever its child exited with,
 * so pnpm prints ELIFECYCLE unless the script line `exec`s node.)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { bundleIfNeeded, NODE_ARGS } from '../apps/bff/scripts/bundle';
import { bffEnvFor } from '../packages/emulator-fixtures/src/index';

const ROOT = resolve(import.meta.dirname, '..');
const WEB = join(ROOT, 'apps/web');
/** Vite's command line, run by node directly: no pnpm or shell between it and our signals. */
const VITE = join(WEB, 'node_modules/vite/bin/vite.js');
const BFF_PORT = process.env.PORT ?? '8080';
const DEV = process.argv.includes('--dev');
const VITE_PORT = '5173';
/** How long the processes get to stop after SIGTERM (the BFF's own deadline is 10 s). */
const STOP_DEADLINE_MS = 15_000;

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A process this launcher started. */
interface Child {
  readonly name: string;
  readonly process: ChildProcess;
  /** Resolves once the process has exited (and was reaped: its pid is gone). */
  readonly exited: Promise<Exit>;
}

const children: Child[] = [];
/** Set once, by the first reason to stop; every later one joins it. */
let stopping: Promise<never> | undefined;

/** Thrown by a step of the start that comes after a stop began. */
class Stopping extends Error {}

function describe(exit: Exit): string {
  return exit.signal === null ? `exit ${String(exit.code)}` : `signal ${exit.signal}`;
}

function running(child: Child): boolean {
  const { pid, exitCode, signalCode } = child.process;
  return pid !== undefined && exitCode === null && signalCode === null;
}

/** A stop we asked for ended well: exit 0, or the end a stop signal gives a process without handler. */
function stoppedCleanly({ code, signal }: Exit): boolean {
  return code === 0 || code === 130 || code === 143 || signal === 'SIGINT' || signal === 'SIGTERM';
}

interface LaunchOptions {
  env?: Record<string, string>;
  cwd?: string;
  stdout: 'pipe' | 'inherit';
}

/** `node <args>`: a TypeScript script under tsx, a bundle under plain node, or Vite. */
function launch(name: string, args: string[], options: LaunchOptions): Child {
  if (stopping !== undefined) throw new Stopping();
  const proc = spawn(process.execPath, args, {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', options.stdout, 'inherit'],
  });
  const exited = new Promise<Exit>((done) => {
    proc.once('exit', (code, signal) => {
      done({ code, signal });
    });
    proc.once('error', (error) => {
      console.error(`${name}: ${error.message}`);
      // It never started (no pid): no 'exit' will come.
      if (proc.pid === undefined) done({ code: 1, signal: null });
    });
  });
  const child: Child = { name, process: proc, exited };
  children.push(child);
  return child;
}

/** A process that runs until the console stops; if it ends first, the console stops. */
function service(name: string, args: string[], options: LaunchOptions): Child {
  const child = launch(name, args, options);
  void child.exited.then((exit) => {
    console.error(`${name} stopped (${describe(exit)})`);
    if (stopping === undefined) {
      void stop(`${name} stopped by itself`, exit.code !== null && exit.code !== 0 ? exit.code : 1);
    }
  });
  return child;
}

/** A process that does one job (a build): resolves when it succeeded. */
async function task(name: string, args: string[], cwd: string): Promise<void> {
  const exit = await launch(name, args, { cwd, stdout: 'inherit' }).exited;
  if (stopping !== undefined) throw new Stopping();
  if (exit.code !== 0) throw new Error(`${name} failed (${describe(exit)})`);
}

function names(list: Child[]): string {
  const each = list.map((child) => `${child.name} (pid ${String(child.process.pid)})`);
  return each.length < 2
    ? each.join('')
    : `${each.slice(0, -1).join(', ')} and ${each.at(-1) ?? ''}`;
}

/**
 * Stops every process still running: SIGTERM once each, then waits for all of them (at most
 * STOP_DEADLINE_MS, then SIGKILL), then exits with `code`, or 1 if one of them had to be killed
 * or did not stop cleanly.
 */
function stop(why: string, code: number): Promise<never> {
  stopping ??= (async () => {
    const left = children.filter(running);
    if (left.length > 0) {
      console.error(
        `${why}: stopping ${names(left)} (waiting at most ${STOP_DEADLINE_MS / 1000} s)`,
      );
    }
    for (const child of left) child.process.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'deadline'>((done) => {
      timer = setTimeout(() => {
        done('deadline');
      }, STOP_DEADLINE_MS);
    });
    const all = Promise.all(left.map((child) => child.exited));
    let exitCode = code;
    if ((await Promise.race([all, deadline])) === 'deadline') {
      const stuck = left.filter(running);
      console.error(
        `${names(stuck)} did not stop within ${STOP_DEADLINE_MS / 1000} s: killing (SIGKILL)`,
      );
      for (const child of stuck) child.process.kill('SIGKILL');
      exitCode = 1;
    }
    clearTimeout(timer);
    const exits = await all;
    if (!exits.every(stoppedCleanly)) exitCode = exitCode === 0 ? 1 : exitCode;
    process.exit(exitCode);
  })();
  return stopping;
}

/** Reads the emulator's banner: each region's URL and the demo account's project ids. */
/** The emulator's registry front doors as its banner lists them, or why there are none. */
const registryLines: string[] = [];

async function emulatorRegions(
  child: ChildProcess,
): Promise<Map<string, { url: string; projectId?: string }>> {
  const regions = new Map<string, { url: string; projectId?: string }>();
  let account = '';
  if (child.stdout === null) throw new Error('the emulator has no output');
  for await (const line of createInterface({ input: child.stdout })) {
    if (/^\s{2}registry[ :]/.test(line)) registryLines.push(line.trim());
    const region = /^\s{2}([a-z]+(?:-[a-z]+)+-\d+)\s+(http:\/\/\S+)$/.exec(line);
    if (region?.[1] !== undefined && region[2] !== undefined)
      regions.set(region[1], { url: region[2] });
    const accountLine = /^\s{2}account (\S+):/.exec(line);
    if (accountLine?.[1] !== undefined) account = accountLine[1];
    const project = /^\s{4}project id in (\S+): ([0-9a-f]{32})$/.exec(line);
    if (account === 'demo-ops' && project?.[1] !== undefined && project[2] !== undefined) {
      const known = regions.get(project[1]);
      if (known !== undefined) known.projectId = project[2];
    }
    if (line.includes('demo keys')) return regions;
  }
  throw new Error('the emulator stopped before it was ready');
}

/** Waits until `url` answers 200 (a process just started needs a moment to listen). */
async function waitFor(url: string): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt += 1) {
    if (stopping !== undefined) throw new Stopping();
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`nothing answered at ${url}`);
}

/** The newest modification time under a directory. */
function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newest(join(path, entry))));
}

/** Builds the web app when it was never built or its sources are newer than the build. */
async function buildWebIfNeeded(): Promise<string> {
  const index = join(WEB, 'dist/index.html');
  const sources = ['src', 'index.html', 'public', 'vite.config.ts'].map((entry) =>
    join(WEB, entry),
  );
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  if (sources.some((source) => existsSync(source) && newest(source) > built)) {
    console.log('building the web app…');
    await task('the web build', [VITE, 'build'], WEB);
  }
  return join(WEB, 'dist');
}

async function main(): Promise<void> {
  const webRoot = DEV ? undefined : (process.env.WEB_ROOT ?? (await buildWebIfNeeded()));
  const bffCommand = DEV
    ? ['--import', 'tsx', 'apps/bff/src/main.ts']
    : [
        ...NODE_ARGS,
        await bundleIfNeeded((line) => {
          console.log(line);
        }),
      ];
  const emulator = service(
    'the emulator',
    ['--import', 'tsx', 'apps/emulator/src/main.ts', '--quiet'],
    { stdout: 'pipe' },
  );
  const regions = await emulatorRegions(emulator.process);
  // Past the banner its output is not needed, but it must be read: a full pipe would block it.
  emulator.process.stdout?.resume();
  const env: Record<string, string> = {
    // The BFF takes production unless told otherwise; the demo is development.
    NODE_ENV: 'development',
    AUTH_MODE: 'demo',
    PORT: BFF_PORT,
    BFF_DATABASE: process.env.BFF_DATABASE ?? resolve(ROOT, '.data/bff.sqlite'),
    // In development the browser is on Vite's origin, which proxies /api and /auth to the BFF.
    PUBLIC_ORIGIN: DEV ? `http://127.0.0.1:${VITE_PORT}` : `http://127.0.0.1:${BFF_PORT}`,
    ...(webRoot === undefined ? {} : { WEB_ROOT: webRoot }),
    // The embedded emulator has no SWR limits to stay under: the fleet index of the demo account
    // is built in seconds rather than a minute.
    FLEET_CALLS_PER_SECOND: process.env.FLEET_CALLS_PER_SECOND ?? '50',
    // With the emulator's registry front doors, image details read the config from the registry.
    ...(registryLines.some((line) => line.startsWith('registry '))
      ? { REGISTRY_READ: 'http' }
      : {}),
    // The demo shows protected tags: the console refuses to delete `latest`.
    PROTECTED_TAGS: process.env.PROTECTED_TAGS ?? 'latest',
    // Each region's endpoint, and the demo account's project ids as the banner printed them.
    ...bffEnvFor({
      regions: [...regions].map(([id, region]) => ({ id, url: region.url })),
      projectId: (_account, region) => regions.get(region)?.projectId,
    }),
  };
  const bff = service('the BFF', bffCommand, { env, stdout: 'pipe' });
  bff.process.stdout?.resume();
  await waitFor(`http://127.0.0.1:${BFF_PORT}/healthz`);
  let url = `http://127.0.0.1:${BFF_PORT}`;
  if (DEV) {
    service('Vite', [VITE, '--port', VITE_PORT, '--strictPort'], {
      cwd: WEB,
      env: { BFF_URL: url },
      stdout: 'inherit',
    });
    url = `http://127.0.0.1:${VITE_PORT}`;
    await waitFor(url);
  }
  console.log(
    [
      '',
      `swr-dashboard is running at ${url} (demo sign-in; embedded SWR emulator with a demo account)`,
      `  regions: ${[...regions.keys()].join(', ')}`,
      ...registryLines.map((line) => `  ${line}`),
      '  sign in as one of the demo users (admin, operator, viewer, or an operator limited to payments*)',
      '  stop with Ctrl-C',
    ].join('\n'),
  );
}

// What this prints is for whoever watches; if they stop reading (EPIPE), the console goes on, and
// still stops as it should, instead of an unhandled 'error' ending this process before its children.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void stop(signal, 0);
  });
}
main().catch((error: unknown) => {
  // A stop under way explains any step that failed after it began.
  if (stopping !== undefined) return;
  console.error(error instanceof Error ? error.message : error);
  void stop('the console could not start', 1);
});
