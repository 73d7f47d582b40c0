/**
 * The console as several replicas deploy it (issue 14's HA test): two BFF processes (the bundle,
 * as the release runs it) on one PostgreSQL (`DATABASE_URL`) and one Redis (`REDIS_URL`, with an
 * append-only file, as a deployment keeping sessions there should run it), behind HAProxy, signed
 * in through the real local OpenID Provider; the emulator in this process on an SQLite file, seen
 * through a tap that notes every request the BFFs send it (with the BFF's request id), so a test
 * can match what reached "SWR" against the audit trail.
 *
 * Every part listens on loopback; `close()` stops them all and removes their directories.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest, createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { defaultRegions, startEmulator, type RunningEmulator } from '@swr-dashboard/emulator';
import {
  bffEnvFor,
  consoleKeyEnv,
  emulatorWithConsoleKey,
  oidcBffEnv,
  startLoadBalancer,
  startOidcProvider,
  startPostgres,
  startRedis,
  type TestAccount,
  type TestLoadBalancer,
  type TestPostgres,
  type TestRedis,
} from '@swr-dashboard/test-support';
import type { AuditRow } from '../../../../bench/load/checks';
import { freePort, startBffProcess, type BffProcess } from '../../../../bench/load/processes';
import { signInWithOidc } from './oidc-flow';
import { Browser } from './stack';
import { eventually } from './eventually';

export const REGION = 'cn-north-4';
export const SWR = `/api/swr/${REGION}/v2/manage`;
export const LOGIN_COMMANDS_PER_HOUR = 3;
const SESSION_SECRET = 'ha-test-session-secret-shared-by-both-replicas-0123';
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A request the BFFs sent to the emulator. */
export interface TappedRequest {
  at: number;
  method: string;
  path: string;
  /** The BFF's own request id (`X-Request-Id`), which its audit record holds as `request.id`. */
  requestId: string;
}

export interface Replica {
  /** Its server name in HAProxy. */
  name: string;
  port: number;
  process: BffProcess;
}

export interface HaStack {
  /** The load balancer's origin: the console's public origin. */
  origin: string;
  balancer: TestLoadBalancer;
  postgres: TestPostgres;
  redis: TestRedis;
  emulator: RunningEmulator;
  /** The emulator's SQLite file. */
  emulatorDb: string;
  replicas: Replica[];
  /** Every request the BFFs sent the emulator, in order. */
  tapped: TappedRequest[];
  /** A browser of the console, through the load balancer. */
  browser(): Browser;
  /** A new browser through the load balancer, signed in as `account` through the provider. */
  signIn(account: TestAccount): Promise<Browser>;
  /** The same cookies, sent straight to one replica (changes carry the public `Origin`). */
  direct(replica: number, browser: Browser): Browser;
  /** `kill -9` of one replica. */
  kill(replica: number): Promise<void>;
  /** Starts a killed replica again on its port, and waits until the balancer uses it. */
  restart(replica: number): Promise<void>;
  /** Waits until the balancer sees every replica up. */
  allUp(): Promise<void>;
  /** The audit trail's rows after `afterSeq`, oldest first. */
  auditRows(afterSeq?: number): Promise<AuditRow[]>;
  lastSeq(): Promise<number>;
  close(): Promise<void>;
}

/** A pass-through to `target` that notes each request; Host and body go on untouched. */
async function startTap(
  target: string,
  tapped: TappedRequest[],
): Promise<Server & { url: string }> {
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    const requestId = req.headers['x-request-id'];
    tapped.push({
      at: performance.now(),
      method: req.method ?? 'GET',
      path: (req.url ?? '/').split('?')[0] ?? '/',
      requestId: typeof requestId === 'string' ? requestId : '',
    });
    const forward = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(server, { url: `http://127.0.0.1:${String(port)}` });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => {
      resolve();
    });
    server.closeAllConnections();
  });
}

/** The parts every replica shares, started before them. */
async function startParts(directory: string, tapped: TappedRequest[]) {
  const [postgres, redis] = await Promise.all([startPostgres(), startRedis({ persist: true })]);
  const emulatorDb = join(directory, 'emulator.sqlite');
  const emulator = await startEmulator({
    seed: 'demo',
    config: { database: emulatorDb, regions: defaultRegions(0), ...emulatorWithConsoleKey() },
  });
  const region = emulator.regions.find((candidate) => candidate.id === REGION);
  if (region === undefined) throw new Error(`the emulator serves no ${REGION}`);
  const tap = await startTap(region.url, tapped);
  const ports = [await freePort(), await freePort()];
  const balancer = await startLoadBalancer({
    backends: ports.map((port, index) => ({ host: '127.0.0.1', port, name: `bff${index}` })),
  });
  const idp = await startOidcProvider({
    redirectUris: [`${balancer.url}/auth/callback`],
    postLogoutRedirectUris: [`${balancer.url}/`],
  });
  const regions = emulator.regions.map((r) => (r.id === REGION ? { ...r, url: tap.url } : r));
  const env = {
    ...oidcBffEnv(idp),
    ...consoleKeyEnv,
    ...bffEnvFor({ regions, projectId: (account, id) => emulator.projectId(account, id) }),
    NODE_ENV: 'development',
    LOG_LEVEL: 'info',
    DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    SESSION_SECRETS: SESSION_SECRET,
    UPSTREAM_TIMEOUT: '5s',
    BREAKER_COOL_DOWN: '1s',
    RATE_LIMIT_READS_PER_MINUTE: '100000',
    RATE_LIMIT_MUTATIONS_PER_MINUTE: '100000',
    RATE_LIMIT_SIGN_IN_PER_MINUTE: '100000',
    RATE_LIMIT_LOGIN_COMMANDS_PER_HOUR: String(LOGIN_COMMANDS_PER_HOUR),
  };
  return { postgres, redis, emulator, emulatorDb, tap, ports, balancer, idp, env };
}

type Parts = Awaited<ReturnType<typeof startParts>>;

async function stopParts(parts: Parts): Promise<void> {
  await Promise.allSettled([parts.balancer.stop(), parts.idp.close(), closeServer(parts.tap)]);
  await Promise.allSettled([parts.emulator.close(), parts.redis.stop(), parts.postgres.stop()]);
}

async function query<Row extends pg.QueryResultRow>(
  url: string,
  sql: string,
  values: unknown[] = [],
): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

/** A browser that talks to one replica, as the balancer would forward it. */
class DirectBrowser extends Browser {
  constructor(
    target: string,
    private readonly publicOrigin: string,
  ) {
    super(target);
  }

  override request(...[method, path, options = {}]: Parameters<Browser['request']>) {
    return super.request(method, path, {
      ...options,
      headers: { Origin: this.publicOrigin, ...options.headers },
    });
  }
}

export async function startHaStack(): Promise<HaStack> {
  const directory = mkdtempSync(join(tmpdir(), 'swr-ha-'));
  const tapped: TappedRequest[] = [];
  let parts: Parts | undefined;
  const replicas: Replica[] = [];
  try {
    parts = await startParts(directory, tapped);
    const started = parts;
    const start = (port: number) =>
      startBffProcess({ env: started.env, port, publicOrigin: started.balancer.url });
    // Both at once: the migrations take turns under their advisory lock.
    const processes = await Promise.all(started.ports.map(start));
    processes.forEach((process, index) => {
      replicas.push({ name: `bff${index}`, port: started.ports[index] ?? 0, process });
    });
    const stack = haStack(started, replicas, tapped, directory, start);
    await stack.allUp();
    return stack;
  } catch (error) {
    await Promise.allSettled(replicas.map((replica) => replica.process.kill9()));
    if (parts !== undefined) await stopParts(parts);
    rmSync(directory, { recursive: true, force: true });
    throw error;
  }
}

function haStack(
  parts: Parts,
  replicas: Replica[],
  tapped: TappedRequest[],
  directory: string,
  start: (port: number) => Promise<BffProcess>,
): HaStack {
  const origin = parts.balancer.url;
  const replicaAt = (index: number): Replica => {
    const replica = replicas[index];
    if (replica === undefined) throw new Error(`no replica ${String(index)}`);
    return replica;
  };
  const allUp = () =>
    eventually(async () => {
      const servers = await parts.balancer.servers();
      if (servers.length !== replicas.length || servers.some((s) => s.status !== 'UP'))
        throw new Error(`the balancer sees ${JSON.stringify(servers)}`);
    });
  return {
    origin,
    balancer: parts.balancer,
    postgres: parts.postgres,
    redis: parts.redis,
    emulator: parts.emulator,
    emulatorDb: parts.emulatorDb,
    replicas,
    tapped,
    browser: () => new Browser(origin),
    async signIn(account) {
      const browser = new Browser(origin);
      const { reply } = await signInWithOidc(browser, account.id);
      if (reply.status !== 302) throw new Error(`sign-in answered ${String(reply.status)}`);
      return browser;
    },
    direct(index, browser) {
      const direct = new DirectBrowser(`http://127.0.0.1:${String(replicaAt(index).port)}`, origin);
      for (const [name, value] of browser.cookies) direct.cookies.set(name, value);
      return direct;
    },
    kill: (index) => replicaAt(index).process.kill9(),
    async restart(index) {
      const replica = replicaAt(index);
      replica.process = await start(replica.port);
      await allUp();
    },
    allUp,
    async auditRows(afterSeq = 0) {
      const rows = await query<Omit<AuditRow, 'seq'> & { seq: string }>(
        parts.postgres.url,
        'SELECT seq, id, outcome, record FROM audit_events WHERE seq > $1 ORDER BY seq',
        [afterSeq],
      );
      // BIGINT arrives as text.
      return rows.map((row) => ({ ...row, seq: Number(row.seq) }));
    },
    async lastSeq() {
      const rows = await query<{ seq: string }>(
        parts.postgres.url,
        'SELECT coalesce(max(seq), 0) AS seq FROM audit_events',
      );
      return Number(rows[0]?.seq ?? 0);
    },
    async close() {
      await Promise.allSettled(replicas.map((replica) => replica.process.stop()));
      await stopParts(parts);
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** Whether a request changes something (the BFF audits it before sending it). */
export function isMutating(method: string): boolean {
  return MUTATING.has(method);
}
