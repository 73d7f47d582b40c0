/**
 * A clean-up's preview (in the frame every preview shares, preview-frame.tsx): a clear count,
 * exactly the tags it deletes (paged: a rule across many repositories can name thousands) and
 * those it keeps with the reason, and Start (start-job.tsx: above the BFF's threshold the user
 * types the count to confirm; a start refused because the tags changed since, 409
 * `preview_changed`, says so and previews again).
 */
import { useTranslation } from 'react-i18next';
import { RelativeTime } from '../../../components/ui/relative-time';
import { useFormat } from '../../../lib/format';
import { shortDigest } from '../texts';
import type { Previewing } from './job-form';
import { PagedTable, PreviewFrame } from './preview-frame';

export function CleanupPreview({ previewed, ...state }: Previewing<'tag-cleanup'>) {
  const { t } = useTranslation(['jobs', 'common']);
  const format = useFormat();
  const { items, kept, confirmAbove } = previewed.result;
  const keepNewest = previewed.spec.rule.keepNewest ?? 0;
  const count = items.length;
  const formatted = format.number(count);
  const repositories = t('preview.repositories', {
    count: new Set(items.map((item) => `${item.namespace}/${item.repository}`)).size,
  });
  const repository = {
    header: t('preview.columns.repository'),
    cell: (row: { namespace: string; repository: string }) => `${row.namespace}/${row.repository}`,
  };
  const rowKey = (row: { namespace: string; repository: string; tag: string }) =>
    `${row.namespace}/${row.repository}:${row.tag}`;
  const tag = {
    header: t('preview.columns.tag'),
    className: 'font-mono',
    cell: (row: { tag: string }) => row.tag,
  };
  return (
    <PreviewFrame
      {...state}
      strings="preview"
      spec={previewed.spec}
      count={count}
      confirmAbove={confirmAbove}
      summary={
        count === 0
          ? t('preview.nothing', { kept: format.number(kept.length) })
          : t('preview.summary', {
              count,
              formatted,
              repositories,
              kept: format.number(kept.length),
            })
      }
      start={{
        button: t('preview.start', { count, formatted }),
        title: t('confirm.title', { count, formatted }),
        effect: t('confirm.effect', { count, formatted, repositories }),
        confirm: t('confirm.start', { count, formatted }),
        typeCount: t('confirm.typeCount', { threshold: format.number(confirmAbove) }),
      }}
    >
      <PagedTable
        caption={t('preview.deletedCaption')}
        columns={[
          repository,
          tag,
          {
            header: t('preview.columns.digest'),
            className: 'font-mono text-xs',
            cell: (item) => <span title={item.digest}>{shortDigest(item.digest)}</span>,
          },
          {
            header: t('preview.columns.pushed'),
            className: 'whitespace-nowrap',
            cell: (item) => <RelativeTime iso={item.updated} />,
          },
        ]}
        rows={items}
        rowKey={rowKey}
      />
      <PagedTable
        caption={t('preview.keptCaption')}
        columns={[
          repository,
          tag,
          {
            header: t('preview.columns.reason'),
            cell: (entry) =>
              entry.reason === 'protected'
                ? t('preview.reason.protected', { pattern: entry.pattern ?? entry.tag })
                : t('preview.reason.newest', { count: keepNewest }),
          },
        ]}
        rows={kept}
        rowKey={rowKey}
      />
    </PreviewFrame>
  );
}
