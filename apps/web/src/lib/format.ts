/**
 * Dates, numbers and sizes formatted for the chosen language. Relative times come with the exact
 * time for a title attribute.
 */
import { useTranslation } from 'react-i18next';

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

export interface Format {
  number(value: number): string;
  bytes(value: number): string;
  dateTime(iso: string): string;
  date(iso: string): string;
  /** "3 days ago", "in 5 hours"; "never" for `forever` handled by callers. */
  relative(iso: string, now?: number): string;
}

const formatters = new Map<string, Format>();

/**
 * The formatter of a language, made once: building Intl formatters is slow (milliseconds each on
 * a busy machine), and every row of a long table formats several values.
 */
export function formatterFor(language: string): Format {
  let format = formatters.get(language);
  if (format === undefined) {
    format = createFormatter(language);
    formatters.set(language, format);
  }
  return format;
}

function createFormatter(language: string): Format {
  const number = new Intl.NumberFormat(language);
  const sizes = [0, 1].map(
    (digits) => new Intl.NumberFormat(language, { maximumFractionDigits: digits }),
  );
  const dateTime = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
  const date = new Intl.DateTimeFormat(language, { dateStyle: 'medium' });
  const relative = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  return {
    number: (value) => number.format(value),
    bytes(value) {
      let size = value;
      let unit = 0;
      while (size >= 1024 && unit < UNITS.length - 1) {
        size /= 1024;
        unit += 1;
      }
      const digits = unit === 0 || size >= 100 ? 0 : 1;
      const text = (sizes[digits] ?? number).format(size);
      return `${text} ${UNITS[unit] ?? 'B'}`;
    },
    dateTime: (iso) => (Number.isFinite(Date.parse(iso)) ? dateTime.format(new Date(iso)) : iso),
    date: (iso) => (Number.isFinite(Date.parse(iso)) ? date.format(new Date(iso)) : iso),
    relative(iso, now = Date.now()) {
      const time = Date.parse(iso);
      if (!Number.isFinite(time)) return iso;
      const seconds = Math.round((time - now) / 1000);
      const steps: [Intl.RelativeTimeFormatUnit, number][] = [
        ['year', 31_536_000],
        ['month', 2_592_000],
        ['day', 86_400],
        ['hour', 3_600],
        ['minute', 60],
      ];
      for (const [unit, size] of steps) {
        if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
      }
      return relative.format(seconds, 'second');
    },
  };
}

export function useFormat(): Format {
  const { i18n } = useTranslation();
  return formatterFor(i18n.language);
}
