/** OIDC sign-in (openid-client 6): authorization code + PKCE + state + nonce. */
import type { SignIn, SignInDeps } from './sign-in';

export function oidcSignIn(_deps: SignInDeps): Promise<SignIn> {
  return Promise.reject(new Error('OIDC sign-in is not built yet'));
}
