/**
 * A service URL fit to log or to put in an error (`DATABASE_URL`, `REDIS_URL`): its password
 * replaced. In a Redis URL a lone user part (`redis://secret@host`) is the password, so it is
 * replaced too; a PostgreSQL user name stays.
 */
export function redactedUrl(
  url: string,
  {
    scheme,
    loneUserIsSecret = false,
  }: { scheme: 'postgres' | 'redis'; loneUserIsSecret?: boolean },
): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = 'redacted';
    else if (loneUserIsSecret && parsed.username !== '') parsed.username = 'redacted';
    return parsed.href;
  } catch {
    return `${scheme}://(unreadable URL)`;
  }
}
