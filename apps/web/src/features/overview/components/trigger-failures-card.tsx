/**
 * Recent trigger failures: the latest failed deploy runs across the region's most recently
 * pushed repositories, each linking to its repository's Triggers tab. Repositories whose triggers
 * could not be read are named, and the rest still shows.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Badge } from '../../../components/ui/badge';
import { RelativeTime } from '../../../components/ui/relative-time';
import { EmptyState } from '../../../components/ui/states';
import { useFormat } from '../../../lib/format';
import { paths } from '../../../lib/paths';
import { triggerFailuresQuery } from '../api';
import { QueryState } from '../../../components/ui/query-state';
import { OverviewCard, PartialNote } from './overview-card';

export function TriggerFailuresCard({ region }: { region: string }) {
  const { t } = useTranslation(['overview', 'common']);
  const format = useFormat();
  const failures = useQuery(triggerFailuresQuery(region));

  return (
    <OverviewCard title={t('triggers.title')} description={t('triggers.description')}>
      <QueryState
        query={failures}
        what={t('triggers.failed', { region })}
        loadingLabel={t('triggers.loading')}
      >
        {(data) => (
          <>
            {data.failures.length === 0 ? (
              <EmptyState title={t('triggers.empty')}>
                {t('triggers.checked', {
                  count: data.scanned,
                  formatted: format.number(data.scanned),
                })}
              </EmptyState>
            ) : (
              <ul
                aria-label={t('triggers.listLabel')}
                className="flex flex-col divide-y divide-border"
              >
                {data.failures.map((failure) => (
                  <li
                    key={`${failure.namespace}/${failure.repository}/${failure.trigger}`}
                    className="flex flex-col gap-1 py-2.5 first:pt-0 last:pb-0"
                  >
                    <div className="flex flex-wrap items-center justify-between gap-2">
                      <Link
                        className="font-medium break-all text-primary hover:underline"
                        to={paths.repository(
                          region,
                          failure.namespace,
                          failure.repository,
                          'triggers',
                        )}
                      >
                        {failure.namespace}/{failure.repository}
                      </Link>
                      <span className="flex items-center gap-2 text-sm text-muted">
                        {failure.stillFailing ? (
                          <Badge tone="danger">{t('triggers.stillFailing')}</Badge>
                        ) : (
                          <Badge tone="neutral">{t('triggers.recovered')}</Badge>
                        )}
                        <RelativeTime iso={failure.at} />
                      </span>
                    </div>
                    <p className="text-sm">
                      {t('triggers.run', { trigger: failure.trigger })}
                      {' · '}
                      {t('triggers.tag')}{' '}
                      <code className="rounded bg-hover px-1 py-0.5 font-mono text-xs">
                        {failure.tag}
                      </code>
                    </p>
                    <p className="text-sm break-words text-muted">{failure.detail}</p>
                    {failure.failed > 1 ? (
                      <p className="text-xs text-muted">
                        {t('triggers.failedRuns', {
                          failed: format.number(failure.failed),
                          runs: format.number(failure.runs),
                        })}
                        {failure.earlierTags.length === 0
                          ? null
                          : ` · ${t('triggers.earlierTags', { tags: failure.earlierTags.join(', ') })}`}
                      </p>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
            {data.unreadable.length > 0 ? (
              <PartialNote onRetry={() => void failures.refetch()}>
                {t('triggers.unreadable', {
                  count: data.unreadable.length,
                  names: data.unreadable
                    .slice(0, 3)
                    .map((repo) => `${repo.namespace}/${repo.repository}`)
                    .join(', '),
                })}
              </PartialNote>
            ) : null}
            {data.withTags > data.scanned ? (
              <p className="mt-3 text-sm text-muted">
                {t('triggers.bounded', {
                  count: data.scanned,
                  formatted: format.number(data.scanned),
                  total: format.number(data.withTags),
                })}
              </p>
            ) : null}
          </>
        )}
      </QueryState>
    </OverviewCard>
  );
}
