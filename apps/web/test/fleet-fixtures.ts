/**
 * The fleet index as the page tests of the views built on it (Fleet, Share radar, Sync health,
 * Access) answer it: a clock they share, a repository with nothing but its name unless told, a
 * region freshly swept, and the BFF's `/api/fleet` answering one region's part of the index when
 * asked for one, else every region's.
 */
import {
  fleetEndpoint,
  type FleetRegion,
  type FleetRepository,
  type FleetResponse,
} from '@swr-dashboard/swr-client/browser';
import { bffHandler } from './handlers';

/** When the tests' index was read (their clock, where they fake one). */
export const NOW = Date.parse('2026-03-10T12:00:00Z');
export const MINUTE = 60_000;
export const DAY = 86_400_000;
export const GB = 1024 ** 3;

/** The time `offsetMs` from {@link NOW}, as the index gives times. */
export const iso = (offsetMs: number) => new Date(NOW + offsetMs).toISOString();

/** A private repository of 10 tags, 1 GB, updated a day ago and indexed 5 minutes ago. */
export function fleetRepository(
  region: string,
  namespace: string,
  name: string,
  extra: Partial<FleetRepository> = {},
): FleetRepository {
  return {
    region,
    namespace,
    name,
    isPublic: false,
    category: 'other',
    description: '',
    tags: 10,
    size: GB,
    downloads: 0,
    updatedAt: iso(-DAY),
    retentions: [],
    syncTargets: [],
    triggers: [],
    shares: [],
    grants: [],
    syncHealth: [],
    indexedAt: iso(-5 * MINUTE),
    ...extra,
  };
}

/** A region swept `ago` before {@link NOW}, not being swept now. */
export function freshRegion(id: string, ago = 5 * MINUTE): FleetRegion {
  return { id, status: 'ok', sweptAt: iso(-ago), sweeping: null, error: null };
}

/**
 * The BFF's index: one region's part when asked for one, else all of `answer` (given, or made
 * at each call). Each call's region (null for all) is added to `seen`.
 */
export function fleetIndexHandler(
  answer: FleetResponse | (() => FleetResponse),
  seen: (string | null)[] = [],
) {
  return bffHandler(fleetEndpoint, ({ request }) => {
    const region = new URL(request.url).searchParams.get('region');
    seen.push(region);
    const whole = typeof answer === 'function' ? answer() : answer;
    if (region === null) return whole;
    return {
      ...whole,
      regions: whole.regions.filter((state) => state.id === region),
      namespaces: whole.namespaces.filter((namespace) => namespace.region === region),
      repositories: whole.repositories.filter((repository) => repository.region === region),
    };
  });
}
