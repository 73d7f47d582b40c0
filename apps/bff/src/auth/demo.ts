/**
 * Demo sign-in: pick one of a few demo users. For local demos only: the configuration refuses it
 * in production and beyond loopback, and `/api/me` says `authMode: "demo"` so the UI shows a
 * banner. Users and their groups come from the configuration; roles come from the groups, as in
 * every mode.
 */
import express from 'express';
import { z } from 'zod';
import { eventFor } from '../audit/from-request';
import { recordBestEffort, recordOrUndo } from '../audit/policies';
import { AppError } from '../http/errors';
import { requireCsrf } from '../security/csrf';
import { identityKey, type SessionUser } from './identity';
import { safeReturnTo } from './return-to';
import { deployScopesFor, roleFor, scopesFor } from './roles';
import { endSession, establishSession } from './session';
import type { SignIn, SignInDeps } from './sign-in';
import { strictRouter } from '../http/router';

export const DEMO_ISSUER = 'urn:swr-dashboard:demo';

const loginBody = z.strictObject({
  user: z.string().min(1).max(64),
  returnTo: z.string().max(2048).optional(),
});

export function demoSignIn(deps: SignInDeps): SignIn {
  const { config, refusals } = deps;
  if (config.auth.mode !== 'demo') throw new Error('demo sign-in needs AUTH_MODE=demo');
  const users = config.auth.users;
  const router = strictRouter();

  router.get('/demo/users', (_req, res) => {
    res.json({
      users: users.map((user) => ({
        id: user.id,
        name: user.name,
        email: user.email,
        role: roleFor(user.groups, config.rbac) ?? null,
        namespaces: scopesFor(user.groups, config.rbac),
      })),
    });
  });

  router.get('/login', (req, res) => {
    const returnTo = safeReturnTo(req.query.returnTo);
    res.redirect(303, `/signin?returnTo=${encodeURIComponent(returnTo)}`);
  });

  router.post(
    '/demo/login',
    requireCsrf(config, refusals),
    express.json({ limit: '4kb' }),
    async (req, res) => {
      const parsed = loginBody.safeParse(req.body);
      const user = parsed.success
        ? users.find((candidate) => candidate.id === parsed.data.user)
        : undefined;
      if (user === undefined) {
        throw refusals.refuse(
          req,
          eventFor(req, 'login.failure', 'denied', {
            reason: 'unknown demo user',
            httpStatus: 400,
          }),
          new AppError('login_failed', 'Pick one of the demo users.'),
        );
      }
      const role = roleFor(user.groups, config.rbac);
      if (role === undefined) {
        throw refusals.refuse(
          req,
          eventFor(req, 'login.failure', 'denied', {
            reason: 'no role for the groups',
            httpStatus: 403,
          }),
          new AppError('forbidden', 'This user is in no group that grants a role.'),
        );
      }
      const sessionUser: SessionUser = {
        key: identityKey(DEMO_ISSUER, user.id),
        iss: DEMO_ISSUER,
        sub: user.id,
        name: user.name,
        email: user.email,
        groups: user.groups,
        role,
        scopes: scopesFor(user.groups, config.rbac),
        deployScopes: deployScopesFor(user.groups, config.rbac),
        authMode: 'demo',
      };
      await establishSession(req, sessionUser);
      req.identity = sessionUser;
      // A sign-in nobody could trace is not allowed: the session just made is ended.
      await recordOrUndo(deps, eventFor(req, 'login.success', 'success', { httpStatus: 200 }), () =>
        endSession(req, res, config),
      );
      res.json({ returnTo: safeReturnTo(parsed.success ? parsed.data.returnTo : undefined) });
    },
  );

  router.post('/logout', requireCsrf(config, refusals), async (req, res) => {
    // Signing out must always work: ending a session is the safe direction.
    if (req.identity !== undefined) {
      recordBestEffort(deps, eventFor(req, 'logout', 'success', { httpStatus: 200 }));
    }
    await endSession(req, res, config);
    res.json({ logoutUrl: null });
  });

  return { mode: 'demo', router };
}
