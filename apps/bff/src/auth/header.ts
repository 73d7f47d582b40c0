/** Sign-in by a trusted proxy's identity headers (oauth2-proxy, a corporate gateway). */
import type { SignIn, SignInDeps } from './sign-in';

export function headerSignIn(_deps: SignInDeps): Promise<SignIn> {
  return Promise.reject(new Error('header sign-in is not built yet'));
}
