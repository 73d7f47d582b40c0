/**
 * Loading, empty and error states. Every view shows one of them while it has no data; an error
 * says what failed and offers a retry.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isSwrError } from '@swr-dashboard/swr-client/browser';
import { describeError, isFinalError } from '../../lib/errors';
import { useCountdown } from '../../lib/use-countdown';
import { Button } from './button';

export function LoadingState({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div role="status" aria-live="polite" className="flex flex-col gap-2 py-6">
      <span className="sr-only">{label ?? t('states.loading')}</span>
      {[0, 1, 2].map((row) => (
        <div key={row} aria-hidden="true" className="h-4 animate-pulse rounded bg-hover" />
      ))}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="flex flex-col items-center gap-2 rounded-lg border border-dashed border-border px-6 py-10 text-center">
      <p className="font-medium">{title}</p>
      {children === undefined ? null : <div className="text-sm text-muted">{children}</div>}
    </div>
  );
}

/** An inline error: what failed, SWR's code and the request id. */
export function ErrorNotice({ error, what }: { error: unknown; what?: string }) {
  const { t } = useTranslation();
  const description = describeError(error, t);
  return (
    <div role="alert" className="rounded-md border border-danger/40 bg-danger/10 px-3 py-2 text-sm">
      {what === undefined ? null : <p className="font-medium">{what}</p>}
      <p>{description.message}</p>
      {description.swrCode === undefined && description.requestId === undefined ? null : (
        <p className="mt-1 text-xs text-muted">
          {description.swrCode === undefined ? null : (
            <span>{t('common:errors.swrCode', { code: description.swrCode })} </span>
          )}
          {description.requestId === undefined
            ? null
            : t('common:errors.requestId', { id: description.requestId })}
        </p>
      )}
    </div>
  );
}

/**
 * A view that failed to load: the error and a retry. When the console asked to wait (a limit's
 * `Retry-After`), the retry counts the seconds down and waits for them. A thing that does not
 * exist or that the user may not see gets no retry: asking again cannot help.
 */
export function ErrorState({
  error,
  what,
  onRetry,
}: {
  error: unknown;
  what: string;
  onRetry: () => void;
}) {
  const wait = isSwrError(error) ? error.retryAfter : undefined;
  return (
    <div className="flex flex-col items-start gap-3 py-4">
      <ErrorNotice error={error} what={what} />
      {isFinalError(error) ? null : (
        <RetryButton key={`${String(wait)}:${describeKey(error)}`} wait={wait} onRetry={onRetry} />
      )}
    </div>
  );
}

/** Tells one failure from the next, so that each wait counts down from its own start. */
function describeKey(error: unknown): string {
  return isSwrError(error) ? `${error.requestId ?? ''}:${error.code ?? ''}` : '';
}

function RetryButton({ wait, onRetry }: { wait: number | undefined; onRetry: () => void }) {
  const { t } = useTranslation();
  const left = useCountdown(wait);
  return (
    <>
      {left > 0 ? (
        <p role="status" className="text-sm text-muted">
          {t('errors.retryIn', { count: left })}
        </p>
      ) : null}
      <Button onClick={onRetry} disabled={left > 0}>
        {t('actions.retry')}
      </Button>
    </>
  );
}
