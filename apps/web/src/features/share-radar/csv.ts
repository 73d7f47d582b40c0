/**
 * The rows shown as CSV (lib/csv.ts: RFC 4180, with what a spreadsheet would run as a formula
 * defused, so an account name cannot smuggle one in). Ends in UTC as SWR gives them.
 */
import { csvText } from '../../lib/csv';
import type { ShareRow } from './rows';
import type { RadarT } from './texts';

/** Every row given, in its order. */
export function shareCsv(rows: readonly ShareRow[], t: RadarT): string {
  const header = [
    t('list.organization'),
    t('list.repository'),
    t('list.region'),
    t('list.account'),
    t('list.permit'),
    t('csv.endsUtc'),
    t('csv.status'),
    t('list.valid'),
    t('csv.leaving'),
  ];
  const lines = rows.map((row) => [
    row.namespace,
    row.repository,
    row.region,
    row.share.account,
    row.share.permit,
    row.share.until,
    t(`groups.${row.end}`),
    t(row.share.valid ? 'answer.yes' : 'answer.no'),
    t(row.leaving ? 'answer.yes' : 'answer.no'),
  ]);
  return csvText([header, ...lines]);
}

/** `swr-share-radar-cn-north-4-20260310T120000Z.csv` */
export function csvFilename(scope: string, now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replaceAll(/[-:]/g, '');
  return `swr-share-radar-${scope}-${stamp}.csv`;
}
