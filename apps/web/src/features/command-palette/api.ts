/**
 * What the palette searches: organizations and repositories of every region from the BFF's fleet
 * index (one call, names only, scoped by the BFF), and the tags of the repository in view, live
 * from SWR (the index keeps no tags). Both keep the previous answer on screen while the next
 * one loads, so the list does not flicker as the user types.
 */
import { fleetSearchEndpoint } from '@swr-dashboard/swr-client/browser';
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { bff, swr } from '../../lib/api';
import type { RepositoryRef } from '../../lib/query-keys';

/** How many of each kind the palette shows. */
export const RESULTS_PER_KIND = 8;
/** How often a search is asked again while a region's index is still being built. */
const BUILDING_POLL_MS = 5000;

export const paletteKeys = {
  all: ['command-palette'] as const,
  search: (text: string, region: string) => [...paletteKeys.all, 'search', region, text] as const,
  tags: (ref: RepositoryRef, text: string) => [...paletteKeys.all, 'tags', ref, text] as const,
};

export const searchQuery = (text: string, region: string) =>
  queryOptions({
    queryKey: paletteKeys.search(text, region),
    queryFn: ({ signal }) =>
      bff(
        fleetSearchEndpoint,
        { query: { q: text, region, limit: String(RESULTS_PER_KIND) } },
        { signal },
      ),
    enabled: text.trim() !== '',
    staleTime: 30_000,
    placeholderData: keepPreviousData,
    refetchInterval: (query) =>
      query.state.data?.regions.some((region) => region.status === 'never') === true
        ? BUILDING_POLL_MS
        : false,
  });

export const tagSearchQuery = (ref: RepositoryRef, text: string) =>
  queryOptions({
    queryKey: paletteKeys.tags(ref, text),
    queryFn: ({ signal }) =>
      swr(ref.region).listRepositoryTags(
        {
          params: { namespace: ref.namespace, repository: ref.repository },
          query: {
            limit: RESULTS_PER_KIND,
            offset: 0,
            order_column: 'updated_at',
            order_type: 'desc',
            tag: text.trim(),
          },
        },
        { signal },
      ),
    enabled: text.trim() !== '',
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
