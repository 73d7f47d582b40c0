/**
 * A real registry server behind a region's front door: CNCF Distribution (Debian's
 * `docker-registry`), started with a configuration of our own in a temporary directory, listening
 * on a Unix socket there that only the front door talks to (no port to race for, nothing
 * reachable from outside). Its storage is the directory it is given (beside the emulator's
 * SQLite file, so images last as long as their tags), or a temporary one. Stopped and its
 * temporary directory removed on `stop()`.
 *
 * It runs without authentication: the front door authenticates and authorizes every request
 * before passing it on. Deletes are enabled so that deleting a tag through SWR's API can delete
 * the manifest; relative URLs keep the upload `Location`s valid through the front door.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The program Debian's `docker-registry` installs; `SWR_EMULATOR_REGISTRY_BIN` overrides it. */
export const REGISTRY_PROGRAM = process.env.SWR_EMULATOR_REGISTRY_BIN ?? 'docker-registry';

/** How long a registry may take to listen before its start counts as failed. */
const START_TIMEOUT_MS = 15_000;

/** Whether the registry program is installed (runs and names its version). */
export function registryInstalled(program = REGISTRY_PROGRAM): boolean {
  const run = spawnSync(program, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  return run.status === 0 && /distribution/.test(run.stdout);
}

export interface RunningDistribution {
  /** The Unix socket it listens on (or its `host:port`, when started on TCP). */
  socket: string;
  stop(): Promise<void>;
}

function configYaml(storage: string, listen: { net: 'unix' | 'tcp'; addr: string }): string {
  // JSON is YAML: no YAML writer needed, and every value is quoted as it must be.
  return JSON.stringify({
    version: 0.1,
    // Info: its start is known by the line saying it listens (its later lines are dropped).
    log: { level: 'info', accesslog: { disabled: true } },
    storage: {
      filesystem: { rootdirectory: storage },
      delete: { enabled: true },
      maintenance: { uploadpurging: { enabled: false } },
    },
    http: { ...listen, relativeurls: true },
  });
}

/**
 * The registry, started by a shell that ends it when its standard input (a pipe from the
 * emulator) closes: when the emulator stops it, and when the emulator ends any other way (an
 * uncaught error, `kill -9`), which closes the pipe too. Without it a registry outlives an
 * emulator that did not reach `stop()`, with its temporary directory.
 */
const WATCHED = [
  'exec 3<&0',
  '"$0" serve "$1" </dev/null &',
  'child=$!',
  '{ cat >/dev/null; kill -TERM "$child" 2>/dev/null; } <&3 &',
  'exec 3<&-',
  'trap \'kill -TERM "$child" 2>/dev/null\' TERM INT',
  'while :; do wait "$child"; status=$?; kill -0 "$child" 2>/dev/null || break; done',
  'exit "$status"',
].join('\n');

/** Resolves once the registry logs that it listens; rejects if it exits or takes too long. */
function listening(child: ChildProcess, socket: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => {
      finish(new Error(`the registry did not listen within ${String(START_TIMEOUT_MS)} ms`));
    }, START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      log = (log + chunk.toString('utf8')).slice(-4096);
      if (log.includes(`listening on ${socket}`)) finish();
    };
    const onExit = (code: number | null) => {
      finish(new Error(`the registry exited (${String(code)}) before listening: ${log.trim()}`));
    };
    // The program could not be started at all (not installed, not executable).
    const onError = (error: Error) => {
      finish(new Error(`the registry could not be started: ${error.message}`));
    };
    function finish(error?: Error) {
      clearTimeout(timer);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      child.off('error', onError);
      if (error === undefined) resolve();
      else reject(error);
    }
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
    child.once('error', onError);
  });
}

function stopped(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => {
      resolve();
    });
    // The shell ends the registry, then itself (WATCHED).
    child.stdin?.end();
  });
}

/**
 * Starts a registry on a Unix socket in a new temporary directory, or (`tcp`: a loopback
 * `host:port`, for the benchmark that compares the front door with the bare registry) on TCP; its
 * storage in `storage` (made if missing, kept at stop), or a new empty one in the temporary
 * directory.
 */
export async function startDistribution(
  name: string,
  options: { tcp?: string; storage?: string } = {},
): Promise<RunningDistribution> {
  const { tcp } = options;
  const directory = mkdtempSync(join(tmpdir(), `swr-emulator-registry-${name}-`));
  const socket = tcp ?? join(directory, 'registry.sock');
  const configFile = join(directory, 'config.yml');
  const listen =
    tcp === undefined ? { net: 'unix' as const, addr: socket } : { net: 'tcp' as const, addr: tcp };
  writeFileSync(configFile, configYaml(options.storage ?? join(directory, 'storage'), listen));
  const child = spawn('/bin/sh', ['-c', WATCHED, REGISTRY_PROGRAM, configFile], {
    stdio: ['pipe', 'ignore', 'pipe'],
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
  });
  // Closing it is how the registry is stopped; a shell that went first is no error.
  child.stdin.on('error', () => undefined);
  const remove = () => {
    rmSync(directory, { recursive: true, force: true });
  };
  try {
    await listening(child, socket);
  } catch (error) {
    await stopped(child);
    remove();
    throw error;
  }
  // Its later warnings are of no use to anyone; the pipe must still be read.
  child.stderr.resume();
  return {
    socket,
    async stop() {
      await stopped(child);
      remove();
    },
  };
}
