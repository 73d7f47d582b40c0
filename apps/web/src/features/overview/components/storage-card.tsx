/**
 * Storage by organization: one bar per organization, largest first, scaled to the largest. The
 * bars are decoration; each row says its size, share of the total and repository count in text.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button } from '../../../components/ui/button';
import { EmptyState } from '../../../components/ui/states';
import { useFormat } from '../../../lib/format';
import { paths } from '../../../lib/paths';
import { storageByOrganization, type RegionIndex } from '../summaries';
import { OverviewCard } from './overview-card';

/** Organizations shown before "Show all". */
const SHOWN = 8;

export function StorageCard({ region, index }: { region: string; index: RegionIndex }) {
  const { t } = useTranslation(['overview', 'common']);
  const format = useFormat();
  const [expanded, setExpanded] = useState(false);
  // Organizations without repositories show as storing nothing.
  const rows = storageByOrganization(index.repositories, index.namespaces);
  const total = rows.reduce((sum, row) => sum + row.bytes, 0);
  const largest = rows[0]?.bytes ?? 0;
  const visible = expanded ? rows : rows.slice(0, SHOWN);

  return (
    <OverviewCard title={t('storage.title')} description={t('storage.description')}>
      {rows.length === 0 ? (
        <EmptyState title={t('storage.empty')} />
      ) : (
        <>
          <ol aria-label={t('storage.listLabel')} className="flex flex-col gap-3">
            {visible.map((row) => {
              // Anything stored shows at least a sliver; nothing stored shows no bar.
              const width =
                largest === 0 || row.bytes === 0 ? 0 : Math.max((row.bytes / largest) * 100, 0.5);
              const percent = total === 0 ? 0 : Math.round((row.bytes / total) * 100);
              return (
                <li key={row.namespace} className="flex flex-col gap-1">
                  <div className="flex flex-wrap items-baseline justify-between gap-x-3 text-sm">
                    <Link
                      className="font-medium text-primary hover:underline"
                      to={paths.organization(region, row.namespace)}
                    >
                      {row.namespace}
                    </Link>
                    <span className="tabular-nums">
                      <span className="font-medium">{format.bytes(row.bytes)}</span>
                      <span className="text-muted">
                        {' · '}
                        {t('storage.share', { percent: format.number(percent) })}
                        {' · '}
                        {t('storage.repositories', {
                          count: row.repositories,
                          formatted: format.number(row.repositories),
                        })}
                      </span>
                    </span>
                  </div>
                  <div aria-hidden="true" className="h-2 overflow-hidden rounded-full bg-hover">
                    <div
                      className="h-full rounded-full bg-primary"
                      style={{ width: `${width.toFixed(2)}%` }}
                    />
                  </div>
                </li>
              );
            })}
          </ol>
          <div className="mt-4 flex flex-wrap items-center justify-between gap-2 text-sm">
            <p className="text-muted">
              {t('storage.total', {
                size: format.bytes(total),
                count: rows.length,
                formatted: format.number(rows.length),
              })}
            </p>
            {rows.length > SHOWN ? (
              <Button
                size="sm"
                variant="ghost"
                aria-expanded={expanded}
                onClick={() => {
                  setExpanded((value) => !value);
                }}
              >
                {expanded ? t('storage.showFewer') : t('storage.showAll', { count: rows.length })}
              </Button>
            ) : null}
          </div>
        </>
      )}
    </OverviewCard>
  );
}
