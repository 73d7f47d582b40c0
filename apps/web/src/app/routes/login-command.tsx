export { LoginCommandPage as Component } from '../../features/login-command/components/login-command-page';
