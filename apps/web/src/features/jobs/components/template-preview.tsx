/**
 * The preview of a template or a change (every kind but the tag clean-up): a clear count, exactly
 * the items it carries out in the kind's columns (paged) and what it leaves alone with the reason,
 * and Start with the count confirmed (start-job.tsx). A retention policy's preview says how many
 * tags SWR deletes at once, and which protected ones among them.
 */
import type { JobPreviewOf, JobSpec } from '@swr-dashboard/swr-client/browser';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat, type Format } from '../../../lib/format';
import type { TemplateKind } from '../kinds';
import { itemColumns, keptText, specText, utcDay, type ItemColumn, type JobsT } from '../texts';
import type { Previewing } from './job-form';
import { PagedTable, PreviewFrame, type PreviewColumn } from './preview-frame';

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

type Item = JobPreviewOf<TemplateKind>['items'][number];

function cellOf(column: ItemColumn<Item>, item: Item): ReactNode {
  return (
    <span className={column.mono === true ? 'font-mono' : undefined} title={column.title?.(item)}>
      {column.text(item)}
    </span>
  );
}

export function TemplatePreview({ previewed, ...state }: Previewing<TemplateKind>) {
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
  const effect = t(`templates.${variant}.effect`, {
    ...values,
    ...effectValues(spec, t, format, deletes),
  });
  const repository: PreviewColumn<{ namespace: string; repository: string }> = {
    header: t('items.columns.repository'),
    cell: (row) => `${row.namespace}/${row.repository}`,
  };
  return (
    <PreviewFrame
      {...state}
      strings="templates"
      spec={spec}
      count={count}
      confirmAbove={confirmAbove}
      summary={
        count === 0
          ? t('templates.nothing', values)
          : t(`templates.${variant}.summary`, { ...values, deletes: format.number(deletes) })
      }
      notes={
        protectedTags.length === 0 ? null : (
          <p role="note" className="rounded-md border border-danger/60 px-3 py-2 text-sm">
            {t('templates.retention.protected', {
              count: protectedTags.length,
              tags: protectedTags.join(', '),
            })}
          </p>
        )
      }
      start={{
        button: t(`templates.${variant}.start`, values),
        title: t(`templates.${variant}.title`, values),
        effect: `${effect} ${t('templates.paced')}`,
        confirm: t(`templates.${variant}.confirm`, values),
        typeCount: t('templates.typeCount', { threshold: format.number(confirmAbove) }),
      }}
    >
      <PagedTable
        caption={t(`templates.${variant}.items`)}
        columns={[
          repository,
          ...columns.map((column) => ({
            header: column.header,
            cell: (item: Item) => cellOf(column, item),
          })),
        ]}
        rows={items}
        rowKey={(item) => `${item.namespace}/${item.repository} ${columns[0]?.text(item) ?? ''}`}
      />
      <PagedTable
        caption={t('templates.keptCaption')}
        columns={[
          repository,
          {
            header: t('templates.columns.subject'),
            cell: (entry) =>
              entry.subject === '' ? t('templates.columns.itsPolicy') : entry.subject,
          },
          { header: t('templates.columns.reason'), cell: (entry) => keptText(entry, spec, t) },
        ]}
        rows={kept}
        rowKey={(entry) => `${entry.namespace}/${entry.repository} ${entry.subject}`}
      />
    </PreviewFrame>
  );
}
