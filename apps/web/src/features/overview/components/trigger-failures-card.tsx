/**
 * Trigger failures: the deploy triggers of the region whose latest run failed, the most recent
 * failure first, each linking to its repository's Triggers tab. Every repository's triggers are in
 * the index, so nothing is left unread.
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Badge } from '../../../components/ui/badge';
import { RelativeTime } from '../../../components/ui/relative-time';
import { EmptyState } from '../../../components/ui/states';
import { useFormat } from '../../../lib/format';
import { paths } from '../../../lib/paths';
import { RECENT_LIMIT } from '../api';
import { triggerFailures, type RegionIndex } from '../summaries';
import { OverviewCard } from './overview-card';

export function TriggerFailuresCard({ region, index }: { region: string; index: RegionIndex }) {
  const { t } = useTranslation(['overview', 'common']);
  const format = useFormat();
  const failures = triggerFailures(index.repositories);
  const shown = failures.slice(0, RECENT_LIMIT);
  const triggers = index.repositories.reduce((sum, repo) => sum + repo.triggers.length, 0);
  const more = failures.length - shown.length;

  return (
    <OverviewCard title={t('triggers.title')} description={t('triggers.description')}>
      {shown.length === 0 ? (
        <EmptyState title={t('triggers.empty')}>
          {t('triggers.checked', { count: triggers, formatted: format.number(triggers) })}
        </EmptyState>
      ) : (
        <ul aria-label={t('triggers.listLabel')} className="flex flex-col divide-y divide-border">
          {shown.map((failure) => (
            <li
              key={`${failure.namespace}/${failure.repository}/${failure.trigger}`}
              className="flex flex-col gap-1 py-2.5 first:pt-0 last:pb-0"
            >
              <div className="flex flex-wrap items-center justify-between gap-2">
                <Link
                  className="font-medium break-all text-primary hover:underline"
                  to={paths.repository(region, failure.namespace, failure.repository, 'triggers')}
                >
                  {failure.namespace}/{failure.repository}
                </Link>
                <span className="flex items-center gap-2 text-sm text-muted">
                  {failure.enabled ? (
                    <Badge tone="danger">{t('triggers.stillFailing')}</Badge>
                  ) : (
                    <Badge tone="neutral">{t('triggers.disabled')}</Badge>
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
              {failure.cluster === '' || failure.application === '' ? null : (
                <p className="text-sm break-words text-muted">
                  {t('triggers.target', {
                    application: failure.application,
                    cluster: failure.cluster,
                  })}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      {more > 0 ? (
        <p className="mt-3 text-sm text-muted">
          {t('triggers.more', { count: more, formatted: format.number(more) })}
        </p>
      ) : null}
    </OverviewCard>
  );
}
