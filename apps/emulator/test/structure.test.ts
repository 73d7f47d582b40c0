// @vitest-environment node
/**
 * The workspace's floors are enforced by lint (eslint.config.js, decision 0010): no package
 * imports an app, and the emulator's effects never import its API handlers (so api/ and
 * effects/ cannot import each other). Each rule is shown to fire on code that breaks it, linted
 * as if it were a file of the repository (its text given, the files it imports read from disk).
 */
import { lintAs } from '@swr-dashboard/test-support/lint';
import { describe, expect, it } from 'vitest';

/** The import rules' messages for `code` as the file at `path` (from the repository's root). */
async function importProblems(path: string, code: string): Promise<string[]> {
  return (await lintAs(path, code))
    .filter((message) => message.ruleId?.startsWith('import-x/') === true)
    .map((message) => `${message.ruleId ?? ''}: ${message.message}`);
}

describe('the workspace’s import rules', { timeout: 60_000 }, () => {
  it('refuse a package importing an app', async () => {
    const problems = await importProblems(
      'packages/test-support/src/probe.ts',
      "import { defaultConfig } from '../../../apps/emulator/src/config';\nexport const config = defaultConfig;\n",
    );
    expect(problems).toEqual([
      expect.stringMatching(/^import-x\/no-restricted-paths: .*A package never imports an app/),
    ]);
  });

  it('refuse the emulator’s effects importing its API handlers', async () => {
    const problems = await importProblems(
      'apps/emulator/src/effects/probe.ts',
      "import { findRepository } from '../api/records';\nexport const find = findRepository;\n",
    );
    expect(problems).toEqual([
      expect.stringMatching(/^import-x\/no-restricted-paths: .*effects never import its API/),
    ]);
  });

  it('let packages import packages, and the API handlers use effects and what is below both', async () => {
    expect(
      await importProblems(
        'packages/test-support/src/probe.ts',
        "import { demoAccounts } from '@swr-dashboard/emulator-fixtures';\nexport const accounts = demoAccounts;\n",
      ),
    ).toEqual([]);
    expect(
      await importProblems(
        'apps/emulator/src/api/probe.ts',
        "import { deleteTags } from '../effects/tags';\nimport type { TagRow } from '../store/rows';\nexport type Row = TagRow;\nexport const remove = deleteTags;\n",
      ),
    ).toEqual([]);
  });
});
