/**
 * Rate-limit counters shared by every replica, in Redis (`REDIS_URL`, store/redis.ts): per limit,
 * a `rate-limit-redis` store under its own key prefix. Without `REDIS_URL` the limits count in
 * this process's memory (express-rate-limit's default store).
 *
 * Redis down never means "no limits": a store call that fails is thrown as
 * `LimitsUnavailableError`, which the app answers 503 `limits_unavailable` with `Retry-After`
 * before anything is sent to SWR (express-rate-limit's `passOnStoreError` stays false). The
 * connection fails fast and reconnects by itself (store/redis.ts), and the store reloads its Lua
 * scripts when a restarted Redis no longer has them, so the BFF recovers without a restart.
 */
import type { ClientRateLimitInfo, IncrementResponse, Options, Store } from 'express-rate-limit';
import { RedisStore } from 'rate-limit-redis';
import { REDIS_KEY_PREFIX, type SharedRedis } from '../store/redis';

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
      sendCommand: (...args: string[]) => send(args) as Promise<RedisReply>,
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

/** The store of each limit (by name), counting in Redis. */
export function sharedLimitStores(redis: SharedRedis): (name: string) => Store {
  return (name) => new SharedStore((args) => redis.send(args), `${REDIS_KEY_PREFIX}rl:${name}:`);
}
