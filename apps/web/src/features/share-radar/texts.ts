/**
 * What the radar says about a share's end and an account's earliest end, in the chosen language
 * and relative to when the index was read: "ends in 3 days", "ended 2 days ago", "never ends".
 */
import type { TFunction } from 'i18next';
import type { BadgeTone } from '../../components/ui/badge';
import type { Format } from '../../lib/format';
import type { AccountSummary, ShareEnd, ShareRow } from './rows';

export type RadarT = TFunction<['share-radar', 'common']>;

export interface EndTexts {
  /** "ends in 3 days", "ended 2 days ago", "never ends", "no longer valid". */
  text: string;
  /** The date in full, when there is one. */
  title: string | undefined;
}

export const END_TONES: Record<ShareEnd, BadgeTone> = {
  ended: 'neutral',
  soon: 'warning',
  later: 'success',
  forever: 'info',
};

/** When a share ends, in words. */
export function endTexts(row: ShareRow, t: RadarT, format: Format, now: number): EndTexts {
  if (row.endsAt === null) {
    return { text: t(row.end === 'ended' ? 'ends.invalid' : 'ends.never'), title: undefined };
  }
  const when = format.relative(row.share.until, now);
  const title = format.dateTime(row.share.until);
  if (row.end !== 'ended') return { text: t('ends.future', { when }), title };
  // SWR no longer counts it as valid although its date lies ahead.
  if (row.endsAt > now) return { text: t('ends.invalid'), title };
  return { text: t('ends.past', { when }), title };
}

/** An account's earliest end of its open shares, in words. */
export function earliestEndText(
  summary: AccountSummary,
  t: RadarT,
  format: Format,
  now: number,
): EndTexts {
  if (summary.earliestEnd === null) {
    return {
      text: t(summary.open === 0 ? 'accounts.allEnded' : 'ends.never'),
      title: undefined,
    };
  }
  const iso = new Date(summary.earliestEnd).toISOString();
  return {
    text: t('ends.future', { when: format.relative(iso, now) }),
    title: format.dateTime(iso),
  };
}
