/**
 * How a series went over its days: its first and last value and the days between, for a chart's
 * summary ("tags grew from 1,234 to 1,456 in 30 days").
 */
import { daysBetween } from './days';

export interface Trend {
  firstDay: string;
  lastDay: string;
  first: number;
  last: number;
  /** Whole days from the first day to the last; 0 when only one day is known. */
  days: number;
  direction: 'up' | 'down' | 'flat';
}

/** The trend of `values` (oldest first); undefined when there is none. */
export function trendOf(values: readonly { day: string; value: number }[]): Trend | undefined {
  const first = values[0];
  const last = values.at(-1);
  if (first === undefined || last === undefined) return undefined;
  return {
    firstDay: first.day,
    lastDay: last.day,
    first: first.value,
    last: last.value,
    days: daysBetween(first.day, last.day),
    direction: last.value > first.value ? 'up' : last.value < first.value ? 'down' : 'flat',
  };
}
