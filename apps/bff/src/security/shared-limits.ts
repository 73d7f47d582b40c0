/**
 * Rate-limit counters shared by every replica, in Redis (`REDIS_URL`): one client (node-redis)
 * and, per limit, a `rate-limit-redis` store under its own key prefix. Without `REDIS_URL` the
 * limits count in this process's memory (express-rate-limit's default store).
 *
 * Redis down never means "no limits": a store call that fails is thrown as
 * `LimitsUnavailableError`, which the app answers 503 `limits_unavailable` with `Retry-After`
 * before anything is sent to SWR (express-rate-limit's `passOnStoreError` stays false). Calls
 * fail fast while Redis is unreachable: the client's offline queue is off (a command sent while
 * disconnected is refused at once instead of waiting for the connection) and each call is bounded
 * (`CALL_TIMEOUT_MS`) for a Redis that accepts connections but does not answer. The client
 * reconnects by itself (backoff up to `MAX_RECONNECT_DELAY_MS`), and the store reloads its Lua
 * scripts when a restarted Redis no longer has them, so the BFF recovers without a restart.
 */
import type { ClientRateLimitInfo, IncrementResponse, Options, Store } from 'express-rate-limit';
import { RedisStore } from 'rate-limit-redis';
import { createClient } from 'redis';
import type { Logger } from 'pino';
import { redactedUrl } from '../config/redacted-url';

/** A store call that takes longer than this fails (Redis accepted the connection, then hung). */
const CALL_TIMEOUT_MS = 2000;
const CONNECT_TIMEOUT_MS = 2000;
const MAX_RECONNECT_DELAY_MS = 2000;
/** Every key the BFF writes in Redis starts with this. */
const REDIS_KEY_PREFIX = 'swr-dashboard:rl:';
/** A script hash no Redis has: the store then loads its script again (NOSCRIPT). */
const RELOAD_SCRIPT = '0'.repeat(40);

/** What the store expects a command to answer (rate-limit-redis's own type, not exported). */
type RedisReply = boolean | number | string | (boolean | number | string)[];

/** The rate-limit counters cannot be read or written: the request is refused (503). */
export class LimitsUnavailableError extends Error {
  constructor(cause: unknown) {
    super('the rate-limit counters (Redis) cannot be reached', { cause });
    this.name = 'LimitsUnavailableError';
  }
}

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

/**
 * One limit's counters in Redis. Every failure becomes `LimitsUnavailableError`; a script load
 * that failed during an outage is retried on the next call instead of failing for good.
 */
class SharedStore implements Store {
  readonly localKeys = false;
  readonly prefix: string;
  private readonly redis: RedisStore;

  constructor(send: (args: string[]) => Promise<unknown>, prefix: string) {
    this.prefix = prefix;
    this.redis = new RedisStore({
      prefix,
      sendCommand: (...args: string[]) => bounded(send(args)) as Promise<RedisReply>,
    });
  }

  private async call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      // A rejected script load would be awaited again by every later call: start over instead.
      this.redis.incrementScriptSha = this.redis.incrementScriptSha.catch(() => RELOAD_SCRIPT);
      this.redis.getScriptSha = this.redis.getScriptSha.catch(() => RELOAD_SCRIPT);
      throw new LimitsUnavailableError(error);
    }
  }

  init(options: Options): void {
    this.redis.windowMs = options.windowMs;
    this.redis.incrementScriptSha = this.redis.loadIncrementScript().catch(() => RELOAD_SCRIPT);
    this.redis.getScriptSha = this.redis.loadGetScript().catch(() => RELOAD_SCRIPT);
  }

  get(key: string): Promise<ClientRateLimitInfo | undefined> {
    return this.call(() => this.redis.get(key));
  }

  increment(key: string): Promise<IncrementResponse> {
    return this.call(() => this.redis.increment(key));
  }

  decrement(key: string): Promise<void> {
    return this.call(() => this.redis.decrement(key));
  }

  resetKey(key: string): Promise<void> {
    return this.call(() => this.redis.resetKey(key));
  }
}

/** The Redis behind the shared limits: a store per limit, a ping for `/readyz`, `close()`. */
export interface SharedLimits {
  store: (name: string) => Store;
  ping: () => Promise<void>;
  close: () => Promise<void>;
}

/** Connects to Redis (the start fails if it cannot) and hands out the limits' stores. */
export async function connectSharedLimits(url: string, logger: Logger): Promise<SharedLimits> {
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
      'the rate-limit Redis cannot be reached; limited requests answer 503 until it is back',
    );
  });
  client.on('ready', () => {
    if (reported) logger.info('the rate-limit Redis answers again');
    reported = false;
  });
  try {
    await bounded(client.connect());
  } catch (error) {
    if (client.isOpen) client.destroy();
    throw new Error(`REDIS_URL: cannot connect to ${redactedRedisUrl(url)}`, { cause: error });
  }
  started = true;
  logger.info({ redis: redactedRedisUrl(url) }, 'the rate limits are counted in Redis');
  const send = (args: string[]) => client.sendCommand(args);
  return {
    store: (name) => new SharedStore(send, `${REDIS_KEY_PREFIX}${name}:`),
    async ping() {
      await bounded(client.ping());
    },
    async close() {
      if (client.isOpen) await client.close();
      else client.destroy();
    },
  };
}
