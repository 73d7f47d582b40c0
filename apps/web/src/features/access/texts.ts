/**
 * What the Access view says about a permission, in the chosen language: a level's name, why a
 * user has what they have ("organization grant: Edit; repository grant: Read"), and why a grant
 * is redundant.
 */
import { PERMISSION_LEVELS } from '@swr-dashboard/swr-client/browser';
import type { TFunction } from 'i18next';
import type { AccessLine, GrantInfo, Redundancy } from './grants';

export type AccessT = TFunction<['access', 'common']>;

const LEVELS = ['read', 'edit', 'manage'] as const;

/** A level's name ("Edit"), "None" for 0, or "Level 5" for one the console does not know. */
export function levelLabel(auth: number, t: AccessT): string {
  if (auth === 0) return t('access:levels.none');
  const name = LEVELS.find((level) => PERMISSION_LEVELS[level] === auth);
  return name === undefined ? t('access:levels.unknown', { auth }) : t(`access:levels.${name}`);
}

export function grantText(grant: GrantInfo, t: AccessT): string {
  return t(`access:why.${grant.source}`, { level: levelLabel(grant.auth, t) });
}

/** Every reason a user has their permission there, the organization's first. */
export function whyText(line: AccessLine, t: AccessT): string {
  const reasons = line.grants.map((grant) => grantText(grant, t));
  if (line.isPublic) reasons.push(t('access:why.public'));
  return reasons.join('; ');
}

export function redundancyText(redundancy: Redundancy, t: AccessT): string {
  return redundancy.because === 'public'
    ? t('access:redundant.public')
    : t('access:redundant.organization', { level: levelLabel(redundancy.auth, t) });
}

/** Why the line's redundant grants add nothing ('' when none is). */
export function redundantText(line: AccessLine, t: AccessT): string {
  return line.grants
    .flatMap((grant) => (grant.redundant === undefined ? [] : [redundancyText(grant.redundant, t)]))
    .join(' ');
}
