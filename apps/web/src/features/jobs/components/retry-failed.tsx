/**
 * "Retry the failed items as a new job", on a finished job's page: the new job holds exactly the
 * items that failed (the BFF checks their count), and the page moves to it. Who may retry is who
 * may start a job of its kind.
 */
import type { JobSummary } from '@swr-dashboard/swr-client/browser';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Button } from '../../../components/ui/button';
import { Dialog } from '../../../components/ui/dialog';
import { ErrorNotice } from '../../../components/ui/states';
import { paths } from '../../../lib/paths';
import { usePermission } from '../../../lib/session';
import { useRetryFailed } from '../api';
import { specOperation } from '../kinds';

export function RetryFailed({ job }: { job: JobSummary }) {
  const { t } = useTranslation(['jobs', 'common']);
  const navigate = useNavigate();
  const retry = useRetryFailed(job.id);
  const permission = usePermission(specOperation(job.spec));
  const [open, setOpen] = useState(false);
  const failed = job.counts.failed;
  const close = () => {
    setOpen(false);
    retry.reset();
  };
  return (
    <>
      <Button
        disabledReason={permission.allowed ? undefined : permission.reason}
        onClick={() => {
          retry.reset();
          setOpen(true);
        }}
      >
        {t('retry.button', { count: failed })}
      </Button>
      <Dialog
        open={open}
        title={t('retry.title', { count: failed })}
        onClose={close}
        footer={
          <>
            <Button onClick={close}>{t('common:actions.cancel')}</Button>
            <Button
              variant="danger"
              busy={retry.isPending}
              onClick={() => {
                retry.mutate(failed, {
                  onSuccess: (next) => {
                    close();
                    void navigate(paths.job(next.region, next.id));
                  },
                });
              }}
            >
              {t('retry.confirm', { count: failed })}
            </Button>
          </>
        }
      >
        <p className="text-sm">{t('retry.effect')}</p>
        {retry.isError ? <ErrorNotice error={retry.error} what={t('retry.failed')} /> : null}
      </Dialog>
    </>
  );
}
