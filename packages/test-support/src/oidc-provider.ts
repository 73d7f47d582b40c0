// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- oidc-provider ships no types; these must reach every program importing this file
/// <reference path="./oidc-provider-module.d.ts" />
/**
 * A real OpenID Provider for tests (oidc-provider 9) on 127.0.0.1 with a free port: one static
 * confidential client (the BFF), PKCE required, a `groups` scope and claim, RP-initiated logout,
 * and the dev interactions (login form, consent form) that tests drive over HTTP. Accounts: one
 * per role, an operator scoped to `payments*`, and an outsider in no mapped group.
 *
 * Quiet: the provider's development notices are filtered out while it is imported and built,
 * and every default it would warn about at run time is configured.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Configuration, Provider as ProviderClass } from 'oidc-provider';
import { PARTNER_CREDENTIALS } from '@swr-dashboard/emulator-fixtures';

export interface TestAccount {
  /** The login typed into the form, and the subject. */
  id: string;
  preferredUsername: string;
  name: string;
  email: string;
  groups: string[];
}

export const OIDC_ACCOUNTS = {
  admin: {
    id: 'alice',
    preferredUsername: 'alice',
    name: 'Alice Admin',
    email: 'alice@corp.example',
    groups: ['swr-admins', 'everyone'],
  },
  operator: {
    id: 'oscar',
    preferredUsername: 'oscar',
    name: 'Oscar Operator',
    email: 'oscar@corp.example',
    groups: ['swr-operators'],
  },
  viewer: {
    id: 'victor',
    preferredUsername: 'victor',
    name: 'Victor Viewer',
    email: 'victor@corp.example',
    groups: ['swr-viewers'],
  },
  scopedOperator: {
    id: 'paula',
    preferredUsername: 'paula',
    name: 'Paula Payments',
    email: 'paula@corp.example',
    groups: ['swr-operators-payments'],
  },
  /** An operator of every organization whose triggers may deploy only where DEPLOY_SCOPES says. */
  deployOperator: {
    id: 'dana',
    preferredUsername: 'dana',
    name: 'Dana Deploy',
    email: 'dana@corp.example',
    groups: ['swr-operators-deploy'],
  },
  /** An admin limited to `payments*`, whose groups name no deploy targets. */
  scopedAdmin: {
    id: 'sam',
    preferredUsername: 'sam',
    name: 'Sam Payments Admin',
    email: 'sam@corp.example',
    groups: ['swr-admins-payments'],
  },
  outsider: {
    id: 'mallory',
    preferredUsername: 'mallory',
    name: 'Mallory Outsider',
    email: 'mallory@contractor.example',
    groups: ['contractors'],
  },
} satisfies Record<string, TestAccount>;

export interface TestIdp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** `METHOD /path` of every request the provider received (no query strings). */
  requests: string[];
  /** Values of every authorization code and access token it issued, to scan logs for. */
  issued: string[];
  /** Errors the provider reported as server errors (should stay empty). */
  serverErrors: Error[];
  close(): Promise<void>;
}

export interface TestIdpOptions {
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  /** Put profile, email and groups claims in the ID token (default: userinfo only). */
  idTokenClaims?: boolean;
  tokenEndpointAuthMethod?: 'client_secret_basic' | 'client_secret_post';
}

const NOTICE = /oidc-provider (?:NOTICE|WARNING):/;

/** Runs `build` with the provider's development notices filtered from the console. */
async function withoutNotices<T>(build: () => Promise<T>): Promise<T> {
  const { info, warn } = console;
  const filtered =
    (write: (...args: unknown[]) => void) =>
    (...args: unknown[]) => {
      if (typeof args[0] === 'string' && NOTICE.test(args[0])) return;
      write(...args);
    };
  console.info = filtered(info);
  console.warn = filtered(warn);
  try {
    return await build();
  } finally {
    console.info = info;
    console.warn = warn;
  }
}

function page(title: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => HTML_ESCAPES[char] ?? char);
}

export async function startOidcProvider(options: TestIdpOptions): Promise<TestIdp> {
  const server = createServer();
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve);
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'swr-dashboard';
  const clientSecret = randomBytes(24).toString('base64url');
  const accounts = new Map<string, TestAccount>(
    Object.values(OIDC_ACCOUNTS).map((account) => [account.id, account]),
  );

  const configuration: Configuration = {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        post_logout_redirect_uris: options.postLogoutRedirectUris,
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: options.tokenEndpointAuthMethod ?? 'client_secret_basic',
      },
    ],
    pkce: { required: () => true },
    scopes: ['openid', 'profile', 'email', 'groups'],
    claims: {
      openid: ['sub'],
      profile: ['name', 'preferred_username'],
      email: ['email', 'email_verified'],
      groups: ['groups'],
    },
    conformIdTokenClaims: options.idTokenClaims !== true,
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    findAccount: (_ctx, id) => {
      const account = accounts.get(id);
      if (account === undefined) return undefined;
      return {
        accountId: account.id,
        claims: () => ({
          sub: account.id,
          name: account.name,
          preferred_username: account.preferredUsername,
          email: account.email,
          email_verified: true,
          groups: account.groups,
        }),
      };
    },
    features: {
      devInteractions: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          ctx.type = 'html';
          ctx.body = page(
            'Sign out',
            `${form}<button type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button>`,
          );
        },
        postLogoutSuccessSource: (ctx) => {
          ctx.type = 'html';
          ctx.body = page('Signed out', '<p>Signed out.</p>');
        },
      },
    },
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      IdToken: 600,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = page(
        'Error',
        Object.entries(out)
          .map(([key, value]) => `<p>${escapeHtml(key)}: ${escapeHtml(value)}</p>`)
          .join(''),
      );
    },
  };

  const provider: ProviderClass = await withoutNotices(async () => {
    const { default: Provider } = await import('oidc-provider');
    return new Provider(issuer, configuration);
  });
  const requests: string[] = [];
  const issued: string[] = [];
  const serverErrors: Error[] = [];
  provider.on('server_error', (_ctx, error) => {
    serverErrors.push(error);
  });
  for (const event of ['authorization_code.saved', 'access_token.saved'] as const) {
    provider.on(event, (artifact) => {
      issued.push(artifact.jti);
    });
  }
  const handle = provider.callback();
  server.on('request', (req, res) => {
    requests.push(`${req.method ?? 'GET'} ${(req.url ?? '/').split('?')[0] ?? '/'}`);
    handle(req, res);
  });

  return {
    issuer,
    clientId,
    clientSecret,
    requests,
    issued,
    serverErrors,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}

/**
 * The BFF's environment for OIDC sign-in against `idp`: roles from the groups above, the scoped
 * operator and the scoped admin limited to `payments*`, credentials that are not the emulator's demo key (refused
 * outside demo sign-in), and a sign-in rate limit that a test file's many sign-ins stay under.
 */
export function oidcBffEnv(idp: TestIdp): Record<string, string> {
  return {
    AUTH_MODE: 'oidc',
    OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: idp.clientId,
    OIDC_CLIENT_SECRET: idp.clientSecret,
    OIDC_SCOPES: 'openid profile email groups',
    OIDC_ALLOW_INSECURE_ISSUER: 'true',
    ROLE_ADMIN_GROUPS: 'swr-admins,swr-admins-payments',
    ROLE_OPERATOR_GROUPS: 'swr-operators,swr-operators-payments,swr-operators-deploy',
    ROLE_VIEWER_GROUPS: 'swr-viewers',
    NAMESPACE_SCOPES: 'swr-operators-payments=payments*;swr-admins-payments=payments*',
    HWC_AK: PARTNER_CREDENTIALS.ak,
    HWC_SK: PARTNER_CREDENTIALS.sk,
    RATE_LIMIT_SIGN_IN_PER_MINUTE: '1000',
  };
}
