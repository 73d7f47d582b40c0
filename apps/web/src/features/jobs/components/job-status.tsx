/** A job's and an item's state as a badge with its words (never colour alone). */
import type { JobSummary } from '@swr-dashboard/swr-client/browser';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../../components/ui/badge';
import { useFormat } from '../../../lib/format';
import type { JobItemStatus } from '../api';
import { itemStatusTone, jobStatusLabel, jobStatusTone } from '../texts';

export function JobStatusBadge({ job }: { job: JobSummary }) {
  const { t } = useTranslation(['jobs', 'common']);
  return (
    <Badge tone={jobStatusTone(job.status, job.counts.failed)}>
      {jobStatusLabel(job.status, job.counts.failed, t)}
    </Badge>
  );
}

export function ItemStatusBadge({ status }: { status: JobItemStatus }) {
  const { t } = useTranslation(['jobs', 'common']);
  return <Badge tone={itemStatusTone(status)}>{t(`items.status.${status}`)}</Badge>;
}

/** "12 done, 1 failed, 0 cancelled of 52". */
export function ProgressText({ job }: { job: JobSummary }) {
  const { t } = useTranslation(['jobs', 'common']);
  const format = useFormat();
  const { done, failed, cancelled } = job.counts;
  return (
    <>
      {t('progress.short', {
        done: format.number(done),
        failed: format.number(failed),
        cancelled: format.number(cancelled),
        total: format.number(job.total),
      })}
    </>
  );
}
