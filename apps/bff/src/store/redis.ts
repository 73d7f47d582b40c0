/**
 * The BFF's one Redis connection (`REDIS_URL`), shared by the rate-limit counters
 * (security/shared-limits.ts) and the sessions (store/redis-sessions.ts): node-redis, every call
 * bounded in time, the offline queue off so a call made while Redis is away fails at once, and
 * reconnection by itself (docs/decisions/0014 and 0015). Callers turn a failed call into their
 * own 503.
 */
import type { Logger } from 'pino';
import { redactedUrl } from '../config/redacted-url';

/** A call that takes longer than this fails (Redis accepted the connection, then hung). */
const CALL_TIMEOUT_MS = 2000;
const CONNECT_TIMEOUT_MS = 2000;
const MAX_RECONNECT_DELAY_MS = 2000;

/** Every key the BFF writes in Redis starts with this. */
export const REDIS_KEY_PREFIX = 'swr-dashboard:';

/** A Redis URL fit to log: its password (or a lone user part, which is one) replaced. */
export function redactedRedisUrl(url: string): string {
  return redactedUrl(url, { scheme: 'redis', loneUserIsSecret: true });
}

function bounded<T>(call: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`no answer from Redis within ${String(CALL_TIMEOUT_MS)} ms`));
    }, CALL_TIMEOUT_MS);
  });
  return Promise.race([call, timeout]).finally(() => {
    clearTimeout(timer);
  });
}

export interface SharedRedis {
  /** One command (`['GET', key]`, `['EVAL', script, ...]`), bounded in time. */
  send(args: string[]): Promise<unknown>;
  /** Throws when Redis cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Connects (the start fails if it cannot); later outages are logged once each. The client library
 * is loaded here, not at start: a BFF without `REDIS_URL` never loads it (about 18 MB). It is
 * node-redis's core, `@redis/client`: the `redis` package adds the commands of four Redis modules
 * (JSON, Search, Bloom, TimeSeries) that the BFF never sends, 1.2 MB more of live heap.
 */
export async function connectRedis(url: string, logger: Logger): Promise<SharedRedis> {
  const { createClient } = await import('@redis/client');
  let started = false;
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: CONNECT_TIMEOUT_MS,
      // At start, the first failure fails the start; later, retry until Redis is back.
      reconnectStrategy: (retries: number, cause: Error) =>
        started ? Math.min(100 * 2 ** retries, MAX_RECONNECT_DELAY_MS) : cause,
    },
  });
  let reported = false;
  client.on('error', (error: unknown) => {
    // Once per outage: the client retries every few seconds and would repeat it each time.
    if (reported) return;
    reported = true;
    logger.warn(
      { err: error instanceof Error ? { message: error.message, name: error.name } : error },
      'Redis cannot be reached; sessions and limited requests answer 503 until it is back',
    );
  });
  client.on('ready', () => {
    if (reported) logger.info('Redis answers again');
    reported = false;
  });
  try {
    await bounded(client.connect());
  } catch (error) {
    if (client.isOpen) client.destroy();
    throw new Error(`REDIS_URL: cannot connect to ${redactedRedisUrl(url)}`, { cause: error });
  }
  started = true;
  logger.info({ redis: redactedRedisUrl(url) }, 'sessions and rate limits are kept in Redis');
  return {
    send: (args) => bounded(client.sendCommand(args)),
    async ping() {
      await bounded(client.ping());
    },
    async close() {
      if (client.isOpen) await client.close();
      else client.destroy();
    },
  };
}
