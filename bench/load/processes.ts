/**
 * The load harness's processes: the embedded SWR emulator (`node --import tsx`) and the BFF (its
 * bundle under plain node, built first when its sources changed: apps/bff/scripts/bundle.ts), each its
 * own child on loopback as `pnpm start` runs them, so the harness can read the BFF's memory from
 * /proc and end either with `kill -9`, then start it again on the same files and port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { bundleIfNeeded, NODE_ARGS } from '../../apps/bff/scripts/bundle';

export const ROOT = resolve(import.meta.dirname, '../..');

/** Listens on `port` (0: the kernel's pick) and closes at once; undefined when it is taken. */
function probe(port: number): Promise<number | undefined> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => {
      done(undefined);
    });
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const bound = typeof address === 'object' && address !== null ? address.port : undefined;
      server.close(() => {
        done(bound);
      });
    });
  });
}

/** A port nobody listens on right now (the kernel's pick, released at once). */
export async function freePort(): Promise<number> {
  const port = await probe(0);
  if (port === undefined) throw new Error('no free port on loopback');
  return port;
}

/** The first of `count` consecutive free ports (the emulator's regions listen on a run). */
export async function freePorts(count: number): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const first = await freePort();
    if (first + count > 65_536) continue;
    let all = true;
    for (let port = first + 1; port < first + count && all; port += 1) {
      all = (await probe(port)) !== undefined;
    }
    if (all) return first;
  }
  throw new Error(`no ${count} consecutive free ports on loopback`);
}

export interface Child {
  readonly process: ChildProcess;
  readonly pid: number;
  /** Resolves with the exit code (or the signal's name) when the process has ended. */
  readonly exited: Promise<number | string>;
  /** Lines the process wrote to stderr, and its stdout lines that look like errors. */
  readonly errors: string[];
  /** `kill -9`, and waits until the process is gone. */
  kill9(): Promise<void>;
  /** SIGTERM, and waits until the process is gone. */
  stop(): Promise<void>;
}

function startChild(
  command: string[],
  env: Record<string, string>,
  isReady: (line: string) => boolean,
  isError: (line: string) => boolean,
): Promise<{ child: Child; lines: string[] }> {
  const script = command.join(' ');
  const proc = spawn(process.execPath, command, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (proc.pid === undefined) throw new Error(`could not start ${script}`);
  const pid = proc.pid;
  const errors: string[] = [];
  const exited = new Promise<number | string>((done) => {
    proc.once('exit', (code, signal) => {
      done(code ?? signal ?? 'unknown');
    });
  });
  const end = async (signal: NodeJS.Signals) => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
    await exited;
  };
  const child: Child = {
    process: proc,
    pid,
    exited,
    errors,
    kill9: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
  };
  createInterface({ input: proc.stderr }).on('line', (line) => {
    errors.push(line);
  });
  const lines: string[] = [];
  return new Promise((done, fail) => {
    let ready = false;
    createInterface({ input: proc.stdout }).on('line', (line) => {
      if (isError(line)) errors.push(line);
      if (ready) return;
      lines.push(line);
      if (isReady(line)) {
        ready = true;
        done({ child, lines });
      }
    });
    void exited.then((code) => {
      if (!ready)
        fail(
          new Error(`${script} exited (${String(code)}) before it was ready: ${errors.join('\n')}`),
        );
    });
  });
}

export interface EmulatorProcess extends Child {
  /** The one region it serves, and its URL. */
  region: string;
  url: string;
}

/**
 * The emulator on `database`, its three default regions on `port` and the two after it, seeded
 * with the demo account when the file is new; `region` is the one the harness uses.
 */
export async function startEmulatorProcess(options: {
  database: string;
  port: number;
  region: string;
}): Promise<EmulatorProcess> {
  const pattern = new RegExp(`^\\s{2}${options.region}\\s+(http://\\S+)$`);
  const { child, lines } = await startChild(
    [
      '--import',
      'tsx',
      'apps/emulator/src/main.ts',
      '--db',
      options.database,
      '--port',
      String(options.port),
      '--quiet',
    ],
    {},
    (line) => line.includes('demo keys'),
    () => false,
  );
  const url = lines.map((line) => pattern.exec(line)?.[1]).find((match) => match !== undefined);
  if (url === undefined) throw new Error('the emulator did not say where it listens');
  return { ...child, region: options.region, url };
}

export interface BffProcess extends Child {
  origin: string;
}

/**
 * The BFF (its bundle) with `env`, on loopback `port`; ready once it logs so. Its public origin
 * is its own address unless it is served through another (a load balancer's: `publicOrigin`).
 */
export async function startBffProcess(options: {
  env: Record<string, string>;
  port: number;
  publicOrigin?: string;
}): Promise<BffProcess> {
  const origin = `http://127.0.0.1:${options.port}`;
  const { child } = await startChild(
    [...NODE_ARGS, await bundleIfNeeded()],
    {
      ...options.env,
      HOST: '127.0.0.1',
      PORT: String(options.port),
      PUBLIC_ORIGIN: options.publicOrigin ?? origin,
    },
    (line) => line.includes('BFF listening at'),
    // pino levels: 50 error, 60 fatal.
    (line) => /"level":(50|60)\b/.test(line),
  );
  return { ...child, origin };
}

/** A process's resident set size in bytes (VmRSS), or undefined once it is gone. */
export function rssBytes(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}
