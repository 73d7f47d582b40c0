/**
 * The audit trail (admins only): one page of records for the current filters, the people in the
 * trail (the user filter takes their identity key), and the CSV export of everything the filters
 * match. The BFF requires `X-CSRF: 1` on every /api call, which a plain link cannot send, so the
 * export is fetched with the header and handed to the browser as a file.
 */
import {
  auditActorsResponse,
  auditListResponse,
  httpError,
  SwrError,
  type AuditRecordShape,
} from '@swr-dashboard/swr-client/browser';
import { keepPreviousData, queryOptions, useMutation } from '@tanstack/react-query';
import { bff } from '../../lib/api';
import type { z } from '../../lib/zod';

export type AuditOutcome = AuditRecordShape['outcome'];

/** Someone in the trail: their identity key (`iss|sub`) and the name they last had. */
export type AuditActor = z.infer<typeof auditActorsResponse>['actors'][number];

/** The filters `/api/audit` and `/api/audit.csv` take (times are ISO-8601). */
export interface AuditFilters {
  /** An identity key, as `/api/audit/actors` lists them; never a display name. */
  user?: string | undefined;
  action?: string | undefined;
  namespace?: string | undefined;
  outcome?: AuditOutcome | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export const AUDIT_FILTER_NAMES = ['user', 'action', 'namespace', 'outcome', 'from', 'to'] as const;

export interface AuditPage {
  offset: number;
  limit: number;
}

export const auditKeys = {
  all: ['audit'] as const,
  lists: () => [...auditKeys.all, 'list'] as const,
  list: (filters: AuditFilters, page: AuditPage) =>
    [...auditKeys.lists(), { ...filters, ...page }] as const,
  actors: () => [...auditKeys.all, 'actors'] as const,
};

/** The query string of a filter set (and a page), without empty values. */
export function auditSearch(filters: AuditFilters, page?: AuditPage): string {
  const params = new URLSearchParams();
  for (const name of AUDIT_FILTER_NAMES) {
    const value = filters[name];
    if (value !== undefined && value !== '') params.set(name, value);
  }
  if (page !== undefined) {
    params.set('limit', String(page.limit));
    params.set('offset', String(page.offset));
  }
  return params.toString();
}

export const auditListQuery = (filters: AuditFilters, page: AuditPage, enabled = true) =>
  queryOptions({
    queryKey: auditKeys.list(filters, page),
    queryFn: ({ signal }) =>
      bff(auditListResponse, `/api/audit?${auditSearch(filters, page)}`, { signal }),
    placeholderData: keepPreviousData,
    enabled,
  });

/** Everyone in the trail by identity key, sorted by name (as the BFF answers). */
export const auditActorsQuery = () =>
  queryOptions({
    queryKey: auditKeys.actors(),
    queryFn: ({ signal }) => bff(auditActorsResponse, '/api/audit/actors', { signal }),
    select: (data) => data.actors,
  });

const CSV_PATH = '/api/audit.csv';

/** The file name the BFF suggests, or a plain one. */
function filenameOf(disposition: string | null): string {
  const match = disposition === null ? null : /filename="([^"]+)"/.exec(disposition);
  return match?.[1] ?? 'swr-audit.csv';
}

/** Fetches the CSV of everything the filters match and saves it as a file. */
export async function downloadAuditCsv(filters: AuditFilters): Promise<{ filename: string }> {
  const query = auditSearch(filters);
  const url = query === '' ? CSV_PATH : `${CSV_PATH}?${query}`;
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { 'X-CSRF': '1', Accept: 'text/csv' },
      credentials: 'same-origin',
      redirect: 'manual',
    });
  } catch (error) {
    throw new SwrError({
      kind: 'network',
      operation: CSV_PATH,
      message: 'The console could not be reached.',
      cause: error,
    });
  }
  if (!response.ok) {
    throw httpError({
      operation: CSV_PATH,
      status: response.status,
      body: await response.text(),
      requestId: response.headers.get('x-request-id') ?? undefined,
    });
  }
  const blob = await response.blob();
  const filename = filenameOf(response.headers.get('content-disposition'));
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file once the click is handled; free the memory a little later.
  setTimeout(() => {
    URL.revokeObjectURL(href);
  }, 30_000);
  return { filename };
}

export function useDownloadAuditCsv() {
  return useMutation({ mutationFn: downloadAuditCsv });
}
