/**
 * The radar's one change: stopping a share, through the console's SWR proxy. Its data is the
 * fleet index, read as every view on it reads it (lib/fleet-index.ts).
 */
import type { FleetResponse } from '@swr-dashboard/swr-client/browser';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { swr } from '../../lib/api';
import { fleetIndexKeys } from '../../lib/fleet-index';
import { swrKeys } from '../../lib/query-keys';

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
 * soon after SWR accepts; until then the copies of the index in the cache (every view's, the
 * radar's among them) leave the share out, and the region's sharing lists (the repository's
 * shares, the shared images) are read again.
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
      queryClient.setQueriesData<FleetResponse>({ queryKey: fleetIndexKeys.indexes() }, (answer) =>
        answer === undefined ? undefined : withoutShare(answer, target),
      );
      return queryClient.invalidateQueries({ queryKey: swrKeys.sharing(target.region) });
    },
  });
}
