/**
 * Demo sign-in: pick one of a few demo users. For local demos only: the configuration refuses it
 * in production and beyond loopback, and `/api/me` says `authMode: "demo"` so the UI shows a
 * banner. Users and their groups come from the configuration; roles come from the groups, as in
 * every mode.
 */
import express, { type RequestHandler } from 'express';
import { z } from 'zod';
import { eventFor } from '../audit/from-request';
import { AppError } from '../http/errors';
import { requireCsrf } from '../security/csrf';
import { safeReturnTo } from './return-to';
import { roleFor, scopesFor } from './roles';
import { endSession } from './session';
import type { SignIn, SignInDeps } from './sign-in';
import { grantedIdentity, logoutRoute, startSession } from './steps';
import { strictRouter } from '../http/router';
import { demoSignInEndpoint, demoUsersEndpoint, signInEndpoint } from '@swr-dashboard/swr-client';
import { serve } from '../http/endpoint';

export const DEMO_ISSUER = 'urn:swr-dashboard:demo';

const loginBody = z.strictObject({
  user: z.string().min(1).max(64),
  returnTo: z.string().max(2048).optional(),
});

type DemoUser = Extract<SignInDeps['config']['auth'], { mode: 'demo' }>['users'][number];

/** `GET /auth/demo/users`: the users to pick from, with the role and scopes each would have. */
function listUsers(users: readonly DemoUser[], rbac: SignInDeps['config']['rbac']): RequestHandler {
  return (_req, res) => {
    res.json({
      users: users.map((user) => ({
        id: user.id,
        name: user.name,
        email: user.email,
        role: roleFor(user.groups, rbac) ?? null,
        namespaces: scopesFor(user.groups, rbac),
      })),
    });
  };
}

/** `POST /auth/demo/login`: signs in as the picked user, if it exists and has a role. */
function pickUser(deps: SignInDeps, users: readonly DemoUser[]): RequestHandler {
  const { config, refusals } = deps;
  return async (req, res) => {
    const parsed = loginBody.safeParse(req.body);
    const user = parsed.success
      ? users.find((candidate) => candidate.id === parsed.data.user)
      : undefined;
    if (user === undefined) {
      throw refusals.refuse(
        req,
        eventFor(req, 'login.failure', 'denied', { reason: 'unknown demo user', httpStatus: 400 }),
        new AppError('login_failed', 'Pick one of the demo users.'),
      );
    }
    const who = { iss: DEMO_ISSUER, sub: user.id, name: user.name, email: user.email };
    const identity = grantedIdentity(config.rbac, { ...who, groups: user.groups }, 'demo');
    if (identity === undefined) {
      throw refusals.refuse(
        req,
        eventFor(req, 'login.failure', 'denied', {
          reason: 'no role for the groups',
          httpStatus: 403,
        }),
        new AppError('forbidden', 'This user is in no group that grants a role.'),
      );
    }
    await startSession(deps, req, res, { identity, httpStatus: 200 });
    res.json({ returnTo: safeReturnTo(parsed.success ? parsed.data.returnTo : undefined) });
  };
}

export function demoSignIn(deps: SignInDeps): SignIn {
  const { config, refusals } = deps;
  if (config.auth.mode !== 'demo') throw new Error('demo sign-in needs AUTH_MODE=demo');
  const users = config.auth.users;
  const router = strictRouter();
  serve(router, '/auth', demoUsersEndpoint, listUsers(users, config.rbac));
  serve(router, '/auth', signInEndpoint, (req, res) => {
    const returnTo = safeReturnTo(req.query.returnTo);
    res.redirect(303, `/signin?returnTo=${encodeURIComponent(returnTo)}`);
  });
  serve(
    router,
    '/auth',
    demoSignInEndpoint,
    requireCsrf(config, refusals),
    express.json({ limit: '4kb' }),
    pickUser(deps, users),
  );
  logoutRoute(router, deps, async (req, res) => {
    await endSession(req, res, config);
    return null;
  });
  return { mode: 'demo', router };
}
