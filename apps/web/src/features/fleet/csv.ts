/**
 * The grid's rows as CSV (lib/csv.ts: RFC 4180, with what a spreadsheet would run as a formula
 * defused, so opening the file never runs what an account name or a trigger's name smuggled in).
 */
import { csvText } from '../../lib/csv';
import type { FleetRow } from './rows';
import { retentionSummary, type FleetT } from './texts';

/** Every row given, in its order, with the grid's columns (sizes in bytes, times in UTC). */
export function fleetCsv(rows: readonly FleetRow[], t: FleetT): string {
  const header = [
    t('fleet:grid.organization'),
    t('fleet:grid.repository'),
    t('fleet:grid.region'),
    t('fleet:grid.tags'),
    t('fleet:csv.sizeBytes'),
    t('fleet:grid.downloads'),
    t('fleet:csv.updatedUtc'),
    t('fleet:grid.retention'),
    t('fleet:grid.sync'),
    t('fleet:grid.triggers'),
    t('fleet:grid.shares'),
    t('fleet:csv.sharesEndingSoon'),
    t('fleet:csv.sharesEnded'),
    t('fleet:csv.sharesOutside'),
  ];
  const lines = rows.map((row) => {
    const { repository } = row;
    return [
      repository.namespace,
      repository.name,
      repository.region,
      repository.tags,
      repository.size,
      repository.downloads,
      repository.updatedAt ?? '',
      retentionSummary(repository, t) ?? t('fleet:grid.none'),
      repository.syncTargets.map((target) => `${target.region}/${target.namespace}`).join('; '),
      repository.triggers
        .map((trigger) =>
          trigger.last === null
            ? t('fleet:csv.notRun', { name: trigger.name })
            : t('fleet:csv.trigger', {
                name: trigger.name,
                result: t(
                  trigger.last.result === 'failed'
                    ? 'fleet:triggers.resultFailed'
                    : 'fleet:triggers.resultSuccess',
                ),
                at: trigger.last.at,
              }),
        )
        .join('; '),
      row.shares.length,
      row.endingSoon,
      row.ended,
      row.outsideAccounts.join('; '),
    ];
  });
  return csvText([header, ...lines]);
}

/** `swr-fleet-cn-north-4-20260310T120000Z.csv` */
export function csvFilename(scope: string, now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replaceAll(/[-:]/g, '');
  return `swr-fleet-${scope}-${stamp}.csv`;
}
