/**
 * One job of any kind: its progress, live while it runs (read again every 2 s: done, failed, left,
 * and the rate and time left measured from what this page read), Cancel while it runs, Resume
 * once cancelled with items left, Retry of its failed items once settled, its items by state in
 * the kind's columns (a failed one with SWR's answer and request id), and for a tag clean-up the
 * CSV of what it deleted.
 */
import type { JobKind, JobSummary } from '@swr-dashboard/swr-client/browser';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Button } from '../../../components/ui/button';
import { Dialog } from '../../../components/ui/dialog';
import { Field, Select } from '../../../components/ui/field';
import { PageHeader } from '../../../components/ui/page-header';
import { Pagination } from '../../../components/ui/pagination';
import { QueryState } from '../../../components/ui/query-state';
import { RelativeTime } from '../../../components/ui/relative-time';
import { EmptyState, ErrorNotice } from '../../../components/ui/states';
import { Table, Td, Th } from '../../../components/ui/table';
import { useFormat } from '../../../lib/format';
import { paths } from '../../../lib/paths';
import { useUrlState } from '../../../lib/url-state';
import {
  invalidateAfterJob,
  ITEM_PAGE_SIZES,
  ITEM_STATES,
  jobItemsQuery,
  jobQuery,
  unsettled,
  useCancelJob,
  useDownloadDeletedCsv,
  type JobItemStatus,
} from '../api';
import { paceOf, progressOf, sampleOf, withSample, type Sample } from '../progress';
import { itemColumns, jobDescription, jobTitle, type JobsT } from '../texts';
import { ItemStatusBadge, JobStatusBadge } from './job-status';
import { ResumeJob } from './resume-job';
import { RetryFailed } from './retry-failed';

function isItemState(value: string | undefined): value is JobItemStatus {
  return (ITEM_STATES as readonly string[]).includes(value ?? '');
}

/** The job's progress bar, its counts, and (while it runs) its rate and time left. */
function ProgressPanel({ job, readAt }: { job: JobSummary; readAt: number }) {
  const { t } = useTranslation(['jobs', 'common']);
  const format = useFormat();
  const progress = progressOf(job);
  // Each reading of the job (when it arrived, how far it was), kept while the page shows it.
  const [samples, setSamples] = useState<Sample[]>([]);
  const [sampled, setSampled] = useState<number | undefined>(undefined);
  if (readAt !== sampled) {
    setSampled(readAt);
    setSamples((current) => withSample(current, sampleOf(job, readAt)));
  }
  const running = unsettled(job.status);
  const pace = running ? paceOf(samples, progress.left) : undefined;
  const settled = progress.done + progress.failed + progress.cancelled;
  const counts: [string, number][] = [
    [t('progress.done'), progress.done],
    [t('progress.failed'), progress.failed],
    [t('progress.cancelled'), progress.cancelled],
    [t('progress.left'), progress.left],
  ];
  return (
    <section aria-labelledby="job-progress-title" className="mb-6 flex flex-col gap-3">
      <h2 id="job-progress-title" className="text-lg font-semibold">
        {t('progress.title')}
      </h2>
      <div
        role="progressbar"
        aria-label={t('progress.bar')}
        aria-valuemin={0}
        aria-valuemax={job.total}
        aria-valuenow={settled}
        aria-valuetext={t('progress.valueText', {
          settled: format.number(settled),
          total: format.number(job.total),
        })}
        className="h-3 w-full overflow-hidden rounded-full bg-hover"
      >
        <div
          className="flex h-full"
          style={{ width: `${String(Math.round(progress.fraction * 1000) / 10)}%` }}
        >
          <div className="h-full bg-success" style={{ flexGrow: progress.done }} />
          <div className="h-full bg-danger" style={{ flexGrow: progress.failed }} />
          <div className="h-full bg-warning" style={{ flexGrow: progress.cancelled }} />
        </div>
      </div>
      <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
        {counts.map(([label, value]) => (
          <div key={label} className="rounded-md border border-border px-3 py-2">
            <dt className="text-muted">{label}</dt>
            <dd className="text-lg font-semibold">{format.number(value)}</dd>
          </div>
        ))}
      </dl>
      <p className="text-sm text-muted">
        {t('progress.ofTotal', { total: format.number(job.total) })}
        {running ? (
          <>
            {' · '}
            {pace === undefined
              ? t('progress.measuring')
              : t(job.kind === 'tag-cleanup' ? 'progress.pace' : 'progress.paceItems', {
                  rate: format.number(Math.round(pace.perSecond * 10) / 10),
                  left: durationText(pace.secondsLeft, t),
                })}
          </>
        ) : null}
      </p>
    </section>
  );
}

function durationText(seconds: number, t: JobsT): string {
  if (seconds < 90) return t('progress.seconds', { count: seconds });
  if (seconds < 90 * 60) return t('progress.minutes', { count: Math.round(seconds / 60) });
  return t('progress.hours', { count: Math.round(seconds / 3600) });
}

function CancelJob({ job }: { job: JobSummary }) {
  const { t } = useTranslation(['jobs', 'common']);
  const cancel = useCancelJob(job.id);
  const [open, setOpen] = useState(false);
  const close = () => {
    setOpen(false);
    cancel.reset();
  };
  return (
    <>
      <Button
        variant="danger"
        onClick={() => {
          cancel.reset();
          setOpen(true);
        }}
      >
        {t('cancel.button')}
      </Button>
      <Dialog
        open={open}
        title={t('cancel.title')}
        onClose={close}
        footer={
          <>
            <Button onClick={close}>{t('cancel.keep')}</Button>
            <Button
              variant="danger"
              busy={cancel.isPending}
              onClick={() => {
                cancel.mutate(undefined, { onSuccess: close });
              }}
            >
              {t('cancel.confirm')}
            </Button>
          </>
        }
      >
        <p className="text-sm">
          {t(job.kind === 'tag-cleanup' ? 'cancel.effect' : 'cancel.effectItems')}
        </p>
        {cancel.isError ? <ErrorNotice error={cancel.error} what={t('cancel.failed')} /> : null}
      </Dialog>
    </>
  );
}

function ItemsSection({ job }: { job: JobSummary }) {
  const { t } = useTranslation(['jobs', 'common']);
  const format = useFormat();
  const url = useUrlState();
  const raw = url.get('status');
  const status = isItemState(raw) ? raw : undefined;
  const page = url.page(ITEM_PAGE_SIZES);
  const items = useQuery(jobItemsQuery(job.id, status, page, unsettled(job.status)));
  const total = status === undefined ? job.total : job.counts[status];
  // The kind's columns, for items of any kind: the BFF answers the items of the job's kind.
  const columns = itemColumns<JobKind>(job.kind, t, format);
  const caption =
    status === undefined
      ? t('items.caption')
      : t('items.captionOf', { status: t(`items.status.${status}`) });
  return (
    <section aria-labelledby="job-items-title" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 id="job-items-title" className="text-lg font-semibold">
          {t('items.title')}
        </h2>
        <Field label={t('items.filter')} className="w-64">
          {(control) => (
            <Select
              {...control}
              value={status ?? ''}
              onChange={(event) => {
                url.set({ status: event.target.value, offset: undefined });
              }}
            >
              <option value="">{t('items.all', { count: format.number(job.total) })}</option>
              {ITEM_STATES.map((state) => (
                <option key={state} value={state}>
                  {t('items.optionOf', {
                    status: t(`items.status.${state}`),
                    count: format.number(job.counts[state]),
                  })}
                </option>
              ))}
            </Select>
          )}
        </Field>
      </div>
      <QueryState
        query={items}
        what={t('items.failed')}
        keepData
        isEmpty={(list) => list.length === 0}
        empty={<EmptyState title={t('items.empty')} />}
      >
        {(list) => (
          <>
            <Table caption={caption}>
              <thead>
                <tr>
                  <Th>{t('items.columns.seq')}</Th>
                  <Th>{t('items.columns.repository')}</Th>
                  {columns.map((column) => (
                    <Th key={column.header}>{column.header}</Th>
                  ))}
                  <Th>{t('items.columns.status')}</Th>
                  <Th>{t('items.columns.result')}</Th>
                </tr>
              </thead>
              <tbody>
                {list.map((item) => (
                  <tr key={item.seq}>
                    <Td className="text-muted">{format.number(item.seq + 1)}</Td>
                    <Td>
                      {item.target.namespace}/{item.target.repository}
                    </Td>
                    {columns.map((column) => (
                      <Td
                        key={column.header}
                        className={column.mono === true ? 'font-mono' : undefined}
                      >
                        <span title={column.title?.(item.target)}>{column.text(item.target)}</span>
                      </Td>
                    ))}
                    <Td>
                      <ItemStatusBadge status={item.status} />
                    </Td>
                    <Td className="max-w-md text-xs">
                      {item.result === null ? (
                        <span className="text-muted">—</span>
                      ) : (
                        <>
                          <div>{item.result.message}</div>
                          {item.result.status === null ? null : (
                            <div className="text-muted">
                              {t('items.httpStatus', { status: item.result.status })}
                            </div>
                          )}
                          {item.result.requestId === null ? null : (
                            <div className="font-mono break-all text-muted">
                              {t('items.requestId', { id: item.result.requestId })}
                            </div>
                          )}
                        </>
                      )}
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
            <Pagination
              offset={page.offset}
              limit={page.limit}
              total={total}
              pageSizes={ITEM_PAGE_SIZES}
              onChange={(next) => {
                url.setPage(next, ITEM_PAGE_SIZES);
              }}
            />
          </>
        )}
      </QueryState>
    </section>
  );
}

function JobDetail({ job, readAt }: { job: JobSummary; readAt: number }) {
  const { t } = useTranslation(['jobs', 'common']);
  const format = useFormat();
  const queryClient = useQueryClient();
  const download = useDownloadDeletedCsv();
  // Once the job settles here, what it deleted is gone from the region's views: read them again.
  const previous = useRef(job.status);
  const { id, region, status } = job;
  useEffect(() => {
    if (unsettled(previous.current) && !unsettled(status)) {
      void invalidateAfterJob(queryClient, { id, region });
    }
    previous.current = status;
  }, [id, region, status, queryClient]);
  const header = {
    namespace: t('csv.namespace'),
    repository: t('csv.repository'),
    tag: t('csv.tag'),
    digest: t('csv.digest'),
    pushed: t('csv.pushed'),
    requestId: t('csv.requestId'),
    note: t('csv.note'),
  };
  return (
    <>
      <PageHeader
        title={jobTitle(job.spec, t)}
        description={jobDescription(job.spec, t)}
        actions={
          <>
            {job.kind === 'tag-cleanup' ? (
              <Button
                busy={download.isPending}
                disabledReason={job.counts.done === 0 ? t('csv.nothing') : undefined}
                onClick={() => {
                  download.mutate({ job, header });
                }}
              >
                {t('csv.download')}
              </Button>
            ) : null}
            {job.status === 'running' ? <CancelJob job={job} /> : null}
            {job.status === 'cancelled' && job.counts.cancelled > 0 ? (
              <ResumeJob job={job} />
            ) : null}
            {(job.status === 'done' || job.status === 'cancelled') && job.counts.failed > 0 ? (
              <RetryFailed job={job} />
            ) : null}
          </>
        }
      />
      <dl className="mb-4 flex flex-wrap gap-x-6 gap-y-2 text-sm">
        <div className="flex items-center gap-2">
          <dt className="text-muted">{t('job.status')}</dt>
          <dd>
            <JobStatusBadge job={job} />
          </dd>
        </div>
        <div className="flex gap-2">
          <dt className="text-muted">{t('job.owner')}</dt>
          <dd>{job.owner}</dd>
        </div>
        <div className="flex gap-2">
          <dt className="text-muted">{t('job.created')}</dt>
          <dd>
            <RelativeTime iso={job.createdAt} />
          </dd>
        </div>
        {job.finishedAt === null ? null : (
          <div className="flex gap-2">
            <dt className="text-muted">{t('job.finished')}</dt>
            <dd>
              <RelativeTime iso={job.finishedAt} />
            </dd>
          </div>
        )}
        <div className="flex gap-2">
          <dt className="text-muted">{t('job.region')}</dt>
          <dd>{job.region}</dd>
        </div>
        <div className="flex gap-2">
          <dt className="text-muted">{t('job.id')}</dt>
          <dd className="font-mono">{job.id}</dd>
        </div>
      </dl>
      {download.isError ? <ErrorNotice error={download.error} what={t('csv.failed')} /> : null}
      {download.isSuccess ? (
        <p role="status" className="mb-2 text-sm text-muted">
          {t('csv.saved', {
            filename: download.data.filename,
            count: download.data.rows,
            formatted: format.number(download.data.rows),
          })}
        </p>
      ) : null}
      <ProgressPanel job={job} readAt={readAt} />
      <ItemsSection job={job} />
    </>
  );
}

export function JobPage() {
  const { t } = useTranslation(['jobs', 'common']);
  const { region = '', id = '' } = useParams();
  const read = useQuery(jobQuery(id));
  return (
    <>
      <p className="mb-2 text-sm">
        <Link className="text-primary hover:underline" to={paths.jobs(region)}>
          {t('job.back')}
        </Link>
      </p>
      <QueryState
        query={read}
        what={t('job.failed')}
        keepData
        renderError={(state) => (
          <>
            <PageHeader title={t('job.notFoundTitle')} />
            {state}
          </>
        )}
      >
        {(data) => <JobDetail job={data} readAt={read.dataUpdatedAt} />}
      </QueryState>
    </>
  );
}
