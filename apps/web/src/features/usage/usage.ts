/**
 * Usage over time from the index's daily totals per organization (`/api/fleet/usage`, already
 * filtered by the user's organization scopes): a region's, added up per day as one total or
 * stacked by its largest organizations and "the others", or one organization's alone.
 */
import type { FleetUsageResponse } from '@swr-dashboard/swr-client/browser';
import type { ChartPoint } from '../../components/charts/types';

export type UsageRow = FleetUsageResponse['days'][number];

export const USAGE_METRICS = ['tags', 'repositories', 'size'] as const;
export type UsageMetric = (typeof USAGE_METRICS)[number];

/** The periods offered, in days: what `days` asks the BFF for. */
export const USAGE_RANGES = [30, 90, 365] as const;
export type UsageRange = (typeof USAGE_RANGES)[number];

/** Organizations named in the stacked chart; the rest add up to one band. */
export const NAMED_ORGANIZATIONS = 5;

/** The series keys: namespaces may hold dots, which a chart reads as paths, so none is a key. */
export const TOTAL_KEY = 'total';
export const OTHERS_KEY = 'others';
const organizationKey = (rank: number) => `org${String(rank)}`;

/** What the usage is of: a region, or one organization (`namespace`) in it. */
export interface UsageScope {
  region: string;
  namespace?: string;
}

/** The scope's rows, grouped by day, oldest day first. */
function byDay(
  rows: readonly UsageRow[],
  { region, namespace }: UsageScope,
): [string, UsageRow[]][] {
  const days = new Map<string, UsageRow[]>();
  for (const row of rows) {
    if (row.region !== region) continue;
    if (namespace !== undefined && row.namespace !== namespace) continue;
    const list = days.get(row.day);
    if (list === undefined) days.set(row.day, [row]);
    else list.push(row);
  }
  return [...days].sort(([a], [b]) => a.localeCompare(b));
}

function sum(rows: readonly UsageRow[], metric: UsageMetric): number {
  return rows.reduce((total, row) => total + row[metric], 0);
}

/**
 * The scope's total of `metric` on each day recorded, oldest first: the region's organizations
 * added up, or the one organization's own.
 */
export function dailyTotals(
  rows: readonly UsageRow[],
  scope: UsageScope,
  metric: UsageMetric,
): { day: string; value: number }[] {
  return byDay(rows, scope).map(([day, list]) => ({ day, value: sum(list, metric) }));
}

export interface StackedUsage {
  /** The named organizations, largest first (on the last day), each with its series key. */
  organizations: { key: string; namespace: string }[];
  /** Whether more organizations than the named ones had totals: their band is `OTHERS_KEY`. */
  others: boolean;
  points: ChartPoint[];
}

/** The organizations with the most of `metric` on the last day recorded, largest first. */
function largest(days: [string, UsageRow[]][], metric: UsageMetric): string[] {
  const latest = new Map<string, number>();
  for (const [, list] of days) for (const row of list) latest.set(row.namespace, row[metric]);
  return [...latest]
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([namespace]) => namespace);
}

/** `metric` per day in the region stacked by organization: the `named` largest, then the others. */
export function stackedByOrganization(
  rows: readonly UsageRow[],
  region: string,
  metric: UsageMetric,
  named = NAMED_ORGANIZATIONS,
): StackedUsage {
  const days = byDay(rows, { region });
  const ranked = largest(days, metric);
  const organizations = ranked
    .slice(0, named)
    .map((namespace, rank) => ({ key: organizationKey(rank), namespace }));
  const keyOf = new Map(organizations.map((entry) => [entry.namespace, entry.key]));
  const others = ranked.length > named;
  const points = days.map(([day, list]) => {
    const point: ChartPoint = { day };
    for (const entry of organizations) point[entry.key] = 0;
    if (others) point[OTHERS_KEY] = 0;
    for (const row of list) {
      const key = keyOf.get(row.namespace) ?? OTHERS_KEY;
      point[key] = Number(point[key] ?? 0) + row[metric];
    }
    return point;
  });
  return { organizations, others, points };
}
