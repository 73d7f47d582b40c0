// @vitest-environment node
/**
 * The web app's plan is enforced by lint (eslint.config.js, decision 0009): a feature imports no
 * other feature and not the app; shared code (lib/, components/) imports no feature and not the
 * app; no import cycles; only the one BFF client calls `fetch`. Each rule is shown to fire on code that breaks it, linted as if it were
 * a file of the app (its text given, the files it imports read from disk).
 */
import { lintAs } from '@swr-dashboard/test-support/lint';
import { describe, expect, it } from 'vitest';

/** The import rules' messages for `code` as the file at `path` (from the repository's root). */
async function importProblems(path: string, code: string): Promise<string[]> {
  return (await lintAs(path, code))
    .filter((message) => message.ruleId?.startsWith('import-x/') === true)
    .map((message) => `${message.ruleId ?? ''}: ${message.message}`);
}

describe('the web app’s import rules', { timeout: 60_000 }, () => {
  it('refuse a feature importing another feature', async () => {
    const problems = await importProblems(
      'apps/web/src/features/tags/probe.ts',
      "import { triggerKeys } from '../triggers/api';\nexport const keys = triggerKeys;\n",
    );
    expect(problems).toEqual([
      expect.stringMatching(
        /^import-x\/no-restricted-paths: .*A feature never imports another feature/,
      ),
    ]);
  });

  it('refuse a feature importing the app', async () => {
    const problems = await importProblems(
      'apps/web/src/features/tags/probe.ts',
      "import { NotFoundPage } from '../../app/not-found';\nexport const page = NotFoundPage;\n",
    );
    expect(problems).toEqual([
      expect.stringMatching(/^import-x\/no-restricted-paths: .*never imports the app/),
    ]);
  });

  it('refuse shared code importing a feature', async () => {
    const problems = await importProblems(
      'apps/web/src/lib/probe.ts',
      "import { tagKeys } from '../features/tags/list';\nexport const keys = tagKeys;\n",
    );
    expect(problems).toEqual([
      expect.stringMatching(/^import-x\/no-restricted-paths: .*Shared code/),
    ]);
  });

  it('refuse an import cycle', async () => {
    // lib/swr-queries.ts imports lib/api.ts: api importing it back closes a cycle.
    const problems = await importProblems(
      'apps/web/src/lib/api.ts',
      "import { swrKeys } from './swr-queries';\nexport const keys = swrKeys;\n",
    );
    expect(problems).toEqual(['import-x/no-cycle: Dependency cycle detected']);
  });

  it('let a feature use its own files and shared code, and a route compose features', async () => {
    expect(
      await importProblems(
        'apps/web/src/features/tags/probe.ts',
        "import { tagKeys } from './list';\nimport { swrKeys } from '../../lib/swr-queries';\nexport const keys = [tagKeys, swrKeys];\n",
      ),
    ).toEqual([]);
    expect(
      await importProblems(
        'apps/web/src/app/routes/probe.tsx',
        "import { TagsTab } from '../../features/tags/components/tags-tab';\nimport { TriggersTab } from '../../features/triggers/components/triggers-tab';\nexport const tabs = [TagsTab, TriggersTab];\n",
      ),
    ).toEqual([]);
  });

  it('refuse a fetch of the BFF outside the one client', async () => {
    const code = "export const me = () => fetch('/api/me');\n";
    const rules = async (path: string) =>
      (await lintAs(path, code)).map((message) => message.ruleId);
    expect(await rules('apps/web/src/features/tags/probe.ts')).toContain('no-restricted-globals');
    expect(await rules('apps/web/src/lib/api.ts')).not.toContain('no-restricted-globals');
  });
});
