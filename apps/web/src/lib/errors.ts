/**
 * What to tell people about a failure, in their language: the BFF's stable error codes and SWR's
 * codes map to translated sentences; the request id is shown so support can find the call.
 */
import { bffCodeOf, isSwrError } from '@swr-dashboard/swr-client/browser';
import type { TFunction } from 'i18next';

export interface ErrorDescription {
  message: string;
  requestId: string | undefined;
  /** SWR's own code, when SWR refused. */
  swrCode: string | undefined;
  retryable: boolean;
  /** Field-level problems (`body.namespace`: message). */
  issues: readonly { path: string; message: string }[];
}

export function describeError(error: unknown, t: TFunction): ErrorDescription {
  if (!isSwrError(error)) {
    return {
      message: t('common:errors.unknown'),
      requestId: undefined,
      swrCode: undefined,
      retryable: true,
      issues: [],
    };
  }
  const bffCode = bffCodeOf(error);
  const swrCode = error.upstream?.code ?? (error.shape === 'bff' ? undefined : error.code);
  let message: string;
  // Keys are SWR's number without the prefix: i18next reads dots as nesting.
  const swrKey =
    swrCode === undefined ? undefined : `common:swrErrors.${swrCode.replace(/^SVCSTG\.SWR\./, '')}`;
  if (swrKey !== undefined && t(swrKey, { defaultValue: '' }) !== '') {
    message = t(swrKey);
  } else if (bffCode !== undefined && t(`common:errors.${bffCode}`, { defaultValue: '' }) !== '') {
    message = t(`common:errors.${bffCode}`);
    if (bffCode === 'forbidden' && error.message !== '') message = `${message} ${error.message}`;
  } else if (error.kind !== 'http') {
    message = t(`common:errors.kind.${error.kind}`);
  } else {
    message = error.message;
  }
  return {
    message,
    requestId: error.requestId,
    swrCode,
    retryable: error.retryable || error.kind === 'http',
    issues: error.issues,
  };
}

/**
 * Whether asking again cannot help: the thing does not exist (404) or the user may not see it
 * (403). Views show such an error without a Retry.
 */
export function isFinalError(error: unknown): boolean {
  return (
    isSwrError(error) && error.kind === 'http' && (error.status === 403 || error.status === 404)
  );
}

/** The message for one field, from a failed form's issues (`body.namespace` → `namespace`). */
export function fieldError(error: unknown, field: string): string | undefined {
  if (!isSwrError(error)) return undefined;
  return error.issues.find(
    (issue) => issue.path === `body.${field}` || issue.path.startsWith(`body.${field}.`),
  )?.message;
}
