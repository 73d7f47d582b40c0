/**
 * The repository's sync jobs, newest first, paged on the server; the page is in the URL. "Started
 * by" names the person from the console's audit trail where a job comes from a manual sync sent
 * through the console, and SWR's IAM user otherwise.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/ui/query-state';
import { Button } from '../../../components/ui/button';
import { Card } from '../../../components/ui/page-header';
import { Pagination, PAGE_SIZES } from '../../../components/ui/pagination';
import { RelativeTime } from '../../../components/ui/relative-time';
import { EmptyState } from '../../../components/ui/states';
import { Table, Td, Th } from '../../../components/ui/table';
import { useUrlState } from '../../../lib/url-state';
import { syncJobsQuery, syncStartsQuery, type RepositoryRef } from '../api';
import { startsOfJobs } from '../started-by';
import { SyncStatusBadge } from './sync-status-badge';

export function SyncJobs({ repository }: { repository: RepositoryRef }) {
  const { t } = useTranslation(['sync', 'common']);
  const url = useUrlState();
  const { offset, limit } = url.page(PAGE_SIZES);
  const jobs = useQuery(syncJobsQuery(repository, { limit, offset }));
  // Without it (an error, still loading) jobs show SWR's IAM user, as SWR records it.
  const starts = useQuery({ ...syncStartsQuery(repository), enabled: (jobs.data?.total ?? 0) > 0 });
  const startedBy = startsOfJobs(jobs.data?.items ?? [], starts.data?.starts ?? []);
  const name = `${repository.namespace}/${repository.repository}`;

  return (
    <Card
      title={t('jobs.title')}
      actions={
        <Button size="sm" busy={jobs.isFetching} onClick={() => void jobs.refetch()}>
          {t('common:actions.refresh')}
        </Button>
      }
    >
      <p className="mb-3 text-sm text-muted">{t('jobs.description')}</p>
      <QueryState
        query={jobs}
        what={t('jobs.failed')}
        isEmpty={(data) => data.total === 0}
        empty={<EmptyState title={t('jobs.empty')} />}
      >
        {(data) => (
          <>
            <Table caption={t('jobs.caption', { name })}>
              <thead>
                <tr>
                  <Th>{t('jobs.tag')}</Th>
                  <Th>{t('jobs.target')}</Th>
                  <Th>{t('jobs.status')}</Th>
                  <Th>{t('jobs.override')}</Th>
                  <Th>{t('jobs.operator')}</Th>
                  <Th>{t('jobs.time')}</Th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((job) => (
                  <tr key={job.id}>
                    <Td className="whitespace-nowrap font-mono">{job.tag}</Td>
                    <Td>
                      {job.remoteRegionId} / {job.remoteNamespace}
                    </Td>
                    <Td>
                      <SyncStatusBadge status={job.status} />
                    </Td>
                    <Td>{job.override ? t('jobs.yes') : t('jobs.no')}</Td>
                    <Td>
                      <StartedBy
                        person={startedBy.get(job.id)?.by}
                        iamUser={job.syncOperatorName}
                      />
                    </Td>
                    <Td>
                      <RelativeTime iso={job.createdAt} />
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
            <Pagination
              offset={offset}
              limit={limit}
              total={data.total}
              onChange={(page) => {
                url.setPage(page, PAGE_SIZES);
              }}
            />
          </>
        )}
      </QueryState>
    </Card>
  );
}

/** The person who asked through the console, or else the IAM user SWR names. */
function StartedBy({ person, iamUser }: { person: string | undefined; iamUser: string }) {
  const { t } = useTranslation('sync');
  if (person !== undefined) {
    return (
      <span className="flex flex-col">
        <span>{person}</span>
        <span className="text-xs text-muted">{t('jobs.throughConsole')}</span>
      </span>
    );
  }
  if (iamUser === '') return <>—</>;
  return (
    <span className="flex flex-col">
      <span>{iamUser}</span>
      <span className="text-xs text-muted">{t('jobs.iamUser')}</span>
    </span>
  );
}
