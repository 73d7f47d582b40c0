/**
 * SWR's answers to a permission change, in the user's language: the common messages, plus the
 * ones only this feature meets; which ones concern the user id field.
 */
import type { TFunction } from 'i18next';
import { describeError, type ErrorDescription } from '../../lib/errors';

/** Already granted (organization, repository), or not a user SWR accepts (e.g. oneself). */
const USER_CODES = ['SVCSTG.SWR.4090076', 'SVCSTG.SWR.4090089', 'SVCSTG.SWR.4001067'];

export function describePermissionError(error: unknown, t: TFunction): ErrorDescription {
  const description = describeError(error, t);
  const code = description.swrCode?.replace(/^SVCSTG\.SWR\./, '');
  const own = code === undefined ? '' : t(`permissions:swrErrors.${code}`, { defaultValue: '' });
  return own === '' ? description : { ...description, message: own };
}

export function concernsUser(description: ErrorDescription | undefined): boolean {
  return description?.swrCode !== undefined && USER_CODES.includes(description.swrCode);
}
