/**
 * Lint's rules for the BFF's source (eslint.config.js): its functions read as named steps (none
 * over 80 lines; tests are left alone), and every route is registered from its contract entry.
 * Shown on code linted as if it were a file of the repository, so a rule that stops firing fails
 * the suite.
 */
import { lintAs } from '@swr-dashboard/test-support/lint';
import { describe, expect, it } from 'vitest';

/** A function of `lines` lines in all (its first and last included). */
function functionOf(lines: number): string {
  const body = Array.from({ length: lines - 4 }, (_, index) => `  total += ${index};`);
  return [
    'export function steps(): number {',
    '  let total = 0;',
    ...body,
    '  return total;',
    '}',
    '',
  ].join('\n');
}

async function lengthProblems(path: string, code: string): Promise<string[]> {
  return (await lintAs(path, code))
    .filter((message) => message.ruleId === 'max-lines-per-function')
    .map((message) => message.message);
}

describe('function length in the BFF', { timeout: 60_000 }, () => {
  it('refuses a function over 80 lines in apps/bff/src', async () => {
    expect(await lengthProblems('apps/bff/src/proxy/probe.ts', functionOf(81))).toEqual([
      expect.stringContaining('has too many lines (81). Maximum allowed is 80'),
    ]);
  });

  it('allows 80 lines, and any length in tests', async () => {
    expect(await lengthProblems('apps/bff/src/proxy/probe.ts', functionOf(80))).toEqual([]);
    expect(await lengthProblems('apps/bff/test/probe.test.ts', functionOf(200))).toEqual([]);
  });
});

describe('routes in the BFF', { timeout: 60_000 }, () => {
  const problems = async (code: string) => {
    const messages = await lintAs('apps/bff/src/http/probe.ts', code);
    return messages.filter((m) => m.ruleId === 'no-restricted-syntax').length;
  };
  const routerOf = "import { Router } from 'express';\nexport const router = Router();\n";

  it('refuses a route registered by a path written in place', async () => {
    expect(await problems(`${routerOf}router.get('/api/me', (_req, res) => res.end());\n`)).toBe(1);
    expect(
      await problems(`${routerOf}router.delete('/sessions', (_req, res) => res.end());\n`),
    ).toBe(1);
  });

  it('allows a route from the contract, and other calls named get', async () => {
    expect(
      await problems(
        `${routerOf}import { meEndpoint } from '@swr-dashboard/swr-client';\nimport { serve } from './endpoint';\nserve(router, '/api', meEndpoint, (_req, res) => res.end());\nexport const size = new Map([['a', 1]]).get('a');\n`,
      ),
    ).toBe(0);
  });
});
