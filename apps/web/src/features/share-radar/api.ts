/**
 * The radar's data: one read of the BFF's fleet index (decision 0016), for one region or for all
 * the user has, scoped by the BFF; and stopping a share, through the console's SWR proxy.
 */
import { fleetEndpoint, type FleetResponse } from '@swr-dashboard/swr-client/browser';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { bff, swr } from '../../lib/api';
import { swrKeys } from '../../lib/query-keys';

/**
 * How often the index is read again while a region of it has never been swept (the first sweep
 * takes a while; the radar fills in when it is done). A built index changes at the next sweep.
 */
export const BUILDING_POLL_MS = 5000;

export const shareRadarKeys = {
  all: ['share-radar'] as const,
  indexes: () => [...shareRadarKeys.all, 'index'] as const,
  /** The index of one region, or of every region (`all`). */
  index: (region: string | undefined) => [...shareRadarKeys.indexes(), region ?? 'all'] as const,
};

export const shareRadarQuery = (region: string | undefined) =>
  queryOptions({
    queryKey: shareRadarKeys.index(region),
    queryFn: ({ signal }) =>
      bff(fleetEndpoint, { query: region === undefined ? {} : { region } }, { signal }),
    staleTime: 60_000,
    refetchInterval: (query) =>
      query.state.data?.regions.some((state) => state.status === 'never') === true
        ? BUILDING_POLL_MS
        : false,
  });

export interface ShareTarget {
  region: string;
  namespace: string;
  repository: string;
  account: string;
}

/** The answer without one share: what the index holds once it has read the repository again. */
function withoutShare(answer: FleetResponse, target: ShareTarget): FleetResponse {
  return {
    ...answer,
    repositories: answer.repositories.map((repository) =>
      repository.region === target.region &&
      repository.namespace === target.namespace &&
      repository.name === target.repository
        ? {
            ...repository,
            shares: repository.shares.filter((share) => share.account !== target.account),
          }
        : repository,
    ),
  };
}

/**
 * Stops sharing a repository with an account. The BFF re-reads the repository into its index
 * soon after SWR accepts; until then the radar's copies of the index leave the share out, and
 * the region's sharing lists (the repository's shares, the shared images) are read again.
 */
export function useStopShare() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (target: ShareTarget) =>
      swr(target.region).deleteRepoDomains({
        params: {
          namespace: target.namespace,
          repository: target.repository,
          access_domain: target.account,
        },
      }),
    onSuccess: (_data, target) => {
      queryClient.setQueriesData<FleetResponse>({ queryKey: shareRadarKeys.indexes() }, (answer) =>
        answer === undefined ? undefined : withoutShare(answer, target),
      );
      return queryClient.invalidateQueries({ queryKey: swrKeys.sharing(target.region) });
    },
  });
}
