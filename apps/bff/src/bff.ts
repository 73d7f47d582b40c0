/**
 * Assembling the BFF from its configuration: the database (SQLite or PostgreSQL), Redis for the
 * sessions and the rate limits (`REDIS_URL`, optional), the session store, the audit trail, the
 * upstream client, the sign-in mode and the app. `close()` releases all of it, once the audit
 * writes under way have settled.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type express from 'express';
import type { Logger } from 'pino';
import { auditRoutes } from './api/audit';
import { Directory, directoryRoutes } from './api/directory';
import { sessionRoutes } from './api/sessions';
import { syncStartRoutes } from './api/sync-starts';
import { fleetRoutes } from './api/fleet';
import { imageRoutes } from './api/images';
import { jobRoutes } from './api/jobs';
import { protectedTagsRoutes } from './api/protected-tags';
import { createApp } from './app';
import { AuditTrail, createSink } from './audit/trail';
import { identityHeaderNames } from './auth/header';
import { signInFor } from './auth/modes';
import { cookieName, isSecureOrigin } from './auth/session';
import type { BffConfig } from './config/schema';
import { createLogger } from './http/logging';
import { FleetIndex } from './fleet/fleet-index';
import { JobRunner } from './jobs/runner';
import { Upstream } from './proxy/upstream';
import { Refusals } from './security/refusals';
import { openStore } from './store/open';
import { connectRedis, type SharedRedis } from './store/redis';
import { redisSessionRows } from './store/redis-sessions';
import { BffSessionStore } from './store/session-store';
import type { BffStore } from './store/store';
import { RegistryReader } from './registry/reader';

export const BFF_VERSION = '0.1.0';

/** Longer than any call to SWR (its timeout, retries and the shutdown's grace) can take. */
const INTERRUPTED_AFTER_MS = 15 * 60 * 1000;

export interface Bff {
  app: express.Express;
  config: BffConfig;
  store: BffStore;
  audit: AuditTrail;
  sessions: BffSessionStore;
  /** The fleet index, sweeping in the background from the start (unless `FLEET_INDEX=off`). */
  fleet: FleetIndex;
  /** The job runner, carrying out every unsettled job's items from the start. */
  jobs: JobRunner;
  /** Refusals counted per minute: written when their minute ends, or at `close()`. */
  refusals: Refusals;
  logger: Logger;
  close(): Promise<void>;
}

export interface BffOptions {
  logger?: Logger;
  /** The regions' circuit breakers' clock (`Date.now`): tests move it on past a cool-down. */
  breakerClock?: () => number;
}

/**
 * Which `pending` records a starting BFF marks interrupted: on its own SQLite file, all (no other
 * process writes there); on PostgreSQL, which several BFFs may share, those older than any call
 * can last, so another BFF's call still in flight is left alone.
 */
function interruptedBefore(store: BffStore): string | undefined {
  return store.engine === 'sqlite'
    ? undefined
    : new Date(Date.now() - INTERRUPTED_AFTER_MS).toISOString();
}

/** This process, as its audit records and leases name it. */
const INSTANCE = `${hostname()}:${String(process.pid)}`;

/** The sessions in Redis when it is configured, else in the database. */
function sessionStoreFor(
  config: BffConfig,
  store: BffStore,
  redis: SharedRedis | undefined,
): BffSessionStore {
  return new BffSessionStore(
    redis === undefined ? store.sessions : redisSessionRows(redis),
    config.session.idleTimeoutMs,
    config.session.absoluteTimeoutMs,
  );
}

/** The configured session secrets; outside production, one generated once and kept in the database. */
async function sessionSecrets(config: BffConfig, store: BffStore): Promise<string[]> {
  if (config.session.secrets.length > 0) return config.session.secrets;
  return [await store.metaValue('session-secret', () => randomBytes(32).toString('base64url'))];
}

/** Refusals of requests nobody signed in made, counted per minute. */
function refusalsFor(config: BffConfig, audit: AuditTrail, logger: Logger): Refusals {
  return new Refusals({
    audit,
    logger,
    perMinute: config.rateLimits.anonymousPerMinute,
    sessionCookie: cookieName(isSecureOrigin(config)),
    identityHeaders: config.auth.mode === 'header' ? identityHeaderNames(config.auth) : [],
  });
}

/** The work the BFF does in the background: the fleet index's sweeps and the jobs' items. */
function backgroundWork(deps: {
  config: BffConfig;
  upstream: Upstream;
  store: BffStore;
  audit: AuditTrail;
  logger: Logger;
}): { fleet: FleetIndex; jobs: JobRunner } {
  const { config, upstream, store, audit, logger } = deps;
  const holder = INSTANCE;
  return {
    fleet: new FleetIndex({ config, upstream, rows: store.fleet, logger, holder }),
    jobs: new JobRunner({
      config,
      upstream,
      rows: store.jobs,
      leases: store.fleet,
      audit,
      logger,
      holder,
    }),
  };
}

export async function createBff(config: BffConfig, options: BffOptions = {}): Promise<Bff> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const store = await openStore(config, logger);
  let redis: SharedRedis | undefined;
  try {
    if (config.redisUrl !== undefined) redis = await connectRedis(config.redisUrl, logger);
    const secrets = await sessionSecrets(config, store);
    const audit = new AuditTrail(store.audit, createSink(config.audit.sink), {
      version: BFF_VERSION,
      instance: INSTANCE,
    });
    await audit.markInterrupted(interruptedBefore(store));
    const sessions = sessionStoreFor(config, store, redis);
    const upstream = new Upstream(config, options.breakerClock);
    const { fleet, jobs } = backgroundWork({ config, upstream, store, audit, logger });
    const directory = new Directory(config, logger);
    const reader = new RegistryReader({ config, upstream });
    const refusals = refusalsFor(config, audit, logger);
    const signIn = await signInFor({ config, audit, refusals, store, logger });
    const app = createApp({
      config,
      store,
      logger,
      audit,
      upstream,
      sessionStore: sessions,
      sessionSecrets: secrets,
      activeSessions: () => sessions.countActive(),
      signIn,
      refusals,
      ...(redis === undefined ? {} : { redis }),
      changed: (routed) => {
        fleet.changedThrough(routed);
      },
      apiRoutes: (router) => {
        auditRoutes(router, { audit, logger });
        sessionRoutes(router, { audit, logger, config, sessions });
        directoryRoutes(router, { audit, logger, config, directory });
        syncStartRoutes(router, { audit, logger, config });
        fleetRoutes(router, { audit, logger, config, fleet });
        protectedTagsRoutes(router, { audit, logger, config });
        jobRoutes(router, { audit, logger, config, rows: store.jobs, runner: jobs });
        imageRoutes(router, { audit, logger, config, upstream, reader });
      },
    });
    fleet.start();
    jobs.start();
    return {
      app,
      fleet,
      jobs,
      config,
      store,
      audit,
      sessions,
      refusals,
      logger,
      async close() {
        refusals.stop();
        await jobs.close();
        await fleet.close();
        sessions.close();
        upstream.close();
        directory.close();
        audit.stopRetrying();
        await audit.settled();
        await redis?.close();
        await store.close();
      },
    };
  } catch (error) {
    await redis?.close();
    await store.close();
    throw error;
  }
}
