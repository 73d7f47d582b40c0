/**
 * oidc-provider 9 ships no types (and @types/oidc-provider stops at 8): the small part the test
 * identity provider uses.
 */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  /** The Koa context, as far as the page renderers below touch it. */
  export interface ProviderContext {
    type: string;
    body: unknown;
    host: string;
  }

  export interface AccountClaims {
    sub: string;
    [claim: string]: unknown;
  }

  export interface Account {
    accountId: string;
    claims(use: string, scope: string): AccountClaims | Promise<AccountClaims>;
  }

  export interface ClientMetadata {
    client_id: string;
    client_secret?: string;
    redirect_uris: string[];
    post_logout_redirect_uris?: string[];
    response_types?: string[];
    grant_types?: string[];
    token_endpoint_auth_method?: string;
  }

  /** An issued artifact (authorization code, access token) as events report it. */
  export interface IssuedArtifact {
    jti: string;
  }

  export interface Configuration {
    clients?: ClientMetadata[];
    claims?: Record<string, string[] | null>;
    scopes?: string[];
    conformIdTokenClaims?: boolean;
    cookies?: { keys?: string[] };
    pkce?: { required?: (ctx: unknown, client: unknown) => boolean };
    findAccount?: (ctx: unknown, id: string) => Account | undefined | Promise<Account | undefined>;
    features?: {
      devInteractions?: { enabled: boolean };
      rpInitiatedLogout?: {
        enabled: boolean;
        logoutSource?: (ctx: ProviderContext, form: string) => void | Promise<void>;
        postLogoutSuccessSource?: (ctx: ProviderContext) => void | Promise<void>;
      };
    };
    ttl?: Record<string, number>;
    renderError?: (
      ctx: ProviderContext,
      out: Record<string, string>,
      error: Error,
    ) => void | Promise<void>;
  }

  export class Provider {
    constructor(issuer: string, configuration?: Configuration);
    readonly issuer: string;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    on(event: 'server_error', listener: (ctx: unknown, error: Error) => void): this;
    on(
      event: 'authorization_code.saved' | 'access_token.saved' | 'refresh_token.saved',
      listener: (artifact: IssuedArtifact) => void,
    ): this;
  }

  export default Provider;
}
