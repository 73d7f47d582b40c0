/**
 * The Jobs page: the user's server-side jobs, newest first (an admin may switch to everyone's),
 * each with its state, progress, owner and start, and a link to its page; and, for those allowed
 * its operations, a new job of each kind, its form open in the page: `?new=1` a tag clean-up,
 * `?new=<kind>` the others (More jobs), `&repository=organization/repository` one already chosen.
 */
import type { JobKind } from '@swr-dashboard/swr-client/browser';
import { useQuery } from '@tanstack/react-query';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Button } from '../../../components/ui/button';
import { PageHeader } from '../../../components/ui/page-header';
import { QueryState } from '../../../components/ui/query-state';
import { RelativeTime } from '../../../components/ui/relative-time';
import { EmptyState } from '../../../components/ui/states';
import { Table, Td, Th } from '../../../components/ui/table';
import { paths } from '../../../lib/paths';
import { useMe } from '../../../lib/session';
import { useUrlState } from '../../../lib/url-state';
import { jobsQuery, unsettled } from '../api';
import { draftFor } from '../draft';
import { KIND_OPERATIONS, kindToCreate, TEMPLATE_KINDS, type TemplateKind } from '../kinds';
import { jobTitle, specText } from '../texts';
import { JobStatusBadge, ProgressText } from './job-status';
import { NewCleanup } from './new-cleanup';
import { NewJobMenu } from './new-job-menu';
import { NewRetention } from './new-retention';
import { NewShareChange } from './new-share-change';
import { NewSync } from './new-sync';
import { NewTrigger } from './new-trigger';
import { NewTriggerSwitch } from './new-trigger-switch';
import type { NewTemplateProps } from './template-form';

const FORMS: Record<TemplateKind, ComponentType<NewTemplateProps>> = {
  'retention-template': NewRetention,
  'sync-template': NewSync,
  'trigger-template': NewTrigger,
  'share-change': NewShareChange,
  'trigger-switch': NewTriggerSwitch,
};

/** The form of a new job of the kind. */
function NewJob({ kind, ...props }: NewTemplateProps & { kind: JobKind }) {
  if (kind === 'tag-cleanup') return <NewCleanup region={props.region} onClose={props.onClose} />;
  const Form = FORMS[kind];
  return <Form {...props} />;
}

export function JobsPage() {
  const { t } = useTranslation(['jobs', 'common']);
  const { region = '' } = useParams();
  const me = useMe();
  const url = useUrlState();
  const admin = me.user.role === 'admin';
  const everyone = admin && url.get('all') === '1';
  const allowed = (kind: JobKind) =>
    KIND_OPERATIONS[kind].some((operation) => me.permissions[operation].allowed);
  const asked = kindToCreate(url.get('new'));
  const creating = asked !== undefined && allowed(asked) ? asked : undefined;
  const more = TEMPLATE_KINDS.filter(allowed);
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
            {allowed('tag-cleanup') && creating !== 'tag-cleanup' ? (
              <Button
                variant="primary"
                onClick={() => {
                  url.set({ new: '1', repository: undefined });
                }}
              >
                {t('list.newCleanup')}
              </Button>
            ) : null}
            {more.length === 0 ? null : <NewJobMenu kinds={more} />}
          </>
        }
      />
      {creating === undefined ? null : (
        <NewJob
          key={creating}
          kind={creating}
          region={region}
          initial={draftFor(url.get('repository')).repositories}
          onClose={() => {
            url.set({ new: undefined, repository: undefined });
          }}
        />
      )}
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
