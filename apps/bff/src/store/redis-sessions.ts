/**
 * The sessions in Redis (`REDIS_URL`, docs/decisions/0015): the same rows as the database's
 * `sessions` and `ended_sessions` tables (store/store.ts `SessionRows`), so every replica reads
 * the same sessions and a session ended on one replica is ended on all of them at once.
 *
 * Keys, under `swr-dashboard:sess:`:
 * - `s:<hash>`: a session (hash fields `user`, `data`, `exp`), expiring with it;
 * - `t:<hash>`: a tombstone, left when a session is ended, so that a request still in flight
 *   cannot save it back to life; it expires after the longest a session can live;
 * - `u:<user key>`: the hashes of a user's sessions, to end them all;
 * - `live` and `ended`: sorted sets of hashes by expiry, to count the live sessions, list the
 *   signed-in users, and prune.
 * Each change of several keys is one Lua script, so it happens entirely or not at all. Times are
 * the BFF's (milliseconds since the epoch, as in the database), compared in the scripts and here;
 * Redis's own expiry only clears what is already over. One Redis (or its primary), not a
 * Redis Cluster: a script names keys of several slots.
 */
import { REDIS_KEY_PREFIX, type SharedRedis } from './redis';
import type { EndBy, SessionRows } from './store';

const PREFIX = `${REDIS_KEY_PREFIX}sess:`;
const SESSION = `${PREFIX}s:`;
const TOMBSTONE = `${PREFIX}t:`;
const USER = `${PREFIX}u:`;
const LIVE = `${PREFIX}live`;
const ENDED = `${PREFIX}ended`;

/** KEYS: session, tombstone, live[, user]. ARGV: hash, user, data, expiresAt, now. */
const SET = `
if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'user', ARGV[2], 'data', ARGV[3], 'exp', ARGV[4])
redis.call('PEXPIREAT', KEYS[1], ARGV[4])
redis.call('ZADD', KEYS[3], ARGV[4], ARGV[1])
if KEYS[4] then
  redis.call('SADD', KEYS[4], ARGV[1])
  local ttl = redis.call('PTTL', KEYS[4])
  if ttl < 0 or tonumber(ARGV[5]) + ttl < tonumber(ARGV[4]) then
    redis.call('PEXPIREAT', KEYS[4], ARGV[4])
  end
end
return 1`;

/** KEYS: session, tombstone, live, ended. ARGV: hash, tombstone until. */
const END_ONE = `
local n = redis.call('DEL', KEYS[1])
redis.call('SET', KEYS[2], '1', 'PXAT', ARGV[2])
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('ZADD', KEYS[4], ARGV[2], ARGV[1])
return n`;

/** KEYS: user, live, ended. ARGV: user key, tombstone until, session prefix, tombstone prefix. */
const END_USER = `
local n = 0
for _, h in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local s = ARGV[3] .. h
  if redis.call('HGET', s, 'user') == ARGV[1] then
    n = n + redis.call('DEL', s)
    redis.call('SET', ARGV[4] .. h, '1', 'PXAT', ARGV[2])
    redis.call('ZREM', KEYS[2], h)
    redis.call('ZADD', KEYS[3], ARGV[2], h)
  end
end
redis.call('DEL', KEYS[1])
return n`;

/** KEYS: live, ended. ARGV: now, session prefix, tombstone prefix. */
const PRUNE = `
for _, h in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])) do
  redis.call('DEL', ARGV[2] .. h)
end
for _, h in ipairs(redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[1])) do
  redis.call('DEL', ARGV[3] .. h)
end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[1])
return redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])`;

/** KEYS: live. ARGV: now, session prefix. A flat list: user, data, user, data, ... */
const SIGNED_IN = `
local out = {}
for _, h in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. ARGV[1], '+inf')) do
  local v = redis.call('HMGET', ARGV[2] .. h, 'user', 'data')
  if v[1] and v[1] ~= '' then
    table.insert(out, v[1])
    table.insert(out, v[2])
  end
end
return out`;

function asNumber(reply: unknown): number {
  const value = Number(reply);
  if (!Number.isFinite(value)) throw new Error(`Redis answered ${String(reply)} for a count`);
  return value;
}

function asStrings(reply: unknown): string[] {
  if (!Array.isArray(reply)) throw new Error('Redis answered something other than a list');
  return reply.map((item) => (typeof item === 'string' ? item : ''));
}

export function redisSessionRows(redis: SharedRedis): SessionRows {
  const script = (source: string, keys: string[], args: (string | number)[]) =>
    redis.send(['EVAL', source, String(keys.length), ...keys, ...args.map(String)]);

  const endOne = (sidHash: string, until: number) =>
    script(END_ONE, [SESSION + sidHash, TOMBSTONE + sidHash, LIVE, ENDED], [sidHash, until]);
  const endUser = (userKey: string, until: number) =>
    script(END_USER, [USER + userKey, LIVE, ENDED], [userKey, until, SESSION, TOMBSTONE]);

  return {
    async get(sidHash, now) {
      const [data, expiresAt] = asStrings(
        await redis.send(['HMGET', SESSION + sidHash, 'data', 'exp']),
      );
      return data !== undefined && data !== '' && Number(expiresAt) > now ? data : undefined;
    },
    async set(sidHash, userKey, data, expiresAt) {
      const keys = [SESSION + sidHash, TOMBSTONE + sidHash, LIVE];
      if (userKey !== null) keys.push(USER + userKey);
      await script(SET, keys, [sidHash, userKey ?? '', data, expiresAt, Date.now()]);
    },
    async end(where: EndBy, value, tombstoneUntil) {
      const ended =
        where === 'sid_hash' ? endOne(value, tombstoneUntil) : endUser(value, tombstoneUntil);
      return asNumber(await ended);
    },
    async countActive(now) {
      return asNumber(await redis.send(['ZCOUNT', LIVE, `(${String(now)}`, '+inf']));
    },
    async prune(now) {
      return asNumber(await script(PRUNE, [LIVE, ENDED], [now, SESSION, TOMBSTONE]));
    },
    async signedIn(now) {
      const flat = asStrings(await script(SIGNED_IN, [LIVE], [now, SESSION]));
      const rows: { userKey: string; data: string }[] = [];
      for (let i = 0; i + 1 < flat.length; i += 2) {
        rows.push({ userKey: flat[i] ?? '', data: flat[i + 1] ?? '' });
      }
      return rows.sort((a, b) => (a.userKey < b.userKey ? -1 : a.userKey > b.userKey ? 1 : 0));
    },
  };
}
