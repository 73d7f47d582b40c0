/** What a refused sync call means for the form: a message for the organization field, or none. */
import { isSwrError, SWR_ERRORS } from '@swr-dashboard/swr-client/browser';
import type { TFunction } from 'i18next';
import { describeError, fieldError } from '../../lib/errors';

export function organizationRefusal(error: unknown, t: TFunction): string | undefined {
  if (!isSwrError(error)) return undefined;
  const issue = fieldError(error, 'remoteNamespace');
  if (issue !== undefined) return issue;
  const code = error.upstream?.code ?? error.code;
  if (code === SWR_ERRORS.namespaceNotFound.code) return describeError(error, t).message;
  return undefined;
}
