/**
 * Assembling the BFF from its configuration: the embedded database, the session store, the audit
 * trail, the upstream client, the sign-in mode and the app. `close()` releases all of it.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type express from 'express';
import type { Logger } from 'pino';
import { auditRoutes } from './api/audit';
import { Directory, directoryRoutes } from './api/directory';
import { sessionRoutes } from './api/sessions';
import { syncStartRoutes } from './api/sync-starts';
import { createApp } from './app';
import { AuditTrail, createSink } from './audit/trail';
import { identityHeaderNames } from './auth/header';
import { signInFor } from './auth/modes';
import { cookieName, isSecureOrigin } from './auth/session';
import type { BffConfig } from './config/schema';
import { createLogger } from './http/logging';
import { Upstream } from './proxy/upstream';
import { Refusals } from './security/refusals';
import { metaValue, openDatabase, type BffDatabase } from './store/database';
import { SqliteSessionStore } from './store/session-store';

export const BFF_VERSION = '0.1.0';

export interface Bff {
  app: express.Express;
  config: BffConfig;
  db: BffDatabase;
  audit: AuditTrail;
  sessions: SqliteSessionStore;
  /** Refusals counted per minute: written when their minute ends, or at `close()`. */
  refusals: Refusals;
  logger: Logger;
  close(): Promise<void>;
}

export interface BffOptions {
  logger?: Logger;
}

export async function createBff(config: BffConfig, options: BffOptions = {}): Promise<Bff> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const db = openDatabase(config.database);
  try {
    // Outside production a generated secret is kept in the database, so sessions survive restarts.
    const secrets =
      config.session.secrets.length > 0
        ? config.session.secrets
        : [metaValue(db, 'session-secret', () => randomBytes(32).toString('base64url'))];
    const audit = new AuditTrail(db, createSink(config.audit.sink), {
      version: BFF_VERSION,
      instance: `${hostname()}:${process.pid}`,
    });
    const sessions = new SqliteSessionStore(
      db,
      config.session.idleTimeoutMs,
      config.session.absoluteTimeoutMs,
    );
    const upstream = new Upstream(config);
    const directory = new Directory(config, logger);
    const refusals = new Refusals({
      audit,
      logger,
      perMinute: config.rateLimits.anonymousPerMinute,
      sessionCookie: cookieName(isSecureOrigin(config)),
      identityHeaders: config.auth.mode === 'header' ? identityHeaderNames(config.auth) : [],
    });
    const signIn = await signInFor({ config, audit, refusals, db, logger });
    const app = createApp({
      config,
      db,
      logger,
      audit,
      upstream,
      sessionStore: sessions,
      sessionSecrets: secrets,
      signIn,
      refusals,
      apiRoutes: (router) => {
        auditRoutes(router, { audit, logger });
        sessionRoutes(router, { audit, logger, config, db, sessions });
        directoryRoutes(router, { audit, logger, config, directory });
        syncStartRoutes(router, { audit, logger, config });
      },
    });
    return {
      app,
      config,
      db,
      audit,
      sessions,
      refusals,
      logger,
      close() {
        refusals.stop();
        sessions.close();
        upstream.close();
        directory.close();
        db.close();
        return Promise.resolve();
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
