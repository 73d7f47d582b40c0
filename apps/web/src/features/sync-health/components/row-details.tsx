/**
 * What a row's target lacks, in full: the missing tags, the tags with another digest, and the
 * week's failed sync jobs (those whose tag the target now holds marked as synced since).
 */
import type { ReactNode } from 'react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';
import { rowNames, type FailedJob, type HealthRow } from '../rows';
import { TagList, TAGS_SHOWN } from './tag-list';

export function RowDetails({ row }: { row: HealthRow }) {
  const { t } = useTranslation('sync-health');
  const unreadable = row.status === 'unreadable';
  return (
    <section aria-label={t('details.label', rowNames(row))} className="flex flex-col gap-3 text-sm">
      {unreadable ? (
        <p>{t('details.unreadable')}</p>
      ) : (
        <>
          <Part title={t('details.missing')}>
            <Tags label={t('details.missing')} tags={row.missing} />
          </Part>
          <Part title={t('details.differing')}>
            <Tags label={t('details.differing')} tags={row.differing} />
          </Part>
        </>
      )}
      <Part title={t('details.failedJobs')}>
        <FailedJobs row={row} />
      </Part>
      <p className="text-xs text-muted">
        {t(row.override ? 'details.override' : 'details.noOverride')}
      </p>
    </section>
  );
}

function Part({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <div role="group" aria-labelledby={id} className="flex flex-col gap-1">
      <h3 id={id} className="font-medium">
        {title}
      </h3>
      {children}
    </div>
  );
}

function Tags({ label, tags }: { label: string; tags: readonly string[] }) {
  const { t } = useTranslation('sync-health');
  if (tags.length === 0) return <p className="text-muted">{t('details.none')}</p>;
  return <TagList label={label} tags={tags} />;
}

function FailedJobs({ row }: { row: HealthRow }) {
  const { t } = useTranslation('sync-health');
  const format = useFormat();
  const jobs = row.target.failedJobs;
  if (jobs.length === 0) return <p className="text-muted">{t('details.none')}</p>;
  const outstanding = new Set<FailedJob>(row.failing);
  const shown = jobs.slice(0, TAGS_SHOWN);
  return (
    <>
      <ul aria-label={t('details.failedJobs')} className="flex flex-col gap-0.5">
        {shown.map((job, index) => (
          <li key={`${job.tag}-${job.at}-${String(index)}`}>
            <span className="font-mono text-xs">
              {t('details.job', {
                tag: job.tag,
                status: job.status,
                when: format.relative(job.at),
              })}
            </span>
            {outstanding.has(job) ? null : (
              <span className="ml-2 text-xs text-success">{t('details.resolved')}</span>
            )}
          </li>
        ))}
      </ul>
      {jobs.length > shown.length ? (
        <p className="text-xs text-muted">
          {t('details.andMore', {
            count: jobs.length - shown.length,
            formatted: format.number(jobs.length - shown.length),
          })}
        </p>
      ) : null}
    </>
  );
}
