/**
 * The load test (issue 5, "Load and crashes"): the emulator and the BFF (demo sign-in) as two
 * child processes on loopback, on files in a fresh directory (or the BFF on a PostgreSQL and a
 * Redis it is given, `databaseUrl` and `redisUrl`, as replicas run); N simulated users, each
 * signed in with its own session, reading and changing through the BFF for a set time; the
 * BFF's memory sampled from /proc. Optionally one of the two processes is killed with SIGKILL
 * while changes are in flight, and started again on the same files and port.
 *
 * It returns what it saw and the verdicts of ./checks.ts; `cli.ts` prints them, the tests
 * assert them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { DEMO_CREDENTIALS } from '@swr-dashboard/emulator';
import { bffEnvFor } from '@swr-dashboard/emulator-fixtures';
import { signRequest } from '@swr-dashboard/swr-client';
import {
  auditVerdict,
  emulatorVerdict,
  integrityOf,
  memoryVerdict,
  postgresAuditRowsOf,
  unmapped5xx,
  type AuditVerdict,
  type EmulatorVerdict,
  type MemoryVerdict,
  type RssSample,
} from './checks';
import {
  freePort,
  freePorts,
  rssBytes,
  startBffProcess,
  startEmulatorProcess,
  type BffProcess,
  type EmulatorProcess,
} from './processes';
import { LoadSession, type Sample } from './session';
import { Admin, Operator, roleOf, Viewer, type SimUser, type World } from './users';

const REGION = 'cn-north-4';
/** `bffIntegrity` on PostgreSQL. */
const NOT_CHECKED = 'not checked (PostgreSQL)';

export interface LoadOptions {
  users: number;
  seconds: number;
  /** Mean pause between one user's calls (each pause is 0.5–1.5 times this). */
  thinkMs: number;
  /** Kill -9 one process mid-run, while changes are in flight, and start it again. */
  crash?: 'bff' | 'emulator';
  /** When, as a fraction of the run (default 0.5). */
  crashAt?: number;
  /**
   * The run goes on at least this long after the restart, however long the restart took
   * (default: the part of the run after `crashAt`).
   */
  afterRestartMs?: number;
  /** Memory samples before this are warm-up (default: a quarter of the run, at least 2 s). */
  warmupMs?: number;
  /** How far the last third's RSS may sit above the first third's (default 24 MB). */
  memoryToleranceMb?: number;
  /**
   * The BFF's `BREAKER_COOL_DOWN` (default `2s`, so that recovery after an emulator crash shows
   * within a short run; the BFF's own default is 30 s).
   */
  breakerCoolDown?: string;
  /** Progress lines. */
  log?: (line: string) => void;
  /** Keep the directory with the two SQLite files (default: removed). */
  keep?: boolean;
  /**
   * The BFF on this PostgreSQL (`DATABASE_URL`) instead of its SQLite file: an empty database,
   * as the audit check reads every record in it.
   */
  databaseUrl?: string;
  /** The BFF's sessions and rate-limit counters in this Redis (`REDIS_URL`). */
  redisUrl?: string;
}

export interface CrashReport {
  target: 'bff' | 'emulator';
  /** Milliseconds into the run. */
  killedAt: number;
  /** Changes whose answer had not arrived when the process was killed. */
  inFlightChanges: number;
  /** How long until the process answered again, in ms. */
  downMs: number;
  /** BFF only: each user's first call after the restart, and how many of those found no session. */
  sessionChecks: number;
  sessionsLost: number;
  /** BFF only: integrity of its database right after the restart. */
  integrityAfterRestart?: string;
}

export interface LoadReport {
  users: number;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  statuses: Record<string, number>;
  /** Answers in the BFF's error shape, by code. */
  codes: Record<string, number>;
  p50Ms: number;
  p99Ms: number;
  /** Changes answered 2xx (sign-ins and the setup included). */
  acknowledgedChanges: number;
  /** Each acknowledged change with its request id. */
  acknowledged: { op: string; requestId: string; status: number; at: number }[];
  pushes: { ok: number; failed: number };
  unmapped5xx: Sample[];
  memory: MemoryVerdict;
  rss: RssSample[];
  audit: AuditVerdict;
  bffIntegrity: string;
  emulator: EmulatorVerdict;
  crash?: CrashReport;
  /** Error lines the BFF and the emulator logged (pino level ≥ 50, stderr). */
  processErrors: string[];
  passed: boolean;
  failures: string[];
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round((sorted[Math.max(0, index)] ?? 0) * 10) / 10;
}

function count(values: Iterable<string>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

/** Holds users back while the BFF is down; open otherwise. */
class Gate {
  private opened: Promise<void> = Promise.resolve();
  private release: () => void = () => undefined;

  close(): void {
    this.opened = new Promise((done) => {
      this.release = done;
    });
  }

  open(): void {
    this.release();
  }

  wait(): Promise<void> {
    return this.opened;
  }
}

/** Counts changes in flight and resolves a waiter once at least `n` are. */
class InFlight {
  changes = 0;
  private waiter: { n: number; done: () => void } | undefined;

  track = (mutation: boolean, delta: 1 | -1): void => {
    if (!mutation) return;
    this.changes += delta;
    if (this.waiter !== undefined && this.changes >= this.waiter.n) {
      this.waiter.done();
      this.waiter = undefined;
    }
  };

  atLeast(n: number): Promise<void> {
    if (this.changes >= n) return Promise.resolve();
    return new Promise((done) => {
      this.waiter = { n, done };
    });
  }
}

/**
 * A push straight to the emulator at `url` (as `docker push` would): true applied, false
 * refused, undefined unknown.
 */
export async function pushToEmulator(url: string, body: object): Promise<boolean | undefined> {
  const text = JSON.stringify(body);
  const headers = signRequest({
    method: 'POST',
    url: `${url}/emulator/push`,
    headers: { 'Content-Type': 'application/json' },
    body: text,
    credentials: DEMO_CREDENTIALS,
  });
  try {
    const response = await fetch(`${url}/emulator/push`, {
      method: 'POST',
      headers,
      body: text,
      signal: AbortSignal.timeout(10_000),
    });
    await response.text();
    if (response.status === 200) return true;
    return response.status >= 400 && response.status < 500 ? false : undefined;
  } catch {
    return undefined;
  }
}

export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const log = options.log ?? (() => undefined);
  const durationMs = options.seconds * 1000;
  const directory = mkdtempSync(join(tmpdir(), 'swr-load-'));
  const emulatorDb = join(directory, 'emulator.sqlite');
  const bffDb = join(directory, 'bff.sqlite');
  const onPostgres = options.databaseUrl !== undefined;
  const usersFile = join(directory, 'users.json');
  const ids = Array.from({ length: options.users }, (_, i) => `u${i}`);
  const groups = { admin: 'swr-admins', operator: 'swr-operators', viewer: 'swr-viewers' };
  writeFileSync(
    usersFile,
    JSON.stringify({
      auth: {
        mode: 'demo',
        users: ids.map((id, i) => ({
          id,
          name: `Load User ${id}`,
          email: `${id}@load.example`,
          groups: [groups[roleOf(i)]],
        })),
      },
    }),
  );

  const emulatorPort = await freePorts(3);
  // The first region listens on the first port, so the BFF can start beside the emulator.
  const emulatorUrl = `http://127.0.0.1:${emulatorPort}`;
  const bffPort = await freePort();
  const bffEnv = {
    AUTH_MODE: 'demo',
    NODE_ENV: 'development',
    LOG_LEVEL: 'info',
    ...(options.databaseUrl === undefined
      ? { BFF_DATABASE: bffDb }
      : { DATABASE_URL: options.databaseUrl }),
    ...(options.redisUrl === undefined ? {} : { REDIS_URL: options.redisUrl }),
    BFF_CONFIG_FILE: usersFile,
    ...bffEnvFor({ regions: [{ id: REGION, url: emulatorUrl }] }),
    UPSTREAM_TIMEOUT: '5s',
    BREAKER_COOL_DOWN: options.breakerCoolDown ?? '2s',
    // Per-user limits are not what this measures: 50 users on one loopback address would
    // otherwise hit the sign-in limit, and busy users the per-minute ones.
    RATE_LIMIT_READS_PER_MINUTE: '100000',
    RATE_LIMIT_MUTATIONS_PER_MINUTE: '100000',
    RATE_LIMIT_SIGN_IN_PER_MINUTE: '100000',
  };
  const started = await Promise.allSettled([
    startEmulatorProcess({ database: emulatorDb, port: emulatorPort, region: REGION }),
    startBffProcess({ env: bffEnv, port: bffPort }),
  ]);
  const [emulatorStart, bffStart] = started;
  if (emulatorStart.status === 'rejected' || bffStart.status === 'rejected') {
    for (const result of started) if (result.status === 'fulfilled') await result.value.kill9();
    rmSync(directory, { recursive: true, force: true });
    const reasons = started.flatMap((result) =>
      result.status === 'rejected' ? [String(result.reason)] : [],
    );
    throw new Error(`the stack did not start: ${reasons.join('; ')}`);
  }
  let emulator: EmulatorProcess = emulatorStart.value;
  let bff: BffProcess = bffStart.value;
  if (emulator.url !== emulatorUrl) throw new Error(`the emulator listens at ${emulator.url}`);
  const processErrors = () => [...bff.errors, ...emulator.errors];
  log(`emulator ${emulator.url} (pid ${emulator.pid}), BFF ${bff.origin} (pid ${bff.pid})`);

  const samples: Sample[] = [];
  const startedAt = performance.now();
  const inFlight = new InFlight();
  const gate = new Gate();
  let epoch = 0;
  let pushes = { ok: 0, failed: 0 };
  const world: World = {
    api: `/api/swr/${REGION}/v2/manage`,
    push: async (namespace, repository, tag) => {
      const result = await pushToEmulator(emulator.url, { namespace, repository, tag, size: 1024 });
      if (result === true) pushes = { ...pushes, ok: pushes.ok + 1 };
      else pushes = { ...pushes, failed: pushes.failed + 1 };
      return result;
    },
    think: () => delay(options.thinkMs * (0.5 + Math.random())),
  };
  const sessions = ids.map(
    (id) =>
      new LoadSession(
        id,
        () => bff.origin,
        startedAt,
        (sample) => samples.push(sample),
        inFlight.track,
      ),
  );
  const users: SimUser[] = sessions.map((session, i) => {
    const role = roleOf(i);
    const id = ids[i] ?? '';
    if (role === 'admin') return new Admin(id, role, session, world);
    if (role === 'operator') return new Operator(id, role, session, world);
    return new Viewer(id, role, session, world);
  });

  const failures: string[] = [];
  let crash: CrashReport | undefined;
  let sampler: NodeJS.Timeout | undefined;
  const rss: RssSample[] = [];
  try {
    // Sign-ins, then the operators' organizations (made by the first admin), before the clock.
    const logins = await Promise.all(
      sessions.map((session) =>
        session.call('POST', '/auth/demo/login', 'login', { json: { user: session.user } }),
      ),
    );
    const refusedLogins = logins.filter((answer) => answer.status !== 200).length;
    if (refusedLogins > 0) throw new Error(`${refusedLogins} sign-ins were refused`);
    const setup = sessions[0];
    if (setup === undefined || roleOf(0) !== 'admin') throw new Error('user 0 must be an admin');
    await Promise.all(
      users.map(async (user) => {
        if (!(user instanceof Operator)) return;
        const answer = await setup.call('POST', `${world.api}/namespaces`, 'createNamespace', {
          json: { namespace: user.namespace },
        });
        if (answer.status !== 201)
          throw new Error(`setup: creating ${user.namespace}: ${answer.status}`);
      }),
    );
    log(`${users.length} users signed in; running for ${options.seconds} s`);

    const runStart = performance.now();
    let deadline = runStart + durationMs;
    sampler = setInterval(() => {
      const bytes = rssBytes(bff.pid);
      if (bytes !== undefined) rss.push({ at: performance.now() - runStart, bytes, epoch });
    }, 250);

    const sessionCheck = { checks: 0, lost: 0 };
    const loops = users.map(async (user, i) => {
      const session = sessions[i];
      if (session === undefined) return;
      let seenEpoch = epoch;
      // Spread the users' first calls over one think time.
      await delay(options.thinkMs * Math.random());
      while (performance.now() < deadline) {
        await gate.wait();
        if (seenEpoch !== epoch) {
          seenEpoch = epoch;
          const me = await session.call('GET', '/api/me', 'me');
          sessionCheck.checks += 1;
          const name = (me.json as { user?: { name?: unknown } } | undefined)?.user?.name;
          if (me.status !== 200 || name !== `Load User ${user.id}`) sessionCheck.lost += 1;
        }
        await user.step();
        await world.think();
      }
    });

    const crashing = (async () => {
      if (options.crash === undefined) return;
      await delay(durationMs * (options.crashAt ?? 0.5));
      // Mid-write: at least three changes sent and not yet answered.
      await inFlight.atLeast(3);
      const killedAt = performance.now() - startedAt;
      const inFlightChanges = inFlight.changes;
      // The run does not end while the process is down; it goes on after the restart.
      const plannedEnd = deadline;
      deadline = Number.POSITIVE_INFINITY;
      if (options.crash === 'bff') {
        gate.close();
        await bff.kill9();
        log(`BFF killed (-9) with ${inFlightChanges} changes in flight`);
        const errors = bff.errors;
        bff = await startBffProcess({ env: bffEnv, port: bffPort });
        bff.errors.push(...errors);
        const integrityAfterRestart = onPostgres ? undefined : integrityOf(bffDb);
        epoch += 1;
        gate.open();
        crash = {
          target: 'bff',
          killedAt,
          inFlightChanges,
          downMs: performance.now() - startedAt - killedAt,
          sessionChecks: 0,
          sessionsLost: 0,
          ...(integrityAfterRestart === undefined ? {} : { integrityAfterRestart }),
        };
      } else {
        await emulator.kill9();
        log(`emulator killed (-9) with ${inFlightChanges} changes in flight`);
        emulator = await startEmulatorProcess({
          database: emulatorDb,
          port: emulatorPort,
          region: REGION,
        });
        crash = {
          target: 'emulator',
          killedAt,
          inFlightChanges,
          downMs: performance.now() - startedAt - killedAt,
          sessionChecks: 0,
          sessionsLost: 0,
        };
      }
      const crashAt = options.crashAt ?? 0.5;
      deadline = Math.max(
        plannedEnd,
        performance.now() + (options.afterRestartMs ?? durationMs * (1 - crashAt)),
      );
      log(`${options.crash} restarted after ${Math.round(crash.downMs)} ms`);
    })();

    await Promise.all([...loops, crashing]);
    clearInterval(sampler);
    sampler = undefined;
    const elapsedS = (performance.now() - runStart) / 1000;
    if (crash !== undefined) {
      crash.sessionChecks = sessionCheck.checks;
      crash.sessionsLost = sessionCheck.lost;
    }

    const audit = auditVerdict(
      options.databaseUrl === undefined ? bffDb : await postgresAuditRowsOf(options.databaseUrl),
      samples,
      options.crash === 'bff',
    );
    // SQLite's own check of its file; PostgreSQL's data is not checked here.
    const bffIntegrity = onPostgres ? NOT_CHECKED : integrityOf(bffDb);
    const emulatorCheck = emulatorVerdict(
      emulatorDb,
      REGION,
      users.filter((user) => user.role !== 'viewer').map((user) => user.expected()),
    );
    const warmupMs = options.warmupMs ?? Math.max(2000, durationMs / 4);
    const memory = memoryVerdict(rss, warmupMs, options.memoryToleranceMb ?? 24);
    const bad5xx = unmapped5xx(samples);
    const latencies = samples.map((sample) => sample.latencyMs).sort((a, b) => a - b);
    const acknowledged = samples
      .filter((sample) => sample.mutation && sample.status >= 200 && sample.status < 300)
      .map((sample) => ({
        op: sample.op,
        requestId: sample.requestId,
        status: sample.status,
        at: sample.at,
      }));

    if (bad5xx.length > 0)
      failures.push(`${bad5xx.length} BFF 5xx answers that are not mapped upstream errors`);
    if (!memory.ok)
      failures.push(
        `BFF memory grew ${memory.growthMb} MB (tolerance ${memory.toleranceMb} MB) or too few samples`,
      );
    if (!audit.ok) failures.push('the audit trail does not match the acknowledged changes');
    if (bffIntegrity !== 'ok' && bffIntegrity !== NOT_CHECKED)
      failures.push(`BFF database: ${bffIntegrity}`);
    if (!emulatorCheck.ok) failures.push('the emulator data is not consistent');
    if (crash?.target === 'bff' && crash.sessionsLost > 0)
      failures.push(`${crash.sessionsLost} sessions were lost in the BFF restart`);
    if (crash?.integrityAfterRestart !== undefined && crash.integrityAfterRestart !== 'ok')
      failures.push(`BFF database after the restart: ${crash.integrityAfterRestart}`);

    return {
      users: options.users,
      seconds: Math.round(elapsedS * 10) / 10,
      requests: samples.length,
      requestsPerSecond: Math.round(samples.length / elapsedS),
      statuses: count(samples.map((sample) => String(sample.status))),
      codes: count(samples.flatMap((sample) => (sample.code === undefined ? [] : [sample.code]))),
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      acknowledgedChanges: acknowledged.length,
      acknowledged,
      pushes,
      unmapped5xx: bad5xx,
      memory,
      rss,
      audit,
      bffIntegrity,
      emulator: emulatorCheck,
      ...(crash === undefined ? {} : { crash }),
      processErrors: processErrors(),
      passed: failures.length === 0,
      failures,
    };
  } finally {
    if (sampler !== undefined) clearInterval(sampler);
    await stopWithin(bff, 15_000);
    await stopWithin(emulator, 15_000);
    if (options.keep === true) log(`files kept in ${directory}`);
    else rmSync(directory, { recursive: true, force: true });
  }
}

/** SIGTERM, then SIGKILL if the process is still there after `ms`. */
async function stopWithin(
  child: { stop(): Promise<void>; kill9(): Promise<void> },
  ms: number,
): Promise<void> {
  const timer = new AbortController();
  const stopped = child.stop().then(() => true);
  const late = delay(ms, false, { signal: timer.signal }).catch(() => true);
  const inTime = await Promise.race([stopped, late]);
  timer.abort();
  if (!inTime) await child.kill9();
}
