/**
 * A tag's image as the BFF reads it (`GET /api/images/:region`): its media type, an index's
 * platforms, the layers with their sizes, and the config when the BFF may read the registry.
 * One query per tag and platform; the comparison of two tags reads two of them.
 */
import { imageEndpoint } from '@swr-dashboard/swr-client/browser';
import { queryOptions } from '@tanstack/react-query';
import { bff } from '../../lib/api';
import { swrKeys } from '../../lib/query-keys';

export interface ImageRef {
  region: string;
  namespace: string;
  repository: string;
  tag: string;
  /** An index's platform (`linux/arm64`); undefined: the tag's own image, or an index's first. */
  platform?: string | undefined;
}

export const imageKeys = {
  all: (region: string) => [...swrKeys.region(region), 'images'] as const,
  repository: (region: string, namespace: string, repository: string) =>
    [...imageKeys.all(region), namespace, repository] as const,
  detail: ({ region, namespace, repository, tag, platform }: ImageRef) =>
    [...imageKeys.repository(region, namespace, repository), tag, platform ?? null] as const,
};

export const imageQuery = (ref: ImageRef) =>
  queryOptions({
    queryKey: imageKeys.detail(ref),
    queryFn: ({ signal }) =>
      bff(
        imageEndpoint,
        {
          params: { region: ref.region },
          query: {
            namespace: ref.namespace,
            repository: ref.repository,
            tag: ref.tag,
            ...(ref.platform === undefined ? {} : { platform: ref.platform }),
          },
        },
        { signal },
      ),
    // An image under a tag changes only when the tag is pushed again: no need to reread it often.
    staleTime: 60_000,
  });
