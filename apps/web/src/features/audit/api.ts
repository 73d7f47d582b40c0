/**
 * The audit trail (admins only): one page of records for the current filters, the people in the
 * trail (the user filter takes their identity key), and the CSV export of everything the filters
 * match. The BFF requires `X-CSRF: 1` on every /api call, which a plain link cannot send, so the
 * export is fetched with the header and handed to the browser as a file.
 */
import {
  auditActorsEndpoint,
  auditCsvEndpoint,
  auditListEndpoint,
  type AuditFilters,
  type AuditRecordShape,
} from '@swr-dashboard/swr-client/browser';
import { keepPreviousData, queryOptions, useMutation } from '@tanstack/react-query';
import { bff, bffAnswer } from '../../lib/api';
import { saveFile } from '../../lib/save-file';
import type { z } from '../../lib/zod';

export { AUDIT_FILTER_NAMES, type AuditFilters } from '@swr-dashboard/swr-client/browser';

export type AuditOutcome = AuditRecordShape['outcome'];

/** Someone in the trail: their identity key (`iss|sub`) and the name they last had. */
export type AuditActor = z.infer<typeof auditActorsEndpoint.answer>['actors'][number];

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

export const auditListQuery = (filters: AuditFilters, page: AuditPage, enabled = true) =>
  queryOptions({
    queryKey: auditKeys.list(filters, page),
    queryFn: ({ signal }) => bff(auditListEndpoint, { query: { ...filters, ...page } }, { signal }),
    placeholderData: keepPreviousData,
    enabled,
  });

/** Everyone in the trail by identity key, sorted by name (as the BFF answers). */
export const auditActorsQuery = () =>
  queryOptions({
    queryKey: auditKeys.actors(),
    queryFn: ({ signal }) => bff(auditActorsEndpoint, {}, { signal }),
    select: (data) => data.actors,
  });

/** How long an export may take to arrive. */
const CSV_DEADLINE_MS = 120_000;

/** The file name the BFF suggests, or a plain one. */
function filenameOf(disposition: string | null): string {
  const match = disposition === null ? null : /filename="([^"]+)"/.exec(disposition);
  return match?.[1] ?? 'swr-audit.csv';
}

/** Fetches the CSV of everything the filters match and saves it as a file. */
export async function downloadAuditCsv(filters: AuditFilters): Promise<{ filename: string }> {
  // Up to the export's cap of rows: more time than a page needs.
  const { text, headers } = await bffAnswer(
    auditCsvEndpoint,
    { query: filters },
    { deadlineMs: CSV_DEADLINE_MS },
  );
  const filename = filenameOf(headers.get('content-disposition'));
  saveFile([text], filename, 'text/csv;charset=utf-8');
  return { filename };
}

export function useDownloadAuditCsv() {
  return useMutation({ mutationFn: downloadAuditCsv });
}
