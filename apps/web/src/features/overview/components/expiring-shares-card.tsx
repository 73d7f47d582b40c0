/**
 * Shares ending soon: the shares this account gives that end within a week, and those already
 * ended, each linking to its repository's Sharing tab. Judged at the time the index was read.
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Badge } from '../../../components/ui/badge';
import { EmptyState } from '../../../components/ui/states';
import { useFormat } from '../../../lib/format';
import { paths } from '../../../lib/paths';
import {
  EXPIRING_WITHIN_DAYS,
  sharesNeedingAttention,
  sharesOf,
  type RegionIndex,
} from '../summaries';
import { OverviewCard } from './overview-card';

export function ExpiringSharesCard({
  region,
  index,
  now,
}: {
  region: string;
  index: RegionIndex;
  /** When the index was read: the list stays consistent with its data. */
  now: number;
}) {
  const { t } = useTranslation(['overview', 'common']);
  const format = useFormat();
  const shares = sharesOf(index.repositories);
  const rows = sharesNeedingAttention(shares, now);

  return (
    <OverviewCard
      title={t('shares.title')}
      description={t('shares.description', { count: EXPIRING_WITHIN_DAYS })}
    >
      {rows.length === 0 ? (
        <EmptyState title={t('shares.empty', { count: EXPIRING_WITHIN_DAYS })}>
          {t('shares.checked', {
            count: shares.length,
            formatted: format.number(shares.length),
          })}
        </EmptyState>
      ) : (
        <ul aria-label={t('shares.listLabel')} className="flex flex-col divide-y divide-border">
          {rows.map(({ share, state, deadline }) => {
            const iso = new Date(deadline).toISOString();
            return (
              <li
                key={`${share.namespace}/${share.repository}/${share.account}`}
                className="flex flex-col gap-1 py-2.5 first:pt-0 last:pb-0"
              >
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <Link
                    className="font-medium break-all text-primary hover:underline"
                    to={paths.repository(region, share.namespace, share.repository, 'sharing')}
                  >
                    {share.namespace}/{share.repository}
                  </Link>
                  <Badge tone={state === 'expired' ? 'danger' : 'warning'}>
                    {state === 'expired' ? t('shares.expired') : t('shares.expiring')}
                  </Badge>
                </div>
                <p className="text-sm">
                  {t('shares.with', { account: share.account })}
                  {' · '}
                  <time dateTime={iso} title={format.dateTime(iso)}>
                    {state === 'expired'
                      ? t('shares.endedWhen', { when: format.relative(iso, now) })
                      : t('shares.endsWhen', { when: format.relative(iso, now) })}
                  </time>
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </OverviewCard>
  );
}
