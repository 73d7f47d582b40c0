/**
 * Protected tags (`PROTECTED_TAGS`, `PROTECTED_TAGS_BY_ORG`): the console refuses to delete a
 * tag whose name a configured pattern matches, whoever asks. SWR does not know the patterns (its
 * retention still deletes such tags); the console enforces them on every delete it sends.
 */
import { protectingPattern, type ProtectedTagPattern } from '@swr-dashboard/swr-client';
import type { BffConfig } from '../config/schema';
import { AppError } from '../http/errors';
import { Refusal, type Routed } from './route';

/** The patterns that protect an organization's tags: those for all, then its own. */
export function protectedPatterns(
  config: Pick<BffConfig, 'protectedTags'>,
  namespace: string,
): ProtectedTagPattern[] {
  const own = Object.hasOwn(config.protectedTags.byNamespace, namespace)
    ? (config.protectedTags.byNamespace[namespace] ?? [])
    : [];
  return [
    ...config.protectedTags.all.map((pattern) => ({ pattern, scope: 'all' as const })),
    ...own.map((pattern) => ({ pattern, scope: 'organization' as const })),
  ];
}

/** Refuses (409 `tag_protected`, audited) the deletion of a protected tag; anything else passes. */
export function refuseProtectedTag(config: Pick<BffConfig, 'protectedTags'>, routed: Routed): void {
  if (routed.name !== 'deleteRepoTag') return;
  const { namespace = '', tag = '' } = routed.params;
  const match = protectingPattern(protectedPatterns(config, namespace), tag);
  if (match === undefined) return;
  const message = `The tag ${tag} is protected by the console's configuration (pattern ${match.pattern}); delete it in SWR itself if it must go.`;
  throw new Refusal(new AppError('tag_protected', message), 'policy.denied', message, routed);
}
