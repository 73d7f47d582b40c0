/**
 * The deployed configuration's storage for a benchmark: a throwaway PostgreSQL 15 and Redis 7
 * on loopback (`startPostgres`, `startRedis` of @swr-dashboard/test-support: temporary
 * directories, nothing persisted), for a BFF started with `DATABASE_URL` and `REDIS_URL`. Their
 * CPU time is read from /proc like the servers' (the postmaster with its live children and those
 * it has reaped, and redis-server), found by the ports they listen on: neither helper says its
 * process ids.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { startPostgres, startRedis } from '@swr-dashboard/test-support';

export interface Storage {
  /** `postgres://…` for `DATABASE_URL`. */
  databaseUrl: string;
  /** `redis://…` for `REDIS_URL`. */
  redisUrl: string;
  /** CPU time (ms) PostgreSQL's processes and Redis have used so far; undefined if not found. */
  cpuMs(): number | undefined;
  /** Stops both and removes their directories. */
  stop(): Promise<void>;
}

interface ProcStat {
  ppid: number;
  /** utime + stime, and the same of waited-for children (cutime + cstime), in ms. */
  ownMs: number;
  childrenMs: number;
}

function stat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // From field 3 on, after the command name (which may hold spaces): ppid is field 4,
    // utime 14, stime 15, cutime 16, cstime 17, in clock ticks of 1/100 s (USER_HZ).
    const fields = text
      .slice(text.lastIndexOf(')') + 2)
      .split(' ')
      .map(Number);
    const tick = (index: number) => (fields[index] ?? Number.NaN) * 10;
    return {
      ppid: fields[1] ?? 0,
      ownMs: tick(11) + tick(12),
      childrenMs: tick(13) + tick(14),
    };
  } catch {
    return undefined;
  }
}

function pids(): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number);
}

function processes(): { pid: number; argv: string[] }[] {
  const found: { pid: number; argv: string[] }[] = [];
  for (const entry of pids()) {
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      found.push({ pid: entry, argv });
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** The postmaster listening on `port` (`postgres -D … -p <port> …`) and redis-server on its own. */
function findPids(postgresPort: string, redisPort: number) {
  const all = processes();
  const postmaster = all.find(({ argv }) => {
    const index = argv.indexOf('-p');
    return argv[0]?.endsWith('/postgres') === true && argv[index + 1] === postgresPort;
  })?.pid;
  // redis-server rewrites its title to `redis-server 127.0.0.1:<port>`.
  const redis = all.find(({ argv }) =>
    argv.join(' ').trim().startsWith(`redis-server 127.0.0.1:${redisPort}`),
  )?.pid;
  return { postmaster, redis };
}

/** Starts both (in parallel); if either fails, the other is stopped and the error thrown. */
export async function startStorage(): Promise<Storage> {
  const started = await Promise.allSettled([startPostgres(), startRedis()]);
  const [postgres, redis] = started;
  if (postgres.status === 'rejected' || redis.status === 'rejected') {
    if (postgres.status === 'fulfilled') await postgres.value.stop();
    if (redis.status === 'fulfilled') await redis.value.stop();
    const reasons = started.flatMap((result) =>
      result.status === 'rejected' ? [String(result.reason)] : [],
    );
    throw new Error(`PostgreSQL and Redis did not start: ${reasons.join('; ')}`);
  }
  const found = findPids(new URL(postgres.value.url).port, redis.value.port);
  return {
    databaseUrl: postgres.value.url,
    redisUrl: redis.value.url,
    cpuMs: () => {
      const { postmaster: postmasterPid, redis: redisPid } = found;
      if (postmasterPid === undefined || redisPid === undefined) return undefined;
      const postmaster = stat(postmasterPid);
      const redisStat = stat(redisPid);
      if (postmaster === undefined || redisStat === undefined) return undefined;
      // Backends (one per connection of the BFF's pool) are the postmaster's children.
      let backends = 0;
      for (const pid of pids()) {
        const child = stat(pid);
        if (child?.ppid === postmasterPid) backends += child.ownMs;
      }
      return postmaster.ownMs + postmaster.childrenMs + backends + redisStat.ownMs;
    },
    stop: async () => {
      await Promise.all([postgres.value.stop(), redis.value.stop()]);
    },
  };
}
