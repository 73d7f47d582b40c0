/** The `X-Sdk-Date` timestamp format: UTC `YYYYMMDDTHHMMSSZ`, e.g. `20240102T030405Z`. */

const SDK_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/**
 * Formats a date as `YYYYMMDDTHHMMSSZ` (UTC, milliseconds dropped).
 *
 * @throws RangeError for an invalid date or a year outside 0000–9999 (no 4-digit form).
 */
export function formatSdkDate(date: Date): string {
  const year = date.getUTCFullYear();
  if (Number.isNaN(year) || year < 0 || year > 9999) {
    throw new RangeError('X-Sdk-Date needs a valid date with a 4-digit year');
  }
  return (
    pad(year, 4) +
    pad(date.getUTCMonth() + 1, 2) +
    pad(date.getUTCDate(), 2) +
    'T' +
    pad(date.getUTCHours(), 2) +
    pad(date.getUTCMinutes(), 2) +
    pad(date.getUTCSeconds(), 2) +
    'Z'
  );
}

/**
 * Parses `YYYYMMDDTHHMMSSZ` strictly: exact shape and real calendar values (no month 13, no
 * hour 24, no Feb 30), unlike the SDK's lenient moment.js parse. `undefined` if malformed.
 */
export function parseSdkDate(value: string): Date | undefined {
  const match = SDK_DATE.exec(value);
  if (!match) return undefined;
  const field = (index: number): number => Number(match[index]);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(field(1), field(2) - 1, field(3));
  date.setUTCHours(field(4), field(5), field(6), 0);
  // Out-of-range fields roll over (Feb 30 → Mar 2); a round trip catches that.
  return formatSdkDate(date) === value ? date : undefined;
}
