/**
 * Refusals before anything else looks at an SWR path from the browser. SWR names use only
 * letters, digits, `.`, `_`, `-` and (for repositories) `/`, sent as `$`: none needs
 * percent-encoding. So a `%` anywhere in the path (encoded slashes, dots, backslashes, NUL,
 * double encoding), a backslash, an empty or dot segment, or any other character is refused.
 */

const SAFE_PATH = /^[A-Za-z0-9._~$/-]*$/;

/** Why a raw SWR path is refused, or undefined when it may be routed. */
export function pathProblem(rawPath: string): string | undefined {
  if (!SAFE_PATH.test(rawPath)) {
    return rawPath.includes('%')
      ? 'encoded characters are not allowed in the path'
      : 'the path holds a character SWR names never use';
  }
  const segments = rawPath.split('/').slice(1);
  // `/` alone (the API version list) is the one path with an empty segment.
  if (rawPath === '/') return undefined;
  if (segments.some((segment) => segment === '')) return 'empty path segments are not allowed';
  if (segments.some((segment) => segment === '.' || segment === '..')) {
    return 'dot segments are not allowed';
  }
  return undefined;
}
