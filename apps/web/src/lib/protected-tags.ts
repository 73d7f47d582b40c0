/**
 * Protected tags (`PROTECTED_TAGS`, `PROTECTED_TAGS_BY_ORG` on the BFF): the patterns of an
 * organization's tags that the console refuses to delete. Read by the Tags tab (a badge, no delete,
 * no bulk selection) and the retention editor (a warning: SWR's own retention still deletes them).
 * The patterns are the BFF's configuration, the same in every region: one key per organization.
 */
import {
  protectedTagsEndpoint,
  tagPatternTest,
  type ProtectedTagPattern,
} from '@swr-dashboard/swr-client/browser';
import { queryOptions } from '@tanstack/react-query';
import { bff } from './api';

export const protectedTagKeys = {
  all: ['protected-tags'] as const,
  organization: (namespace: string) => [...protectedTagKeys.all, namespace] as const,
};

/** The patterns protecting the organization's tags (for every organization first, then its own). */
export const protectedTagsQuery = (namespace: string) =>
  queryOptions({
    queryKey: protectedTagKeys.organization(namespace),
    queryFn: ({ signal }) => bff(protectedTagsEndpoint, { query: { namespace } }, { signal }),
    select: (data) => data.patterns,
    // Configuration: it changes when the BFF restarts, not while a page is open.
    staleTime: 5 * 60_000,
  });

/** Which pattern protects a tag (the first that matches), if any. */
export type Protection = (tag: string) => ProtectedTagPattern | undefined;

const NO_PATTERNS: readonly ProtectedTagPattern[] = [];

/**
 * The test of a tag against the patterns, each compiled once (as `protectingPattern` does per
 * call): a page of 1,000 tags is checked without compiling a pattern per tag.
 */
export function protectionOf(
  patterns: readonly ProtectedTagPattern[] | undefined = NO_PATTERNS,
): Protection {
  const tests = patterns.map((entry) => ({ entry, test: tagPatternTest(entry.pattern) }));
  return (tag) => tests.find(({ test }) => test.test(tag))?.entry;
}
