/**
 * The BFF's stdout loses its reader (the launcher that piped it went away, a log collector died):
 * the real process (`node --import tsx apps/bff/src/main.ts`, demo sign-in) keeps answering, its
 * logs stop and it says so once on stderr, and SIGTERM still stops it at once with exit 0.
 *
 * The regression: pino's default destination flushed its buffer at exit with sonic-boom's
 * flushSync, which retries EPIPE every 100 ms for ever; a BFF whose first write after the pipe
 * closed was its own "stopping" line never exited, and ignored every later SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../../bench/load/processes';

const ROOT = resolve(import.meta.dirname, '../../..');
/** Stopping an idle BFF takes milliseconds; this is only how long a stuck one is waited for. */
const EXIT_DEADLINE_MS = 5000;
/** Each test starts a BFF under tsx (about 2 s on 2 busy cores). */
const TEST_TIMEOUT_MS = 30_000;

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

interface RunningBff {
  child: ChildProcess;
  origin: string;
  exited: Promise<Exit>;
  stderr: string[];
  /** Resolves with the first stderr line that matches. */
  saidOnStderr(pattern: RegExp): Promise<string>;
}

let dir = '';
let running: ChildProcess | undefined;

afterEach(() => {
  if (running !== undefined && running.exitCode === null && running.signalCode === null)
    running.kill('SIGKILL');
  running = undefined;
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
  dir = '';
});

/** Starts the BFF with stdout piped to this test, and reads it until the BFF listens. */
async function startBff(): Promise<RunningBff> {
  dir = mkdtempSync(join(tmpdir(), 'bff-stdout-'));
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/bff/src/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      BFF_DATABASE: join(dir, 'bff.sqlite'),
      // Nothing listens there: no request of these tests goes upstream.
      SWR_REGIONS: 'cn-north-4',
      SWR_ENDPOINT_CN_NORTH_4: `http://127.0.0.1:${String(await freePort())}`,
      LOG_LEVEL: 'info',
      SHUTDOWN_TIMEOUT: '2s',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running = child;
  const exited = new Promise<Exit>((done) => {
    child.once('exit', (code, signal) => {
      done({ code, signal });
    });
  });
  const stderr: string[] = [];
  const watchers: { pattern: RegExp; done: (line: string) => void }[] = [];
  createInterface({ input: child.stderr }).on('line', (line) => {
    stderr.push(line);
    for (const watcher of watchers.filter((w) => w.pattern.test(line))) {
      watchers.splice(watchers.indexOf(watcher), 1);
      watcher.done(line);
    }
  });
  const listening = (async () => {
    for await (const line of createInterface({ input: child.stdout })) {
      if (line.includes('BFF listening at')) return;
    }
    throw new Error('stdout ended before the BFF listened');
  })();
  const early = exited.then((exit) => {
    throw new Error(`the BFF exited (${JSON.stringify(exit)}) first:\n${stderr.join('\n')}`);
  });
  await Promise.race([listening, early]);
  return {
    child,
    origin: `http://127.0.0.1:${String(port)}`,
    exited,
    stderr,
    saidOnStderr: (pattern) => {
      const seen = stderr.find((line) => pattern.test(line));
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((done) => {
        watchers.push({ pattern, done });
      });
    },
  };
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

/** Closes our end of the BFF's stdout: its next write to it fails with EPIPE. */
function closeStdout(bff: RunningBff): void {
  bff.child.stdout?.destroy();
}

describe('the BFF with its stdout closed by the reader', { timeout: TEST_TIMEOUT_MS }, () => {
  it('exits 0 on SIGTERM when the first lines to meet the closed pipe are its own stop', async () => {
    const bff = await startBff();
    closeStdout(bff);
    // Answered, and not logged: nothing has been written since the pipe closed.
    expect((await fetch(`${bff.origin}/healthz`)).status).toBe(200);

    bff.child.kill('SIGTERM');
    const exit = await within(bff.exited, EXIT_DEADLINE_MS, 'the BFF exiting after SIGTERM');
    expect(exit).toEqual({ code: 0, signal: null });
    expect(bff.stderr.filter((line) => line.includes('logging stopped'))).toHaveLength(1);
  });

  it('keeps answering while its logs stop, says so once on stderr, and exits 0 on SIGTERM', async () => {
    const bff = await startBff();
    closeStdout(bff);
    // Each of these is logged (401, a warning): the first meets EPIPE.
    for (let request = 0; request < 5; request += 1) {
      expect((await fetch(`${bff.origin}/api/me`)).status).toBe(401);
    }
    const notice = await within(
      bff.saidOnStderr(/logging stopped/),
      EXIT_DEADLINE_MS,
      'the notice on stderr',
    );
    expect(notice).toContain('EPIPE');
    // Not stuck retrying the write: the event loop still turns.
    expect((await fetch(`${bff.origin}/healthz`)).status).toBe(200);
    expect((await fetch(`${bff.origin}/api/me`)).status).toBe(401);

    bff.child.kill('SIGTERM');
    const exit = await within(bff.exited, EXIT_DEADLINE_MS, 'the BFF exiting after SIGTERM');
    expect(exit).toEqual({ code: 0, signal: null });
    expect(bff.stderr.filter((line) => line.includes('logging stopped'))).toHaveLength(1);
  });
});
