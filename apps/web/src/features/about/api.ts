/**
 * About the console: each region's SWR API versions, and the BFF's readiness (`GET /api/readiness`:
 * the database and each region's SWR answering a signed call, with its latency and breaker).
 */
import { readinessEndpoint, type ReadinessResponse } from '@swr-dashboard/swr-client/browser';
import { queryOptions } from '@tanstack/react-query';
import { bff, swr } from '../../lib/api';
import { swrKeys } from '../../lib/query-keys';

export const aboutKeys = {
  all: ['about'] as const,
  readiness: () => [...aboutKeys.all, 'readiness'] as const,
  apiVersions: (region: string) => [...swrKeys.region(region), 'api-versions'] as const,
};

export const apiVersionsQuery = (region: string) =>
  queryOptions({
    queryKey: aboutKeys.apiVersions(region),
    queryFn: ({ signal }) => swr(region).listApiVersions({}, { signal }),
    select: (data) => data.versions,
    staleTime: 5 * 60_000,
  });

export type Readiness = ReadinessResponse;

export const readinessQuery = () =>
  queryOptions({
    queryKey: aboutKeys.readiness(),
    queryFn: ({ signal }) => bff(readinessEndpoint, {}, { signal }),
    staleTime: 0,
  });
