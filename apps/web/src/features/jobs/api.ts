/**
 * Server-side jobs (issue 16, docs/decisions/0019): the user's jobs (an admin's: everyone's), one
 * job and its items, a job's preview (of any kind), starting it with the count the user confirmed,
 * cancelling, resuming and retrying it. A job runs in the BFF: the pages only read it, every
 * {@link JOB_POLL_MS} while it is not settled. (Where a trigger template may deploy is read as a
 * trigger's is: lib/deploy-targets.ts.)
 */
import {
  bffCodeOf,
  cancelJobEndpoint,
  createJobEndpoint,
  jobEndpoint,
  jobItemsEndpoint,
  jobPreviewEndpoint,
  jobsEndpoint,
  resumeJobEndpoint,
  retryJobEndpoint,
  type JobItem,
  type JobItemOf,
  type JobKind,
  type JobPreviewOf,
  type JobPreviewResponse,
  type JobSpec,
  type JobSummary,
} from '@swr-dashboard/swr-client/browser';
import {
  keepPreviousData,
  queryOptions,
  useMutation,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { bff } from '../../lib/api';
import { csvText } from '../../lib/csv';
import { fleetIndexKeys } from '../../lib/fleet-index';
import { swrKeys } from '../../lib/query-keys';
import { saveFile } from '../../lib/save-file';

export type JobStatus = JobSummary['status'];
export type JobItemStatus = JobItem['status'];

/** The item states in the order the page lists them. */
export const ITEM_STATES = ['pending', 'running', 'done', 'failed', 'cancelled'] as const;

/** How often a job that is not settled is read again. */
export const JOB_POLL_MS = 2000;

/** Items a page of the job's items table holds (the BFF answers up to 1,000). */
export const ITEM_PAGE_SIZES = [100, 500, 1000];

export interface ItemPage {
  offset: number;
  limit: number;
}

export const jobKeys = {
  all: ['jobs'] as const,
  lists: () => [...jobKeys.all, 'list'] as const,
  list: (everyone: boolean) => [...jobKeys.lists(), everyone ? 'everyone' : 'mine'] as const,
  details: () => [...jobKeys.all, 'detail'] as const,
  detail: (id: string) => [...jobKeys.details(), id] as const,
  items: (id: string) => [...jobKeys.detail(id), 'items'] as const,
  itemPage: (id: string, status: JobItemStatus | undefined, page: ItemPage) =>
    [...jobKeys.items(id), { status: status ?? 'all', ...page }] as const,
};

/** Whether the job is still under way (it changes until it is settled). */
export function unsettled(status: JobStatus): boolean {
  return status === 'running' || status === 'cancelling';
}

/** The user's jobs, newest first; `everyone`: every user's (admins only). */
export const jobsQuery = (everyone: boolean) =>
  queryOptions({
    queryKey: jobKeys.list(everyone),
    queryFn: ({ signal }) => bff(jobsEndpoint, { query: everyone ? { all: '1' } : {} }, { signal }),
    select: (data) => data.jobs,
    refetchInterval: (query) =>
      query.state.data?.jobs.some((job) => unsettled(job.status)) === true ? JOB_POLL_MS : false,
  });

export const jobQuery = (id: string) =>
  queryOptions({
    queryKey: jobKeys.detail(id),
    queryFn: ({ signal }) => bff(jobEndpoint, { params: { id } }, { signal }),
    refetchInterval: (query) =>
      query.state.data !== undefined && unsettled(query.state.data.status) ? JOB_POLL_MS : false,
  });

/** A page of the job's items, of one state or all; read again with the job while it runs. */
export const jobItemsQuery = (
  id: string,
  status: JobItemStatus | undefined,
  page: ItemPage,
  live: boolean,
) =>
  queryOptions({
    queryKey: jobKeys.itemPage(id, status, page),
    queryFn: ({ signal }) =>
      bff(
        jobItemsEndpoint,
        {
          params: { id },
          query: {
            ...(status === undefined ? {} : { status }),
            offset: String(page.offset),
            limit: String(page.limit),
          },
        },
        { signal },
      ),
    select: (data) => data.items,
    placeholderData: keepPreviousData,
    refetchInterval: live ? JOB_POLL_MS : false,
  });

/** The preview of the kind of job asked for (the BFF answers each spec with its own kind's). */
function previewOfKind<K extends JobKind>(kind: K, preview: JobPreviewResponse): JobPreviewOf<K> {
  if (preview.kind !== kind) throw new Error(`a preview of ${preview.kind}, not ${kind}`);
  return preview as JobPreviewOf<K>;
}

/** The spec of one kind of job. */
export type SpecOf<K extends JobKind> = Extract<JobSpec, { kind: K }>;

/** What a job of the kind would change now, and what it leaves alone and why. */
export function usePreviewJob<K extends JobKind>(kind: K) {
  return useMutation({
    mutationFn: async (spec: SpecOf<K>) =>
      previewOfKind(kind, await bff(jobPreviewEndpoint, { body: spec })),
  });
}

/** Whether the BFF refused a start because the preview no longer holds (409). */
export function isPreviewChanged(error: unknown): boolean {
  return bffCodeOf(error) === 'preview_changed';
}

/**
 * Starts the job with the count the user confirmed. Whatever the outcome, the lists are read
 * again: a start whose answer was lost may have created the job.
 */
export function useStartJob() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { spec: JobSpec; count: number }) =>
      bff(createJobEndpoint, { body: { spec: input.spec, confirm: { count: input.count } } }),
    onSuccess: (job) => {
      queryClient.setQueryData(jobKeys.detail(job.id), job);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: jobKeys.lists() }),
  });
}

/** Cancels what has not started; the job and its items are read again whatever the outcome. */
export function useCancelJob(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => bff(cancelJobEndpoint, { params: { id } }),
    onSuccess: (job) => {
      queryClient.setQueryData(jobKeys.detail(id), job);
    },
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: jobKeys.detail(id) }),
        queryClient.invalidateQueries({ queryKey: jobKeys.lists() }),
      ]),
  });
}

/**
 * Starts a new job of a finished job's failed items, as many as the user confirmed. Whatever the
 * outcome, the lists are read again: a retry whose answer was lost may have created the job.
 */
export function useRetryFailed(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (count: number) =>
      bff(retryJobEndpoint, { params: { id }, body: { confirm: { count } } }),
    onSuccess: (job) => {
      queryClient.setQueryData(jobKeys.detail(job.id), job);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: jobKeys.lists() }),
  });
}

/**
 * Resumes a cancelled job: the items it had not started, as many as the user confirmed. Whatever
 * the outcome, the job, its items and the lists are read again: a resume whose answer was lost may
 * have set it running.
 */
export function useResumeJob(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (count: number) =>
      bff(resumeJobEndpoint, { params: { id }, body: { confirm: { count } } }),
    onSuccess: (job) => {
      queryClient.setQueryData(jobKeys.detail(id), job);
    },
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: jobKeys.detail(id) }),
        queryClient.invalidateQueries({ queryKey: jobKeys.items(id) }),
        queryClient.invalidateQueries({ queryKey: jobKeys.lists() }),
      ]),
  });
}

/**
 * After a job settled: what it changed (tags deleted, policies, triggers, shares) is different in
 * the region's repositories, their counts and the fleet index; whatever shows them is read again.
 */
export function invalidateAfterJob(
  queryClient: QueryClient,
  job: Pick<JobSummary, 'id' | 'region'>,
): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: swrKeys.region(job.region) }),
    queryClient.invalidateQueries({ queryKey: fleetIndexKeys.all }),
    queryClient.invalidateQueries({ queryKey: jobKeys.items(job.id) }),
    queryClient.invalidateQueries({ queryKey: jobKeys.lists() }),
  ]);
}

/** Items read per call for the CSV (the BFF's largest page). */
const CSV_PAGE = 1000;

/** Every item of a tag clean-up in one state, page by page. */
async function allItems(id: string, status: JobItemStatus): Promise<JobItemOf<'tag-cleanup'>[]> {
  const items: JobItemOf<'tag-cleanup'>[] = [];
  for (let offset = 0; ; offset += CSV_PAGE) {
    const page = await bff(jobItemsEndpoint, {
      params: { id },
      query: { status, offset: String(offset), limit: String(CSV_PAGE) },
    });
    if (page.kind !== 'tag-cleanup') throw new Error(`items of ${page.kind}, not of a clean-up`);
    items.push(...page.items);
    if (page.items.length < CSV_PAGE) return items;
  }
}

export interface DeletedCsvHeader {
  namespace: string;
  repository: string;
  tag: string;
  digest: string;
  pushed: string;
  requestId: string;
  note: string;
}

/**
 * The CSV of what the job deleted (its items done: tag → digest, with SWR's request id), saved
 * as a file; the header in the user's language.
 */
export async function downloadDeletedCsv(
  job: JobSummary,
  header: DeletedCsvHeader,
): Promise<{ filename: string; rows: number }> {
  const items = await allItems(job.id, 'done');
  const lines = [
    [
      header.namespace,
      header.repository,
      header.tag,
      header.digest,
      header.pushed,
      header.requestId,
      header.note,
    ],
    ...items.map((item) => [
      item.target.namespace,
      item.target.repository,
      item.target.tag,
      item.target.digest,
      item.target.updated,
      item.result?.requestId ?? '',
      item.result?.message ?? '',
    ]),
  ];
  const filename = `swr-job-${job.id}-deleted.csv`;
  // A byte-order mark, so a spreadsheet reads the file as UTF-8.
  saveFile(['\uFEFF', csvText(lines)], filename, 'text/csv;charset=utf-8');
  return { filename, rows: items.length };
}

export function useDownloadDeletedCsv() {
  return useMutation({
    mutationFn: (input: { job: JobSummary; header: DeletedCsvHeader }) =>
      downloadDeletedCsv(input.job, input.header),
  });
}
