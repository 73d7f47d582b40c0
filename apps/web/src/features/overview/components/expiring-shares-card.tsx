/**
 * Shares ending soon: the shares this account gives that end within a week, and those already
 * ended, each linking to its repository's Sharing tab. Judged at the time the shares were read.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Badge } from '../../../components/ui/badge';
import { EmptyState } from '../../../components/ui/states';
import { useFormat } from '../../../lib/format';
import { paths } from '../../../lib/paths';
import { sharesQuery } from '../api';
import { EXPIRING_WITHIN_DAYS, sharesNeedingAttention } from '../summaries';
import { QueryState } from '../../../components/ui/query-state';
import { OverviewCard, PartialNote } from './overview-card';

export function ExpiringSharesCard({ region }: { region: string }) {
  const { t } = useTranslation(['overview', 'common']);
  const format = useFormat();
  const shares = useQuery(sharesQuery(region));
  // "Now" is when the shares were read, so the list stays consistent with its data.
  const now = shares.dataUpdatedAt;

  return (
    <OverviewCard
      title={t('shares.title')}
      description={t('shares.description', { count: EXPIRING_WITHIN_DAYS })}
    >
      <QueryState query={shares} what={t('shares.failed', { region })}>
        {(data) => {
          const rows = sharesNeedingAttention(data.shares, now);
          return (
            <>
              {rows.length === 0 ? (
                <EmptyState title={t('shares.empty', { count: EXPIRING_WITHIN_DAYS })}>
                  {t('shares.checked', {
                    count: data.shares.length,
                    formatted: format.number(data.shares.length),
                  })}
                </EmptyState>
              ) : (
                <ul
                  aria-label={t('shares.listLabel')}
                  className="flex flex-col divide-y divide-border"
                >
                  {rows.map(({ share, state, deadline }) => {
                    const iso = new Date(deadline).toISOString();
                    return (
                      <li
                        key={`${share.namespace}/${share.repository}/${share.access_domain}`}
                        className="flex flex-col gap-1 py-2.5 first:pt-0 last:pb-0"
                      >
                        <div className="flex flex-wrap items-center justify-between gap-2">
                          <Link
                            className="font-medium break-all text-primary hover:underline"
                            to={paths.repository(
                              region,
                              share.namespace,
                              share.repository,
                              'sharing',
                            )}
                          >
                            {share.namespace}/{share.repository}
                          </Link>
                          <Badge tone={state === 'expired' ? 'danger' : 'warning'}>
                            {state === 'expired' ? t('shares.expired') : t('shares.expiring')}
                          </Badge>
                        </div>
                        <p className="text-sm">
                          {t('shares.with', { account: share.access_domain })}
                          {' · '}
                          <time dateTime={iso} title={format.dateTime(iso)}>
                            {state === 'expired'
                              ? t('shares.endedWhen', { when: format.relative(iso, now) })
                              : t('shares.endsWhen', { when: format.relative(iso, now) })}
                          </time>
                        </p>
                        {share.description === '' ? null : (
                          <p className="text-sm break-words text-muted">{share.description}</p>
                        )}
                      </li>
                    );
                  })}
                </ul>
              )}
              {data.unreadable.length > 0 ? (
                <PartialNote onRetry={() => void shares.refetch()}>
                  {t('shares.unreadable', {
                    count: data.unreadable.length,
                    names: data.unreadable
                      .slice(0, 3)
                      .map((repo) => `${repo.namespace}/${repo.repository}`)
                      .join(', '),
                  })}
                </PartialNote>
              ) : null}
              {data.skipped > 0 ? (
                <p className="mt-3 text-sm text-muted">
                  {t('shares.skipped', {
                    count: data.skipped,
                    formatted: format.number(data.skipped),
                  })}
                </p>
              ) : null}
            </>
          );
        }}
      </QueryState>
    </OverviewCard>
  );
}
