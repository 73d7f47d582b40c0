/**
 * SIGTERM on the real process (`node --import tsx apps/bff/src/main.ts`, demo sign-in, one region
 * on a fake SWR endpoint that holds a change's answer until the test lets it go): the BFF stops
 * taking connections at once, finishes the request in flight with its normal answer, closes its
 * SQLite store cleanly (the WAL checkpointed away) and exits 0 within its deadline; a reopen of
 * the file shows the session and the finalized audit record of that request. Past the deadline,
 * a request that cannot finish is cut, and the process still exits 0 with its record left
 * `pending` (outcome unknown), never half-written.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../src/audit/trail';
import { healthyAnswer, type FaultRequest } from './support/fault-server';
import { rawRequest } from './support/raw-http';
import { Browser, type Reply } from './support/stack';

const ROOT = resolve(import.meta.dirname, '../../..');
const REGION = 'ap-southeast-3';
const CREATE = `/api/swr/${REGION}/v2/manage/namespaces/fault-ns/repos`;
const DEADLINE_MS = 5000;
/** Each test spawns a BFF under tsx (about 2 s on 2 busy cores) and stops it. */
const TEST_TIMEOUT_MS = 30_000;

/** A fake SWR endpoint: healthy answers, except that changes wait until `release()`. */
interface SlowUpstream {
  origin: string;
  /** Resolves when a change has arrived (and is being held). */
  held: Promise<void>;
  release(): void;
  close(): Promise<void>;
}

async function startSlowUpstream(): Promise<SlowUpstream> {
  let arrived: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    arrived = resolve;
  });
  const waiting: ServerResponse[] = [];
  const server: Server = createServer((req, res) => {
    res.on('error', () => undefined);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method === 'POST') {
        waiting.push(res);
        arrived();
        return;
      }
      const request: FaultRequest = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        path: (req.url ?? '/').split('?')[0] ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: performance.now(),
      };
      const answer = healthyAnswer(request);
      const body = answer.kind === 'reply' ? (answer.body ?? '') : '';
      res.writeHead(answer.kind === 'reply' ? answer.status : 500, {
        'Content-Type': 'application/json',
      });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    held,
    release() {
      for (const res of waiting.splice(0)) {
        res.writeHead(201, { 'X-Request-Id': 'slow-req-1', 'Content-Length': '0' });
        res.end();
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
  return port;
}

interface RunningBff {
  child: ChildProcess;
  origin: string;
  database: string;
  lines: string[];
  /** Resolves with the first log line whose `msg` matches (an event, not a timer). */
  logged(pattern: RegExp): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

async function startBff(upstream: string, dir: string, env: Record<string, string> = {}) {
  const port = await freePort();
  const database = join(dir, 'bff.sqlite');
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/bff/src/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      BFF_DATABASE: database,
      SWR_REGIONS: REGION,
      SWR_ENDPOINT_AP_SOUTHEAST_3: upstream,
      UPSTREAM_TIMEOUT: '30s',
      SHUTDOWN_TIMEOUT: `${DEADLINE_MS}ms`,
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const watchers: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const onLine = (line: string) => {
    lines.push(line);
    let msg = line;
    try {
      const parsed = JSON.parse(line) as { msg?: unknown };
      if (typeof parsed.msg === 'string') msg = parsed.msg;
    } catch {
      // not JSON: match the raw line
    }
    for (const watcher of [...watchers]) {
      if (watcher.pattern.test(msg)) {
        watchers.splice(watchers.indexOf(watcher), 1);
        watcher.resolve(line);
      }
    }
  };
  createInterface({ input: child.stdout }).on('line', onLine);
  createInterface({ input: child.stderr }).on('line', onLine);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>(
    (resolve) => {
      child.once('exit', (code, signal) => {
        resolve({ code, signal, at: performance.now() });
      });
    },
  );
  const bff: RunningBff = {
    child,
    origin: `http://127.0.0.1:${port}`,
    database,
    lines,
    logged: (pattern) => {
      const seen = lines.find((line) => pattern.test(line));
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve) => {
        watchers.push({ pattern, resolve });
      });
    },
    exited,
  };
  const listening = bff.logged(/BFF listening at/);
  const early = exited.then(({ code }) => {
    throw new Error(`the BFF exited (${String(code)}) before listening:\n${lines.join('\n')}`);
  });
  await Promise.race([listening, early]);
  return bff;
}

function requestIdOf(answer: Reply): string {
  const id = answer.headers.get('x-request-id');
  if (id === null) throw new Error('no X-Request-Id');
  return id;
}

let dir = '';
let upstream: SlowUpstream | undefined;
let running: RunningBff | undefined;

afterEach(async () => {
  if (running !== undefined && running.child.exitCode === null && running.child.signalCode === null)
    running.child.kill('SIGKILL');
  running = undefined;
  upstream?.release();
  await upstream?.close();
  upstream = undefined;
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
  dir = '';
});

describe('SIGTERM', { timeout: TEST_TIMEOUT_MS }, () => {
  it('refuses new connections, finishes the request in flight, closes the store, exits 0', async () => {
    dir = mkdtempSync(join(tmpdir(), 'bff-shutdown-'));
    upstream = await startSlowUpstream();
    const bff = await startBff(upstream.origin, dir);
    running = bff;
    const otto = new Browser(bff.origin);
    await otto.signInDemo('otto-operator');

    const inFlight = otto.request('POST', CREATE, {
      json: { repository: 'during-shutdown', is_public: false },
    });
    await upstream.held;
    const stopping = bff.logged(/no longer accepting connections/);
    const signalled = performance.now();
    bff.child.kill('SIGTERM');
    await stopping;

    // A new connection is refused, while the change is still held upstream.
    await expect(rawRequest(bff.origin, { path: '/healthz' })).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
    expect(bff.child.exitCode).toBeNull();

    upstream.release();
    const answer = await inFlight;
    expect(answer.status, answer.text).toBe(201);
    const exit = await bff.exited;
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
    expect(exit.at - signalled).toBeLessThan(DEADLINE_MS);
    expect(bff.lines.some((line) => /stopped: stores closed/.test(line))).toBe(true);

    // Closed cleanly: SQLite checkpointed the WAL into the file and removed it.
    const wal = `${bff.database}-wal`;
    expect(existsSync(wal) ? statSync(wal).size : 0).toBe(0);
    const db = new Database(bff.database, { readonly: true });
    try {
      const sessions = db.prepare('SELECT user_key FROM sessions').all() as {
        user_key: string | null;
      }[];
      expect(sessions.length).toBe(1);
      const rows = db
        .prepare("SELECT outcome, record FROM audit_events WHERE event = 'swr.createRepo'")
        .all() as { outcome: string; record: string }[];
      expect(rows).toHaveLength(1);
      const record = JSON.parse(rows[0]?.record ?? '{}') as AuditRecord;
      expect(rows[0]?.outcome).toBe('success');
      expect(record).toMatchObject({
        outcome: 'success',
        httpStatus: 201,
        request: { id: requestIdOf(answer) },
        actor: { name: 'Otto Operator' },
        upstream: { status: 201, requestId: 'slow-req-1' },
      });
    } finally {
      db.close();
    }
  });

  it('past the deadline, cuts what is left, exits 0, and leaves its record pending (outcome unknown)', async () => {
    dir = mkdtempSync(join(tmpdir(), 'bff-shutdown-'));
    upstream = await startSlowUpstream();
    const bff = await startBff(upstream.origin, dir, { SHUTDOWN_TIMEOUT: '500ms' });
    running = bff;
    const otto = new Browser(bff.origin);
    await otto.signInDemo('otto-operator');
    const inFlight = otto
      .request('POST', CREATE, { json: { repository: 'never-answered', is_public: false } })
      .then(
        () => 'answered',
        () => 'cut',
      );
    await upstream.held;
    const signalled = performance.now();
    bff.child.kill('SIGTERM');
    const exit = await bff.exited;
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
    expect(exit.at - signalled).toBeGreaterThanOrEqual(500);
    expect(exit.at - signalled).toBeLessThan(DEADLINE_MS);
    expect(await inFlight).toBe('cut');
    expect(bff.lines.some((line) => /shutdown deadline reached/.test(line))).toBe(true);

    const db = new Database(bff.database, { readonly: true });
    try {
      const rows = db
        .prepare("SELECT outcome FROM audit_events WHERE event = 'swr.createRepo'")
        .all() as { outcome: string }[];
      expect(rows).toEqual([{ outcome: 'pending' }]);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  });
});
