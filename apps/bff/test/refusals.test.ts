/**
 * Refusals that come by the thousand (requests nobody signed in made, CSRF failures, limits)
 * cannot flood the audit trail or the BFF. Per client
 * address: past RATE_LIMIT_ANONYMOUS_PER_MINUTE refusals a minute they are answered 429 with
 * Retry-After and nothing written; the first refusal of each kind is recorded at once, the rest
 * of that minute as one counted record; what a client wrote into a record is cut short. A user
 * who is signed in is not held back by the anonymous traffic of their address.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Request } from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditTrail, createSink, type AuditInput, type AuditRecord } from '../src/audit/trail';
import { DEMO_ISSUER } from '../src/auth/demo';
import { AppError } from '../src/http/errors';
import { RECORDED_PER_KIND, Refusals } from '../src/security/refusals';
import { openDatabase } from '../src/store/database';
import { sqliteStore } from '../src/store/sqlite';
import { consoleKeyEnv, emulatorWithConsoleKey } from '@swr-dashboard/test-support';
import { newClientAddress, rawRequest, type RawReply } from './support/raw-http';
import { startStack, type Stack } from './support/stack';
import { sqliteDb } from './support/sqlite';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bff-anonymous-'));
  dirs.push(dir);
  return dir;
}

/** A refusal's record as the BFF makes it, of a request from `ip`. */
function inputOf(event: string, ip: string): AuditInput {
  return {
    event,
    outcome: 'denied',
    actor: null,
    source: { ip },
    request: { id: 'r', method: 'GET', route: '/api/me', params: {}, query: {}, body: null },
    resource: null,
    upstream: null,
    httpStatus: 401,
    reason: null,
  };
}

describe('Refusals, on a clock of its own', () => {
  const db = openDatabase(':memory:');
  const audit = new AuditTrail(sqliteStore(db).audit, createSink('none'), {
    version: 't',
    instance: 't',
  });
  let now = Date.parse('2026-12-07T10:00:00.000Z');
  const refusals = new Refusals({
    audit,
    logger: pino({ level: 'silent' }),
    perMinute: 3,
    sessionCookie: 'swr-bff.sid',
    now: () => now,
  });
  afterAll(() => {
    refusals.stop();
    db.close();
  });
  const from = (ip: string) =>
    ({ ip, headers: {}, socket: { remoteAddress: ip } }) as unknown as Request;
  const input = inputOf;
  const records = async (ip: string) =>
    (await audit.query({ limit: 100, offset: 0 })).items.filter(
      (record) => record.source.ip === ip,
    );
  const refuse = (ip: string, event = 'auth.unauthenticated') =>
    refusals.refuse(from(ip), input(event, ip), new AppError('unauthenticated', 'Sign in first.'));

  it('answers the refusal itself up to the limit, then 429 with the seconds left', () => {
    const codes = Array.from({ length: 10 }, () => refuse('10.0.0.1').code);
    expect(codes).toEqual([
      ...Array<string>(3).fill('unauthenticated'),
      ...Array<string>(7).fill('rate_limited'),
    ]);
    now += 15_000;
    expect(refuse('10.0.0.1').extra.retryAfter).toBe(45);
    // Another address has its own budget.
    expect(refuse('10.0.0.2').code).toBe('unauthenticated');
  });

  it('records each refusal up to the limit, and the rest of the minute as one counted record', async () => {
    expect(await records('10.0.0.1')).toHaveLength(3);
    refusals.flush();
    expect(await records('10.0.0.1')).toHaveLength(3);
    now += 45_000;
    refusals.flush();
    const counted = (await records('10.0.0.1'))[0];
    expect(counted).toMatchObject({
      event: 'auth.unauthenticated',
      repeats: { count: 8, first: '2026-12-07T10:00:00.000Z', last: '2026-12-07T10:00:15.000Z' },
    });
    expect(counted?.reason).toContain('8 more like this from 10.0.0.1');
    expect(counted?.reason).toContain('8 of them answered 429');
    expect(await records('10.0.0.1')).toHaveLength(4);
  });

  it(`records at most ${RECORDED_PER_KIND} of a kind one by one, and keeps kinds apart`, async () => {
    now += 60_000;
    const many = new AnonymousLike(refusals, '10.0.0.4');
    for (let i = 0; i < RECORDED_PER_KIND + 3; i += 1) many.note('ratelimit.refused', 'user-a');
    many.note('ratelimit.refused', 'user-b');
    many.note('csrf.rejected', 'user-a');
    expect(
      (await records('10.0.0.4')).map((record) => `${record.event} ${record.actor?.key ?? ''}`),
    ).toEqual([
      'csrf.rejected user-a',
      'ratelimit.refused user-b',
      ...Array<string>(RECORDED_PER_KIND).fill('ratelimit.refused user-a'),
    ]);
    refusals.flush(true);
    expect((await records('10.0.0.4'))[0]).toMatchObject({
      event: 'ratelimit.refused',
      actor: { key: 'user-a' },
      repeats: { count: 3 },
    });
  });

  it('writes everything counted when it stops, so nothing counted is lost', async () => {
    for (let i = 0; i < 7; i += 1) refuse('10.0.0.3');
    refusals.stop();
    // Three under the address's limit, one by one; four over it, counted.
    expect((await records('10.0.0.3')).map((record) => record.repeats?.count ?? 1)).toEqual([
      4, 1, 1, 1,
    ]);
  });
});

/** Notes refusals of signed-in users (by identity key) coming from one address. */
class AnonymousLike {
  constructor(
    private readonly refusals: Refusals,
    private readonly ip: string,
  ) {}

  note(event: string, key: string): void {
    this.refusals.note(`user:${key}`, {
      ...inputOf(event, this.ip),
      actor: {
        key,
        iss: 'i',
        sub: key,
        name: key,
        role: 'viewer',
        groups: [],
        authMode: 'oidc',
      },
    });
  }
}

/** Sends `count` requests, `parallel` at a time; returns how many got each status. */
async function flood(
  count: number,
  parallel: number,
  send: () => Promise<RawReply>,
): Promise<Record<number, number>> {
  const statuses: Record<number, number> = {};
  for (let sent = 0; sent < count; sent += parallel) {
    const replies = await Promise.all(
      Array.from({ length: Math.min(parallel, count - sent) }, send),
    );
    for (const reply of replies) statuses[reply.status] = (statuses[reply.status] ?? 0) + 1;
  }
  return statuses;
}

function sizeOf(path: string): number {
  return ['', '-wal', '-shm'].reduce((sum, suffix) => {
    try {
      return sum + statSync(`${path}${suffix}`).size;
    } catch {
      return sum;
    }
  }, 0);
}

describe('2,000 anonymous calls of /api/me with an 8 KB User-Agent, from one address', () => {
  const dir = tempDir();
  const database = join(dir, 'bff.sqlite');
  const sink = join(dir, 'audit.jsonl');
  const client = newClientAddress();
  const userAgent = `flood/${'x'.repeat(8 * 1024)}`;
  let stack: Stack;
  let statuses: Record<number, number>;
  let grownBy: number;
  let written: AuditRecord[];
  let stopped = false;

  beforeAll(async () => {
    stack = await startStack({ env: { BFF_DATABASE: database, AUDIT_SINK: `file:${sink}` } });
    const before = sizeOf(database);
    statuses = await flood(2000, 25, () =>
      rawRequest(stack.origin, {
        path: '/api/me',
        headers: { 'X-CSRF': '1', 'User-Agent': userAgent },
        localAddress: client,
      }),
    );
    grownBy = sizeOf(database) - before;
    written = (await stack.bff.audit.query({ limit: 100, offset: 0 })).items.filter(
      (record) => record.source.ip === client,
    );
  });
  afterAll(async () => {
    if (!stopped) await stack.close();
  });

  it('answers 60 × 401, then 429', () => {
    expect(statuses).toEqual({ 401: 60, 429: 1940 });
  });

  it(`writes ${RECORDED_PER_KIND} records while it lasts, with the User-Agent cut short`, () => {
    expect(written).toHaveLength(RECORDED_PER_KIND);
    expect(written[0]).toMatchObject({ event: 'auth.unauthenticated', httpStatus: 401 });
    expect(written[0]?.source.userAgent?.length).toBeLessThan(300);
    expect(grownBy).toBeLessThan(256 * 1024);
  });

  it('a signed-in user at the same address goes on working', async () => {
    const me = await rawRequest(stack.origin, {
      path: '/api/me',
      headers: { 'X-CSRF': '1', Cookie: (await signedInCookie(stack, client)) ?? '' },
      localAddress: client,
    });
    expect(me.status).toBe(200);
  });

  it('writes the rest as one counted record when the BFF stops', async () => {
    stopped = true;
    await stack.close();
    const lines = readFileSync(sink, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as AuditRecord)
      .filter((record) => record.source.ip === client && record.event === 'auth.unauthenticated');
    expect(lines.map((record) => record.repeats?.count ?? 1)).toEqual([
      ...Array<number>(RECORDED_PER_KIND).fill(1),
      2000 - RECORDED_PER_KIND,
    ]);
    expect(lines.at(-1)?.reason).toContain('1940 of them answered 429');
  });
});

/** Signs a demo user in from `address` and returns the session cookie. */
async function signedInCookie(stack: Stack, address: string): Promise<string | undefined> {
  const reply = await rawRequest(stack.origin, {
    method: 'POST',
    path: '/auth/demo/login',
    headers: { 'X-CSRF': '1', Origin: stack.origin, 'Content-Type': 'application/json' },
    body: JSON.stringify({ user: 'vera-viewer' }),
    localAddress: address,
  });
  expect(reply.status).toBe(200);
  const cookie = [reply.headers['set-cookie'] ?? []].flat()[0];
  return cookie?.split(';')[0];
}

describe('identity headers from an untrusted peer, 300 times', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      emulator: emulatorWithConsoleKey(),
      env: {
        ...consoleKeyEnv,
        AUTH_MODE: 'header',
        TRUSTED_PROXY_CIDRS: '10.255.255.1',
        SESSION_SECRETS: 'anonymous-test-session-secret-0123456789',
        RATE_LIMIT_ANONYMOUS_PER_MINUTE: '20',
      },
    });
  });
  afterAll(async () => {
    await stack.close();
  });

  it(`are refused (401), then limited (429), and recorded ${RECORDED_PER_KIND} times`, async () => {
    const client = newClientAddress();
    const statuses = await flood(300, 20, () =>
      rawRequest(stack.origin, {
        path: '/api/me',
        headers: { 'X-CSRF': '1', 'X-Forwarded-User': 'admin', 'X-Forwarded-Groups': 'swr-admins' },
        localAddress: client,
      }),
    );
    expect(statuses).toEqual({ 401: 20, 429: 280 });
    const records = (
      await stack.bff.audit.query({ event: 'auth.header_spoof', limit: 100, offset: 0 })
    ).items.filter((record) => record.source.ip === client);
    expect(records).toHaveLength(RECORDED_PER_KIND);
  });
});

describe('CSRF refusals', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack.close();
  });

  it('of nobody signed in (a sign-out without X-CSRF) are limited per address', async () => {
    const client = newClientAddress();
    const statuses = await flood(300, 25, () =>
      rawRequest(stack.origin, {
        method: 'POST',
        path: '/auth/logout',
        headers: { 'User-Agent': `csrf/${'y'.repeat(4096)}` },
        localAddress: client,
      }),
    );
    expect(statuses).toEqual({ 403: 60, 429: 240 });
    const records = (
      await stack.bff.audit.query({ event: 'csrf.rejected', limit: 100, offset: 0 })
    ).items.filter((record) => record.source.ip === client);
    expect(records).toHaveLength(RECORDED_PER_KIND);
  });

  it("of a signed-in user's browser are recorded a few at a time, then counted", async () => {
    const viewer = stack.browser();
    await viewer.signInDemo('vera-viewer');
    for (let i = 0; i < 50; i += 1) {
      expect((await viewer.get('/api/me', { csrf: false })).status).toBe(403);
    }
    const mine = async () =>
      (
        await stack.bff.audit.query({
          event: 'csrf.rejected',
          actor: `${DEMO_ISSUER}|vera-viewer`,
          limit: 100,
          offset: 0,
        })
      ).items.map((record) => record.repeats?.count ?? 1);
    expect(await mine()).toEqual(Array<number>(RECORDED_PER_KIND).fill(1));
    stack.bff.refusals.flush(true);
    expect(await mine()).toEqual([
      50 - RECORDED_PER_KIND,
      ...Array<number>(RECORDED_PER_KIND).fill(1),
    ]);
  });
});

describe('the client address a record names', () => {
  it('comes from X-Forwarded-For only when a trusted proxy sent it', async () => {
    const stack = await startStack({
      env: { TRUST_PROXY_HOPS: '1', TRUST_PROXY_CIDRS: '10.0.0.0/8' },
    });
    try {
      const client = newClientAddress();
      // Loopback is no proxy here: a new X-Forwarded-For each time gets no new budget.
      let n = 0;
      const statuses = await flood(100, 20, () => {
        n += 1;
        return rawRequest(stack.origin, {
          path: '/api/me',
          headers: { 'X-CSRF': '1', 'X-Forwarded-For': `198.51.100.${String(n % 250)}` },
          localAddress: client,
        });
      });
      expect(statuses).toEqual({ 401: 60, 429: 40 });
      const sources = (
        await stack.bff.audit.query({ event: 'auth.unauthenticated', limit: 100, offset: 0 })
      ).items.map((record) => record.source.ip);
      expect(new Set(sources)).toEqual(new Set([client]));
    } finally {
      await stack.close();
    }
  });

  it('is an address, never what a proxy hop wrote instead of one', async () => {
    const stack = await startStack({ env: { TRUST_PROXY_HOPS: '1' } });
    try {
      const client = newClientAddress();
      const forged = await rawRequest(stack.origin, {
        path: '/api/me',
        headers: { 'X-CSRF': '1', 'X-Forwarded-For': 'Z'.repeat(12_000) },
        localAddress: client,
      });
      const proxied = await rawRequest(stack.origin, {
        path: '/api/me',
        headers: { 'X-CSRF': '1', 'X-Forwarded-For': '203.0.113.9' },
        localAddress: client,
      });
      const sourceOf = async (reply: RawReply) =>
        (await stack.bff.audit.query({ limit: 100, offset: 0 })).items.find(
          (record) => record.request.id === reply.headers['x-request-id'],
        )?.source.ip;
      expect(await sourceOf(forged)).toBe(client);
      expect(await sourceOf(proxied)).toBe('203.0.113.9');
    } finally {
      await stack.close();
    }
  });
});

describe('what a refused request names', () => {
  it('is cut short in its record and the log, and is no organization of the search index', async () => {
    const stack = await startStack();
    try {
      const viewer = stack.browser();
      await viewer.signInDemo('vera-viewer');
      const reply = await viewer.get(
        `/api/swr/cn-north-4/v2/manage/namespaces/${'x'.repeat(14_000)}`,
      );
      expect(reply.status).toBe(400);
      const id = reply.headers.get('x-request-id');
      const [record] = (
        await stack.bff.audit.query({ event: 'input.rejected', limit: 10, offset: 0 })
      ).items.filter((candidate) => candidate.request.id === id);
      expect(JSON.stringify(record).length).toBeLessThan(3000);
      expect(record?.request.params.namespace?.length).toBeLessThan(300);
      const longest = sqliteDb(stack.bff)
        .prepare('SELECT max(length(namespace)) AS n FROM audit_namespaces')
        .get() as { n: number | null };
      expect(longest.n ?? 0).toBeLessThanOrEqual(64);
      // Nor does the application log take it whole, nor log the probes, whatever their query.
      const before = stack.logLines.length;
      await rawRequest(stack.origin, { path: `/${'a'.repeat(15_000)}` });
      await rawRequest(stack.origin, { path: '/readyz?x=1' });
      await rawRequest(stack.origin, { path: '/healthz?probe=k8s' });
      const lines = stack.logLines.slice(before);
      expect(lines.length).toBeGreaterThan(0);
      expect(Math.max(...lines.map((line) => line.length))).toBeLessThan(2000);
      expect(lines.join('\n')).not.toMatch(/readyz|healthz/);
    } finally {
      await stack.close();
    }
  });
});
