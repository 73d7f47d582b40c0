/**
 * The Jobs page: the user's server-side jobs, newest first (an admin may switch to everyone's),
 * each with its state, progress, owner and start, and a link to its page; and, for those who may
 * delete tags, a new tag clean-up (the form opens in the page: `?new=1`).
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Button } from '../../../components/ui/button';
import { PageHeader } from '../../../components/ui/page-header';
import { QueryState } from '../../../components/ui/query-state';
import { RelativeTime } from '../../../components/ui/relative-time';
import { EmptyState } from '../../../components/ui/states';
import { Table, Td, Th } from '../../../components/ui/table';
import { paths } from '../../../lib/paths';
import { useMe, usePermission } from '../../../lib/session';
import { useUrlState } from '../../../lib/url-state';
import { jobsQuery, unsettled } from '../api';
import { jobTitle, specText } from '../texts';
import { JobStatusBadge, ProgressText } from './job-status';
import { NewCleanup } from './new-cleanup';

export function JobsPage() {
  const { t } = useTranslation(['jobs', 'common']);
  const { region = '' } = useParams();
  const me = useMe();
  const url = useUrlState();
  const admin = me.user.role === 'admin';
  const everyone = admin && url.get('all') === '1';
  const canDelete = usePermission('deleteRepoTag');
  const creating = canDelete.allowed && url.get('new') === '1';
  const list = useQuery(jobsQuery(everyone));
  const caption = everyone ? t('list.captionEveryone') : t('list.captionMine');
  return (
    <>
      <PageHeader
        title={t('page.title')}
        description={t('page.description')}
        actions={
          <>
            <Button onClick={() => void list.refetch()} busy={list.isFetching && !list.isPending}>
              {t('common:actions.refresh')}
            </Button>
            {canDelete.allowed && !creating ? (
              <Button
                variant="primary"
                onClick={() => {
                  url.set({ new: '1' });
                }}
              >
                {t('list.newCleanup')}
              </Button>
            ) : null}
          </>
        }
      />
      {creating ? (
        <NewCleanup
          region={region}
          onClose={() => {
            url.set({ new: undefined });
          }}
        />
      ) : null}
      {admin ? (
        <label className="mb-3 flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            role="switch"
            checked={everyone}
            onChange={(event) => {
              url.set({ all: event.target.checked ? '1' : undefined });
            }}
          />
          {t('list.everyone')}
        </label>
      ) : null}
      <QueryState
        query={list}
        what={t('list.failed')}
        keepData
        isEmpty={(jobs) => jobs.length === 0}
        empty={<EmptyState title={t('list.empty')}>{t('list.emptyHint')}</EmptyState>}
      >
        {(jobs) => (
          <Table caption={caption}>
            <thead>
              <tr>
                <Th>{t('list.columns.job')}</Th>
                <Th>{t('list.columns.region')}</Th>
                <Th>{t('list.columns.status')}</Th>
                <Th>{t('list.columns.progress')}</Th>
                <Th>{t('list.columns.owner')}</Th>
                <Th>{t('list.columns.created')}</Th>
              </tr>
            </thead>
            <tbody>
              {jobs.map((job) => (
                <tr key={job.id} className="hover:bg-hover">
                  <Td>
                    <Link
                      className="font-medium text-primary hover:underline"
                      to={paths.job(job.region, job.id)}
                    >
                      {jobTitle(job.spec, t)}
                    </Link>
                    <div className="text-xs text-muted">{specText(job.spec, t)}</div>
                    <div className="font-mono text-xs text-muted">{job.id}</div>
                  </Td>
                  <Td>{job.region}</Td>
                  <Td>
                    <JobStatusBadge job={job} />
                  </Td>
                  <Td className={unsettled(job.status) ? 'font-medium' : undefined}>
                    <ProgressText job={job} />
                  </Td>
                  <Td>{job.owner}</Td>
                  <Td className="whitespace-nowrap">
                    <RelativeTime iso={job.createdAt} />
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </QueryState>
    </>
  );
}
