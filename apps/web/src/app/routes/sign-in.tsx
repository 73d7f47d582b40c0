export { SignInPage as Component } from '../../features/sign-in/components/sign-in-page';
