/**
 * A throwaway Redis for tests: Debian's redis-server (7.0, installed by .ci/run) in the
 * foreground on 127.0.0.1 and a free port, its working directory a temporary one, nothing
 * persisted (no RDB snapshots, no append-only file), protected mode on. `kill()` and `restart()`
 * let a test take it down as a crash would and bring it back on the same port, empty.
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
  /** Starts it again on the same port (after `kill()`), empty, and waits until it answers. */
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

function redisArgs(port: number, dir: string): string[] {
  return [
    '--bind',
    LOOPBACK,
    '--port',
    String(port),
    '--dir',
    dir,
    '--save',
    '',
    '--appendonly',
    'no',
    '--protected-mode',
    'yes',
    '--daemonize',
    'no',
    '--logfile',
    '',
  ];
}

async function launch(port: number, dir: string): Promise<LocalProcess> {
  const local = spawnLocal('redis-server', redisArgs(port, dir));
  try {
    await waitForReady('redis-server', local, () => answersPing(port));
  } catch (error) {
    await local.stop('SIGKILL');
    throw error;
  }
  return local;
}

export async function startRedis(): Promise<TestRedis> {
  const port = await freePort();
  const dir = makeTempDir('test-redis');
  let current: LocalProcess;
  try {
    current = await launch(port, dir);
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
      current = await launch(port, dir);
    },
  };
}
