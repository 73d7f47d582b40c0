/**
 * The preview of a template or a change (every kind but the tag clean-up): a clear count, exactly
 * the items it carries out in the kind's columns (paged) and what it leaves alone with the reason,
 * and Start with the count confirmed (start-job.tsx). A retention policy's preview says how many
 * tags SWR deletes at once, and which protected ones among them.
 */
import type { JobPreviewOf, JobSpec } from '@swr-dashboard/swr-client/browser';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Pagination } from '../../../components/ui/pagination';
import { Table, Td, Th } from '../../../components/ui/table';
import { useFormat, type Format } from '../../../lib/format';
import type { SpecOf } from '../api';
import type { TemplateKind } from '../kinds';
import { itemColumns, keptText, specText, utcDay, type ItemColumn, type JobsT } from '../texts';
import { PREVIEW_PAGE, PREVIEW_PAGE_SIZES, usePreviewPage } from './preview-pages';
import { StartJob } from './start-job';

/** A preview as it was read, with the spec it was read for (of the same kind). */
export interface TemplatePreviewed {
  spec: SpecOf<TemplateKind>;
  result: JobPreviewOf<TemplateKind>;
}

/** Which of the preview's texts a spec reads: the kind, and for a change its direction. */
type Variant = 'retention' | 'sync' | 'trigger' | 'extend' | 'revoke' | 'enable' | 'disable';

function variantOf(spec: JobSpec): Variant {
  switch (spec.kind) {
    case 'share-change':
      return spec.change.action;
    case 'trigger-switch':
      return spec.enable ? 'enable' : 'disable';
    case 'sync-template':
      return 'sync';
    case 'trigger-template':
      return 'trigger';
    default:
      return 'retention';
  }
}

/** The values the variant's effect speaks of. */
function effectValues(spec: JobSpec, t: JobsT, format: Format, deletes: number) {
  return {
    target: spec.kind === 'sync-template' ? specText(spec, t) : '',
    name: spec.kind === 'trigger-template' ? spec.trigger.name : '',
    end:
      spec.kind === 'share-change' && spec.change.action === 'extend'
        ? spec.change.deadline === 'forever'
          ? t('templates.never')
          : t('items.cells.endsOn', { date: utcDay(spec.change.deadline) })
        : '',
    deletes: format.number(deletes),
  };
}

/** A table of the preview's rows, paged past the first page. */
function PagedTable<T>({
  caption,
  headers,
  rows,
  rowKey,
  cells,
}: {
  caption: string;
  headers: string[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  cells: (row: T) => ReactNode[];
}) {
  const { page, setPage } = usePreviewPage();
  if (rows.length === 0) return null;
  const shown = rows.slice(page.offset, page.offset + page.limit);
  return (
    <div className="flex flex-col gap-1">
      <Table caption={caption}>
        <thead>
          <tr>
            {headers.map((header) => (
              <Th key={header}>{header}</Th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <tr key={rowKey(row)}>
              {cells(row).map((cell, index) => (
                <Td key={headers[index] ?? index}>{cell}</Td>
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

type Item = JobPreviewOf<TemplateKind>['items'][number];

function cellOf(column: ItemColumn<Item>, item: Item): ReactNode {
  return (
    <span className={column.mono === true ? 'font-mono' : undefined} title={column.title?.(item)}>
      {column.text(item)}
    </span>
  );
}

export function TemplatePreview({
  previewed,
  stale,
  refreshing,
  changedFrom,
  onPreviewChanged,
}: {
  previewed: TemplatePreviewed;
  /** The form no longer asks for what was previewed. */
  stale: boolean;
  /** A preview is being read again. */
  refreshing: boolean;
  /** The count the user had confirmed when the BFF said the preview changed. */
  changedFrom: number | undefined;
  onPreviewChanged: (confirmedCount: number) => void;
}) {
  const { t } = useTranslation(['jobs', 'common']);
  const format = useFormat();
  const { spec, result } = previewed;
  const items: readonly Item[] = result.items;
  const { kept, confirmAbove } = result;
  const variant = variantOf(spec);
  const count = items.length;
  const formatted = format.number(count);
  const retention = result.kind === 'retention-template' ? result.items : [];
  const deletes = retention.reduce((sum, item) => sum + item.deletes, 0);
  const protectedTags = retention.flatMap((item) =>
    item.protectedDeleted.map((tag) => `${item.namespace}/${item.repository}:${tag}`),
  );
  // The kind's columns; every item of this preview is of the spec's kind.
  const columns = itemColumns<TemplateKind>(spec.kind, t, format);
  const values = { count, formatted, kept: format.number(kept.length) };
  const blocked = stale
    ? t('templates.staleReason')
    : refreshing
      ? t('preview.refreshing')
      : count === 0
        ? t('templates.nothingReason')
        : undefined;
  const effect = t(`templates.${variant}.effect`, {
    ...values,
    ...effectValues(spec, t, format, deletes),
  });
  return (
    <section aria-labelledby="template-preview-title" className="mt-6 flex flex-col gap-3">
      <h3 id="template-preview-title" className="text-base font-semibold">
        {t('preview.title')}
      </h3>
      {changedFrom === undefined ? null : (
        <p role="alert" className="rounded-md border border-warning/60 px-3 py-2 text-sm">
          {t('templates.changed', {
            before: format.number(changedFrom),
            now: refreshing ? '…' : formatted,
          })}
        </p>
      )}
      <p role="status" className="text-sm font-medium">
        {count === 0
          ? t('templates.nothing', values)
          : t(`templates.${variant}.summary`, { ...values, deletes: format.number(deletes) })}
      </p>
      {protectedTags.length === 0 ? null : (
        <p role="note" className="rounded-md border border-danger/60 px-3 py-2 text-sm">
          {t('templates.retention.protected', {
            count: protectedTags.length,
            tags: protectedTags.join(', '),
          })}
        </p>
      )}
      {stale ? (
        <p className="text-sm text-warning" role="note">
          {t('templates.stale')}
        </p>
      ) : null}
      <PagedTable
        caption={t(`templates.${variant}.items`)}
        headers={[t('items.columns.repository'), ...columns.map((column) => column.header)]}
        rows={items}
        rowKey={(item) => `${item.namespace}/${item.repository} ${columns[0]?.text(item) ?? ''}`}
        cells={(item) => [
          `${item.namespace}/${item.repository}`,
          ...columns.map((column) => cellOf(column, item)),
        ]}
      />
      <PagedTable
        caption={t('templates.keptCaption')}
        headers={[
          t('items.columns.repository'),
          t('templates.columns.subject'),
          t('templates.columns.reason'),
        ]}
        rows={kept}
        rowKey={(entry) => `${entry.namespace}/${entry.repository} ${entry.subject}`}
        cells={(entry) => [
          `${entry.namespace}/${entry.repository}`,
          entry.subject === '' ? t('templates.columns.itsPolicy') : entry.subject,
          keptText(entry, spec, t),
        ]}
      />
      <StartJob
        spec={spec}
        count={count}
        confirmAbove={confirmAbove}
        blockedReason={blocked}
        texts={{
          button: t(`templates.${variant}.start`, values),
          title: t(`templates.${variant}.title`, values),
          effect: `${effect} ${t('templates.paced')}`,
          confirm: t(`templates.${variant}.confirm`, values),
          typeCount: t('templates.typeCount', { threshold: format.number(confirmAbove) }),
        }}
        onPreviewChanged={onPreviewChanged}
      />
    </section>
  );
}
