/**
 * A throwaway Redis for tests: Debian's redis-server (7.0, installed by .ci/run) in the
 * foreground on 127.0.0.1 and a free port, its working directory a temporary one, protected mode
 * on. By default nothing is persisted (no RDB snapshots, no append-only file); `persist: true`
 * writes every command to an append-only file before answering (`appendfsync always`), as a
 * deployment that keeps sessions in Redis should, so its data outlives a crash. `kill()` and
 * `restart()` let a test take it down as a crash would and bring it back on the same port.
 */
import { createConnection } from 'node:net';
import {
  LOOPBACK,
  freePort,
  makeTempDir,
  removeDir,
  spawnLocal,
  waitForReady,
  type LocalProcess,
} from './local-process';

export interface TestRedis {
  /** `redis://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** Shuts it down (SIGTERM: no save, as nothing is configured to be saved) and removes its dir. */
  stop(): Promise<void>;
  /** SIGKILL, as a crash would; the port refuses connections afterwards. */
  kill(): Promise<void>;
  /**
   * Starts it again on the same port (after `kill()`) and waits until it answers: empty, or with
   * what it held when it was killed if it persists.
   */
  restart(): Promise<void>;
}

const PING_TIMEOUT_MS = 1000;

/** Whether a Redis answers `PING` with `+PONG` on loopback at `port` (inline command, raw TCP). */
export function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: LOOPBACK, port });
    let reply = '';
    const finish = (answer: boolean): void => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(PING_TIMEOUT_MS, () => {
      finish(false);
    });
    socket.once('connect', () => {
      socket.write('PING\r\n');
    });
    socket.on('data', (chunk: Buffer) => {
      reply += chunk.toString('latin1');
      if (reply.includes('\r\n')) finish(reply.startsWith('+PONG\r\n'));
    });
    socket.once('error', () => {
      finish(false);
    });
    socket.once('close', () => {
      finish(false);
    });
  });
}

export interface RedisOptions {
  /** Keep the data through a crash: an append-only file, synced on every write. */
  persist?: boolean;
}

function redisArgs(port: number, dir: string, options: RedisOptions): string[] {
  const persistence =
    options.persist === true
      ? ['--appendonly', 'yes', '--appendfsync', 'always']
      : ['--appendonly', 'no'];
  return [
    '--bind',
    LOOPBACK,
    '--port',
    String(port),
    '--dir',
    dir,
    '--save',
    '',
    ...persistence,
    '--protected-mode',
    'yes',
    '--daemonize',
    'no',
    '--logfile',
    '',
  ];
}

async function launch(port: number, dir: string, options: RedisOptions): Promise<LocalProcess> {
  const local = spawnLocal('redis-server', redisArgs(port, dir, options));
  try {
    await waitForReady('redis-server', local, () => answersPing(port));
  } catch (error) {
    await local.stop('SIGKILL');
    throw error;
  }
  return local;
}

export async function startRedis(options: RedisOptions = {}): Promise<TestRedis> {
  const port = await freePort();
  const dir = makeTempDir('test-redis');
  let current: LocalProcess;
  try {
    current = await launch(port, dir, options);
  } catch (error) {
    removeDir(dir);
    throw error;
  }
  return {
    url: `redis://${LOOPBACK}:${port}`,
    port,
    stop: async () => {
      await current.stop('SIGTERM');
      removeDir(dir);
    },
    kill: () => current.stop('SIGKILL'),
    restart: async () => {
      await current.stop('SIGKILL');
      current = await launch(port, dir, options);
    },
  };
}
