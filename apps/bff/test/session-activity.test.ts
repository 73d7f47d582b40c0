/**
 * A session's activity (`lastSeen`) is written at most once a minute, not on every request: each
 * write saves the session row and sends a new cookie. The idle limit still holds: a session in
 * use stays open, and an idle one ends no later than its idle timeout after the last write
 * (so between 29 and 30 minutes after its last request). The clock is vitest's (Date only).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { hashId } from '../src/store/session-store';
import { startStack, type Browser, type Reply, type Stack } from './support/stack';
import { sqliteDb } from './support/sqlite';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const IDLE = 30 * MINUTE;
const COOKIE = 'swr-bff.sid';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});

afterAll(async () => {
  await stack.close();
});

afterEach(() => {
  vi.useRealTimers();
});

interface Row {
  lastSeen: number;
  expiresAt: number;
  data: string;
}

/** The session row of `browser`'s cookie, as stored. */
function row(browser: Browser): Row | undefined {
  const value = decodeURIComponent(browser.cookies.get(COOKIE) ?? '');
  const sid = /^s:([^.]+)\./.exec(value)?.[1] ?? '';
  const found = sqliteDb(stack.bff)
    .prepare('SELECT data, expires_at FROM sessions WHERE sid_hash = ?')
    .get(hashId(sid)) as { data: string; expires_at: number } | undefined;
  if (found === undefined) return undefined;
  const data = JSON.parse(found.data) as { lastSeen: number };
  return { lastSeen: data.lastSeen, expiresAt: found.expires_at, data: found.data };
}

function sessionCookies(reply: Reply): string[] {
  return reply.headers.getSetCookie().filter((line) => line.startsWith(`${COOKIE}=`));
}

/** Signs in at `at` (the clock stays there until moved). */
async function signInAt(at: number): Promise<Browser> {
  vi.useFakeTimers({ toFake: ['Date'], now: at });
  const browser = stack.browser();
  await browser.signInDemo('vera-viewer');
  return browser;
}

async function callAt(browser: Browser, at: number): Promise<Reply> {
  vi.setSystemTime(at);
  return browser.get('/api/me');
}

describe('session activity', () => {
  it('is written at most once a minute; the cookie is sent again only then', async () => {
    const start = Date.now();
    const browser = await signInAt(start);
    const signedIn = row(browser);
    expect(signedIn).toMatchObject({ lastSeen: start, expiresAt: start + IDLE });

    for (const after of [1 * SECOND, 30 * SECOND, 59 * SECOND]) {
      const reply = await callAt(browser, start + after);
      expect(reply.status).toBe(200);
      expect(sessionCookies(reply), `${after} ms after sign-in`).toEqual([]);
      // Not saved at all: the row is byte for byte what the sign-in wrote.
      expect(row(browser)).toEqual(signedIn);
    }

    const written = await callAt(browser, start + MINUTE);
    expect(written.status).toBe(200);
    expect(sessionCookies(written)).toHaveLength(1);
    expect(row(browser)).toMatchObject({
      lastSeen: start + MINUTE,
      expiresAt: start + MINUTE + IDLE,
    });
  });

  it('/api/me says when the session ends: the idle timeout after the last write', async () => {
    const start = Date.now();
    const browser = await signInAt(start);
    const reply = await callAt(browser, start + 50 * SECOND);
    expect(reply.json).toMatchObject({ idleExpiresAt: new Date(start + IDLE).toISOString() });
  });

  it('keeps a session in use open past the idle timeout', async () => {
    const start = Date.now();
    const browser = await signInAt(start);
    // A call every 50 s for 45 minutes: lastSeen is written every other call.
    for (let at = start; at <= start + 45 * MINUTE; at += 50 * SECOND) {
      const reply = await callAt(browser, at);
      expect(reply.status, `${(at - start) / SECOND} s after sign-in`).toBe(200);
    }
    const last = row(browser);
    expect(last?.lastSeen).toBeGreaterThan(start + 44 * MINUTE);
    expect(last?.expiresAt).toBe((last?.lastSeen ?? 0) + IDLE);
  });

  it('ends an idle session at its idle limit, counted from the last write', async () => {
    const start = Date.now();
    const browser = await signInAt(start);
    // Calls within the minute are not written: the idle clock runs from the sign-in.
    expect((await callAt(browser, start + 40 * SECOND)).status).toBe(200);
    expect((await callAt(browser, start + 55 * SECOND)).status).toBe(200);
    expect((await callAt(browser, start + IDLE - SECOND)).status).toBe(200);
    // That call was written (more than a minute after the last write): 30 more minutes.
    expect(row(browser)?.lastSeen).toBe(start + IDLE - SECOND);
    const idle = await callAt(browser, start + 2 * IDLE);
    expect(idle.status).toBe(401);
    // The store no longer hands the session out.
    expect(idle.json).toMatchObject({ code: 'unauthenticated' });
  });

  it('ends it no later than the idle timeout after the last write, even with later calls inside the minute', async () => {
    const start = Date.now();
    const browser = await signInAt(start);
    expect((await callAt(browser, start + 59 * SECOND)).status).toBe(200);
    // 30 min 1 s after the last write, 29 min 2 s after the last call.
    const reply = await callAt(browser, start + IDLE + SECOND);
    expect(reply.status).toBe(401);
  });
});
