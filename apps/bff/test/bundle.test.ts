/**
 * The BFF's bundle (scripts/bundle.ts) built by two callers at once, as a test starting two
 * replicas together does: both get a whole bundle, and neither trips over the other's files.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLE, bundle, bundleIfNeeded } from '../scripts/bundle';

describe('the BFF bundle', () => {
  it('is built whole when two builds run at once, with none of their temporary files left', async () => {
    const built = await Promise.all([bundle(), bundle(), bundleIfNeeded()]);
    expect(built).toEqual([BUNDLE, BUNDLE, BUNDLE]);
    expect(readFileSync(BUNDLE, 'utf8')).toContain('//# sourceMappingURL=main.mjs.map');
    expect(existsSync(`${BUNDLE}.map`)).toBe(true);
    const ours = (name: string) => name.includes(`.${String(process.pid)}.`);
    expect(readdirSync(dirname(BUNDLE)).filter(ours)).toEqual([]);
  }, 60_000);

  it('loads the PostgreSQL and Redis clients only when they are configured', async () => {
    const text = readFileSync(await bundleIfNeeded(), 'utf8');
    // Each costs 15–20 MB of memory once loaded: a BFF on SQLite without Redis never loads them.
    for (const library of ['pg', '@redis/client']) {
      expect(text).not.toMatch(new RegExp(`^import [^;]* from "${library}";$`, 'm'));
      expect(text).toContain(`await import("${library}")`);
    }
  });
});
