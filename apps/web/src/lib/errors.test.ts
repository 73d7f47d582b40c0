/**
 * What people read about a failure: each of the BFF's error codes either has a sentence in both
 * languages or is deliberately shown as the BFF words it, and the code is read from the BFF's
 * answer, typed.
 */
import {
  BFF_ERROR_CODE_NAMES,
  httpError,
  type BffErrorCode,
} from '@swr-dashboard/swr-client/browser';
import i18n from 'i18next';
import { describe, expect, it } from 'vitest';
import { describeError } from './errors';
import { allMessages } from './i18n';

/**
 * Codes whose own message says more than a translation could: SWR's refusal (shown by SWR's code
 * when the console knows it), a list too large to filter (says how to narrow it), a failed
 * sign-in (says why), and requests only a broken client sends.
 */
const SHOWN_AS_THE_BFF_SAYS: readonly BffErrorCode[] = [
  'upstream_rejected',
  'list_too_large',
  'login_failed',
  'method_not_allowed',
  'invalid_json',
  'unsupported_media_type',
];

const messages = await allMessages();

function errorsIn(language: string): Record<string, unknown> {
  const common = messages[language]?.common as { errors?: Record<string, unknown> } | undefined;
  return common?.errors ?? {};
}

function bffAnswer(status: number, code: BffErrorCode, message: string) {
  return httpError({
    operation: '/api/me',
    status,
    body: JSON.stringify({ code, message, requestId: 'r-1' }),
    requestId: 'r-1',
  });
}

describe('error messages', () => {
  it.each(['en', 'zh-CN'])(
    '%s has a sentence for every BFF code but the listed ones',
    (language) => {
      const translated = errorsIn(language);
      const missing = BFF_ERROR_CODE_NAMES.filter(
        (code) => !SHOWN_AS_THE_BFF_SAYS.includes(code) && typeof translated[code] !== 'string',
      );
      expect(missing).toEqual([]);
    },
  );

  it("translates the BFF's code, and keeps its own words for a listed one", () => {
    const t = i18n.getFixedT('en');
    expect(describeError(bffAnswer(504, 'outcome_unknown', 'Not confirmed.'), t).message).toBe(
      errorsIn('en').outcome_unknown,
    );
    expect(describeError(bffAnswer(422, 'list_too_large', 'Narrow the filter.'), t).message).toBe(
      'Narrow the filter.',
    );
  });

  it("adds the BFF's reason to a refusal", () => {
    const t = i18n.getFixedT('en');
    expect(describeError(bffAnswer(403, 'forbidden', 'Needs the admin role.'), t).message).toBe(
      `${String(errorsIn('en').forbidden)} Needs the admin role.`,
    );
  });
});
