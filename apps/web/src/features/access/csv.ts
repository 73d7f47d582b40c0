/**
 * The Access view's lines as CSV (lib/csv.ts quotes fields and defuses formulas): one line per
 * user and repository, or per organization grant, as the table shows them.
 */
import { csvText } from '../../lib/csv';
import type { AccessLine } from './grants';
import { levelLabel, redundantText, whyText, type AccessT } from './texts';

export function accessCsv(lines: readonly AccessLine[], t: AccessT): string {
  const header = [
    t('access:csv.region'),
    t('access:csv.organization'),
    t('access:csv.repository'),
    t('access:csv.user'),
    t('access:csv.permission'),
    t('access:csv.why'),
    t('access:csv.redundant'),
  ];
  const rows = lines.map((line) => [
    line.region,
    line.namespace,
    line.repository?.name ?? t('access:csv.allRepositories'),
    line.userName,
    levelLabel(line.effective, t),
    whyText(line, t),
    redundantText(line, t),
  ]);
  return csvText([header, ...rows]);
}

/** `swr-access-cn-north-4-payments-gateway-20260310T120000Z.csv`: the regions, the choice, when. */
export function accessFilename(scope: string, choice: string, now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replaceAll(/[-:]/g, '');
  const subject = choice.replaceAll(/[^\w.-]+/g, '-').replaceAll(/^-+|-+$/g, '');
  return `swr-access-${[scope, subject].filter((part) => part !== '').join('-')}-${stamp}.csv`;
}
