/**
 * Protected tags: patterns of tag names the console refuses to delete (a single delete, a bulk
 * delete, a job), configured for every organization and per organization. SWR itself does not
 * know them: its retention policies still delete such tags, and the console can only warn.
 */
import { namespaceName } from '../names';
import { z } from '../zod';
import { bffEndpoint } from './define';

export const protectedTagsResponse = z.object({
  patterns: z.array(
    z.object({
      /** A tag name with `*` (any characters) and `?` (one character) as wildcards. */
      pattern: z.string(),
      /** For every organization, or configured for this one. */
      scope: z.enum(['all', 'organization']),
    }),
  ),
});
export type ProtectedTagsResponse = z.infer<typeof protectedTagsResponse>;
export type ProtectedTagPattern = ProtectedTagsResponse['patterns'][number];

/** `GET /api/protected-tags?namespace=`: the patterns that protect the organization's tags. */
export const protectedTagsEndpoint = bffEndpoint({
  method: 'GET',
  path: '/api/protected-tags',
  query: z.strictObject({ namespace: namespaceName }),
  answer: protectedTagsResponse,
});

/** The pattern as a whole-name test: `*` any characters, `?` one, everything else itself. */
export function tagPatternTest(pattern: string): RegExp {
  // A pattern holds only a tag name's characters (ASCII) and the two wildcards.
  const source = pattern
    .split('')
    .map((char) =>
      char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\-]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${source}$`);
}

/** The first pattern that protects `tag`, if any. */
export function protectingPattern<P extends { pattern: string }>(
  patterns: readonly P[],
  tag: string,
): P | undefined {
  return patterns.find((entry) => tagPatternTest(entry.pattern).test(tag));
}
