/** Who the groups make a user, the same in every sign-in mode (src/auth/steps.ts). */
import { describe, expect, it } from 'vitest';
import { grantedIdentity, rolelessActor, type Claimed } from '../src/auth/steps';
import type { BffConfig } from '../src/config/schema';

const rbac: BffConfig['rbac'] = {
  roles: { admin: ['admins'], operator: ['ops'], viewer: ['everyone'] },
  namespaceScopes: { payments: ['payments*'] },
  deployScopes: {},
};

const who: Claimed = {
  iss: 'https://sso.example.com',
  sub: 'u-1',
  name: 'Ada',
  email: 'ada@example.com',
  groups: ['everyone', 'ops', 'payments'],
};

describe('grantedIdentity', () => {
  it('gives the highest role of the groups, their scopes, and the key of issuer and subject', () => {
    expect(grantedIdentity(rbac, who, 'oidc')).toEqual({
      ...who,
      key: 'https://sso.example.com|u-1',
      role: 'operator',
      scopes: ['payments*'],
      // Limited to some organizations and no deploy scope: triggers may deploy nowhere.
      deployScopes: [],
      authMode: 'oidc',
    });
  });

  it('gives nothing when no group grants a role', () => {
    expect(grantedIdentity(rbac, { ...who, groups: ['payments', 'guests'] }, 'header')).toBe(
      undefined,
    );
  });
});

describe('rolelessActor', () => {
  it('names who tried, with no role and no session', () => {
    expect(rolelessActor(who, 'header')).toEqual({
      ...who,
      key: 'https://sso.example.com|u-1',
      role: 'none',
      authMode: 'header',
      sessionRef: undefined,
    });
  });
});
