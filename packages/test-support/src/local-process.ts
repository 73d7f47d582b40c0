/**
 * What the real parts started for tests (Redis, the load balancer) share: a free port on
 * loopback, a temporary directory, a bounded poll, and a child process that is spawned in the
 * foreground, watched for an early exit, and stopped (or killed) with a bounded wait.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const LOOPBACK = '127.0.0.1';

/** How long a part may take to start or stop before the test gives up on it. */
const DEADLINE_MS = 10_000;
const POLL_INTERVAL_MS = 25;

/** A port the kernel just handed out on loopback (free now; the caller binds it next). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, LOOPBACK, resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
  return port;
}

export function makeTempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `${prefix}-`));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Polls `check` until it returns true, at most `deadlineMs`; throws `describe()` when the time
 * is up. `check` may throw to stop the poll at once (e.g. the process it waits for has exited).
 */
export async function waitUntil(
  check: () => Promise<boolean> | boolean,
  describe: () => string,
  deadlineMs = DEADLINE_MS,
): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() >= deadline) throw new Error(`timed out after ${deadlineMs} ms: ${describe()}`);
    await delay(POLL_INTERVAL_MS);
  }
}

/** Whether something accepts TCP connections on loopback at `port`. */
export function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: LOOPBACK, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** A child process in the foreground, with its output kept for error messages. */
export interface LocalProcess {
  readonly child: ChildProcess;
  /** The last few kilobytes of stdout and stderr. */
  output(): string;
  exited(): boolean;
  /** Sends `signal` and waits (bounded) until the process has exited. */
  stop(signal: NodeJS.Signals): Promise<void>;
}

const OUTPUT_LIMIT = 8192;

/** Kills every child still running when the test process exits (a failed test, a crash). */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

function exitedAlready(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

export function spawnLocal(command: string, args: string[]): LocalProcess {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_LIMIT);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exit = new Promise<void>((resolve) => {
    child.once('close', () => {
      running.delete(child);
      resolve();
    });
    child.once('error', (error) => {
      // Spawning failed (e.g. the binary is not installed): 'close' follows.
      output += `\n${error.message}`;
    });
  });
  return {
    child,
    output: () => output,
    exited: () => exitedAlready(child),
    stop: async (signal) => {
      if (!exitedAlready(child)) child.kill(signal);
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => {
          resolve('late');
        }, DEADLINE_MS);
      });
      const outcome = await Promise.race([exit, late]);
      clearTimeout(timer);
      if (outcome === 'late') {
        child.kill('SIGKILL');
        await exit;
      }
    },
  };
}

/**
 * Waits until `ready()` holds for the process; throws with its output when it exits first or
 * the deadline passes.
 */
export async function waitForReady(
  name: string,
  local: LocalProcess,
  ready: () => Promise<boolean>,
): Promise<void> {
  await waitUntil(
    async () => {
      if (local.exited()) throw new Error(`${name} exited while starting:\n${local.output()}`);
      return ready();
    },
    () => `${name} did not become ready:\n${local.output()}`,
  );
}
