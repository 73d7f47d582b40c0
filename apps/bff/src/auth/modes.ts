/** The sign-in mode the configuration names. */
import { demoSignIn } from './demo';
import { headerSignIn } from './header';
import { oidcSignIn } from './oidc';
import type { SignIn, SignInDeps } from './sign-in';

export async function signInFor(deps: SignInDeps): Promise<SignIn> {
  switch (deps.config.auth.mode) {
    case 'demo':
      return demoSignIn(deps);
    case 'oidc':
      return oidcSignIn(deps);
    case 'header':
      return headerSignIn(deps);
  }
}
