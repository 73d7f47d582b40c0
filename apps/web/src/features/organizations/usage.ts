/**
 * Usage over time on an organization's page: its daily totals from the index
 * (`/api/fleet/usage`, filtered by the user's organization scopes), one value per day.
 */
import type { FleetUsageResponse } from '@swr-dashboard/swr-client/browser';

type UsageRow = FleetUsageResponse['days'][number];

export const USAGE_METRICS = ['tags', 'repositories', 'size'] as const;
export type UsageMetric = (typeof USAGE_METRICS)[number];

/** The periods offered, in days: what `days` asks the BFF for. */
export const USAGE_RANGES = [30, 90, 365] as const;
export type UsageRange = (typeof USAGE_RANGES)[number];

/** The organization's `metric` on each day recorded, oldest first. */
export function organizationTotals(
  rows: readonly UsageRow[],
  region: string,
  namespace: string,
  metric: UsageMetric,
): { day: string; value: number }[] {
  return rows
    .filter((row) => row.region === region && row.namespace === namespace)
    .map((row) => ({ day: row.day, value: row[metric] }))
    .sort((a, b) => a.day.localeCompare(b.day));
}
