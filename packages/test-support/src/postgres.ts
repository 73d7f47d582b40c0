/**
 * A throwaway PostgreSQL 15 for tests: a cluster made with initdb in a temporary directory, run
 * as the `postgres` OS user (PostgreSQL refuses root), listening on a free loopback port with its
 * socket in that directory. `pg_ctl -w` returns once the server accepts connections (it polls;
 * nothing here sleeps). `halt()` and `restart()` stop and start the same cluster on the same port,
 * for tests of a database that goes away and comes back; `stop()` removes everything.
 */
import { execFile } from 'node:child_process';
import { chown, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Where Debian's postgresql-15 package puts the server's programs. */
const BIN = process.env.POSTGRES_BIN ?? '/usr/lib/postgresql/15/bin';

/** The password of the `postgres` role over TCP (the socket trusts the OS user). */
const PASSWORD = 'test-support-password';

export interface TestPostgres {
  /** `postgres://postgres:<password>@127.0.0.1:<port>/bff` */
  url: string;
  /** Stops the server (fast shutdown: connections are cut); the data stays. */
  halt(): Promise<void>;
  /** Starts the halted server again on the same port. */
  restart(): Promise<void>;
  /** Stops the server and removes its directory. */
  stop(): Promise<void>;
}

function asPostgres(program: string, args: string[]) {
  return run('runuser', ['-u', 'postgres', '--', join(BIN, program), ...args], {
    cwd: tmpdir(),
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

async function postgresIds(): Promise<{ uid: number; gid: number }> {
  const [uid, gid] = await Promise.all([
    run('id', ['-u', 'postgres']),
    run('id', ['-g', 'postgres']),
  ]);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** A directory the `postgres` user owns, with a new cluster in `data/`. */
async function initCluster(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'test-postgres-'));
  const { uid, gid } = await postgresIds();
  await chown(dir, uid, gid);
  const pwfile = join(dir, 'pwfile');
  await writeFile(pwfile, PASSWORD);
  await chown(pwfile, uid, gid);
  await asPostgres('initdb', [
    '-D',
    join(dir, 'data'),
    '-U',
    'postgres',
    '-E',
    'UTF8',
    '--auth-local=trust',
    '--auth-host=scram-sha-256',
    `--pwfile=${pwfile}`,
    '--no-sync',
  ]);
  return dir;
}

export async function startPostgres(): Promise<TestPostgres> {
  const dir = await initCluster();
  const data = join(dir, 'data');
  const port = await freePort();
  const options = `-p ${String(port)} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  const start = () =>
    asPostgres('pg_ctl', [
      '-D',
      data,
      '-l',
      join(dir, 'log'),
      '-o',
      options,
      '-w',
      '-t',
      '30',
      'start',
    ]);
  const halt = async () => {
    await asPostgres('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  };
  try {
    await start();
    await asPostgres('createdb', ['-h', dir, '-p', String(port), 'bff']);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `postgres://postgres:${PASSWORD}@127.0.0.1:${String(port)}/bff`,
    halt,
    restart: async () => {
      await start();
    },
    stop: async () => {
      await halt().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
