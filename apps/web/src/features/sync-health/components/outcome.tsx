/**
 * What a manual sync came to, request by request: all synced, the tags SWR says failed, refused
 * (with why), no answer (it may have happened), or not sent. Below it, the index: the BFF re-reads
 * the repository right after a change made through the console, and the page reads the index
 * again until it shows that.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button';
import { ErrorNotice } from '../../../components/ui/states';
import { useFormat } from '../../../lib/format';
import { cn } from '../../../lib/cn';
import type { RequestOutcome } from '../api';
import { rowNames, type HealthRow } from '../rows';

export interface SyncOutcome {
  row: HealthRow;
  requests: RequestOutcome[];
  /** When the sync was asked for (ms). */
  since: number;
}

/** Where the index is: re-reading, re-read, or not yet after the page stopped asking. */
export type IndexState = 'reading' | 'read' | 'notYet';

export function Outcome({
  outcome,
  index,
  onDismiss,
}: {
  outcome: SyncOutcome;
  index: IndexState;
  onDismiss: () => void;
}) {
  const { t } = useTranslation('sync-health');
  const headingId = useId();
  const trouble = outcome.requests.some(
    (request) => request.kind !== 'done' || request.failed.length > 0,
  );
  return (
    <div
      role={trouble ? 'alert' : 'status'}
      aria-labelledby={headingId}
      className={cn(
        'flex flex-col gap-2 rounded-md border bg-card px-3 py-2 text-sm',
        trouble ? 'border-danger/50' : 'border-success/50',
      )}
    >
      <div className="flex items-start justify-between gap-3">
        <p id={headingId} className="font-medium">
          {t('outcome.heading', rowNames(outcome.row))}
        </p>
        <Button size="sm" variant="ghost" aria-label={t('outcome.dismiss')} onClick={onDismiss}>
          ✕
        </Button>
      </div>
      <ul className="flex flex-col gap-2">
        {outcome.requests.map((request, position) => (
          <RequestLine
            key={position}
            request={request}
            index={position + 1}
            total={outcome.requests.length}
          />
        ))}
      </ul>
      <p className="text-muted">{t(`outcome.${index}`)}</p>
    </div>
  );
}

function RequestLine({
  request,
  index,
  total,
}: {
  request: RequestOutcome;
  index: number;
  total: number;
}) {
  const { t } = useTranslation('sync-health');
  const format = useFormat();
  const count = request.tags.length;
  const head = t('outcome.request', { index, total, count, formatted: format.number(count) });
  if (request.kind === 'done' && request.failed.length === 0) {
    return (
      <li>
        {head} {t('outcome.allSynced', { count, formatted: format.number(count) })}
      </li>
    );
  }
  if (request.kind === 'done') {
    return (
      <li className="flex flex-col gap-1">
        <span>
          {head}{' '}
          {t('outcome.someFailed', {
            count,
            formatted: format.number(count),
            failed: format.number(request.failed.length),
          })}
        </span>
        <ul aria-label={t('outcome.failedTags', { index })} className="flex flex-wrap gap-1">
          {request.failed.map((tag) => (
            <li key={tag} className="rounded border border-danger/50 px-1.5 font-mono text-xs">
              {tag}
            </li>
          ))}
        </ul>
      </li>
    );
  }
  return (
    <li className="flex flex-col gap-1">
      <span>
        {head} {t(`outcome.${request.kind}`)}
      </span>
      {request.kind === 'skipped' ? null : <ErrorNotice error={request.error} />}
    </li>
  );
}
