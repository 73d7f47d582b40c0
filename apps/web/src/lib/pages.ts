/**
 * The console's pages as the navigation lists them, in order, with their labels (the shell's
 * `nav` strings): the shell's navigation and the command palette both list these.
 */
import type { MeResponse } from '@swr-dashboard/swr-client/browser';

export const PAGES = [
  { path: 'overview', label: 'nav.overview' },
  { path: 'organizations', label: 'nav.organizations' },
  { path: 'repositories', label: 'nav.repositories' },
  { path: 'fleet', label: 'nav.fleet' },
  { path: 'share-radar', label: 'nav.shareRadar' },
  { path: 'sync-health', label: 'nav.syncHealth' },
  { path: 'access', label: 'nav.access' },
  { path: 'shared', label: 'nav.shared' },
  { path: 'login-command', label: 'nav.loginCommand' },
  { path: 'audit', label: 'nav.audit' },
  { path: 'about', label: 'nav.about' },
] as const;
export type Page = (typeof PAGES)[number];
export type PagePath = Page['path'];

/** The pages a user may open: the audit log is for admins. */
export function pagesFor(role: MeResponse['user']['role']): Page[] {
  return PAGES.filter((page) => page.path !== 'audit' || role === 'admin');
}
