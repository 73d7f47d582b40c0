/** Where a user lands after sign-in: only a path of this console (docs/security.md case 4). */
import { describe, expect, it } from 'vitest';
import { safeReturnTo } from '../src/auth/return-to';

describe('safeReturnTo', () => {
  it.each([
    'https://evil.example',
    '//evil.example',
    '/\\evil.example',
    '/%2e%2e//evil',
    '/..//evil',
    '/a/../..//evil',
    'javascript:alert(1)',
    '/ok\r\nSet-Cookie: x=1',
    '/tab\there',
    'relative/path',
    '',
    '/%2F%2Fevil',
    `/${'a'.repeat(3000)}`,
  ])('sends %j to /', (value) => {
    expect(safeReturnTo(value)).toBe('/');
  });

  it('keeps a path of the console with its query and fragment', () => {
    expect(safeReturnTo('/cn-north-4/repositories?namespace=payments#top')).toBe(
      '/cn-north-4/repositories?namespace=payments#top',
    );
    expect(safeReturnTo(undefined)).toBe('/');
    expect(safeReturnTo(['/a'])).toBe('/');
  });
});
