/**
 * Where to send a user after sign-in: only a path of this console. Absolute URLs,
 * protocol-relative `//host`, backslashes, encoded slashes or dots, control characters and
 * anything not starting with a single `/` fall back to `/`.
 */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return '/';
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return '/';
  if (/%(?:2f|5c|2e|00|25)/i.test(value)) return '/';
  try {
    const url = new URL(value, 'http://console.invalid');
    if (url.origin !== 'http://console.invalid') return '/';
    // Dot segments can normalize `/..//evil` into `//evil`: check the result again.
    if (url.pathname.startsWith('//') || url.pathname.startsWith('/\\')) return '/';
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return '/';
  }
}
