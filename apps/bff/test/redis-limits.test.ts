/**
 * Rate limits shared by replicas through Redis (`REDIS_URL`): two BFFs on one Redis spend one
 * budget per user; without it each BFF counts alone. When Redis goes away a request gets 503 with
 * `Retry-After` and nothing reaches SWR (never unlimited): `store_unavailable` when it has a
 * session to read (the sessions are in Redis too: redis-sessions.test.ts), `limits_unavailable`
 * when only its limit is counted; `/readyz` says `redis: failing`; once Redis is back the same
 * BFF serves again, no restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { startRedis, type TestRedis } from '@swr-dashboard/test-support';
import { ConfigError, loadConfig } from '../src/config/load';
import { connectRedis, redactedRedisUrl } from '../src/store/redis';
import { rawRequest } from './support/raw-http';
import { startStack, type Stack } from './support/stack';
import { eventually } from './support/eventually';

const NAMESPACES = '/api/swr/cn-north-4/v2/manage/namespaces';
const READS = 5;
const LIMITS = { RATE_LIMIT_READS_PER_MINUTE: String(READS) };

/** The emulator's log lines for organization lists. */
const listings = (stack: Stack) =>
  stack.upstreamLog.filter((line) => line.includes(' GET /v2/manage/namespaces'));

describe('two BFFs on one Redis', () => {
  let redis: TestRedis;
  let first: Stack;
  let second: Stack;
  beforeAll(async () => {
    redis = await startRedis({ persist: true });
    first = await startStack({ env: { ...LIMITS, REDIS_URL: redis.url } });
    second = await startStack({ env: { ...LIMITS, REDIS_URL: redis.url } });
  });
  afterAll(async () => {
    await first.close();
    await second.close();
    await redis.stop();
  });

  it('share each user’s read budget: spent on one, refused on the other', async () => {
    const one = first.browser();
    const two = second.browser();
    await one.signInDemo('ada-admin');
    await two.signInDemo('ada-admin');
    for (let i = 0; i < READS; i += 1) expect((await one.get(NAMESPACES)).status).toBe(200);

    const sentBefore = listings(second).length;
    const refused = await two.get(NAMESPACES);
    expect(refused.status).toBe(429);
    expect(refused.json).toMatchObject({ code: 'rate_limited' });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(listings(second)).toHaveLength(sentBefore);
    // Another user's budget is untouched.
    const other = second.browser();
    await other.signInDemo('vera-viewer');
    expect((await other.get(NAMESPACES)).status).toBe(200);
  });

  it('reports Redis in /readyz and never its URL', async () => {
    const reply = await rawRequest(first.origin, { path: '/readyz' });
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ redis: 'ok' });
    expect(reply.text).not.toContain(String(redis.port));
  });

  it('answers 503 while Redis is down, sends nothing, and recovers with the sessions it kept', async () => {
    const browser = first.browser();
    await browser.signInDemo('otto-operator');
    expect((await browser.get(NAMESPACES)).status).toBe(200);

    await redis.kill();
    const sentBefore = listings(first).length;
    // The session is in Redis too: a signed-in request cannot be identified.
    const refused = await browser.get(NAMESPACES);
    expect(refused.status).toBe(503);
    expect(refused.json).toMatchObject({ code: 'store_unavailable' });
    expect(refused.headers.get('retry-after')).toBe('5');
    // A sign-in has no session to read yet; its limit cannot be counted, and it is refused.
    const signIn = await first
      .browser()
      .request('POST', '/auth/demo/login', { json: { user: 'vera-viewer' } });
    expect(signIn.status).toBe(503);
    expect(signIn.json).toMatchObject({ code: 'limits_unavailable' });
    expect(signIn.headers.get('retry-after')).toBe('5');
    expect(listings(first)).toHaveLength(sentBefore);
    const down = await rawRequest(first.origin, { path: '/readyz' });
    expect(down.status).toBe(503);
    expect(down.json).toMatchObject({ redis: 'failing' });

    await redis.restart();
    // This Redis persists what it is sent: the session outlived the crash.
    await eventually(async () => {
      expect((await browser.get(NAMESPACES)).status).toBe(200);
    });
    expect((await rawRequest(first.origin, { path: '/readyz' })).json).toMatchObject({
      redis: 'ok',
    });
  });
});

describe('two BFFs without Redis', () => {
  let first: Stack;
  let second: Stack;
  beforeAll(async () => {
    first = await startStack({ env: LIMITS });
    second = await startStack({ env: LIMITS });
  });
  afterAll(async () => {
    await first.close();
    await second.close();
  });

  it('count each user’s budget apart, and /readyz names no Redis', async () => {
    const one = first.browser();
    const two = second.browser();
    await one.signInDemo('ada-admin');
    await two.signInDemo('ada-admin');
    for (let i = 0; i < READS; i += 1) expect((await one.get(NAMESPACES)).status).toBe(200);
    expect((await one.get(NAMESPACES)).status).toBe(429);
    expect((await two.get(NAMESPACES)).status).toBe(200);
    const ready = await rawRequest(first.origin, { path: '/readyz' });
    expect(ready.json).not.toHaveProperty('redis');
  });
});

describe('REDIS_URL', () => {
  const SECRET = 's3cret-redis-password';
  const problems = (url: string): string[] => {
    try {
      loadConfig({ NODE_ENV: 'test', BFF_DATABASE: ':memory:', REDIS_URL: url });
      return [];
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
  };

  it('takes redis:// and rediss:// URLs and refuses others without repeating them', () => {
    expect(problems(`redis://:${SECRET}@127.0.0.1:6379/0`)).toEqual([]);
    expect(problems(`rediss://bff:${SECRET}@cache.internal:6380`)).toEqual([]);
    for (const wrong of [`http://:${SECRET}@cache:6379`, 'redis://', 'cache:6379']) {
      const found = problems(wrong);
      expect(found).toEqual([
        'REDIS_URL: use redis://[:password@]host:port[/db] (or rediss:// for TLS)',
      ]);
      expect(found.join('\n')).not.toContain(SECRET);
    }
  });

  it('logs and reports the URL with its password replaced', async () => {
    expect(redactedRedisUrl(`redis://:${SECRET}@cache:6379/0`)).toBe(
      'redis://:redacted@cache:6379/0',
    );
    expect(redactedRedisUrl(`rediss://bff:${SECRET}@cache:6380`)).not.toContain(SECRET);
    const lines: string[] = [];
    const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(line) });
    // Nothing listens on port 1: the start fails, naming the URL without its password.
    const failed = connectRedis(`redis://:${SECRET}@127.0.0.1:1`, logger);
    await expect(failed).rejects.toThrow(
      'REDIS_URL: cannot connect to redis://:redacted@127.0.0.1:1',
    );
    expect(lines.join('\n')).not.toContain(SECRET);
  });
});
