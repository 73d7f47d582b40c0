/**
 * `pnpm start`'s launcher (scripts/start.ts), run for real (`node --import tsx scripts/start.ts`)
 * on free ports, with its own SQLite files and a stand-in web build (WEB_ROOT), so it neither
 * builds apps/web nor meets another run: Ctrl-C, as the terminal sends it (to the whole process
 * group) or as `kill -INT <launcher>` does (to the launcher alone), and a child that dies.
 *
 * What must hold: the launcher exits only after the emulator and the BFF have exited (their pids
 * are gone the moment it exits: it reaped them), with 0 on a stop asked for and non-zero when a
 * child died; and no process it started, directly or not, is left.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort, freePorts } from '../../../bench/load/processes';

const ROOT = resolve(import.meta.dirname, '../../..');
/** Start: tsx, the BFF's bundle if its sources changed, the emulator's seed on a new file. */
const START_DEADLINE_MS = 45_000;
/** The launcher's own deadline is 15 s, then it kills what is left; it must be done by then. */
const STOP_DEADLINE_MS = 20_000;
/** Processes the launcher started indirectly (esbuild's service) end when their pipes close. */
const TREE_DEADLINE_MS = 5000;

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Parent of every process now, from /proc/<pid>/stat. */
function parents(): Map<number, number> {
  const result = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid …: comm may hold spaces and parentheses.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      result.set(Number(entry), ppid);
    } catch {
      // gone meanwhile
    }
  }
  return result;
}

function descendants(root: number): number[] {
  const tree = parents();
  const found: number[] = [];
  let level = [root];
  while (level.length > 0) {
    level = [...tree].filter(([, ppid]) => level.includes(ppid)).map(([pid]) => pid);
    found.push(...level);
  }
  return found;
}

/** The process exists and has not ended (a zombie has ended: only its parent's wait is due). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${String(pid)}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
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

/**
 * Resolves when none of `pids` is alive, checking /proc on a short timer (there is no event for
 * the end of a process that is not ours); fails past `ms`, naming those left.
 */
function allGone(pids: number[], ms: number): Promise<void> {
  const started = performance.now();
  return new Promise((done, fail) => {
    const check = () => {
      const left = pids.filter(alive);
      if (left.length === 0) {
        done();
      } else if (performance.now() - started > ms) {
        fail(
          new Error(
            `left running: ${left.map((pid) => `${String(pid)} ${commandLine(pid)}`).join('; ')}`,
          ),
        );
      } else {
        setTimeout(check, 20);
      }
    };
    check();
  });
}

interface RunningConsole {
  launcher: ChildProcess;
  pid: number;
  emulator: number;
  bff: number;
  /** Every process under the launcher once it was running. */
  tree: number[];
  /** The launcher and its tree, with their command lines (to clean up after a failure). */
  commands: Map<number, string>;
  /** Its stdout and stderr lines (the children's stderr is the launcher's). */
  output: string[];
  /** 'exit': the launcher has ended (and nothing else is known yet). */
  exited: Promise<Exit>;
  /** 'close': every writer of its stdout and stderr, children included, is gone. */
  closed: Promise<void>;
}

let dir = '';
const started: RunningConsole[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'launcher-'));
  // The BFF serves any directory with an index.html; the real build is not what is tested here.
  mkdirSync(join(dir, 'web'));
  writeFileSync(join(dir, 'web/index.html'), '<!doctype html><title>launcher test</title>');
});

afterEach(() => {
  // A failed test must not leave its processes behind: only the ones it started, still the same.
  for (const running of started.splice(0)) {
    for (const [pid, command] of running.commands) {
      if (!alive(pid) || commandLine(pid) !== command) continue;
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone meanwhile
      }
    }
  }
});

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

async function startConsole(options: { detached: boolean }): Promise<RunningConsole> {
  const launcher = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? dir,
      PORT: String(await freePort()),
      EMULATOR_PORT: String(await freePorts(3)),
      // The registry front doors (when docker-registry is installed) on free ports too.
      EMULATOR_REGISTRY_PORT: '0',
      EMULATOR_DB: join(dir, 'emulator.sqlite'),
      BFF_DATABASE: join(dir, 'bff.sqlite'),
      WEB_ROOT: join(dir, 'web'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.detached,
  });
  const pid = launcher.pid;
  if (pid === undefined) throw new Error('the launcher did not start');
  const output: string[] = [];
  const watchers: { pattern: RegExp; done: () => void }[] = [];
  const onLine = (line: string) => {
    output.push(line);
    for (const watcher of watchers.filter((w) => w.pattern.test(line))) {
      watchers.splice(watchers.indexOf(watcher), 1);
      watcher.done();
    }
  };
  createInterface({ input: launcher.stdout }).on('line', onLine);
  createInterface({ input: launcher.stderr }).on('line', onLine);
  const exited = new Promise<Exit>((done) => {
    launcher.once('exit', (code, signal) => {
      done({ code, signal });
    });
  });
  const closed = new Promise<void>((done) => {
    launcher.once('close', () => {
      done();
    });
  });
  const ready = new Promise<void>((done) => {
    watchers.push({ pattern: /swr-dashboard is running at/, done });
  });
  const early = exited.then((exit) => {
    throw new Error(`the launcher exited (${JSON.stringify(exit)}) first:\n${output.join('\n')}`);
  });
  const running: RunningConsole = {
    launcher,
    pid,
    emulator: 0,
    bff: 0,
    tree: [],
    commands: new Map([[pid, commandLine(pid)]]),
    output,
    exited,
    closed,
  };
  started.push(running);
  await within(Promise.race([ready, early]), START_DEADLINE_MS, 'the console starting');
  running.tree = descendants(pid);
  for (const child of running.tree) running.commands.set(child, commandLine(child));
  const find = (part: string) => running.tree.find((child) => commandLine(child).includes(part));
  running.emulator = find('apps/emulator/src/main.ts') ?? 0;
  running.bff = find('apps/bff/dist/main.mjs') ?? 0;
  expect(running.emulator, output.join('\n')).toBeGreaterThan(0);
  expect(running.bff, output.join('\n')).toBeGreaterThan(0);
  return running;
}

/** Waits for the launcher's exit and checks, at that moment, that both children were gone. */
async function expectStopped(running: RunningConsole): Promise<Exit> {
  const exit = await within(running.exited, STOP_DEADLINE_MS, 'the launcher exiting');
  const leftAtExit = [running.emulator, running.bff].filter(alive);
  expect(leftAtExit, 'children still running when the launcher exited').toEqual([]);
  await within(running.closed, TREE_DEADLINE_MS, "the launcher's output ending");
  await allGone(running.tree, TREE_DEADLINE_MS);
  return exit;
}

describe('the launcher (pnpm start)', { timeout: START_DEADLINE_MS + STOP_DEADLINE_MS }, () => {
  it('on SIGINT to the launcher alone: stops both children, then exits 0', async () => {
    const running = await startConsole({ detached: false });
    process.kill(running.pid, 'SIGINT');
    const exit = await expectStopped(running);
    expect(exit, running.output.join('\n')).toEqual({ code: 0, signal: null });
    expect(running.output).toContain('the emulator stopped (exit 0)');
    expect(running.output).toContain('the BFF stopped (exit 0)');
  });

  it('on SIGINT to the whole process group (Ctrl-C): the same', async () => {
    const running = await startConsole({ detached: true });
    process.kill(-running.pid, 'SIGINT');
    const exit = await expectStopped(running);
    expect(exit, running.output.join('\n')).toEqual({ code: 0, signal: null });
    expect(running.output).toContain('the emulator stopped (exit 0)');
    expect(running.output).toContain('the BFF stopped (exit 0)');
  });

  it('when the BFF dies: stops the emulator, then exits non-zero', async () => {
    const running = await startConsole({ detached: false });
    process.kill(running.bff, 'SIGKILL');
    const exit = await expectStopped(running);
    expect(exit.signal).toBeNull();
    expect(exit.code, running.output.join('\n')).not.toBe(0);
    expect(running.output).toContain('the BFF stopped (signal SIGKILL)');
    expect(running.output).toContain('the emulator stopped (exit 0)');
  });
});
