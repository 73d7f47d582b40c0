/**
 * `/api/sessions`: who is signed in, and ending all of a user's sessions (ASVS 7.4.5; admins only,
 * docs/security.md B5). The list is grouped by user and never holds a session id or its hash.
 * Ending sessions is a change like any other: its audit record is written before the sessions
 * are deleted (no record, no change: 503) and finalized after.
 */
import {
  endSessionsEndpoint,
  sessionsEndpoint,
  type SignedInUser,
} from '@swr-dashboard/swr-client';
import type { Router } from 'express';
import type session from 'express-session';
import { eventFor } from '../audit/from-request';
import { finisher, openBeforeActing } from '../audit/policies';
import type { AuditInput } from '../audit/trail';
import { endSession } from '../auth/session';
import type { BffConfig } from '../config/schema';
import { sendJson } from '../http/compression';
import type { SessionAdmin } from '../store/session-store';
import { adminOnly, auditedQuery, type AdminDeps } from './audit';
import { serve } from '../http/endpoint';

export type { SignedInUser };

/**
 * The users with a live session: not expired in the store, and within the idle and absolute
 * limits the BFF enforces (a row past them is refused at its next request). Most recent first.
 */
export async function signedInUsers(
  sessions: Pick<SessionAdmin, 'signedIn'>,
  limits: Pick<BffConfig['session'], 'idleTimeoutMs' | 'absoluteTimeoutMs'>,
  now = Date.now(),
): Promise<SignedInUser[]> {
  const rows = await sessions.signedIn(now);
  const users = new Map<string, SignedInUser & { lastSeenMs: number }>();
  for (const row of rows) {
    let data: session.SessionData;
    try {
      data = JSON.parse(row.data) as session.SessionData;
    } catch {
      continue;
    }
    const user = data.user;
    const createdAt = data.createdAt ?? 0;
    const lastSeen = data.lastSeen ?? 0;
    if (
      user === undefined ||
      now - createdAt > limits.absoluteTimeoutMs ||
      now - lastSeen > limits.idleTimeoutMs
    ) {
      continue;
    }
    const entry = users.get(row.userKey);
    if (entry === undefined) {
      users.set(row.userKey, {
        key: row.userKey,
        name: user.name,
        role: user.role,
        sessions: 1,
        lastSeen: null,
        lastSeenMs: lastSeen,
      });
      continue;
    }
    entry.sessions += 1;
    if (lastSeen > entry.lastSeenMs) {
      // The most recent session says who the user is now (a role follows the groups at sign-in).
      entry.name = user.name;
      entry.role = user.role;
      entry.lastSeenMs = lastSeen;
    }
  }
  return [...users.values()]
    .sort((a, b) => b.lastSeenMs - a.lastSeenMs)
    .map(({ lastSeenMs, ...user }) => ({ ...user, lastSeen: new Date(lastSeenMs).toISOString() }));
}

const listQuery = sessionsEndpoint.query;
const endQuery = endSessionsEndpoint.query;

/**
 * Ends every session of a user: the audit record is opened first (cannot: 503, nothing ended),
 * then the sessions are deleted and the record finalized with how many there were.
 */
export async function endUserSessions(
  deps: Pick<SessionRouteDeps, 'audit' | 'logger' | 'sessions'>,
  userKey: string,
  event: AuditInput,
): Promise<number> {
  const { outcome: _, ...input } = event;
  const pending = await openBeforeActing(
    deps,
    {
      ...input,
      request: { ...input.request, query: { user: userKey } },
      resource: { type: 'session', namespace: null, name: userKey, tag: null },
    },
    'No session was ended: the audit trail cannot be written.',
  );
  const finalize = finisher(deps, pending);
  let ended: number;
  try {
    ended = await deps.sessions.destroyUser(userKey);
  } catch (error) {
    finalize({
      outcome: 'failure',
      httpStatus: 500,
      upstream: null,
      reason: 'the session store failed',
    });
    throw error;
  }
  finalize({
    outcome: 'success',
    httpStatus: 200,
    upstream: null,
    reason: `ended ${ended} session${ended === 1 ? '' : 's'}`,
  });
  return ended;
}

export interface SessionRouteDeps extends AdminDeps {
  config: BffConfig;
  sessions: SessionAdmin;
}

export function sessionRoutes(router: Router, deps: SessionRouteDeps): void {
  const { config, sessions } = deps;
  const route = sessionsEndpoint.path;

  serve(
    router,
    '/api',
    sessionsEndpoint,
    adminOnly(deps, route, 'Listing sessions'),
    async (req, res) => {
      auditedQuery(deps, req, route, listQuery);
      return sendJson(req, res, 200, { users: await signedInUsers(sessions, config.session) });
    },
  );

  serve(
    router,
    '/api',
    endSessionsEndpoint,
    adminOnly(deps, route, "Ending a user's sessions"),
    async (req, res) => {
      const { user } = auditedQuery(deps, req, route, endQuery);
      const event = eventFor(req, 'session.terminated', 'success', { route });
      const ended = await endUserSessions(deps, user, event);
      // Ending your own sessions ends this one too; otherwise express-session would save it back
      // to the store when this response ends.
      if (user === req.identity?.key) await endSession(req, res, config);
      res.json({ ended });
    },
  );
}
