/**
 * Days of a time series (`YYYY-MM-DD`, UTC) for people: the day itself, whatever the browser's
 * time zone (midnight UTC is the day before in the Americas), short on an axis, whole elsewhere;
 * and how far apart two days are.
 */
import { useTranslation } from 'react-i18next';

const DAY_MS = 86_400_000;

export interface DayFormat {
  /** "Mar 10": an axis tick. */
  short: (day: string) => string;
  /** "Mar 10, 2026": a sentence, a table cell, a tooltip. */
  long: (day: string) => string;
}

const formats = new Map<string, DayFormat>();

function dayFormatFor(language: string): DayFormat {
  let format = formats.get(language);
  if (format === undefined) {
    const short = new Intl.DateTimeFormat(language, {
      month: 'short',
      day: 'numeric',
      timeZone: 'UTC',
    });
    const long = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' });
    const safely = (formatter: Intl.DateTimeFormat) => (day: string) => {
      const time = Date.parse(day);
      return Number.isFinite(time) ? formatter.format(time) : day;
    };
    format = { short: safely(short), long: safely(long) };
    formats.set(language, format);
  }
  return format;
}

export function useDayFormat(): DayFormat {
  const { i18n } = useTranslation();
  return dayFormatFor(i18n.language);
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
}
