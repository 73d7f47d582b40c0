/**
 * "Resume job", on a cancelled job's page while it has items it never started: the job goes on
 * with exactly those (their count confirmed; the BFF checks it, 409 `preview_changed` when it no
 * longer holds), each checked first. Who may resume is who may start a job of its kind.
 */
import type { JobSummary } from '@swr-dashboard/swr-client/browser';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button';
import { Dialog } from '../../../components/ui/dialog';
import { ErrorNotice } from '../../../components/ui/states';
import { useFormat } from '../../../lib/format';
import { usePermission } from '../../../lib/session';
import { useResumeJob } from '../api';
import { specOperation } from '../kinds';

export function ResumeJob({ job }: { job: JobSummary }) {
  const { t } = useTranslation(['jobs', 'common']);
  const format = useFormat();
  const resume = useResumeJob(job.id);
  const permission = usePermission(specOperation(job.spec));
  const [open, setOpen] = useState(false);
  const count = job.counts.cancelled;
  const formatted = format.number(count);
  const close = () => {
    setOpen(false);
    resume.reset();
  };
  return (
    <>
      <Button
        variant="primary"
        disabledReason={permission.allowed ? undefined : permission.reason}
        onClick={() => {
          resume.reset();
          setOpen(true);
        }}
      >
        {t('resume.button')}
      </Button>
      <Dialog
        open={open}
        title={t('resume.title')}
        onClose={close}
        footer={
          <>
            <Button onClick={close}>{t('common:actions.cancel')}</Button>
            <Button
              variant="danger"
              busy={resume.isPending}
              onClick={() => {
                resume.mutate(count, { onSuccess: close });
              }}
            >
              {t('resume.confirm', { count, formatted })}
            </Button>
          </>
        }
      >
        <p className="text-sm">{t('resume.effect', { count, formatted })}</p>
        {resume.isError ? <ErrorNotice error={resume.error} what={t('resume.failed')} /> : null}
      </Dialog>
    </>
  );
}
