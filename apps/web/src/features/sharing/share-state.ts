/**
 * A share's state for people: valid (until a date or forever), expiring within a week, or
 * expired; and the conversion between a date input (a UTC day) and SWR's deadline.
 */
import type { RepositoryShare } from '@swr-dashboard/swr-client/browser';

export const DAY_MS = 86_400_000;
/** Shares ending within this many days are marked as expiring. */
export const EXPIRING_DAYS = 7;

export type ShareState =
  | { kind: 'forever' }
  | { kind: 'valid'; days: number }
  /** `days` is 0 when less than half a day is left. */
  | { kind: 'expiring'; days: number }
  | { kind: 'expired' };

/** Whole days from now until the deadline, rounded as relative times are ("in 2 days"). */
function daysLeft(deadline: string, now: number): number {
  return Math.round((Date.parse(deadline) - now) / DAY_MS);
}

export function shareState(
  share: Pick<RepositoryShare, 'deadline' | 'status'>,
  now: number = Date.now(),
): ShareState {
  if (share.deadline === 'forever') return share.status ? { kind: 'forever' } : { kind: 'expired' };
  const end = Date.parse(share.deadline);
  if (!share.status || !Number.isFinite(end) || end <= now) return { kind: 'expired' };
  const days = daysLeft(share.deadline, now);
  return days <= EXPIRING_DAYS ? { kind: 'expiring', days } : { kind: 'valid', days };
}

/** `2026-12-31` → `2026-12-31T00:00:00Z`: access ends as that UTC day begins. */
export function dateToDeadline(date: string): string {
  return `${date}T00:00:00Z`;
}

/** The UTC day of a deadline, for a date input; empty for `forever` or an unreadable value. */
export function deadlineToDate(deadline: string): string {
  if (deadline === 'forever') return '';
  const time = Date.parse(deadline);
  return Number.isFinite(time) ? new Date(time).toISOString().slice(0, 10) : '';
}

/** The first day a new deadline may be (tomorrow, UTC): a deadline must lie ahead. */
export function earliestDate(now: number = Date.now()): string {
  return new Date(now + DAY_MS).toISOString().slice(0, 10);
}

/** Why a chosen end date cannot be used, as a key of the sharing namespace, or undefined. */
export function dateProblem(date: string, now: number = Date.now()): string | undefined {
  if (date === '') return 'form.dateMissing';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !Number.isFinite(Date.parse(dateToDeadline(date))))
    return 'form.dateInvalid';
  return date < earliestDate(now) ? 'form.datePast' : undefined;
}
