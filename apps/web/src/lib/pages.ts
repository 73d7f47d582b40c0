/**
 * The console's pages as the navigation lists them, in order, with their labels (the shell's
 * `nav` strings) and the letter that goes there after `g` (the keyboard shortcuts): the shell's
 * navigation, the command palette and the shortcuts' overlay all list these.
 */
import type { MeResponse } from '@swr-dashboard/swr-client/browser';

export const PAGES = [
  { path: 'overview', key: 'h', label: 'nav.overview' },
  { path: 'organizations', key: 'o', label: 'nav.organizations' },
  { path: 'repositories', key: 'r', label: 'nav.repositories' },
  { path: 'fleet', key: 'f', label: 'nav.fleet' },
  { path: 'share-radar', key: 's', label: 'nav.shareRadar' },
  { path: 'sync-health', key: 'y', label: 'nav.syncHealth' },
  { path: 'access', key: 'a', label: 'nav.access' },
  { path: 'jobs', key: 'j', label: 'nav.jobs' },
  { path: 'shared', key: 'i', label: 'nav.shared' },
  { path: 'login-command', key: 'l', label: 'nav.loginCommand' },
  { path: 'audit', key: 'u', label: 'nav.audit' },
  { path: 'about', key: 'b', label: 'nav.about' },
] as const;
export type Page = (typeof PAGES)[number];
export type PagePath = Page['path'];

/** The pages a user may open: the audit log is for admins. */
export function pagesFor(role: MeResponse['user']['role']): Page[] {
  return PAGES.filter((page) => page.path !== 'audit' || role === 'admin');
}
