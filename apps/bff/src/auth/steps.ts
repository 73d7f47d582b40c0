/**
 * The steps every sign-in mode shares: who the groups make the user (or why not), a sign-in that
 * stands only once audited, and the sign-out route. The modes differ only in where the user's
 * name and groups come from (a demo pick, the IdP's tokens, the proxy's headers).
 */
import type { Request, Response, Router } from 'express';
import { eventFor } from '../audit/from-request';
import { recordBestEffort, recordOrUndo } from '../audit/policies';
import type { AuditActor } from '../audit/trail';
import type { BffConfig } from '../config/schema';
import { requireCsrf } from '../security/csrf';
import { identityKey, type AuthMode, type Identity } from './identity';
import { deployScopesFor, roleFor, scopesFor } from './roles';
import { endSession, establishSession } from './session';
import type { SignInDeps } from './sign-in';
import { signOutEndpoint } from '@swr-dashboard/swr-client';
import { serve } from '../http/endpoint';

/** Who the mode says the user is, before the groups are mapped to a role. */
export interface Claimed {
  iss: string;
  sub: string;
  name: string;
  email: string | undefined;
  groups: string[];
}

/** The identity the user's groups grant; undefined when they grant no role. */
export function grantedIdentity(
  rbac: BffConfig['rbac'],
  who: Claimed,
  authMode: AuthMode,
): Identity | undefined {
  const role = roleFor(who.groups, rbac);
  if (role === undefined) return undefined;
  return {
    key: identityKey(who.iss, who.sub),
    ...who,
    role,
    scopes: scopesFor(who.groups, rbac),
    deployScopes: deployScopesFor(who.groups, rbac),
    authMode,
  };
}

/** The actor of a sign-in refused because the groups grant no role: who tried, with no role. */
export function rolelessActor(who: Claimed, authMode: AuthMode): AuditActor {
  return {
    key: identityKey(who.iss, who.sub),
    ...who,
    role: 'none',
    authMode,
    sessionRef: undefined,
  };
}

/**
 * Starts the user's session. A sign-in nobody could trace is not allowed to stand: if its record
 * cannot be written, the session just made is ended and the failure answered (503).
 */
export async function startSession(
  deps: SignInDeps,
  req: Request,
  res: Response,
  signIn: { identity: Identity; idToken?: string; httpStatus: number },
): Promise<void> {
  const { identity, idToken, httpStatus } = signIn;
  await establishSession(req, idToken === undefined ? identity : { ...identity, idToken });
  req.identity = identity;
  await recordOrUndo(deps, eventFor(req, 'login.success', 'success', { httpStatus }), () =>
    endSession(req, res, deps.config),
  );
}

/**
 * `POST /auth/logout`: the sign-out is recorded (best effort: signing out must always work, it is
 * the safe direction), then the mode ends what it keeps and says where the browser goes next.
 */
export function logoutRoute(
  router: Router,
  deps: SignInDeps,
  end: (req: Request, res: Response) => Promise<string | null>,
  recorded: { route?: string } = {},
): void {
  serve(
    router,
    '/auth',
    signOutEndpoint,
    requireCsrf(deps.config, deps.refusals),
    async (req, res) => {
      if (req.identity !== undefined) {
        recordBestEffort(
          deps,
          eventFor(req, 'logout', 'success', { ...recorded, httpStatus: 200 }),
        );
      }
      res.json({ logoutUrl: await end(req, res) });
    },
  );
}
