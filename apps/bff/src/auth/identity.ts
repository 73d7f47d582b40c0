/**
 * Who is calling. Every sign-in mode ends in the same Identity: a stable key (issuer + subject),
 * a display name, groups, the role they map to and the organizations the user is limited to.
 */
import type { DeployScope, Role } from '../config/schema';

export type AuthMode = 'oidc' | 'header' | 'demo';

export interface Identity {
  /** `iss|sub`: the identity's key in sessions and audit records. */
  key: string;
  iss: string;
  sub: string;
  name: string;
  email: string | undefined;
  groups: string[];
  role: Role;
  /** Organization patterns the user is limited to; null when not limited. */
  scopes: string[] | null;
  /**
   * Clusters and Kubernetes namespaces the user's triggers may deploy to; null when not limited.
   * Absent in sessions signed in before deploy scopes existed: read as none.
   */
  deployScopes?: DeployScope[] | null;
  authMode: AuthMode;
}

/** What a session keeps: the identity, and the ID token for RP-initiated logout only. */
export interface SessionUser extends Identity {
  idToken?: string;
}

declare module 'express-session' {
  interface SessionData {
    user?: SessionUser;
    /** When the user signed in (ms): the absolute lifetime counts from here. */
    createdAt?: number;
    /** The last request (ms): the idle timeout counts from here. */
    lastSeen?: number;
  }
}

export function identityKey(iss: string, sub: string): string {
  return `${iss}|${sub}`;
}
