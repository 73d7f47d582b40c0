/**
 * Lint as the repository runs it (eslint.config.js), on code given as text, linted as if it were
 * the file at a path of the repository (the files it imports are read from disk). For tests that
 * show a lint rule firing on code that breaks it. Apart from the package's main entry, so that
 * whoever starts a stack does not load ESLint.
 */
import { ESLint, type Linter } from 'eslint';
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

let eslint: ESLint | undefined;

/** The messages of every rule for `code` as the file at `path` (from the repository's root). */
export async function lintAs(path: string, code: string): Promise<Linter.LintMessage[]> {
  eslint ??= new ESLint({
    cwd: ROOT,
    // The code is not on disk, so it has no TypeScript program: rules that need one are left
    // out; the structure and source rules need none.
    overrideConfig: [{ files: ['**/*.{ts,tsx}'], ...tseslint.configs.disableTypeChecked }],
  });
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}${path}` });
  return result?.messages ?? [];
}
