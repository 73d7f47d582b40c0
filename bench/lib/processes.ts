/**
 * Servers under test as child processes, one event loop each, away from the load generator's:
 * the emulator's own command line (`apps/emulator/src/main.ts`) and the bare proxy
 * (./bare-proxy.ts), each run as `node --import tsx <script>`, and the BFF's bundle
 * (`apps/bff/dist/main.mjs`, built first when its sources changed) under plain node, the way
 * `pnpm start` runs them. A child's output goes to a log file, not through a pipe to the
 * benchmark, so reading its log lines costs the load generator nothing; the child is ready once
 * that file holds its ready line. Memory is read from /proc (../load/processes.ts).
 */
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

export { freePort, rssBytes } from '../load/processes';
export {
  bundleIfNeeded as bffBundle,
  NODE_ARGS as BFF_NODE_ARGS,
} from '../../apps/bff/scripts/bundle';

export const ROOT = resolve(import.meta.dirname, '../..');

/** What the BFF's bundle is built from (./bundle.ts's sources), for the results. */
const BFF_SOURCES = ['apps/bff/src', 'apps/bff/package.json', 'packages/swr-client/src'];

/**
 * The commit the BFF's sources are at and the files among them that differ from it (others may be
 * editing them while a benchmark runs: the bundle is built from the working tree).
 */
export function bffSource(): string {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' });
  try {
    const commit = git('log', '-1', '--format=%h %cI').trim();
    const changed = git('status', '--porcelain', '--', ...BFF_SOURCES)
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => line.slice(3));
    return changed.length === 0
      ? `commit ${commit}, no uncommitted change in its sources`
      : `commit ${commit} with uncommitted changes in ${changed.join(', ')}`;
  } catch {
    return 'an unknown commit (no git)';
  }
}

export interface Server {
  pid: number;
  /** Everything it printed so far. */
  log(): string;
  /** SIGTERM (the servers finish what is in flight and exit), then SIGKILL after `ms`. */
  stop(ms?: number): Promise<void>;
}

export interface StartOptions {
  /** A TypeScript file (run under tsx), or a `.mjs` bundle (run under plain node). */
  script: string;
  args?: string[];
  env?: Record<string, string>;
  /** Extra flags for node itself, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
  /** Where stdout and stderr go. */
  logFile: string;
  ready: RegExp;
  timeoutMs?: number;
}

export async function startServer(options: StartOptions): Promise<Server> {
  const fd = openSync(options.logFile, 'w');
  const child = spawn(
    process.execPath,
    [
      ...(options.nodeArgs ?? []),
      ...(options.script.endsWith('.mjs') ? [] : ['--import', 'tsx']),
      options.script,
      ...(options.args ?? []),
    ],
    { cwd: ROOT, env: { ...process.env, ...options.env }, stdio: ['ignore', fd, fd] },
  );
  closeSync(fd);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${options.script}`);
  const exited = new Promise<void>((done) => {
    child.once('exit', () => {
      done();
    });
  });
  const state = { gone: false };
  void exited.then(() => {
    state.gone = true;
  });
  const log = () => readFileSync(options.logFile, 'utf8');
  const server: Server = {
    pid,
    log,
    stop: async (ms = 15_000) => {
      if (state.gone) return;
      child.kill('SIGTERM');
      const timer = new AbortController();
      const late = delay(ms, 'late', { signal: timer.signal }).catch(() => 'stopped');
      if ((await Promise.race([exited.then(() => 'stopped'), late])) === 'late') {
        child.kill('SIGKILL');
        await exited;
      }
      timer.abort();
    },
  };
  const deadline = performance.now() + (options.timeoutMs ?? 60_000);
  while (!options.ready.test(log())) {
    if (state.gone) throw new Error(`${options.script} exited before it was ready:\n${log()}`);
    if (performance.now() > deadline) {
      await server.stop(1000);
      throw new Error(`${options.script} was not ready in time:\n${log()}`);
    }
    await delay(100);
  }
  return server;
}

/** The emulator's command line on an SQLite file, one region on `port`, no request log. */
export function startEmulatorServer(options: {
  database: string;
  port: number;
  region: string;
  logFile: string;
}): Promise<Server> {
  return startServer({
    script: 'apps/emulator/src/main.ts',
    args: [
      '--db',
      options.database,
      '--port',
      String(options.port),
      '--regions',
      options.region,
      '--quiet',
    ],
    logFile: options.logFile,
    ready: /demo keys/,
  });
}
