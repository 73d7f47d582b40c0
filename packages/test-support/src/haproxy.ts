/**
 * A load balancer for tests: Debian's HAProxy (2.6, installed by .ci/run) in the foreground
 * (`-db`) on 127.0.0.1 and a free port, with a configuration generated into a temporary
 * directory. HTTP mode, round robin, health checks on `GET /healthz`, `X-Forwarded-For` added,
 * and retries that never send a request twice unless its method is safe.
 *
 * Each answer carries `X-Served-By: <server name>`.
 *
 * Health checks (every backend must answer `GET /healthz` with 200):
 * - `inter 200ms`: one check every 200 ms while a server is up;
 * - `fall 2`, `fastinter 100ms`: after a first failed check the next comes 100 ms later, and two
 *   failures in a row take the server out, so a dead backend is out within about 300 ms (a
 *   refused connection fails at once; a hung one after `timeout check 500ms`);
 * - `rise 2`, `downinter 200ms`: a server that is down is checked every 200 ms and is back in
 *   after two good checks, about 400 ms after it answers again.
 * Until a dead backend is taken out, requests that reach it are saved by the retries below.
 */
import { createConnection } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  LOOPBACK,
  acceptsConnections,
  freePort,
  makeTempDir,
  removeDir,
  spawnLocal,
  waitForReady,
} from './local-process';

export interface LoadBalancerBackend {
  host: string;
  port: number;
  /** The server's name in HAProxy (default `backend<index>`). */
  name?: string;
}

export interface LoadBalancerOptions {
  backends: LoadBalancerBackend[];
}

/** A server as HAProxy sees it: `UP`, `DOWN`, or a transition such as `UP 1/2`. */
export interface ServerState {
  name: string;
  status: string;
}

export interface TestLoadBalancer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** HAProxy's process id (for a test to check that it is gone after `stop()`). */
  pid: number;
  /** Every backend's state, read from HAProxy's runtime API (`show stat`). */
  servers(): Promise<ServerState[]>;
  /** Stops HAProxy (SIGTERM: it closes its connections and exits) and removes its dir. */
  stop(): Promise<void>;
}

const BACKEND_NAME = /^[A-Za-z0-9_.-]+$/;

function serverName(backend: LoadBalancerBackend, index: number): string {
  const name = backend.name ?? `backend${index}`;
  if (!BACKEND_NAME.test(name)) throw new Error(`not a usable HAProxy server name: ${name}`);
  return name;
}

/**
 * The configuration. On retries (HAProxy 2.6 semantics):
 * - `retries 2` with `option redispatch 1`: a failed attempt is retried up to twice, each retry
 *   on another server (by default only the last retry would move).
 * - `retry-on conn-failure empty-response response-timeout`: `conn-failure` retries when the
 *   connection could not be made and the request was therefore never sent, which is safe for
 *   any method, POST included (a killed backend refuses connections: this is the case that
 *   matters). `empty-response` (the server closed without answering, e.g. it crashed mid-request)
 *   and `response-timeout` happen after the request was sent, and the server may have acted on it.
 * - `http-request disable-l7-retry unless { method GET HEAD OPTIONS }` therefore limits those two
 *   to the safe methods: a POST, PUT, PATCH or DELETE that reached a server is never sent again,
 *   and its client gets a 502 or 504 instead. (PUT and DELETE are idempotent by definition, but
 *   a replayed DELETE answers 404 and a replayed PUT may overwrite a later write.)
 * `option forwardfor` appends the client's address to `X-Forwarded-For`; every answer names the
 * server that gave it in `X-Served-By` (a test's way to see where a request went); `http-reuse never`
 * keeps a connection to a server from outliving the request, so a test's backend that closes
 * is not left with HAProxy's idle connections.
 */
function haproxyConfig(port: number, backends: LoadBalancerBackend[], statsSocket: string): string {
  if (backends.length === 0) throw new Error('a load balancer needs at least one backend');
  const servers = backends.map(
    (backend, index) =>
      `  server ${serverName(backend, index)} ${backend.host}:${backend.port} check`,
  );
  return [
    'global',
    '  maxconn 256',
    `  stats socket ${statsSocket} mode 600 level user`,
    '',
    'defaults',
    '  mode http',
    '  timeout connect 1s',
    '  timeout client 30s',
    '  timeout server 30s',
    '  timeout check 500ms',
    '  retries 2',
    '  option redispatch 1',
    '  retry-on conn-failure empty-response response-timeout',
    '  option forwardfor',
    '  http-reuse never',
    '',
    'frontend web',
    `  bind ${LOOPBACK}:${port}`,
    '  default_backend app',
    '',
    'backend app',
    '  balance roundrobin',
    '  option httpchk GET /healthz',
    '  http-check expect status 200',
    '  http-request disable-l7-retry unless { method GET HEAD OPTIONS }',
    '  http-response set-header X-Served-By %[srv_name]',
    '  default-server inter 200ms fastinter 100ms downinter 200ms fall 2 rise 2',
    ...servers,
    '',
  ].join('\n');
}

/** Sends one command to HAProxy's runtime API and returns its whole answer. */
function runtimeCommand(socketPath: string, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ path: socketPath });
    let answer = '';
    socket.once('connect', () => {
      socket.end(`${command}\n`);
    });
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('utf8');
    });
    socket.once('error', reject);
    socket.once('close', () => {
      resolve(answer);
    });
  });
}

/**
 * Whether HAProxy is serving: its port accepts connections and its runtime API answers (the
 * port's socket is listening a moment before the runtime API's is, and before HAProxy polls).
 */
async function isServing(port: number, socketPath: string): Promise<boolean> {
  if (!(await acceptsConnections(port))) return false;
  try {
    return (await runtimeCommand(socketPath, 'show info')).includes('Pid:');
  } catch {
    return false;
  }
}

/** The servers of backend `app` in `show stat`'s CSV (`# pxname,svname,...,status,...`). */
function parseServerStates(csv: string): ServerState[] {
  const [header = '', ...rows] = csv.split('\n').filter((line) => line.trim() !== '');
  const columns = header.replace(/^# /, '').split(',');
  const [proxy, server, status] = ['pxname', 'svname', 'status'].map((name) =>
    columns.indexOf(name),
  ) as [number, number, number];
  return rows
    .map((row) => row.split(','))
    .filter(
      (cells) => cells[proxy] === 'app' && !['FRONTEND', 'BACKEND'].includes(cells[server] ?? ''),
    )
    .map((cells) => ({ name: cells[server] ?? '', status: cells[status] ?? '' }));
}

function haproxyBinary(): string {
  // Debian installs it in /usr/sbin, which a non-root PATH may lack.
  return process.env.HAPROXY_BIN ?? '/usr/sbin/haproxy';
}

export async function startLoadBalancer(options: LoadBalancerOptions): Promise<TestLoadBalancer> {
  const port = await freePort();
  const dir = makeTempDir('test-haproxy');
  const configFile = join(dir, 'haproxy.cfg');
  const statsSocket = join(dir, 'admin.sock');
  try {
    writeFileSync(configFile, haproxyConfig(port, options.backends, statsSocket));
  } catch (error) {
    removeDir(dir);
    throw error;
  }
  const local = spawnLocal(haproxyBinary(), ['-db', '-f', configFile]);
  try {
    await waitForReady('haproxy', local, () => isServing(port, statsSocket));
  } catch (error) {
    await local.stop('SIGKILL');
    removeDir(dir);
    throw error;
  }
  return {
    url: `http://${LOOPBACK}:${port}`,
    port,
    pid: local.child.pid ?? -1,
    servers: async () => parseServerStates(await runtimeCommand(statsSocket, 'show stat')),
    stop: async () => {
      await local.stop('SIGTERM');
      removeDir(dir);
    },
  };
}
