/**
 * A clean-up's preview: a clear count, exactly the tags it deletes (paged: a rule across many
 * repositories can name thousands) and those it keeps with the reason, and Start (start-job.tsx:
 * above the BFF's threshold the user types the count to confirm; a start refused because the tags
 * changed since, 409 `preview_changed`, says so and previews again).
 */
import { useTranslation } from 'react-i18next';
import { Pagination } from '../../../components/ui/pagination';
import { RelativeTime } from '../../../components/ui/relative-time';
import { Table, Td, Th } from '../../../components/ui/table';
import { useFormat } from '../../../lib/format';
import { shortDigest } from '../texts';
import type { Previewed } from '../draft';
import { PREVIEW_PAGE, PREVIEW_PAGE_SIZES, usePreviewPage } from './preview-pages';
import { StartJob } from './start-job';

function DeletedTable({ previewed }: { previewed: Previewed }) {
  const { t } = useTranslation(['jobs', 'common']);
  const { page, setPage } = usePreviewPage();
  const { items } = previewed.result;
  if (items.length === 0) return null;
  const shown = items.slice(page.offset, page.offset + page.limit);
  return (
    <div className="flex flex-col gap-1">
      <Table caption={t('preview.deletedCaption')}>
        <thead>
          <tr>
            <Th>{t('preview.columns.repository')}</Th>
            <Th>{t('preview.columns.tag')}</Th>
            <Th>{t('preview.columns.digest')}</Th>
            <Th>{t('preview.columns.pushed')}</Th>
          </tr>
        </thead>
        <tbody>
          {shown.map((item) => (
            <tr key={`${item.namespace}/${item.repository}:${item.tag}`}>
              <Td>
                {item.namespace}/{item.repository}
              </Td>
              <Td className="font-mono">{item.tag}</Td>
              <Td className="font-mono text-xs">
                <span title={item.digest}>{shortDigest(item.digest)}</span>
              </Td>
              <Td className="whitespace-nowrap">
                <RelativeTime iso={item.updated} />
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
      {items.length > PREVIEW_PAGE ? (
        <Pagination
          offset={page.offset}
          limit={page.limit}
          total={items.length}
          pageSizes={PREVIEW_PAGE_SIZES}
          onChange={setPage}
        />
      ) : null}
    </div>
  );
}

function KeptTable({ previewed }: { previewed: Previewed }) {
  const { t } = useTranslation(['jobs', 'common']);
  const { page, setPage } = usePreviewPage();
  const { kept } = previewed.result;
  const keepNewest = previewed.spec.rule.keepNewest ?? 0;
  if (kept.length === 0) return null;
  const shown = kept.slice(page.offset, page.offset + page.limit);
  return (
    <div className="flex flex-col gap-1">
      <Table caption={t('preview.keptCaption')}>
        <thead>
          <tr>
            <Th>{t('preview.columns.repository')}</Th>
            <Th>{t('preview.columns.tag')}</Th>
            <Th>{t('preview.columns.reason')}</Th>
          </tr>
        </thead>
        <tbody>
          {shown.map((entry) => (
            <tr key={`${entry.namespace}/${entry.repository}:${entry.tag}`}>
              <Td>
                {entry.namespace}/{entry.repository}
              </Td>
              <Td className="font-mono">{entry.tag}</Td>
              <Td>
                {entry.reason === 'protected'
                  ? t('preview.reason.protected', { pattern: entry.pattern ?? entry.tag })
                  : t('preview.reason.newest', { count: keepNewest })}
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
      {kept.length > PREVIEW_PAGE ? (
        <Pagination
          offset={page.offset}
          limit={page.limit}
          total={kept.length}
          pageSizes={PREVIEW_PAGE_SIZES}
          onChange={setPage}
        />
      ) : null}
    </div>
  );
}

export function CleanupPreview({
  previewed,
  stale,
  refreshing,
  changedFrom,
  onPreviewChanged,
}: {
  previewed: Previewed;
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
  const { items, kept, confirmAbove } = previewed.result;
  const count = items.length;
  const formatted = format.number(count);
  const repositories = new Set(items.map((item) => `${item.namespace}/${item.repository}`)).size;
  const blocked = stale
    ? t('preview.staleReason')
    : refreshing
      ? t('preview.refreshing')
      : count === 0
        ? t('preview.nothingReason')
        : undefined;
  return (
    <section aria-labelledby="cleanup-preview-title" className="mt-6 flex flex-col gap-3">
      <h3 id="cleanup-preview-title" className="text-base font-semibold">
        {t('preview.title')}
      </h3>
      {changedFrom === undefined ? null : (
        <p role="alert" className="rounded-md border border-warning/60 px-3 py-2 text-sm">
          {t('preview.changed', {
            before: format.number(changedFrom),
            now: refreshing ? '…' : formatted,
          })}
        </p>
      )}
      <p role="status" className="text-sm font-medium">
        {count === 0
          ? t('preview.nothing', { kept: format.number(kept.length) })
          : t('preview.summary', {
              count,
              formatted,
              repositories: t('preview.repositories', { count: repositories }),
              kept: format.number(kept.length),
            })}
      </p>
      {stale ? (
        <p className="text-sm text-warning" role="note">
          {t('preview.stale')}
        </p>
      ) : null}
      <DeletedTable previewed={previewed} />
      <KeptTable previewed={previewed} />
      <StartJob
        spec={previewed.spec}
        count={count}
        confirmAbove={confirmAbove}
        blockedReason={blocked}
        texts={{
          button: t('preview.start', { count, formatted }),
          title: t('confirm.title', { count, formatted }),
          effect: t('confirm.effect', {
            count,
            formatted,
            repositories: t('preview.repositories', { count: repositories }),
          }),
          confirm: t('confirm.start', { count, formatted }),
          typeCount: t('confirm.typeCount', { threshold: format.number(confirmAbove) }),
        }}
        onPreviewChanged={onPreviewChanged}
      />
    </section>
  );
}
