/**
 * What every kind's preview shows around its own tables: the heading, what changed since the
 * count the user confirmed (a start the BFF refused with 409 `preview_changed`), the summary,
 * that the form changed since (then it cannot start), and Start (start-job.tsx). And the preview's
 * tables, paged past the first page (a job across many repositories can name thousands of items).
 */
import type { JobKind, JobSpec } from '@swr-dashboard/swr-client/browser';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Pagination } from '../../../components/ui/pagination';
import { Table, Td, Th } from '../../../components/ui/table';
import { useFormat } from '../../../lib/format';
import type { Previewing } from './job-form';
import { PREVIEW_PAGE, PREVIEW_PAGE_SIZES, usePreviewPage } from './preview-pages';
import { StartJob, type StartTexts } from './start-job';

/** A column of a preview's table: its header, and each row's cell. */
export interface PreviewColumn<T> {
  header: string;
  className?: string;
  cell: (row: T) => ReactNode;
}

/** A table of the preview's rows (none: no table), paged past the first page. */
export function PagedTable<T>({
  caption,
  columns,
  rows,
  rowKey,
}: {
  caption: string;
  columns: readonly PreviewColumn<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
}) {
  const { page, setPage } = usePreviewPage();
  if (rows.length === 0) return null;
  const shown = rows.slice(page.offset, page.offset + page.limit);
  return (
    <div className="flex flex-col gap-1">
      <Table caption={caption}>
        <thead>
          <tr>
            {columns.map((column) => (
              <Th key={column.header}>{column.header}</Th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((column) => (
                <Td key={column.header} className={column.className}>
                  {column.cell(row)}
                </Td>
              ))}
            </tr>
          ))}
        </tbody>
      </Table>
      {rows.length > PREVIEW_PAGE ? (
        <Pagination
          offset={page.offset}
          limit={page.limit}
          total={rows.length}
          pageSizes={PREVIEW_PAGE_SIZES}
          onChange={setPage}
        />
      ) : null}
    </div>
  );
}

export function PreviewFrame({
  strings,
  spec,
  count,
  confirmAbove,
  summary,
  notes,
  start,
  stale,
  refreshing,
  changedFrom,
  onPreviewChanged,
  children,
}: Omit<Previewing<JobKind>, 'previewed'> & {
  /**
   * The block of the feature's strings that says the preview's state (`changed`, `stale`,
   * `staleReason`, `nothingReason`): the clean-up's `preview`, or the templates' and changes'.
   */
  strings: 'preview' | 'templates';
  spec: JobSpec;
  /** The items it carries out: the count Start confirms. */
  count: number;
  confirmAbove: number;
  summary: string;
  /** Said under the summary. */
  notes?: ReactNode;
  start: StartTexts;
  /** The preview's tables. */
  children: ReactNode;
}) {
  const { t } = useTranslation(['jobs', 'common']);
  const format = useFormat();
  const titleId = useId();
  const blocked = stale
    ? t(`${strings}.staleReason`)
    : refreshing
      ? t('preview.refreshing')
      : count === 0
        ? t(`${strings}.nothingReason`)
        : undefined;
  return (
    <section aria-labelledby={titleId} className="mt-6 flex flex-col gap-3">
      <h3 id={titleId} className="text-base font-semibold">
        {t('preview.title')}
      </h3>
      {changedFrom === undefined ? null : (
        <p role="alert" className="rounded-md border border-warning/60 px-3 py-2 text-sm">
          {t(`${strings}.changed`, {
            before: format.number(changedFrom),
            now: refreshing ? '…' : format.number(count),
          })}
        </p>
      )}
      <p role="status" className="text-sm font-medium">
        {summary}
      </p>
      {notes}
      {stale ? (
        <p className="text-sm text-warning" role="note">
          {t(`${strings}.stale`)}
        </p>
      ) : null}
      {children}
      <StartJob
        spec={spec}
        count={count}
        confirmAbove={confirmAbove}
        blockedReason={blocked}
        texts={start}
        onPreviewChanged={onPreviewChanged}
      />
    </section>
  );
}
