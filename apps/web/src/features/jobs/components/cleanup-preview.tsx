/**
 * A clean-up's preview: a clear count, exactly the tags it deletes (paged: a rule across many
 * repositories can name thousands) and those it keeps with the reason, and Start. Above the
 * BFF's threshold the user types the count to confirm; a start refused because the tags changed
 * since (409 `preview_changed`) says so and previews again.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Button } from '../../../components/ui/button';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { Pagination } from '../../../components/ui/pagination';
import { RelativeTime } from '../../../components/ui/relative-time';
import { Table, Td, Th } from '../../../components/ui/table';
import { useFormat } from '../../../lib/format';
import { paths } from '../../../lib/paths';
import { isPreviewChanged, useStartCleanup } from '../api';
import { shortDigest } from '../texts';
import type { Previewed } from '../draft';

const PREVIEW_PAGE_SIZES = [50, 100, 500];

function usePage() {
  const [page, setPage] = useState({ offset: 0, limit: PREVIEW_PAGE_SIZES[0] ?? 50 });
  return { page, setPage };
}

function DeletedTable({ previewed }: { previewed: Previewed }) {
  const { t } = useTranslation(['jobs', 'common']);
  const { page, setPage } = usePage();
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
      {items.length > (PREVIEW_PAGE_SIZES[0] ?? 50) ? (
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
  const { page, setPage } = usePage();
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
      {kept.length > (PREVIEW_PAGE_SIZES[0] ?? 50) ? (
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
  const navigate = useNavigate();
  const start = useStartCleanup();
  const [confirming, setConfirming] = useState(false);
  const { items, kept, confirmAbove } = previewed.result;
  const count = items.length;
  const repositories = new Set(items.map((item) => `${item.namespace}/${item.repository}`)).size;
  const typed = count > confirmAbove;
  const close = () => {
    setConfirming(false);
    start.reset();
  };
  const confirm = () => {
    start.mutate(
      { spec: previewed.spec, count },
      {
        onSuccess: (job) => {
          void navigate(paths.job(job.region, job.id));
        },
        onError: (error) => {
          if (!isPreviewChanged(error)) return;
          close();
          onPreviewChanged(count);
        },
      },
    );
  };
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
            now: refreshing ? '…' : format.number(count),
          })}
        </p>
      )}
      <p role="status" className="text-sm font-medium">
        {count === 0
          ? t('preview.nothing', { kept: format.number(kept.length) })
          : t('preview.summary', {
              count,
              formatted: format.number(count),
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
      <div>
        <Button
          variant="danger"
          disabledReason={blocked}
          onClick={() => {
            start.reset();
            setConfirming(true);
          }}
        >
          {t('preview.start', { count, formatted: format.number(count) })}
        </Button>
      </div>
      <ConfirmDialog
        key={count}
        open={confirming}
        title={t('confirm.title', { count, formatted: format.number(count) })}
        effect={
          <>
            <p>
              {t('confirm.effect', {
                count,
                formatted: format.number(count),
                repositories: t('preview.repositories', { count: repositories }),
              })}
            </p>
            {typed ? (
              <p className="mt-2">
                {t('confirm.typeCount', { threshold: format.number(confirmAbove) })}
              </p>
            ) : null}
          </>
        }
        confirmLabel={t('confirm.start', { count, formatted: format.number(count) })}
        {...(typed ? { typedName: String(count) } : {})}
        busy={start.isPending}
        error={start.error ?? undefined}
        onConfirm={confirm}
        onClose={close}
      />
    </section>
  );
}
