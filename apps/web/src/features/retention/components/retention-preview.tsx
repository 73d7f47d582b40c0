/**
 * The retention simulator's answer: every tag of the repository marked keep or delete, with the
 * reason, before anything is saved. Long lists render only the rows in view.
 */
import type { RetentionVerdict } from '@swr-dashboard/swr-client/browser';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../../components/ui/badge';
import { RelativeTime } from '../../../components/ui/relative-time';
import { useFormat } from '../../../lib/format';
import { VerdictReason, type RuleLike } from './retention-sentence';

/** Above this many rows the table renders only what is in view. */
const VIRTUAL_FROM = 200;
const ROW_HEIGHT = 37;

export interface RetentionPreviewProps {
  verdicts: readonly RetentionVerdict[];
  rule: RuleLike;
  /** How many tags the repository has (more than `verdicts` when the preview is partial). */
  total: number;
  complete: boolean;
}

function Row({ verdict, rule }: { verdict: RetentionVerdict; rule: RuleLike }) {
  const { t } = useTranslation(['retention']);
  return (
    <tr className="border-b border-border">
      <td className="px-3 py-2 font-mono text-xs">{verdict.tag}</td>
      <td className="px-3 py-2 whitespace-nowrap">
        <RelativeTime iso={verdict.updated} />
      </td>
      <td className="px-3 py-2">
        <Badge tone={verdict.action === 'delete' ? 'danger' : 'success'}>
          {t(`preview.${verdict.action}`)}
        </Badge>
      </td>
      <td className="px-3 py-2 text-muted">
        <VerdictReason verdict={verdict} rule={rule} />
      </td>
    </tr>
  );
}

export function RetentionPreview({ verdicts, rule, total, complete }: RetentionPreviewProps) {
  const { t } = useTranslation(['retention']);
  const format = useFormat();
  const [onlyDeleted, setOnlyDeleted] = useState(false);
  const headingId = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const deleted = verdicts.filter((verdict) => verdict.action === 'delete').length;
  const rows = onlyDeleted ? verdicts.filter((verdict) => verdict.action === 'delete') : verdicts;
  const virtual = rows.length > VIRTUAL_FROM;
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render only
  const virtualizer = useVirtualizer({
    count: virtual ? rows.length : 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const before = items[0]?.start ?? 0;
  const after = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={headingId} className="font-semibold">
          {t('preview.title')}
        </h3>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={onlyDeleted}
            onChange={(event) => {
              setOnlyDeleted(event.target.checked);
            }}
          />
          {t('preview.onlyDeleted')}
        </label>
      </div>
      <p
        aria-live="polite"
        className={deleted > 0 ? 'text-sm font-medium text-danger' : 'text-sm text-muted'}
      >
        {verdicts.length === 0
          ? t('preview.noTags')
          : t('preview.summary', {
              count: deleted,
              deleted: format.number(deleted),
              kept: format.number(verdicts.length - deleted),
              total: format.number(verdicts.length),
            })}
      </p>
      {complete ? null : (
        <p className="text-sm text-warning">
          {t('preview.partial', {
            shown: format.number(verdicts.length),
            total: format.number(total),
          })}
        </p>
      )}
      {rows.length === 0 ? null : (
        <div
          ref={scrollRef}
          className="max-h-96 overflow-auto rounded-lg border border-border bg-card"
          // The scrolling region must be reachable by keyboard.
          tabIndex={0}
          role="region"
          aria-labelledby={headingId}
        >
          <table className="w-full border-collapse text-left text-sm">
            <caption className="sr-only">{t('preview.caption')}</caption>
            <thead className="sticky top-0 bg-card">
              <tr>
                <th scope="col" className="border-b border-border px-3 py-2 font-medium text-muted">
                  {t('preview.tag')}
                </th>
                <th scope="col" className="border-b border-border px-3 py-2 font-medium text-muted">
                  {t('preview.pushed')}
                </th>
                <th scope="col" className="border-b border-border px-3 py-2 font-medium text-muted">
                  {t('preview.verdict')}
                </th>
                <th scope="col" className="border-b border-border px-3 py-2 font-medium text-muted">
                  {t('preview.reason')}
                </th>
              </tr>
            </thead>
            <tbody>
              {virtual ? (
                <>
                  {before > 0 ? (
                    <tr aria-hidden="true" style={{ height: before }}>
                      <td colSpan={4} />
                    </tr>
                  ) : null}
                  {items.map((item) => {
                    const verdict = rows[item.index];
                    return verdict === undefined ? null : (
                      <Row key={verdict.tag} verdict={verdict} rule={rule} />
                    );
                  })}
                  {after > 0 ? (
                    <tr aria-hidden="true" style={{ height: after }}>
                      <td colSpan={4} />
                    </tr>
                  ) : null}
                </>
              ) : (
                rows.map((verdict) => <Row key={verdict.tag} verdict={verdict} rule={rule} />)
              )}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
